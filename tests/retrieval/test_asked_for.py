"""Questions about a body named by an adjective ("tekniska nämnden"), about the day something
starts to apply, and questions a sentence merely repeats. A body named "tekniska nämnden" is not
any "nämnd": another nämnd's budget does not answer for it. "Från vilket datum gäller …?" asks for
the day something starts to apply, not for another day the same passage gives. A list item that
repeats what is asked, and says nothing more, does not answer it (also where a name in it ends a
word with a hyphen: "Läs- och Skrivbolaget"). "Vilket nummer …?" is answered by the sentence that
names a number; "Vilket värde …?" and "Vilken hyra …?" ask for a figure. The PDFs are made by the
test."""

from __future__ import annotations

import pytest

from retrieval.service import Planchat
from tests.asking import quotes

pytestmark = pytest.mark.slow

# A whole kommun's budget instructions: every nämnd's frames, but not the technical board's.
ANVISNINGAR = [
    [
        "# Driftbudget",
        "Nämnderna ska lämna in en antagen budgetskrivelse avseende driftbudget 2027 senast den 30 juni.",
        "Kultur- och fritidsnämndens driftbudget för 2027 uppgår till 14,2 mnkr.",
        "Socialnämndens driftbudget för 2027 uppgår till 310,5 mnkr.",
    ],
]

# The technical board's own plan: its investments only.
TEKNISKA = [
    [
        "# Investeringar",
        "Tekniska nämnden ansvarar för gator, parker och kommunens fastigheter.",
        "Tekniska nämndens investeringsbudget för 2027 uppgår till 40 mnkr.",
    ],
]


# A library plan: the day a letter was written, and the day the new rules apply from.
BIBLIOTEKSPLAN = [
    [
        "# Skolbibliotek",
        "Barn- och ungdomsförvaltningen har i skrivelse den 2 juni 2026 lämnat yttrande: skolbibliotekens "
        "roll regleras i skollagen.",
        "Från och med den 1 juli 2025 har ändringar i lagen avseende skolbibliotek trätt i kraft.",
    ],
]


# An environmental programme: the indicators the board follows, a value for one of them only.
MILJOPROGRAM = [
    [
        "# Indikatorer",
        "Kommunstyrelsen följer upp två indikatorer.",
        "- Energiförbrukning för de tio fastigheter som har högst energiförbrukning (KS)",
        "- Andel fossilfria fordon i kommunens fordonsflotta (KS)",
        "# Mätvärden",
        "Andelen fossilfria fordon i kommunens fordonsflotta var 41 procent 2024.",
    ],
]


# A data processing agreement: its parties as a list, one named with a hyphen ("Läs- och …").
AVTAL = [
    [
        "# Parter",
        "Avtalet tecknas mellan följande parter.",
        "- Barn- och ungdomsnämnden i Exempelby kommun",
        "- Läs- och Skrivbolaget Norden AB",
        "# Lagring",
        "Personuppgifter behandlas endast inom Sverige och lagras på servrar i Exempelby.",
        "# Definitioner",
        "Med tredje land avses ett land utanför EU och EES.",
    ],
]


# A fee regulation: how a fee is paid, in sentences that all speak of the payment.
TAXA = [
    [
        "# Betalning av tillsynsavgift",
        "Betalning av tillsynsavgiften ska ske till kommunens bankgiro inom 30 dagar från fakturadatum.",
        "En betalning får inte avse mer än en tillsynsavgift.",
        "Vid betalning av tillsynsavgiften ska fakturans referensnummer anges.",
        "Betalas tillsynsavgiften för sent tas dröjsmålsränta ut enligt räntelagen.",
    ],
]


# A detailed plan's description of its trees: how a tree's value is reckoned, and the value.
TRAD = [
    [
        "# Träd i planområdet",
        "För att beräkna värdet av ekosystemtjänster från trädens kronor och rötter används den så "
        "kallade Alnarpsmodellen, som utgår från trädets storlek och art.",
        "Ekarna längs Storgatan har enligt modellen ett värde på cirka 250 000 kronor per träd.",
    ],
]


# A lease: who rents the hall, and for how much.
HYRA = [
    [
        "# Hyresavtal för Exempelhallen",
        "Exempelby Konståkningsklubb hyr istider i Exempelhallen av kultur- och fritidsförvaltningen.",
        "Hyran per år uppgår till 48 000 kronor och betalas kvartalsvis i förskott.",
    ],
]


@pytest.fixture(scope="module")
def svc(service_over_reports) -> Planchat:  # type: ignore[no-untyped-def]
    return service_over_reports(
        "asked-for",
        {
            "budgetanvisningar-2027.pdf": ("Budgetanvisningar 2027", ANVISNINGAR),
            "tekniska-namnden-investeringar-2027.pdf": ("Tekniska nämndens investeringsplan 2027", TEKNISKA),
            "biblioteksplan-2027.pdf": ("Biblioteksplan 2027–2030", BIBLIOTEKSPLAN),
            "miljoprogram-2025.pdf": ("Miljöprogram 2022–2025", MILJOPROGRAM),
            "personuppgiftsbitradesavtal.pdf": ("Personuppgiftsbiträdesavtal", AVTAL),
            "taxa-tillsyn.pdf": ("Taxa för tillsyn enligt miljöbalken", TAXA),
            "planbeskrivning.pdf": ("Planbeskrivning Storgatan", TRAD),
            "hyresavtal.pdf": ("Hyresavtal Exempelhallen", HYRA),
        },
    )


def test_a_body_named_by_an_adjective_is_that_body(svc: Planchat) -> None:
    # No document gives the technical board's operating budget: the other boards' do not answer.
    answer = svc.ask("Hur mycket är tekniska nämndens driftbudget för 2027?")
    assert not answer.answered, answer.text
    # What its own plan gives, and the other boards' operating budgets, answer.
    answer = svc.ask("Hur mycket är tekniska nämndens investeringsbudget för 2027?")
    assert answer.answered, answer.text
    assert "40 mnkr" in quotes(answer.text)[0], answer.text
    answer = svc.ask("Hur mycket är kultur- och fritidsnämndens driftbudget för 2027?")
    assert answer.answered, answer.text
    assert "14,2 mnkr" in quotes(answer.text)[0], answer.text


def test_from_what_date_asks_for_the_day_it_starts_to_apply(svc: Planchat) -> None:
    answer = svc.ask("Från vilket datum gäller de ändrade reglerna om skolbibliotek i skollagen?")
    assert answer.answered, answer.text
    assert "1 juli 2025" in quotes(answer.text)[0], answer.text


def test_a_list_item_that_repeats_the_question_does_not_answer(svc: Planchat) -> None:
    # The programme names the indicator but gives it no target.
    answer = svc.ask(
        "Vilket mål för 2025 har kommunstyrelsen för energiförbrukningen i de tio fastigheter som har "
        "högst energiförbrukning?"
    )
    assert not answer.answered, answer.text
    # The other indicator's value is given, and answers.
    answer = svc.ask("Vilken andel fossilfria fordon hade kommunens fordonsflotta 2024?")
    assert answer.answered, answer.text
    assert "41 procent" in quotes(answer.text)[0], answer.text


def test_a_party_named_with_a_hyphen_is_no_answer(svc: Planchat) -> None:
    # "Läs- och Skrivbolaget": the hyphen ends a word the question gives; the item says nothing more.
    answer = svc.ask(
        "Vad är lagringstiden för loggar i avtalet mellan barn- och ungdomsnämnden och Läs- och Skrivbolaget Norden AB?"
    )
    assert not answer.answered, answer.text
    answer = svc.ask(
        "Hur definieras tredje land i avtalet mellan barn- och ungdomsnämnden och Läs- och Skrivbolaget Norden AB?"
    )
    assert answer.answered, answer.text
    assert "utanför EU och EES" in quotes(answer.text)[0], answer.text
    # Where the agreement says something, it answers.
    answer = svc.ask("Var behandlas personuppgifterna enligt avtalet med Läs- och Skrivbolaget Norden AB?")
    assert answer.answered, answer.text
    assert "inom Sverige" in quotes(answer.text)[0], answer.text


def test_the_sentence_that_names_what_is_asked_answers(svc: Planchat) -> None:
    # Every sentence speaks of paying the fee; "Vilket nummer …?" is answered by the one that
    # names a number, though the passage need not name the kind of thing asked for.
    answer = svc.ask("Vilket nummer ska anges vid betalning av tillsynsavgiften?")
    assert answer.answered, answer.text
    assert "referensnummer" in quotes(answer.text)[0], answer.text


def test_which_value_asks_for_a_figure(svc: Planchat) -> None:
    # "Vilket värde …?" is answered by the sentence that gives one, not by the one on the method.
    answer = svc.ask("Vilket värde har träden i planområdet enligt beräkningen av ekosystemtjänster?")
    assert answer.answered, answer.text
    assert "250 000 kronor" in quotes(answer.text)[0], answer.text


def test_which_rent_asks_for_money(svc: Planchat) -> None:
    answer = svc.ask("Vilken hyra betalar Exempelby Konståkningsklubb för istiderna i Exempelhallen?")
    assert answer.answered, answer.text
    assert "48 000 kronor" in quotes(answer.text)[0], answer.text
