"""An English "how many X" question over a Swedish document: what it counts must stand in the
passage, as the glossary translates it ("passengers" → "resenärer"). A counted thing the glossary
did not know was looked for in English and withheld every such answer. The report is made by the
test."""

from __future__ import annotations

import pytest

from retrieval.service import Planchat
from tests.asking import quotes

pytestmark = pytest.mark.slow

REPORT = [
    [
        "# Kulturbussen",
        "Kulturbussen tas i bruk under hösten 2027 och ska köra till skolor och bibliotek i hela kommunen.",
        "Den nya kulturbussen har plats för 38 resenärer och en rullstol.",
        "# Räddningstjänstens insatser",
        "Under 2026 ryckte räddningstjänsten ut till 14 bränder i bostäder och 9 bränder i skolor.",
        "Räddningstjänsten hade samma år 212 utryckningar totalt.",
        "# Hushåll med ekonomiskt bistånd",
        "I december 2026 fick 412 hushåll ekonomiskt bistånd, något fler än året innan.",
    ],
]


@pytest.fixture(scope="module")
def svc(service_over_reports) -> Planchat:  # type: ignore[no-untyped-def]
    return service_over_reports("english-counts", {"rapport.pdf": ("Verksamhetsrapport 2026", REPORT)})


@pytest.mark.parametrize(
    ("question", "figure"),
    [
        ("How many passengers does the new culture bus have room for?", "38"),
        ("How many fires did the rescue service attend in schools in 2026?", "9"),
    ],
)
def test_an_english_count_is_read_in_the_swedish_passage(svc: Planchat, question: str, figure: str) -> None:
    answer = svc.ask(question)
    assert answer.answered, answer.text
    assert figure in quotes(answer.text)[0], answer.text


def test_what_is_counted_still_must_stand_in_the_passage(svc: Planchat) -> None:
    # Near miss: the passages count fires, call-outs, passengers and households, not accidents.
    answer = svc.ask("How many traffic accidents did the rescue service attend in 2026?")
    assert not answer.answered, answer.text


def test_each_english_term_has_one_line_in_the_glossary() -> None:
    # A second line for the same term is merged into the first without a word: whoever edits one
    # of them does not see what the other adds.
    from importlib import resources

    text = resources.files("retrieval").joinpath("data/glossary.tsv").read_text(encoding="utf-8")
    keys = [
        line.split("\t", 1)[0].strip().lower()
        for line in text.splitlines()
        if "\t" in line and not line.lstrip().startswith("#")
    ]
    twice = sorted({k for k in keys if keys.count(k) > 1})
    assert not twice, twice
