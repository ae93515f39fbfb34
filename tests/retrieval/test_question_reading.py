"""How a question is read: the words that name the document it asks about, a modal verb that is no
acronym, an English month in a date, an English gloss set in brackets, a name a sentence refers to
by the head of its compound, a decision asked for, and a month of another year. Each answer has a
near miss beside it that must stay unanswered, so a test fails both when nothing is answered and
when the wrong thing is."""

from __future__ import annotations

import pytest

from retrieval.service import Planchat
from tests import pdfgen
from tests.asking import quotes

pytestmark = pytest.mark.slow

PAGES = [
    [
        "# Budgetarbetet",
        "Nämnderna lämnar sina budgetskrivelser till kommunstyrelsen senast den 15 april.",
        "Vidare ska varje nämnd ta fram besparingsåtgärder som motsvarar minst 1 procent av årets ram.",
        "# Beredskap",
        "Kommunen samverkar med Militära underrättelse- och säkerhetstjänsten (MUST) och länsstyrelsen "
        "i frågor om säkerhetsskydd.",
    ],
    [
        "# Korsavadsbadet",
        "Projektet har en budget på 175 070 tkr varav 39 120 tkr har upparbetats per den 31 mars 2024.",
        "Takentreprenaden beräknas vara klar i slutet av december 2024.",
        "# Bisysslor",
        "Under 2025 godkändes 37 bisysslor efter prövning av närmaste chef.",
        "# Strukturtillägg",
        "Förskolan föreslås få ett intervall om fyra till sex procent av budgetomslutningen.",
    ],
    [
        "# Trygghet i bostadsområden",
        "Framtidenkoncernen har prioriterat trygghetsåtgärder i sina utvecklingsområden.",
        "Arbetet baseras på en gemensam strategi med målet att koncernen ska bidra till att det inte ska "
        "finnas några särskilt utsatta områden i staden 2030.",
        "Bostadsbolaget Hemmet har inte beslutat någon motsvarande strategi.",
    ],
    [
        "# Hemvårdsbidrag",
        "Revisionskontoret rekommenderar att nämnden uppmärksammar kommunstyrelsen på att regelverket för "
        "hemvårdsbidrag inte är ändamålsenligt.",
        "# Omprövningar",
        "Stickprovet hos äldre samt vård- och omsorgsnämnden visar i 4 fall att omprövningen var försenad.",
        "# Förbundets medlemmar",
        "Vid årsskiftet 2026/2027 upphör avtalet, och från och med januari 2027 blir Lerums kommun ny "
        "medlem i tolkförbundet.",
        "# Investeringsregler",
        "Nämnden får öka budgeten för ett redan godkänt investeringsprojekt med högst 10 % av projektets "
        "budgetbelopp för året. Ökningen får dock inte överstiga 2,5 mnkr. Nya projekt kräver beslut i "
        "kommunfullmäktige.",
        "# Färdtjänst",
        "Kommunstyrelsen beslutade att färdtjänsttaxan ska höjas med 5 procent från 2026.",
    ],
    [
        "# Serveringstider",
        "Normal serveringstid på uteserveringar är fram till klockan 23.00.",
        "Längre serveringstid kan prövas efter yttrande från polisen.",
    ],
]


@pytest.fixture(scope="module")
def svc(tmp_path_factory: pytest.TempPathFactory, service_over) -> Planchat:  # type: ignore[no-untyped-def]
    src = tmp_path_factory.mktemp("question-reading-src")
    pdfgen.make_report_pdf(
        src / "riktlinjer.pdf", pages=PAGES, title="Riktlinjer för alkoholservering och budget i Storby kommun",
        header="Kommunstyrelsen", standard_fonts=True,
    )  # fmt: skip
    return service_over(src)


def test_a_modal_verb_is_no_acronym_of_the_documents(svc: Planchat) -> None:
    # "must" is read as no term at all, not as MUST (the intelligence service the text names).
    answer = svc.ask("How large must the savings be relative to the budget frame?")
    assert answer.answered, answer.text
    assert "1 procent" in quotes(answer.text)[0]


def test_an_english_month_is_read_as_the_swedish_one(svc: Planchat) -> None:
    answer = svc.ask("How much of the Korsavadsbadet project budget had been spent by 31 March 2024?")
    assert answer.answered, answer.text
    assert "39 120 tkr" in answer.text
    answer = svc.ask("How much of the Korsavadsbadet project budget had been spent by 30 June 2024?")
    assert not answer.answered, answer.text


def test_an_english_gloss_in_brackets_is_no_word_of_the_documents(svc: Planchat) -> None:
    answer = svc.ask("How many secondary employments (moonlighting jobs) were approved in 2025?")
    assert answer.answered, answer.text
    assert "37" in quotes(answer.text)[0]
    # A Swedish word in brackets still must stand in the passage.
    answer = svc.ask("How many applications for leave (tjänstledighet) were approved in 2025?")
    assert not answer.answered, answer.text


def test_a_gloss_of_words_both_languages_write_is_english(svc: Planchat) -> None:
    # "budget" is a word of the documents too; the bracket still only says what "interval" means.
    answer = svc.ask("What interval (share of the budget) is proposed for förskolan?")
    assert answer.answered, answer.text
    assert "fyra till sex procent" in quotes(answer.text)[0]


def test_a_name_is_referred_to_by_the_head_of_its_compound(svc: Planchat) -> None:
    answer = svc.ask("Till vilket år ska Framtiden bidra till att det inte finns särskilt utsatta områden?")
    assert answer.answered, answer.text
    assert "2030" in quotes(answer.text)[0]
    answer = svc.ask("Till vilket år ska Hemmet bidra till att det inte finns särskilt utsatta områden?")
    assert not answer.answered, answer.text


def test_a_time_of_day_answers_until_when(svc: Planchat) -> None:
    answer = svc.ask("Enligt riktlinjerna för alkoholservering, till när får uteserveringar normalt servera?")
    assert answer.answered, answer.text
    assert "23.00" in quotes(answer.text)[0]


def test_words_naming_the_document_are_read_with_its_title(svc: Planchat) -> None:
    # "riktlinjerna", "alkoholservering" and "Storby" stand only in the title: the question names
    # the document, and the passage answers within it.
    answer = svc.ask(
        "Vilken serveringstid gäller för uteserveringar enligt Storbys riktlinjer för alkoholservering?"
    )
    assert answer.answered, answer.text
    assert "klockan 23.00" in quotes(answer.text)[0]


def test_what_was_decided_is_answered_by_a_decision(svc: Planchat) -> None:
    answer = svc.ask("Vad beslutade kommunstyrelsen om regelverket för hemvårdsbidrag?")
    assert not answer.answered, answer.text
    answer = svc.ask("Vad beslutade kommunstyrelsen om färdtjänsttaxan?")
    assert answer.answered, answer.text
    assert "5 procent" in answer.text


def test_an_english_question_naming_a_swedish_body_is_answered_in_english(svc: Planchat) -> None:
    answer = svc.ask(
        "In how many cases did the sample check at äldre samt vård- och omsorgsnämnden find a delay?"
    )
    assert answer.language == "en"
    assert answer.answered, answer.text
    assert answer.text.startswith("According to")
    assert "i 4 fall" in quotes(answer.text)[0]


def test_a_month_of_another_year_does_not_answer(svc: Planchat) -> None:
    answer = svc.ask("Vilken kommun blir ny medlem i tolkförbundet från januari 2026?")
    assert not answer.answered, answer.text
    answer = svc.ask("Vilken kommun blir ny medlem i tolkförbundet från januari 2027?")
    assert answer.answered, answer.text
    assert "Lerums kommun" in answer.text


def test_a_sentence_that_goes_on_with_the_answer_is_read_with_it(svc: Planchat) -> None:
    answer = svc.ask(
        "Hur mycket får nämnden som mest öka budgeten för ett redan godkänt investeringsprojekt?"
    )
    assert answer.answered, answer.text
    assert "10 %" in answer.text
    assert "2,5 mnkr" in answer.text
