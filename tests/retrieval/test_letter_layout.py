"""An audit letter (missiv) and an action plan as the test prints them: a letter signed with its
place and date ("Göteborg den 17 oktober 2023"), a running footer that the layout reading also puts
mid-page with its page number, and a plan action whose numbered heading is a whole sentence. What
a reader asks of them is in those lines, so none of them may be lost as a heading or a footer."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.models import Page, Passage
from ingest.pipeline import parse_file
from ingest.split import split_passages
from retrieval.service import Planchat
from tests import pdfgen
from tests.asking import quotes, section_of

pytestmark = pytest.mark.slow

FOOTER = "MISSIV HEMVÅRDSBIDRAG VERSION 2.DOCX"

PAGES = [
    [
        "# Missiv till granskningen av hemvårdsbidrag",
        "Revisorerna har avslutat granskningen av hemvårdsbidrag. Granskningen syftade till att bedöma "
        "om nämnderna har en tillräcklig styrning, uppföljning och kontroll av hemvårdsbidraget.",
        "Nämnderna ska yttra sig över granskningen senast den 21 juni 2024.",
        "Göteborg den 17 oktober 2023",
        "För revisorsgruppen, enligt uppdrag",
        "Jonas Berg, ordförande",
    ],
    [
        "# 1: Åtgärdsplan",
        "Åtgärderna nedan genomförs av kommunledningsförvaltningen under 2023 och 2024.",
        f"{FOOTER} SID 2 (3)",
        "# 1.1 Ta fram ett informationsmaterial om att kommunstyrelsen 2008 beslutade att flaskvatten "
        "endast undantagsvis får användas i de kommunala verksamheterna",
        "Ansvarig är miljösamordnaren. Materialet ska vara klart den 31 december 2023.",
        "# 1.2 Lånebibliotek för sportprylar",
        "Kultur- och fritidsförvaltningen utreder ett fritidsbibliotek under 2024.",
    ],
    [
        "# 2: Uppföljning",
        "Åtgärdsplanen följs upp en gång per år av kommunledningsförvaltningen.",
    ],
]


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = tmp_path_factory.mktemp("missiv-src")
    return pdfgen.make_report_pdf(
        src / "missiv.pdf", pages=PAGES, header="Stadsrevisionen", footer_fmt=FOOTER,
        title="Missiv hemvårdsbidrag", standard_fonts=True,
    )  # fmt: skip


@pytest.fixture(scope="module")
def passages(pdf: Path) -> list[Passage]:
    return parse_file(pdf).passages


@pytest.fixture(scope="module")
def svc(pdf: Path, service_over) -> Planchat:  # type: ignore[no-untyped-def]
    return service_over(pdf.parent)


def test_the_signed_date_is_the_letters_date_and_stays_text(pdf: Path, passages: list[Passage]) -> None:
    assert parse_file(pdf).document.date == "2023-10-17"
    # The place-and-date line is text of the letter, not a heading over the signatures.
    assert any("Göteborg den 17 oktober 2023" in p.text for p in passages)
    assert not [p.section for p in passages if "oktober" in p.section]


def test_a_running_footer_with_its_page_number_mid_page_is_no_text(passages: list[Passage]) -> None:
    assert not [p for p in passages if "DOCX" in p.text or "DOCX" in p.section]
    assert section_of(passages, "genomförs av kommunledningsförvaltningen") == "1: Åtgärdsplan"


def test_a_heading_that_is_a_whole_action_is_read_as_text(passages: list[Passage]) -> None:
    holding = [p for p in passages if "kommunstyrelsen 2008 beslutade att flaskvatten" in p.text]
    assert holding, [p.text for p in passages]
    assert holding[0].section.startswith("1: Åtgärdsplan › 1.1 Ta fram ett informationsmaterial")
    # A short heading stays a heading only.
    assert not [p for p in passages if p.text.startswith("1.2 Lånebibliotek")]


def test_the_action_in_a_long_heading_answers(svc: Planchat) -> None:
    answer = svc.ask("Vilket beslut från kommunstyrelsen 2008 ska informationsmaterialet informera om?")
    assert answer.answered, answer.text
    assert "flaskvatten" in quotes(answer.text)[0]
    assert answer.citations[0].passage.page == 2


def test_the_letters_date_is_answered(svc: Planchat) -> None:
    answer = svc.ask("Vilket datum har missivet om hemvårdsbidrag?")
    assert answer.answered, answer.text
    assert "17 oktober 2023" in answer.text or "2023-10-17" in answer.text


def _split(lines: list[str]) -> list[Passage]:
    return split_passages("d", [Page(1, "\n".join(lines))], markdown=False)


def test_a_table_caption_is_words_starting_with_a_capital() -> None:
    table = ["Mätning\tMars\tJuni", "HME\t92\t90", "Svarsfrekvens\t85\t84"]
    captioned = _split(
        ["Medarbetare", "Enkäten besvarades av alla.", "", "Figur 10 HME-mätningar 2025", *table]
    )
    assert [p.section.split(" › ")[-1] for p in captioned if p.kind == "table"] == [
        "Figur 10 HME-mätningar 2025"
    ]
    # A chart's axis labels and a cell's wrapped lower-case line are text, not the table's name.
    for stray in ("100: 100 95: 95 90 95 94", "till 135 m Uddevalla- Göteborg"):
        passages = _split(["Medarbetare", "Enkäten besvarades av alla.", "", stray, *table])
        assert not [p.section for p in passages if p.kind == "table" and stray in p.section], stray
        assert any(stray in p.text for p in passages if p.kind != "table"), stray


def test_the_rest_of_a_hyphenated_word_is_no_heading() -> None:
    passages = _split([
        "Iakttagelser",
        "Avtalstroheten gentemot stadens ramavtal uppvisar dock förbätt-",
        "ringsområden, främst kopplade till att fakturorna inte varit specificerade.",
        "Förbättringsområde: Avtalstrohet",
        "Nämnden ska följa upp avtalen.",
    ])  # fmt: skip
    assert section_of(passages, "främst kopplade") == "Iakttagelser"
    assert section_of(passages, "följa upp avtalen") == "Iakttagelser › Förbättringsområde: Avtalstrohet"
