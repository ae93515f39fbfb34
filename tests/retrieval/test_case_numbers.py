"""A diarienummer is a case number, not a day: "Vilket diarienummer har handlingsplanen …?" is not
answered by the protokoll's "2026-05-18" (a day in ISO form once read as the case number "2026-05"),
and a line that is only a value, such as a protokoll page's date stamp, says nothing of what it
is and answers nothing. A case number written as such still answers. The PDFs are made by the test."""

from __future__ import annotations

import pytest

from retrieval.service import Planchat
from tests.asking import quotes

pytestmark = pytest.mark.slow

PROTOKOLL = [
    [
        "# § 31 Handlingsplan för korttidstillsyn och korttidsverksamhet",
        "Vård- och omsorgsnämnden har den 2026-05-18 behandlat handlingsplanen för korttidstillsyn "
        "och korttidsverksamhet, som ska ge verksamheterna gemensamma lokaler.",
        "Förvaltningen redovisar hur samlokaliseringen ska gå till under hösten.",
        "# Beslut",
        "Handlingsplanen för korttidstillsyn och korttidsverksamhet godkänns.",
        "2026-05-18",
    ],
]


KUN_PROTOKOLL = [
    [
        "# § 48 Utbildningsplan för introduktionsprogrammen",
        "Kultur- och utbildningsnämnden fastställer utbildningsplanen för introduktionsprogrammen "
        "vid gymnasieskolan.",
        "Planen revideras när programmens innehåll ändras.",
        "2026-06-17",
    ],
]

RIKTLINJE = [
    [
        "# Riktlinje för registerkontroll",
        "Datum: 2026-04-20\nDiarienummer: 2026.118 VON",
        "# Ärendet",
        "Förvaltningen har tagit fram en riktlinje för registerkontroll vid anställning inom "
        "vård och omsorg.",
    ],
]


@pytest.fixture(scope="module")
def svc(service_over_reports) -> Planchat:  # type: ignore[no-untyped-def]
    return service_over_reports(
        "case_numbers",
        {
            "protokoll.pdf": (
                "Vård- och omsorgsnämndens protokoll 2026-05-18",
                PROTOKOLL,
                "Alingsås kommun  Vård- och omsorgsnämnden  Protokoll",
            ),
            "kun.pdf": (
                "Kultur- och utbildningsnämndens protokoll",
                KUN_PROTOKOLL,
                "Alingsås kommun  Kultur- och utbildningsnämnden  Protokoll",
            ),
            "riktlinje.pdf": (
                "Riktlinje för registerkontroll",
                RIKTLINJE,
                "Alingsås kommun  Tjänsteskrivelse",
            ),
        },
    )


@pytest.mark.parametrize(
    "question",
    [
        "Vilket diarienummer har handlingsplanen för korttidstillsyn och korttidsverksamhet?",
        "What is the diarienummer of the action plan for korttidstillsyn och korttidsverksamhet?",
    ],
)
def test_a_day_is_not_read_out_as_a_case_number(svc: Planchat, question: str) -> None:
    answer = svc.ask(question)
    assert not answer.answered, answer.text


def test_a_case_number_written_as_one_answers(svc: Planchat) -> None:
    answer = svc.ask("Vilket diarienummer har riktlinjen för registerkontroll?")
    assert answer.answered and "2026.118" in " ".join(quotes(answer.text)), answer.text


def test_a_bare_date_stamp_does_not_answer_when(svc: Planchat) -> None:
    answer = svc.ask("När ska utbildningsplanen för introduktionsprogrammen revideras?")
    assert "2026-06-17" not in " ".join(quotes(answer.text)), answer.text
