"""An audit report as audit firms print them, made by the test: numbered chapters ("2:
EKONOMISTYRNING", "2.2: VÅRD- OCH OMSORGSNÄMNDEN", "2.2.1: Väsentliga iakttagelser"), the same
unnumbered sub-heading under every nämnd, a small result table whose rows end in two figures, and
"Sidan N av M" at the foot of each page. What a passage is about is often said only by the numbered
heading above it ("Förvaltningen ansökte om 35 mnkr …" under the vård- och omsorgsnämnd)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ingest.clean import remove_headers_footers
from ingest.models import Page, Passage
from ingest.pipeline import parse_file
from ingest.split import split_sentences
from retrieval.service import Planchat
from tests import pdfgen
from tests.asking import quotes, section_of

pytestmark = pytest.mark.slow

HEADER = "Grundläggande granskning av nämnderna 2025 | Revisionsbyrån"


def _nämnd(number: str, name: str, adopted: str, rows: list[str], findings: list[str]) -> list[str]:
    return [
        f"{number}: {name}",
        "Ekonomistyrning och uppföljning",
        f"Budget för 2025 är antagen: Ja, {adopted}",
        "Ekonomiskt resultat 2025 (mkr) Helårsprognos Årsbokslut",
        *rows,
        f"{number}.1: Väsentliga iakttagelser",
        *findings,
    ]


PAGES = [
    [
        "1: SAMMANFATTNING",
        "Revisionsbyrån har granskat hur nämnderna styr och följer upp sin verksamhet och ekonomi under "
        "2025. Granskningen omfattar socialnämnden och vård- och omsorgsnämnden.",
        "2: EKONOMISTYRNING",
        *_nämnd(
            "2.1",
            "SOCIALNÄMNDEN",
            "2024-12-16, § 191",
            [
                "Verksamhetens intäkter 35,3 40",
                "Verksamhetens kostnader -294,6 -229,3",
                "Årets resultat -3 -3",
            ],
            [
                "Av årsredovisningen framgår ett underskott om 3 mnkr. Underskottet härleds till kostnader "
                "för köpt vård och ekonomiskt bistånd."
            ],
        ),
    ],
    _nämnd(
        "2.2",
        "VÅRD- OCH OMSORGSNÄMNDEN",
        "2024-12-17, § 85",
        ["Verksamhetens intäkter 257 267", "Verksamhetens kostnader -1235 -1242", "Årets resultat 0 2"],
        [
            "Av årsredovisningen redovisar nämnden ett positivt resultat om 2 mnkr. Förvaltningen ansökte "
            "om 35 mnkr i riktade statsbidrag, varav förvaltningen kunnat tillgodoräkna 30 mnkr.",
            "Korttidstillsynen erbjuder tillsyn före skolan kl. 06.00-08.00 och efter skolan kl. "
            "14.00-18.00 under läsåret.",
        ],
    ),
]


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = tmp_path_factory.mktemp("granskning-src")
    return pdfgen.make_report_pdf(
        src / "granskning.pdf", pages=PAGES, header=HEADER, footer_fmt="Sidan {n} av {total}",
        title="Grundläggande granskning 2025", standard_fonts=True,
    )  # fmt: skip


@pytest.fixture(scope="module")
def svc(pdf: Path, service_over) -> Planchat:  # type: ignore[no-untyped-def]
    return service_over(pdf.parent)


@pytest.fixture(scope="module")
def passages(pdf: Path) -> list[Passage]:
    return parse_file(pdf).passages


def test_numbered_headings_nest_and_carry_the_nämnd(passages: list[Passage]) -> None:
    assert section_of(passages, "ansökte om 35 mnkr") == (
        "2: EKONOMISTYRNING › 2.2: VÅRD- OCH OMSORGSNÄMNDEN › 2.2.1: Väsentliga iakttagelser"
    )
    # The unnumbered sub-heading repeated under every nämnd nests under its nämnd.
    assert section_of(passages, "Ja, 2024-12-16") == (
        "2: EKONOMISTYRNING › 2.1: SOCIALNÄMNDEN › Ekonomistyrning och uppföljning"
    )
    assert section_of(passages, "Ja, 2024-12-17") == (
        "2: EKONOMISTYRNING › 2.2: VÅRD- OCH OMSORGSNÄMNDEN › Ekonomistyrning och uppföljning"
    )
    # A row of figures is never a heading, and the page numbers are no text.
    assert not [p.section for p in passages if "Verksamhetens" in p.section or "Sidan" in p.section]
    assert not [p for p in passages if re.search(r"Sidan \d+ av \d+", p.text)]


def test_a_figure_said_under_a_numbered_heading_is_answered_for_that_nämnd(svc: Planchat) -> None:
    answer = svc.ask("Hur mycket ansökte vård- och omsorgsnämnden om i riktade statsbidrag?")
    assert answer.answered, answer.text
    assert "35 mnkr" in answer.text
    assert answer.citations[0].passage.page == 2


def test_a_figure_under_another_nämnds_heading_does_not_answer_for_this_one(svc: Planchat) -> None:
    # The document is about both nämnder, but the 35 mnkr is said under the vård- och omsorgsnämnd.
    answer = svc.ask("Hur mycket ansökte socialnämnden om i riktade statsbidrag?")
    assert not answer.answered, answer.text
    answer = svc.ask("Hur mycket ansökte vård- och omsorgsnämnd om i riktade statsbidrag?")
    assert answer.answered and "35 mnkr" in answer.text, answer.text


def test_a_past_tense_question_finds_the_participle(svc: Planchat) -> None:
    # "antogs" (asked) and "antagen" (written) share no stem in the Snowball stemmer.
    answer = svc.ask("När antogs vård- och omsorgsnämndens budget för 2025?")
    assert answer.answered, answer.text
    # The nämnd's own line, not the document card's date that happens to be the same.
    assert "antagen: Ja, 2024-12-17" in quotes(answer.text)[0]
    assert answer.citations[0].passage.page == 2
    assert "2024-12-16" not in answer.text


def test_an_abbreviation_does_not_end_the_quoted_sentence(svc: Planchat) -> None:
    answer = svc.ask("Vilka tider erbjuder korttidstillsynen tillsyn före skolan?")
    assert answer.answered, answer.text
    assert "före skolan kl. 06.00-08.00" in quotes(answer.text)[0]


def test_sentences_end_at_abbreviations_only_where_a_sentence_ends() -> None:
    # "st." before a new sentence ends it; before a figure ("inkl. 5 st.") it does not.
    assert split_sentences("Det blev 2 000 st. Det är bra. Inkl. 5 platser.") == [
        "Det blev 2 000 st.",
        "Det är bra.",
        "Inkl. 5 platser.",
    ]


def test_sentences_do_not_end_at_abbreviations() -> None:
    assert split_sentences("Tillsyn ges kl. 06.00-08.00 och kostar ca. 30 kr. Se t.ex. bilaga 2. Klart.") == [
        "Tillsyn ges kl. 06.00-08.00 och kostar ca. 30 kr.",
        "Se t.ex. bilaga 2.",
        "Klart.",
    ]


def test_a_page_number_mid_page_is_dropped() -> None:
    # A two-column page's reading can put "Sidan 4 av 34" between the columns' texts.
    words = ["ekonomi", "personal", "lokaler"]
    pages = [
        Page(n, "\n".join([f"Rubrik om {w}", f"Vänster spalt om {w}.", f"Mer om {w} i vänster spalt.",
                            f"Sidan {n} av 34", f"Höger spalt om {w}.", f"Mer om {w} i höger spalt.",
                            f"Slutord om {w}.", f"Sista raden om {w}."]))
        for n, w in enumerate(words, 1)
    ]  # fmt: skip
    cleaned = remove_headers_footers(pages)
    assert all("Sidan" not in p.text for p in cleaned)
    assert all(f"Höger spalt om {w}." in p.text for p, w in zip(cleaned, words, strict=True))
