"""Answers from PDFs the test makes: a budget table read as data, a two-column page, running
headers and page numbers, the document card, and questions the document does not answer."""

from __future__ import annotations

import re

import pytest

from retrieval.service import Planchat
from tests import pdfgen

pytestmark = pytest.mark.slow

HEADER = "Lunda kommun  Kultur- och fritidsnämnden  Dnr KFN 2026/117"
PAGES = [
    [
        "# Budgetskrivelse för investeringar 2027–2031",
        "Kultur- och fritidsnämnden lämnar här sitt förslag till investeringsbudget för perioden. "
        "Förslaget bygger på nämndens lokalförsörjningsplan och på de behov som verksamheterna har anmält.",
        "# Bakgrund",
        "Badhuset i Lunda byggdes 1974 och har sedan dess renoverats två gånger. "
        "Antalet besökare i badhuset var 84 000 under år 2025.",
    ],
    ["# Investeringsäskande", "Tabellen visar nämndens äskanden per projekt i tusental kronor."],
    [
        "# Konsekvenser",
        "Om ombyggnaden av badhuset inte genomförs måste simskolan flytta till grannkommunen. "
        "Nämnden bedömer att driftkostnaden ökar med 300 tkr per år efter ombyggnaden.",
    ],
]
TABLE = [
    ["Investeringar (tkr)", "Budget 2027", "Plan 2028", "Plan 2029"],
    ["Ombyggnad av badhuset", "8 500", "4 500", "0"],
    ["Ny konstgräsplan Vallby", "0", "6 200", "0"],
    ["Belysning i motionsspåret", "350", "350", "350"],
]


@pytest.fixture(scope="module")
def svc(tmp_path_factory: pytest.TempPathFactory, service_over) -> Planchat:  # type: ignore[no-untyped-def]
    src = tmp_path_factory.mktemp("pdf-src")
    pdfgen.make_report_pdf(
        src / "lunda-investeringar.pdf",
        pages=PAGES,
        table=TABLE,
        table_page=2,
        header=HEADER,
        standard_fonts=True,
    )
    pdfgen.make_two_column_pdf(
        src / "lunda-strategi.pdf",
        [
            "Kommunen vill att fler ska cykla till arbetet och bygger därför nya cykelvägar mellan tätorterna.",
            "Cykelvägen mellan Norrby och Söderby ska vara klar år 2028 enligt tekniska nämndens plan.",
        ],
        [
            "Alla elever ska ha tillgång till en egen dator och skolbiblioteken ska vara öppna under loven.",
            "Biblioteket i Vallby får nya lokaler hösten 2026 enligt beslut i barn- och utbildningsnämnden.",
        ],
    )
    return service_over(src)


def _digits(text: str) -> str:
    return re.sub(r"(?<=\d)[\s\u00a0](?=\d)", "", text)


def test_table_cell_answers_with_its_column_and_page(svc: Planchat) -> None:
    answer = svc.ask("Hur mycket är planerat för ombyggnad av badhuset 2028?")
    assert answer.answered
    assert "4500" in _digits(answer.text)
    cited = answer.citations[0]
    assert cited.passage.page == 2 and "Plan 2028" in cited.passage.text


def test_prose_number_answers_with_its_page(svc: Planchat) -> None:
    answer = svc.ask("Hur många besökare hade badhuset 2025?")
    assert answer.answered and "84000" in _digits(answer.text)
    assert answer.citations[0].passage.page == 1


def test_running_header_and_page_numbers_never_reach_passages(svc: Planchat) -> None:
    for passage in svc.snapshot().lex.passages:
        assert "Kultur- och fritidsnämnden  Dnr" not in passage.text
        assert not re.search(r"\bSida \d+ av \d+\b", passage.text)


def test_diarienummer_from_the_running_header_is_answered(svc: Planchat) -> None:
    answer = svc.ask("Vilket diarienummer har budgetskrivelsen för investeringar?")
    assert answer.answered and "KFN 2026/117" in answer.text


def test_two_column_sentence_is_quoted_whole(svc: Planchat) -> None:
    answer = svc.ask("När ska cykelvägen mellan Norrby och Söderby vara klar?")
    assert answer.answered
    assert "Cykelvägen mellan Norrby och Söderby ska vara klar år 2028" in " ".join(answer.text.split())


@pytest.mark.parametrize(
    "question",
    [
        "Hur många besökare hade biblioteket i Vallby 2025?",  # a count of something the text never counts
        "Vem är ordförande i kultur- och fritidsnämnden?",  # a person the document never names
        "När invigs den nya konstgräsplanen i Vallby?",  # no date is given for it
    ],
)
def test_questions_the_documents_do_not_answer_are_withheld(svc: Planchat, question: str) -> None:
    answer = svc.ask(question)
    assert not answer.answered, answer.text
