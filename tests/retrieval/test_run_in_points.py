"""A protokoll often runs the points of its decision into one sentence ("Nämnden beslutar att
1. …, 2. …, 3. …"): each point is read as a sentence of its own, so the point that answers is
read out (not the whole decision), a year another point names ("… inför 2027") is not taken for
the year of the point asked about, and a point's number is no figure. The PDF is made by the test."""

from __future__ import annotations

import pytest

from retrieval.answer import figures_in, sentences
from retrieval.service import Planchat
from tests.asking import quotes

pytestmark = pytest.mark.slow

DECISION = (
    "Nämnden beslutar att 1. nuvarande riktlinjer för arvode fortsatt ska tillämpas under perioden "
    "1 juli 2026–31 december 2026, 2. ersättning för utgifter utan särskilt underlag får utgå med högst "
    "två procent av prisbasbeloppet per år, och 3. förvaltningen får i uppdrag att återkomma med nya "
    "riktlinjer inför 2027."
)
PAGES = [
    [
        "Överförmyndarnämnden",
        "Protokoll",
        "2026-06-11",
        "# § 32: Riktlinjer för arvode och ersättning",
        "Nya regler för ställföreträdare gäller från den 1 juli 2026.",
        "# Beslut",
        DECISION,
    ],
]


def test_each_point_is_a_sentence() -> None:
    said = sentences(DECISION)
    # The whole decision first (it answers what the decision holds), then each point.
    assert said[0] == DECISION
    points = said[1:]
    assert len(points) == 3, said
    assert points[0].startswith("Nämnden beslutar att 1. nuvarande riktlinjer")
    assert points[1].startswith("2. ersättning för utgifter") and points[1].endswith("per år")
    assert points[2].startswith("3. förvaltningen får i uppdrag")


def test_a_points_number_is_no_figure() -> None:
    assert figures_in(sentences(DECISION)[2]) == []


def test_numbers_that_run_no_list_stay_one_sentence() -> None:
    # Sections named by their numbers, with no point 1: no run-in list.
    text = "Planen följer upp avsnitt 2. mål, 3. åtgärder och 4. uppföljning varje år."
    assert sentences(text) == [text]


@pytest.fixture(scope="module")
def svc(service_over_reports) -> Planchat:  # type: ignore[no-untyped-def]
    return service_over_reports("run-in-points", {"protokoll.pdf": ("Protokoll 2026-06-11", PAGES)})


def test_the_point_that_answers_is_read_out(svc: Planchat) -> None:
    answer = svc.ask(
        "Hur mycket får ersättningen för utgifter utan särskilt underlag vara enligt överförmyndarnämndens beslut 2026?"
    )
    assert answer.answered, answer.text
    first = quotes(answer.text)[0]
    assert "två procent av prisbasbeloppet" in first, answer.text
    assert "inför 2027" not in first, answer.text


def test_a_point_is_not_read_again_beside_its_decision(svc: Planchat) -> None:
    answer = svc.ask("Vad beslutade överförmyndarnämnden om riktlinjerna för arvode?")
    assert answer.answered, answer.text
    said = quotes(answer.text)
    assert "3. förvaltningen får i uppdrag" in said[0], answer.text
    assert not any(a in b for i, a in enumerate(said) for j, b in enumerate(said) if i != j), said
