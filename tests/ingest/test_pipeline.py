"""parse_file end to end on the corpus and on generated files (no Chroma, no model)."""

from __future__ import annotations

import re
import statistics
from pathlib import Path

import pytest

from ingest.models import ParsedDocument, Passage
from ingest.pipeline import parse_file
from tests import pdfgen

ASN = "malmo-asn-2019-10547-stimulansmedel-psykisk-halsa-2019-plan-2020.txt"
FSN = "malmo-fsn-2019-2728-stimulansmedel-psykisk-halsa-2019-plan-2020.md"


@pytest.fixture(scope="module")
def corpus(corpus_dir: Path) -> dict[str, ParsedDocument]:
    return {path.name: parse_file(path) for path in sorted(corpus_dir.iterdir()) if path.is_file()}


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> ParsedDocument:
    return parse_file(pdfgen.make_report_pdf(tmp_path_factory.mktemp("pdf") / "rapport.pdf"))


def _flat(text: str) -> str:
    return " ".join(text.split())


# --- metadata -----------------------------------------------------------------------------------


def test_corpus_has_four_documents(corpus: dict[str, ParsedDocument]) -> None:
    assert len(corpus) == 4
    assert ASN in corpus and FSN in corpus


def test_asn_metadata(corpus: dict[str, ParsedDocument]) -> None:
    doc = corpus[ASN].document
    assert doc.diarienummer == "ASN-2019-10547"
    assert doc.kind == "tjänsteskrivelse"
    assert doc.organisation == "Malmö stad"
    assert {2019, 2020} <= set(doc.years)
    assert doc.pages is None  # a text file has no physical pages
    assert doc.passages == len(corpus[ASN].passages) > 0


def test_fsn_metadata(corpus: dict[str, ParsedDocument]) -> None:
    doc = corpus[FSN].document
    assert doc.diarienummer == "FSN-2019-2728"
    assert doc.organisation == "Malmö stad"
    assert {2019, 2020} <= set(doc.years)


def test_titles_are_real_titles(corpus: dict[str, ParsedDocument]) -> None:
    for name, parsed in corpus.items():
        title = parsed.document.title
        stem = Path(name).stem
        assert title.strip(), name
        assert title != name and title != stem, f"{name}: title is the file name"
        assert title.lower() != re.sub(r"[-_]+", " ", stem).lower(), f"{name}: title derived from file name"
        assert "\n" not in title and len(title) <= 200


def test_passages_are_consistent(corpus: dict[str, ParsedDocument]) -> None:
    for name, parsed in corpus.items():
        doc_id = parsed.document.doc_id
        ids = [p.passage_id for p in parsed.passages]
        assert len(ids) == len(set(ids)), name
        assert all(p.doc_id == doc_id for p in parsed.passages), name
        assert [p.position for p in parsed.passages] == list(range(len(ids))), name
        assert all(p.text.strip() for p in parsed.passages), name


def test_same_content_gives_same_ids(corpus_dir: Path, tmp_path: Path) -> None:
    copy = tmp_path / "kopia.txt"
    copy.write_bytes((corpus_dir / ASN).read_bytes())
    first, second = parse_file(corpus_dir / ASN), parse_file(copy)
    assert first.document.doc_id == second.document.doc_id
    assert [p.passage_id for p in first.passages] == [p.passage_id for p in second.passages]
    assert [p.text for p in first.passages] == [p.text for p in second.passages]


# --- PDF: headers, footers, pages, hyphenation -------------------------------------------------


def test_pdf_headers_and_footers_never_reach_passages(report: ParsedDocument) -> None:
    assert report.document.pages == 3
    for passage in report.passages:
        flat = _flat(passage.text)
        assert "Diarienummer: ASN-2019-10547" not in flat, passage
        assert "Tjänsteskrivelse Diarienummer" not in flat, passage
        assert not re.search(r"\bSida \d+ av \d+\b", flat), passage


def test_pdf_header_still_feeds_metadata(report: ParsedDocument) -> None:
    # The header is gone from the text but names the kind and the diarienummer.
    assert report.document.diarienummer == "ASN-2019-10547"
    assert report.document.kind == "tjänsteskrivelse"
    assert report.document.organisation == "Malmö stad"


@pytest.mark.parametrize(
    ("fact", "page"),
    [(pdfgen.FACT_PAGE_1, 1), (pdfgen.FACT_PAGE_2, 2), (pdfgen.FACT_PAGE_3, 3)],
)
def test_pdf_fact_is_in_a_passage_of_its_page(report: ParsedDocument, fact: str, page: int) -> None:
    holders = [p for p in report.passages if _flat(fact) in _flat(p.text)]
    assert holders, f"{fact!r} not found in any passage"
    assert [p.page for p in holders] == [page]


def test_pdf_pages_are_physical(report: ParsedDocument) -> None:
    from ingest.pipeline import CARD_SECTION

    pages = [p.page for p in report.passages if p.section != CARD_SECTION]  # the card has no page
    assert set(pages) == {1, 2, 3}
    assert pages == sorted(pages)


def test_line_end_hyphenation_is_joined(report: ParsedDocument) -> None:
    text = "\n".join(p.text for p in report.passages)
    assert pdfgen.HYPHENATED_WORD in text  # "social-\npsykiatriska" → one word
    assert "social-" not in text.replace("social-\npsykiatriska", "")
    assert "social- psykiatriska" not in text and "social-psykiatriska" not in text


def test_a_word_broken_by_a_soft_hyphen_at_a_line_end_is_joined(tmp_path: Path) -> None:
    """Typeset text breaks words with a soft hyphen (U+00AD), which the PDF keeps: the word is one
    word again, as after an ordinary hyphen, and a soft hyphen inside a line is not shown."""
    pages: list[list[str | list[list[str]]]] = [
        [
            "# Valet till Europaparlamentet",
            "Samtidigt kommer det att vara rekordmånga förstagångs\u00ad\nväljare i årets val, och "
            "valdelta\u00adgandet bland dem brukar vara lågt.",
        ]
    ]
    parsed = parse_file(pdfgen.make_report_pdf(tmp_path / "valfard.pdf", pages=pages, standard_fonts=True))
    text = " ".join(" ".join(p.text for p in parsed.passages).split())
    assert "rekordmånga förstagångsväljare i årets val" in text, text
    assert "valdeltagandet bland dem" in text, text


def test_suspended_hyphen_is_kept(report: ParsedDocument, corpus: dict[str, ParsedDocument]) -> None:
    for passages in (report.passages, corpus[ASN].passages):
        text = _flat(" ".join(p.text for p in passages)).lower()
        assert "arbetsmarknads- och socialförvaltningen" in text
        assert "arbetsmarknadsoch" not in text and "arbetsmarknads-och" not in text


def test_hyphenation_in_corpus_text_is_joined(corpus: dict[str, ParsedDocument]) -> None:
    # The ASN text file breaks "social-\npsykiatri" at a line end.
    text = " ".join(p.text for p in corpus[ASN].passages)
    assert "ledningsgruppen för socialpsykiatri" in _flat(text)


def test_bullets_are_normalised(tmp_path: Path, corpus: dict[str, ParsedDocument]) -> None:
    source = tmp_path / "lista.txt"
    source.write_text(
        "Uppföljning av handlingsplanen\n\n"
        "Arbetet har lett till följande ändringar:\n"
        "\uf0b7 Fler anhöriggrupper i alla stadsområden.\n"
        "\uf0b7  Utbildning i suicidprevention för medarbetare.\n"
        "\u2022 Ny samverkan med Region Skåne.\n",
        encoding="utf-8",
    )
    parsed = parse_file(source)
    text = "\n".join(p.text for p in parsed.passages)
    assert "\uf0b7" not in text and "\u2022" not in text
    for item in ("Fler anhöriggrupper", "Utbildning i suicidprevention", "Ny samverkan med Region Skåne"):
        assert f"- {item}" in text
    for name, doc in corpus.items():
        for passage in doc.passages:
            assert "\uf0b7" not in passage.text and "\uf0b7" not in passage.section, name


# --- Markdown -----------------------------------------------------------------------------------


def test_markdown_markup_never_reaches_passages(corpus: dict[str, ParsedDocument]) -> None:
    assert "<b>" in (Path(corpus[FSN].document.source).read_text(encoding="utf-8"))  # the input has them
    for passage in corpus[FSN].passages:
        for field in (passage.text, passage.section):
            assert not re.search(r"</?(b|sup|p|br|strong)\b", field, re.IGNORECASE), passage
            assert "**" not in field, passage
            assert not re.search(r"^#{1,6} ", field, re.MULTILINE), passage


# --- tables -------------------------------------------------------------------------------------


def _rows_keep_header(passages: list[Passage], header: str, rows: list[str]) -> None:
    for row in rows:
        holders = [p for p in passages if row in p.text]
        assert holders, f"row {row!r} is in no passage"
        for passage in holders:
            assert header in passage.text, f"row {row!r} without header {header!r}: {passage.text!r}"
            assert passage.text.index(header) < passage.text.index(row)


def test_asn_table_rows_travel_with_header(corpus: dict[str, ParsedDocument]) -> None:
    rows = [
        "Norr Bemanning av socialpsykiatriskt team. 650 000",
        "Innerstaden Unga-vuxna-mottagning 1 250 000",
        "Strategiska Utbildningar Första hjälpen psykisk hälsa. 259 000",
        "Totalt 5 409 000",
    ]
    passages = corpus[ASN].passages
    _rows_keep_header(passages, "Avdelning Aktivitet Belopp (kr)", rows)
    assert any(p.kind == "table" and "Avdelning Aktivitet Belopp (kr)" in p.text for p in passages)


def test_markdown_table_rows_travel_with_header(corpus: dict[str, ParsedDocument]) -> None:
    # A figure is read with its column's name, so a row quoted alone still says what it is.
    rows = [
        "Arbetsmarknads- och socialförvaltningen Belopp (kr): 5 409 000",
        "Totalt Belopp (kr): 11 608 000",
    ]
    passages = corpus[FSN].passages
    _rows_keep_header(passages, "Förvaltning Belopp (kr)", rows)
    table = next(p for p in passages if "Förvaltning Belopp (kr)" in p.text)
    assert table.kind == "table" and table.cells is not None
    # Cells keep bold as ** on purpose (facts read status from it); the text never does.
    assert [c.replace("**", "") for c in table.cells[0]] == ["Förvaltning", "Belopp (kr)"]


# --- sections and sizes -------------------------------------------------------------------------


@pytest.mark.parametrize("name", [ASN, FSN])
def test_section_paths(corpus: dict[str, ParsedDocument], name: str) -> None:
    wanted = (
        "FOKUSOMRÅDE 1 – Förebyggande och främjande insatser › Förbättringsområde: Samverkan och helhetssyn"
        " › Socialpsykiatriska teamet"
    )
    sections = {p.section for p in corpus[name].passages}
    assert any(s.endswith(wanted) for s in sections), sorted(sections)
    team = [p for p in corpus[name].passages if p.section.endswith(wanted)]
    assert any("team" in p.text.lower() for p in team)


def test_no_wrapped_line_becomes_a_heading(corpus: dict[str, ParsedDocument]) -> None:
    # Headings never end in a conjunction/preposition or leave a parenthesis open.
    for name, doc in corpus.items():
        for passage in doc.passages:
            for part in filter(None, passage.section.split(" › ")):
                assert not re.search(r"\b(och|att|en|i|på|av|med|för)$", part), (name, part)
                assert part.count("(") == part.count(")"), (name, part)


def test_bare_focus_area_heading_takes_its_name(corpus: dict[str, ParsedDocument]) -> None:
    # "Fokusområde 2" with "Tillgängliga insatser" on the next line is one heading.
    doc = corpus["malmo-2017-reviderad-handlingsplan-socialpsykiatri-2018.txt"]
    sections = " | ".join(p.section for p in doc.passages)
    assert "Fokusområde 2 – Tillgängliga insatser › Förbättringsområde, anhöriga" in sections
    assert not any(p.section == "Aktivitet" for p in doc.passages)


def test_passage_sizes(corpus: dict[str, ParsedDocument]) -> None:
    sizes = [len(p.text) for doc in corpus.values() for p in doc.passages]
    assert max(sizes) <= 1500, max(sizes)
    assert 150 <= statistics.median(sizes) <= 900, statistics.median(sizes)
    for name, doc in corpus.items():
        per_doc = [len(p.text) for p in doc.passages]
        assert max(per_doc) <= 1500, name
        assert 100 <= statistics.median(per_doc) <= 900, (name, statistics.median(per_doc))


def test_years_on_passages(corpus: dict[str, ParsedDocument]) -> None:
    for doc in corpus.values():
        for passage in doc.passages:
            for year in re.findall(r"(?<![\d-])(20[0-4]\d)(?!\d)", passage.text):
                assert int(year) in passage.years, (year, passage.passage_id)


def test_plain_text_structure(tmp_path: Path) -> None:
    source = tmp_path / "plan.txt"
    source.write_text(
        "Handlingsplan för boendestöd 2020\n\n"
        "Fokusområde 2\n"
        "Tillgängliga insatser\n"
        "Förbättringsområde: Anhöriga\n\n"
        "Stadsområde 3 redovisar 120 besök under år 2019 och planerar fler träffar.\n\n"
        "Stadsdelsförvaltningarna uppgav att 853 personer hade en\n\n"
        "SIP och att 1663 borde ha det.\n",
        encoding="utf-8",
    )
    passages = parse_file(source).passages
    sections = {p.section for p in passages}
    text = _flat(" ".join(p.text for p in passages))
    # A sentence that starts like an area heading stays text; a wrapped line is no heading.
    assert "Stadsområde 3 redovisar 120 besök" in text
    assert "uppgav att 853 personer hade en SIP och att 1663" in text
    assert any(
        s.endswith("Fokusområde 2 – Tillgängliga insatser › Förbättringsområde: Anhöriga") for s in sections
    )
    assert not any("Stadsområde" in s or "853" in s for s in sections), sections


def test_a_table_keeps_its_caption_and_its_unit(tmp_path: Path) -> None:
    from ingest.pipeline import parse_file

    src = tmp_path / "resultat.txt"
    src.write_text(
        "Ekonomisk uppföljning\n\nNämnden redovisar ett överskott för perioden.\n\n"
        "Resultatredovisning i sammandrag, belopp i mnkr\n"
        "Post\tUtfall\tBudget\nIntäkter\t373,6\t375,7\nKommunbidrag\t9,4\t9,4\n",
        encoding="utf-8",
    )
    parsed = parse_file(src)
    table = next(p for p in parsed.passages if p.kind == "table")
    assert table.section.endswith("Resultatredovisning i sammandrag, belopp i mnkr")
    assert "Kommunbidrag Utfall: 9,4 Budget: 9,4" in table.text
    assert sorted(a.value for a in parsed.amounts if "Kommunbidrag" in a.label) == [9_400_000, 9_400_000]
