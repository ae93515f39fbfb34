"""Question forms read as a careful reader reads them, each beside a near miss the answer must not
be: a count of one said in words ("i ett fall"), a term the question asks to have defined ("Vad
menas med …?" is answered by "Med … avses …"), a verb the text has as its noun ("föreslås" ~
"Förslaget är …"), and a fee or rate asked for with "Vilken …?" (a figure, not a sentence that
merely names the fee), a day asked for that a table writes as its column name ("Utfall 240331"
for "per 31 mars 2024"), and a status asked for (a follow-up table's "Pågående", not a sentence
that repeats the recommendation), bodies asked for ("Which two committees …?" is answered by the
sentence naming them, not one naming the city: the city the document is from, "Göteborgs Stad"
in its header, is named by every sentence of it), and a role a person holds ("Vem är utsedd
kontrollansvarig …?") is never answered by a street in capitals. The PDF is made by the test."""

from __future__ import annotations

import pytest

from retrieval.service import Planchat
from tests import pdfgen

pytestmark = pytest.mark.slow

PAGES = [
    [
        "# Omprövning av hemvårdsbidrag",
        "Hemvårdsbidrag beviljas för ett år i taget och ska därefter omprövas av nämnden.",
        "Stickprovet vid socialnämnden visar i ett fall att omprövningen var försenad.",
        "# Särskilda undervisningsgrupper",
        "Så snart en elev skrivs in i den särskilda undervisningsgruppen följer elevpengen med eleven.",
        "# Tillsyn",
        "Varje serveringsställe ska få minst ett tillsynsbesök per år.",
        "# Lönepolitik",
        "Förvaltningen har som ambition att erbjuda konkurrenskraftiga löner, men attraktionskraften "
        "beror även på andra faktorer som arbetsmiljö och ledarskap.",
        "Med konkurrenskraftiga löner avses att löneläget inte ska understiga medianen i regionen.",
    ],
    [
        "# Prioriterade mål",
        "Nämnden ska under 2027 prioritera arbetet med digitalisering enligt tidigare beslut.",
        "Förslaget är att nämnden under 2027 prioriterar trygghet och hållbar turism.",
        "# Borgensavgift",
        "Borgensavgiften för bolaget beslutas av kommunfullmäktige varje år.",
        "Den slutliga borgensavgiften för bolaget har beräknats till 0,46 procent.",
    ],
    [
        "# Ombyggnad av badhuset",
        "På takentreprenaden är Skanska upphandlad entreprenör och utfallet följs upp varje kvartal.",
        [
            ["Projektdel", "Kalkyl", "Utfall 240331", "Prognos 240331"],
            ["Takentreprenad (Skanska)", "38 150", "23 680", "38 150"],
            ["Vattenrening", "11 320", "4 100", "11 320"],
        ],
        "# Uppföljning av rekommendationer",
        "Rekommendationen att se över strukturen för grundskolan följdes upp av revisorerna under våren.",
        [
            ["Rekommendation", "Bedömning"],
            ["Se över strukturen för grundskolan", "Pågående"],
            ["Följa upp lärarnas förutsättningar", "Åtgärdad"],
        ],
    ],
    [
        "# Bygglov för industribyggnad",
        "Ärendet: Ansökan om bygglov för nybyggnad av industribyggnad Fastighet: GJUTAREN 23 (JÄRNVÄGSGATAN 13)",
        "Byggnaden utförs med sju våningsplan och en byggnadsarea på 830 kvm.",
        "# Förslag till beslut",
        "Bygglov beviljas med stöd av plan- och bygglagen. Utsedd kontrollansvarig för Gjutaren 23 är "
        "Anton Schmidt.",
    ],
    [
        "# Trygga miljöer",
        "Rapporten om trygghetsarbetet finns på Göteborgs Stads webbplats för granskningar och styrning.",
        "Följande rekommendationer lämnas: idrottsnämnden och stadsmiljönämnden rekommenderas att "
        "utveckla styrningen av trygghetsarbetet.",
    ],
]


@pytest.fixture(scope="module")
def svc(tmp_path_factory: pytest.TempPathFactory, service_over) -> Planchat:  # type: ignore[no-untyped-def]
    src = tmp_path_factory.mktemp("question-forms-src")
    pdfgen.make_report_pdf(
        src / "uppfoljning.pdf",
        pages=PAGES,
        title="Uppföljning 2026",
        standard_fonts=True,
        header="Göteborgs Stad  Stadsrevisionen",
    )
    return service_over(src)


def test_a_count_of_one_in_words_answers_how_many(svc: Planchat) -> None:
    answer = svc.ask("I hur många fall var omprövningen försenad?")
    assert answer.answered, answer.text
    assert "i ett fall" in answer.text
    assert "ett år i taget" not in answer.text


def test_one_of_something_else_is_no_count(svc: Planchat) -> None:
    # "ett år i taget" is one year, not one of the things counted.
    answer = svc.ask("Hur många år i taget beviljas ett stickprov?")
    assert "i ett fall" not in answer.text


def test_an_article_is_no_count_of_one(svc: Planchat) -> None:
    # "en elev" is any pupil: the text says how the money follows a pupil, not how many there are.
    answer = svc.ask("Hur många elever gick i den särskilda undervisningsgruppen?")
    assert not answer.answered, answer.text


def test_at_least_one_is_a_count(svc: Planchat) -> None:
    answer = svc.ask("Hur många tillsynsbesök ska varje serveringsställe få per år?")
    assert answer.answered, answer.text
    assert "minst ett tillsynsbesök" in answer.text


def test_what_is_meant_by_is_answered_by_the_definition(svc: Planchat) -> None:
    answer = svc.ask("Vad menas med konkurrenskraftiga löner?")
    assert answer.answered, answer.text
    assert "medianen" in answer.text


def test_what_is_meant_by_in_english_uses_the_term_in_brackets(svc: Planchat) -> None:
    answer = svc.ask("What is meant by competitive salaries (konkurrenskraftiga löner)?")
    assert answer.answered, answer.text
    assert "medianen" in answer.text


def test_what_is_proposed_is_answered_by_the_proposal(svc: Planchat) -> None:
    answer = svc.ask("Vad föreslås nämnden prioritera under 2027?")
    assert answer.answered, answer.text
    assert "trygghet" in answer.text


def test_which_fee_is_answered_by_the_figure(svc: Planchat) -> None:
    answer = svc.ask("Vilken borgensavgift har beräknats för bolaget?")
    assert answer.answered, answer.text
    assert "0,46" in answer.text
    assert "beslutas av kommunfullmäktige" not in answer.text


def test_a_day_asked_for_is_read_in_a_column_name_of_digits(svc: Planchat) -> None:
    answer = svc.ask("Vad var utfallet per 31 mars 2024 för takentreprenaden?")
    assert answer.answered, answer.text
    assert "23 680" in answer.text
    assert answer.citations[0].passage.page == 3


def test_a_status_asked_for_is_answered_by_a_status(svc: Planchat) -> None:
    answer = svc.ask("Vilken status har rekommendationen att se över strukturen för grundskolan?")
    assert answer.answered, answer.text
    assert "Pågående" in answer.text
    assert "följdes upp av revisorerna" not in answer.text


@pytest.mark.parametrize(
    "question",
    [
        "Which two Göteborg committees were recommended to develop the governance of their safety work?",
        "Vilka två nämnder i Göteborg rekommenderas utveckla styrningen av trygghetsarbetet?",
    ],
)
def test_which_committees_is_answered_by_the_sentence_naming_them(svc: Planchat, question: str) -> None:
    answer = svc.ask(question)
    assert answer.answered, answer.text
    assert "stadsmiljönämnden" in answer.text


def test_an_english_question_naming_swedish_things_is_answered_in_english(svc: Planchat) -> None:
    # It opens with a word both languages write and names the Swedish report and term; its small
    # words ("what", "a", "been", "at") say it is English. Read as Swedish, "what", "has" and "been"
    # would be terms no passage holds.
    answer = svc.ask(
        "Under Göteborgs Stads uppföljning 2026, what has a company's final borgensavgift been calculated at?"
    )
    assert answer.answered, answer.text
    assert answer.text.startswith("According to"), answer.text
    assert "0,46" in answer.text


def test_who_holds_a_role_is_never_answered_by_a_street_in_capitals(svc: Planchat) -> None:
    # "kontrollansvarig" is a role a person holds: the line that names the case and its property
    # ("Fastighet: GJUTAREN 23 (JÄRNVÄGSGATAN 13)") holds the question's words but no person.
    answer = svc.ask("Vem är utsedd kontrollansvarig för nybyggnaden av industribyggnad på Gjutaren 23?")
    assert "JÄRNVÄGSGATAN" not in answer.text, answer.text
    if answer.answered:  # the decision names the person but not the building: it may be withheld
        assert "Anton Schmidt" in answer.text, answer.text
    answer = svc.ask("Vem är utsedd kontrollansvarig för Gjutaren 23?")
    assert answer.answered, answer.text
    assert "Anton Schmidt" in answer.text
