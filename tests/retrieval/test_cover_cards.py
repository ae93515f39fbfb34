"""A styrdokument's cover card and a letter's signatures, set as office templates set them: form
fields two to a line (a label sometimes left empty), fields one under the other, and names side by
side over their roles. Each field and each signature is a fact of its own. They had been read as
one run-on sentence ("Diarienummer: Dokumentansvarig: Karin Ek", "Antagen av: … Datum: …
Ersätter: …") or with the names on one line and the roles on the next, so a question for the
document's owner, what the plan replaces or who signed as chair got a wrong line or none. The PDFs
are made by the test."""

from __future__ import annotations

import pytest

from retrieval.service import Planchat
from tests.asking import quotes

pytestmark = pytest.mark.slow

PLAN = [
    [
        "# Handlingsplan för hemtjänstens bemanning 2027",
        "Typ av styrdokument: Handlingsplan\tGäller för: Äldrenämnden\n"
        "Beslutande instans: Äldrenämnden\tGiltighetstid: 2027\n"
        "Datum för beslut:\tRevideras senast: 2027-10-31\n"
        "Diarienummer:\tDokumentansvarig: Karin Ek",
        "Antagen av: Äldrenämnden\nErsätter: Bemanningsplan 2024 och Rekryteringsstrategi för vården "
        "2022\nAnsvarig för uppföljning: Verksamhetscontroller",
    ],
    [
        "# Bakgrund",
        "Hemtjänsten har haft svårt att rekrytera undersköterskor under flera år. Planen beskriver "
        "hur äldreförvaltningen ska minska andelen timanställda.",
        "# Åtgärder",
        "Alla nyanställda undersköterskor erbjuds heltid från den 1 mars 2027.",
    ],
]

MISSIV = [
    [
        "# Missiv om granskningen av hemtjänstens bemanning",
        "Revisorerna har granskat äldrenämndens arbete med bemanningen i hemtjänsten. Nämnden ska "
        "yttra sig över rapporten senast den 15 juni 2027.",
        "Kungälv den 3 mars 2027",
        "För revisorsgruppen",
        "Jonas Berg\tEva-Lena Lind\nordförande\tvice ordförande",
    ],
]


PM = [
    [
        "# PM Kostnadskalkyl för ny vattenledning till Stora Hult",
        "Upprättad av: Nils Berg\tUppdragsnummer: 30091234\nUppdrag: Kalkyl Stora Hult\tKund: Lerums kommun",
        "Kalkylen jämför två sätt att försörja Stora Hult med dricksvatten: en överföringsledning från "
        "Lerum och ett eget vattenverk.",
    ],
]


ENKAT = [
    [
        "# Enkät om förtroendevaldas arvoden 2025",
        "Under år 2025 har kommunledningskontoret samlat in uppgifter om de förtroendevaldas arvoden "
        "från samtliga nämnder.",
        "I slutet av maj 2025 gick kommunledningskontoret ut till samtliga nämnder och samlade in "
        "uppgifter om arvodena.",
        "Uppgifterna om arvodena till enkäten samlade kommunledningskontoret in under juni 2025 med "
        "ett webbformulär.",
        "De sista svaren kom in i början av oktober.",
    ],
]


# The same sentence in a plan and in the protokoll that adopts it, one with its capital and full stop.
BIBLIOTEKSPLAN = [
    [
        "# Biblioteksplan 2027",
        "Folkbiblioteket och gymnasiebiblioteket tillhör organisatoriskt kultur- och utbildningsnämnden.",
        "Planen gäller 2027–2030.",
    ],
]
PROTOKOLL = [
    [
        "# Protokoll 2026-06-16",
        "§ 12 Biblioteksplan",
        "Folkbiblioteket och gymnasiebiblioteket tillhör organisatoriskt Kultur- och utbildningsnämnden",
        "Nämnden antar planen.",
    ],
]


# A card whose "Gäller för" names what the question names, beside a sentence that names it too.
KORT = [
    [
        "# Handlingsplan för hemtjänsten 2027",
        "Typ av styrdokument: Handlingsplan\tGäller för: HTN och HTS\n"
        "Beslutande instans: Äldrenämnden\tGiltighetstid: 2027 vt – 2028 ht\n"
        "Datum för beslut:\tRevideras senast: 2027-10-31",
        "Under hösten 2027 finns en ambition att samlokalisera HTN och HTS.",
    ],
]


@pytest.fixture(scope="module")
def svc(service_over_reports) -> Planchat:  # type: ignore[no-untyped-def]
    return service_over_reports(
        "cover-cards",
        {
            "handlingsplan.pdf": ("Handlingsplan för hemtjänstens bemanning 2027", PLAN),
            "missiv.pdf": ("Missiv om granskningen av hemtjänstens bemanning", MISSIV),
            "pm.pdf": ("PM Kostnadskalkyl för ny vattenledning till Stora Hult", PM),
            "enkat.pdf": ("Enkät om förtroendevaldas arvoden 2025", ENKAT),
            "biblioteksplan.pdf": ("Biblioteksplan 2027", BIBLIOTEKSPLAN),
            "protokoll.pdf": ("Kulturnämndens protokoll 2026-06-16", PROTOKOLL),
        },
    )


def test_the_owner_field_of_a_cover_card_answers_who_owns_the_document(svc: Planchat) -> None:
    answer = svc.ask("Vem är dokumentansvarig för handlingsplanen för hemtjänstens bemanning?")
    assert answer.answered, answer.text
    first = quotes(answer.text)[0]
    assert first == "Dokumentansvarig: Karin Ek", answer.text
    assert answer.citations[0].passage.page == 1


def test_what_a_plan_replaces_is_its_replaces_field_alone(svc: Planchat) -> None:
    answer = svc.ask("Vilka tidigare styrdokument ersätts av handlingsplanen för hemtjänstens bemanning?")
    assert answer.answered, answer.text
    replaced = [q for q in quotes(answer.text) if "Bemanningsplan 2024" in q]
    assert replaced and "Rekryteringsstrategi för vården 2022" in replaced[0], answer.text
    # The field is read alone, not run on into the fields around it.
    assert not [f for f in ("Antagen av", "Ansvarig för", "Dokumentansvarig") if f in replaced[0]], (
        answer.text
    )


def test_who_signed_as_chair_is_the_name_over_that_role(svc: Planchat) -> None:
    answer = svc.ask("Vem skrev under missivet om hemtjänstens bemanning som ordförande för revisorsgruppen?")
    assert answer.answered, answer.text
    assert quotes(answer.text)[0] == "Jonas Berg, ordförande.", answer.text
    answer = svc.ask("Who signed the letter on the home care staffing audit as vice chair?")
    assert answer.answered, answer.text
    assert "Eva-Lena Lind, vice ordförande." in quotes(answer.text), answer.text


def test_a_field_beside_another_in_the_grid_answers_alone(svc: Planchat) -> None:
    # "Giltighetstid: 2027" stands beside "Beslutande instans: Äldrenämnden" on the card.
    answer = svc.ask("Vilken giltighetstid har handlingsplanen för äldrenämnden?")
    assert answer.answered, answer.text
    assert quotes(answer.text)[0] == "Giltighetstid: 2027", answer.text


def test_two_things_asked_are_answered_by_the_two_fields_that_give_them(svc: Planchat) -> None:
    answer = svc.ask(
        "Vem är dokumentansvarig för handlingsplanen för hemtjänstens bemanning, och när ska den revideras senast?"
    )
    said = quotes(answer.text)
    assert "Dokumentansvarig: Karin Ek" in said and "Revideras senast: 2027-10-31" in said, answer.text
    answer = svc.ask(
        "Vem har upprättat PM:et om kostnadskalkylen för Stora Hult, och vem är kund för uppdraget?"
    )
    said = quotes(answer.text)
    assert "Kund: Lerums kommun" in said and any("Nils Berg" in q for q in said), answer.text
    # No line is read out twice in other words ("Datum: …" on the card and in the document's data).
    assert len({" ".join(q.lower().replace(":", "").split()) for q in said}) == len(said), answer.text


def test_the_second_thing_asked_is_answered_before_more_of_the_first(svc: Planchat) -> None:
    answer = svc.ask(
        "När samlade kommunledningskontoret in uppgifterna om arvodena till enkäten, och när kom de sista svaren?"
    )
    said = quotes(answer.text)
    assert any("maj 2025" in q for q in said), answer.text
    assert "De sista svaren kom in i början av oktober." in said, answer.text


def test_the_same_words_are_read_out_once(svc: Planchat) -> None:
    answer = svc.ask("Vilken nämnd tillhör folkbiblioteket och gymnasiebiblioteket organisatoriskt?")
    said = quotes(answer.text)
    assert said and "kultur- och utbildningsnämnden" in said[0].lower(), answer.text
    assert len(said) == 1, answer.text


@pytest.fixture(scope="module")
def card(service_over_reports) -> Planchat:  # type: ignore[no-untyped-def]
    return service_over_reports("cover-card", {"kort.pdf": ("Handlingsplan för hemtjänsten 2027", KORT)})


def test_the_field_labelled_with_what_is_asked_answers(card: Planchat) -> None:
    # "Vilken giltighetstid …?" is answered by the field labelled "Giltighetstid", not by the lines
    # that name what the question names.
    answer = card.ask("Vilken giltighetstid har handlingsplanen för HTN och HTS?")
    assert answer.answered, answer.text
    assert quotes(answer.text)[0] == "Giltighetstid: 2027 vt – 2028 ht", answer.text
