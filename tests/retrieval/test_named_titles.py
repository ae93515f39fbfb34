"""A question that names a document by its title ("… i programmet Aktiv fritid i Exempelby?")
asks about that document. A nämnd's protokoll that adopts the programme quotes its title in every
paragraph of the matter; those words are the programme's, and do not make the protokoll's
sentences the answer; what the nämnd decided is still the protokoll's to answer. The PDFs are
made by the test."""

from __future__ import annotations

import pytest

from retrieval.service import Planchat
from tests.asking import quotes

pytestmark = pytest.mark.slow

PROGRAMME = [
    [
        "# Inledning",
        "Programmet gäller för kommunens nämnder och bolag under perioden 2027–2030.",
        "Idrott och friluftsliv ger hälsa, gemenskap och livskvalitet för invånare i alla åldrar.",
    ],
    [
        "# Målgrupper",
        "Bland barn och unga minskar deltagandet i föreningslivet vid 11–13 års ålder, och flickor "
        "är mindre aktiva än pojkar.",
        "Seniorer rör sig mindre efter pensionen.",
    ],
]

PROTOKOLL = [
    [
        "# Kultur- och fritidsnämndens protokoll 2026-05-12",
        "§ 41 Aktiv fritid i Exempelby – program för idrott och friluftsliv 2027–2030",
        "Kultur- och fritidsnämnden beslutar att godkänna förslaget till Aktiv fritid i Exempelby, "
        "program för idrott och friluftsliv 2027–2030, och att remittera programmet till "
        "samtliga nämnder.",
        "Aktiv fritid i Exempelby beskriver hur deltagandet i föreningslivet minskar med åldern "
        "bland barn och unga; i dag är 4 200 barn och unga medlemmar i en förening.",
        "Förvaltningen bedömer att Aktiv fritid i Exempelby stärker samverkan mellan kommunen och "
        "föreningslivet för barn och unga.",
    ],
]


@pytest.fixture(scope="module")
def svc(service_over_reports) -> Planchat:  # type: ignore[no-untyped-def]
    return service_over_reports(
        "named-titles",
        {
            "aktiv-fritid.pdf": ("Aktiv fritid i Exempelby", PROGRAMME),
            "kfn-protokoll.pdf": ("Kultur- och fritidsnämndens protokoll 2026-05-12", PROTOKOLL),
        },
    )


def test_the_named_programme_answers_not_the_protokoll_quoting_it(svc: Planchat) -> None:
    answer = svc.ask(
        "Vid vilken ålder minskar barn och ungas deltagande i föreningslivet enligt Aktiv fritid i Exempelby?"
    )
    assert answer.answered, answer.text
    assert "11–13" in quotes(answer.text)[0]
    assert answer.citations[0].document.title == "Aktiv fritid i Exempelby"
    assert answer.citations[0].passage.page == 2


def test_the_protokoll_still_answers_what_the_nämnd_decided(svc: Planchat) -> None:
    answer = svc.ask("Vad beslutade kultur- och fritidsnämnden om Aktiv fritid i Exempelby?")
    assert answer.answered, answer.text
    assert "remittera programmet" in answer.text
    assert answer.citations[0].document.title.startswith("Kultur- och fritidsnämndens protokoll")
