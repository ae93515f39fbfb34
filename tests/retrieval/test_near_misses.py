"""Near misses a careful reader does not read out: a person asked for where the text names only the
project, a day asked for where it gives a period, a count where the figures are a statute's
chapter and paragraph, money where the figure counts something else, a figure the text says is
missing, a term the asker set in brackets that the passage never uses, a name ("Ostkustbanan") the
passage has only as the end of another ("Kust till kustbanan"). Each has a sentence beside it
that does answer, so a test fails both when the near miss is read out and when nothing is. The
report is e-signed: the signing service's stamp runs up the margin of every page."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.models import Passage
from ingest.pipeline import parse_file
from retrieval.service import Planchat
from tests import pdfgen
from tests.asking import quotes

pytestmark = pytest.mark.slow

STAMP = "Signeringstjänst dokumentnyckel: K7Q2M-BT41X-9ZP0C-LL3W8"

PAGES = [
    [
        "# Skolplan 2028",
        "Ett utvecklingsarbete benämnt Skolplan 2028 har påbörjats för hur skolorna i Norra Västby ska "
        "organiseras när den nya skolan tas i bruk.",
        "# Bibliotekslyftet",
        "Projektledare för Bibliotekslyftet är Karin Holmqvist.",
        "# Bisysslor",
        "En konkurrerande bisyssla kan anses föreligga om bisysslan sker i verksamhet med samma utbud "
        "och kundkrets som kommunen har.",
        "Under 2025 godkändes 37 bisysslor efter prövning av närmaste chef.",
    ],
    [
        "# Skolbibliotek",
        "I kommunen finns enligt skollagen (2010:800, 2 kap. 36 §) krav på att varje elev ska ha tillgång "
        "till skolbibliotek.",
        "# Obehöriga lärare",
        "Antal obehöriga lärare i grundskolan över tid (data saknas för 2025) 25 20 15",
        "Uppgifterna hämtas från lärarregistret.",
        "# Behörighet i grundskolan",
        "Under 2024 fanns 14 obehöriga lärare i grundskolan.",
        "# Läsutveckling",
        "Nämnden avsätter två försteläraruppdrag för läsutveckling.",
        "# Fortbildning",
        "Nämnden har fått 250 000 kronor i statsbidrag för fortbildning i matematik.",
    ],
    [
        "# Biblioteksplanen",
        "Biblioteksplanen gäller för perioden 2027–2030 och beslutas av kommunfullmäktige.",
        "# Kulturplanen",
        "Kulturnämnden antog kulturplanen den 14 mars 2026.",
        "# Föräldraledighet",
        "Under 2025 godkändes 41 ansökningar om föräldraledighet.",
    ],
    [
        "# Kulturbussen",
        "Kulturbussen ska köras i fyra år och kostar 3 000 tkr i inköp.",
        "# Simhallen",
        "Simhallen hade 41 000 besökare under 2025.",
        "# Förbundets medlemmar",
        "Förbundet får från och med januari 2027 en ny medlemskommun.",
        "# Samverkan",
        "Under 2025 anslöt sig Lerums kommun till samverkan om lönehantering.",
    ],
    [
        "# Elevhälsa",
        "Elevhälsan omfattar alla elever i kommunens skolor och arbetar förebyggande.",
        "1 Elever i förskoleklassen, grundskolan och anpassade grundskolan.",
        "# Granskning av ekonomin",
        "Stadsfastighetsnämnden redovisar ett resultat om 21 miljoner kronor för 2025.",
        "# Intern kontroll",
        "Nämnden för funktionsstöd har under 2025 arbetat med sin interna kontroll.",
        "# Personalomsättning",
        "Under 2025 var personalomsättningen i Göteborgsregionen 6,9 procent och i kommunen 8,8 procent.",
    ],
    [
        "# Järnvägar",
        "Dubbelspår på Ostkustbanan är regionens viktigaste fråga om järnvägar.",
        "Förbigångsspåret på Kust till kustbanan ska vara klart 2030.",
    ],
]


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    src = tmp_path_factory.mktemp("near-misses-src")
    return pdfgen.make_report_pdf(
        src / "uppfoljning.pdf", pages=PAGES, title="Uppföljning av planer 2025",
        header="Barn- och ungdomsnämnden", standard_fonts=True, stamp=STAMP,
    )  # fmt: skip


@pytest.fixture(scope="module")
def passages(pdf: Path) -> list[Passage]:
    return parse_file(pdf).passages


@pytest.fixture(scope="module")
def svc(pdf: Path, service_over) -> Planchat:  # type: ignore[no-untyped-def]
    return service_over(pdf.parent)


def test_the_signing_stamp_is_no_text(passages: list[Passage]) -> None:
    assert not [p.text for p in passages if "K7Q2M" in p.text or "dokumentnyckel" in p.text]
    assert any("samma utbud och kundkrets som kommunen har" in p.text for p in passages)


def test_who_is_answered_by_a_person_not_by_the_project(svc: Planchat) -> None:
    answer = svc.ask("Vem är projektledare för utvecklingsarbetet Skolplan 2028?")
    assert not answer.answered, answer.text
    answer = svc.ask("Vem är projektledare för Bibliotekslyftet?")
    assert answer.answered, answer.text
    assert "Karin Holmqvist" in answer.text


def test_when_something_counts_as_is_a_condition(svc: Planchat) -> None:
    answer = svc.ask("När anses en bisyssla vara konkurrerande?")
    assert answer.answered, answer.text
    assert "samma utbud och kundkrets" in quotes(answer.text)[0]


def test_a_statutes_chapter_and_paragraph_count_nothing(svc: Planchat) -> None:
    answer = svc.ask("Hur många skolbibliotek finns det i kommunen?")
    assert not answer.answered, answer.text


def test_a_figure_said_to_be_missing_is_not_read_out(svc: Planchat) -> None:
    assert not svc.ask("Hur många obehöriga lärare hade grundskolan 2025?").answered
    answer = svc.ask("Hur många obehöriga lärare hade grundskolan 2024?")
    assert answer.answered, answer.text
    assert "14" in quotes(answer.text)[0]


def test_money_asked_for_is_not_a_count(svc: Planchat) -> None:
    answer = svc.ask("Hur mycket avsätter nämnden för läsutveckling i kronor?")
    assert not answer.answered, answer.text
    answer = svc.ask("Hur mycket statsbidrag har nämnden fått för fortbildning i matematik?")
    assert answer.answered, answer.text
    assert "250 000 kronor" in answer.text


def test_a_date_asked_for_is_a_day_not_a_period(svc: Planchat) -> None:
    answer = svc.ask("Vilket datum beslutade kommunfullmäktige om biblioteksplanen?")
    assert not answer.answered, answer.text
    answer = svc.ask("Vilket datum antog kulturnämnden kulturplanen?")
    assert answer.answered, answer.text
    assert "14 mars 2026" in answer.text


def test_a_term_in_brackets_must_be_in_the_passage(svc: Planchat) -> None:
    answer = svc.ask("How many secondary employments (bisysslor) were approved in 2025?")
    assert answer.answered, answer.text
    assert "37" in quotes(answer.text)[0]
    answer = svc.ask("How many applications for leave (tjänstledighet) were approved in 2025?")
    assert not answer.answered, answer.text


def test_a_count_is_no_span_of_time_nor_money(svc: Planchat) -> None:
    for question in (
        "Hur många resenärer får plats i kulturbussen?",
        "How many passengers can the culture bus carry?",
    ):
        answer = svc.ask(question)
        assert not answer.answered, (question, answer.text)
    answer = svc.ask("How many visitors did the swimming hall have in 2025?")
    assert answer.answered, answer.text
    assert "41 000" in answer.text


def test_which_municipality_is_answered_by_a_name(svc: Planchat) -> None:
    answer = svc.ask("Vilken kommun blir ny medlem i förbundet från januari 2027?")
    assert not answer.answered, answer.text
    answer = svc.ask("Vilken kommun anslöt sig till samverkan om lönehantering 2025?")
    assert answer.answered, answer.text
    assert "Lerums kommun" in answer.text


def test_a_footnotes_number_counts_nothing(svc: Planchat) -> None:
    answer = svc.ask("Hur många elever omfattar elevhälsan?")
    assert not answer.answered, answer.text


def test_one_bodys_figure_does_not_answer_for_another(svc: Planchat) -> None:
    answer = svc.ask("Vilket resultat redovisade nämnden för funktionsstöd för 2025?")
    assert not answer.answered, answer.text
    answer = svc.ask("Vilket resultat redovisade stadsfastighetsnämnden för 2025?")
    assert answer.answered, answer.text
    assert "21 miljoner kronor" in answer.text


def test_an_english_place_name_is_read_in_swedish(svc: Planchat) -> None:
    answer = svc.ask("What was the staff turnover in the Gothenburg region in 2025?")
    assert answer.answered, answer.text
    assert "6,9 procent" in answer.text
    answer = svc.ask("What was the staff turnover in Scania in 2025?")
    assert not answer.answered, answer.text


def test_a_name_is_not_the_end_of_another_name(svc: Planchat) -> None:
    answer = svc.ask("När ska dubbelspåret på Ostkustbanan vara klart?")
    assert not answer.answered, answer.text
    answer = svc.ask("När ska förbigångsspåret på Kust till kustbanan vara klart?")
    assert answer.answered, answer.text
    assert "2030" in answer.text
