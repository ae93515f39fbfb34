"""An older protokoll prints its signature block as a label, a dotted line to sign on and the name
under it ("Sekreterare ........" / "Anna Holm"). The name belongs to the label above it, not to the
label below: asked who was secretary or chair, planchat quotes the right name. The protokoll is
made by the test."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.pipeline import parse_file
from retrieval.service import Planchat
from tests import pdfgen
from tests.asking import quotes

pytestmark = pytest.mark.slow

DOTS = "." * 60
PAGES = [
    [
        "Barn- och ungdomsnämnden",
        "Protokoll",
        "Sammanträdesdatum 2018-01-30",
        "Plats och tid: Sunnerö kl. 14:00-16:25",
        "Beslutande: Per Lind (L), Eva Ek (S), Olle Berg (M), Sara Dahl (C)",
        "Utses att justera: Eva Ek (S)",
        f"Sekreterare {DOTS}",
        "Anna Holm",
        f"Ordförande {DOTS}",
        "Per Lind (L)",
        f"Justerande {DOTS}",
        "Eva Ek (S)",
        f"Underskrift {DOTS}",
        "Utdragsbestyrkande",
    ],
    [
        "§ 1 Årsplanering 2018",
        "Ärendebeskrivning",
        "Förvaltningen har tagit fram en årsplanering för nämndens sammanträden under 2018.",
        "Beslut",
        "Barn- och ungdomsnämnden fastställer årsplaneringen för 2018.",
    ],
]


@pytest.fixture(scope="module")
def svc(service_over_reports) -> Planchat:  # type: ignore[no-untyped-def]
    return service_over_reports(
        "signatures", {"protokoll.pdf": ("Barn- och ungdomsnämndens protokoll 2018-01-30", PAGES)}
    )


@pytest.mark.parametrize(
    ("question", "name", "not_name"),
    [
        (
            "Vem var sekreterare vid barn- och ungdomsnämndens sammanträde 2018-01-30?",
            "Anna Holm",
            "Per Lind",
        ),
        ("Vem var ordförande vid barn- och ungdomsnämndens sammanträde 2018-01-30?", "Per Lind", "Anna Holm"),
        (
            "Who was the secretary at the barn- och ungdomsnämnd's meeting of 30 January 2018?",
            "Anna Holm",
            "Per Lind",
        ),
    ],
)
def test_the_name_under_a_signature_line_is_that_labels(
    svc: Planchat, question: str, name: str, not_name: str
) -> None:
    answer = svc.ask(question)
    assert answer.answered, answer.text
    first = quotes(answer.text)[0]  # what the answer leads with
    assert name in first and not_name not in first, answer.text


def test_a_line_under_a_signature_line_that_is_no_name_stays_apart(tmp_path: Path) -> None:
    # Near miss: "Utdragsbestyrkande" under "Underskrift ……" is the next label, not who signed.
    pdf = pdfgen.make_report_pdf(tmp_path / "protokoll.pdf", pages=PAGES, standard_fonts=True)
    text = "\n".join(p.text for p in parse_file(pdf).passages)
    assert "Sekreterare: Anna Holm" in text
    assert "Underskrift: Utdragsbestyrkande" not in text
