"""Questions on a plan that is dated but not yet adopted. Its date (in the running header and on
the document card) says when it was written: "Vilket datum antogs planen?" is not answered by
it, while a sentence that says what was adopted and when is. Nor is a statute's number
("(2023:196)") a date, a sentence that speaks of a telephone number without giving it an answer
to "Vilket telefonnummer …?", the price of a 20 m³ container one for a 40 m³ container, a count
of pedagogues one for "how many school libraries", a recommendation's number one for "how many
walks", or a floor area one for a roof height. A bygglov case names its property and place on its
first page only: a question naming them, or its case number in brackets, is answered from a
later page. An
English question's "under" ("under the agreement") is a Swedish function word too, and no term
the passage must hold, even where a German reference in the document writes "und". The PDFs are
made by the test."""

from __future__ import annotations

import pytest

from retrieval.service import Planchat
from tests.asking import quotes

pytestmark = pytest.mark.slow

PLAN = [
    [
        "# Trygghetsplan 2026–2028",
        "Planen har tagits fram av kommunledningsförvaltningen i samverkan med polisen. Planen ska antas "
        "av kommunfullmäktige under våren 2026.",
        "# Uppföljning",
        "Planen följs upp årligen av trygghetsrådet, som rapporterar till kommunstyrelsen. "
        "Trygghetsrådets arbetsordning antogs av kommunstyrelsen den 3 mars 2025.",
    ],
    [
        "# Samverkan med fastighetsägare",
        "Enligt samverkansavtalet med fastighetsägarna ska varje part bidra med två trygghetsvärdar.",
        "Uppsägningstiden för samverkansavtalet är sex månader räknat från uppsägningen.",
        "Källa: Bundesamt für Bevölkerungsschutz und Katastrophenhilfe, Leitfaden 2024.",
    ],
    [
        "# Lagstöd",
        "Planen tas fram enligt lagen om kommuners ansvar för brottsförebyggande arbete (2023:196).",
        "# Skolornas trygghetsarbete",
        "Skolbiblioteken deltar i trygghetsarbetet med lässtunder om trygghet. Arbetet i skolorna leds av "
        "12 trygghetspedagoger.",
        "# Förråd för trygghetsvärdarna",
        "Det nya förrådet för trygghetsvärdarnas utrustning byggs vid Stortorget och får en byggnadsarea "
        "på 120 kvm i två våningsplan. Förrådets nockhöjd blir 9,5 meter.",
        "# Revisionens rekommendationer",
        "Rekommendation 4: Säkerställ att varje trygghetsvandring dokumenteras och följs upp av "
        "trygghetsrådet.",
        "# Kontakt",
        "Förtroendevalda som utsätts för hot kan använda ett särskilt telefonnummer till "
        "trygghetssamordnaren. Samordnaren nås annars via kommunens växel på 0411-57 70 00.",
    ],
    [
        "# Hyra av container till trygghetsvandringar",
        "Föreningar som städar inför trygghetsvandringar hyr container av kommunen enligt taxan.",
        [
            ["Container", "Avgift per hyresperiod (kr)"],
            ["Container 10 kubikmeter, grovavfall", "2 300"],
            ["Container 20 kubikmeter, grovavfall", "3 100"],
        ],
    ],
]


# A bygglov case: the property and the place are named on the first page only.
UTLATANDE = [
    [
        "# Förvaltningens utlåtande",
        "Ärende: Ansökan om bygglov för nybyggnad av lagerbyggnad. Fastighet: KVARNEN 3 (Industrivägen 8), "
        "Tomelilla. Sökande: Österlens Lager AB. Diarienummer: LOV 2026-000412.",
        "# Förslag till beslut",
        "Bygg- och miljönämnden beviljar bygglov enligt ansökan.",
    ],
    [
        "# Bedömning",
        "Byggnaden uppförs i en våning med en byggnadsarea på 640 kvm och placeras 8 meter från gatan.",
        "# Avgift",
        "Avgiften för bygglovet är 41 200 kronor enligt taxan.",
    ],
]


@pytest.fixture(scope="module")
def svc(service_over_reports) -> Planchat:  # type: ignore[no-untyped-def]
    return service_over_reports(
        "plan",
        {
            "trygghetsplan.pdf": (
                "Trygghetsplan 2026–2028",
                PLAN,
                "Ystads kommun     Trygghetsplan     2026-02-10",
            ),
            "utlatande.pdf": (
                "Förvaltningens utlåtande",
                UTLATANDE,
                "Tomelilla kommun     Samhällsbyggnadsförvaltningen     2026-03-02",
            ),
        },
    )


def test_the_documents_date_is_no_adoption_date(svc: Planchat) -> None:
    # The plan is dated 2026-02-10 and is to be adopted in the spring: no day of adoption is given.
    answer = svc.ask("Vilket datum antogs Ystads kommuns trygghetsplan?")
    assert not answer.answered, answer.text
    # The same card answers for the plan's own date.
    answer = svc.ask("Vilket datum har Ystads kommuns trygghetsplan?")
    assert answer.answered, answer.text
    assert "2026-02-10" in answer.text


def test_a_stated_adoption_answers(svc: Planchat) -> None:
    answer = svc.ask("Vilket datum antogs trygghetsrådets arbetsordning?")
    assert answer.answered, answer.text
    assert "3 mars 2025" in quotes(answer.text)[0], answer.text
    assert "s. 1" in answer.text


def test_under_in_an_english_question_is_no_term(svc: Planchat) -> None:
    answer = svc.ask("What is the notice period under the agreement with the property owners?")
    assert answer.answered, answer.text
    assert "sex månader" in answer.text
    assert "p. 2" in answer.text


def test_a_statutes_number_is_no_date(svc: Planchat) -> None:
    # "(2023:196)" numbers the law in the Swedish code; it says nothing of when the law applies from.
    answer = svc.ask("Från när gäller lagen om kommuners ansvar för brottsförebyggande arbete?")
    assert not answer.answered, answer.text
    # The sentence is found and read out for what it does say.
    answer = svc.ask("Enligt vilken lag tas trygghetsplanen fram?")
    assert answer.answered, answer.text
    assert "brottsförebyggande arbete (2023:196)" in quotes(answer.text)[0], answer.text


def test_a_phone_number_is_digits_to_dial(svc: Planchat) -> None:
    # The sentence that speaks of a telephone number gives none; the next one does.
    answer = svc.ask("Vilket telefonnummer kan förtroendevalda använda för att nå trygghetssamordnaren?")
    assert answer.answered, answer.text
    assert "0411-57 70 00" in quotes(answer.text)[0], answer.text


def test_a_size_the_question_gives_must_be_the_rows(svc: Planchat) -> None:
    # The tariff prices 10 and 20 cubic metre containers; a 40 cubic metre one is not priced.
    answer = svc.ask("Vad kostar en container på 20 kubikmeter för grovavfall per hyresperiod?")
    assert answer.answered, answer.text
    assert "3 100" in answer.text and "2 300" not in answer.text, answer.text
    answer = svc.ask("Vad kostar en container på 40 kubikmeter för grovavfall per hyresperiod?")
    assert not answer.answered, answer.text


def test_a_count_counts_what_is_asked(svc: Planchat) -> None:
    # The passage names the school libraries, but the only figure counts the pedagogues.
    answer = svc.ask("Hur många skolbibliotek deltar i trygghetsarbetet?")
    assert not answer.answered, answer.text
    answer = svc.ask("Hur många trygghetspedagoger leder arbetet i skolorna?")
    assert answer.answered, answer.text
    assert "12 trygghetspedagoger" in answer.text


def test_a_height_is_read_in_metres(svc: Planchat) -> None:
    # The sentence that names more of the question gives the floor area and the storeys.
    answer = svc.ask("Hur hög nockhöjd får det nya förrådet för trygghetsvärdarnas utrustning?")
    assert answer.answered, answer.text
    assert "9,5 meter" in quotes(answer.text)[0], answer.text


def test_a_numbered_item_counts_nothing(svc: Planchat) -> None:
    # "Rekommendation 4:" numbers the recommendation; no number of walks is given.
    answer = svc.ask("Hur många trygghetsvandringar dokumenterades och följdes upp av trygghetsrådet?")
    assert not answer.answered, answer.text
    # The recommendation itself answers what it says.
    answer = svc.ask("Vad ska trygghetsrådet följa upp enligt revisionens rekommendation?")
    assert answer.answered, answer.text
    assert "varje trygghetsvandring dokumenteras" in answer.text, answer.text


def test_names_the_first_page_gives_are_the_documents(svc: Planchat) -> None:
    # "Kvarnen 3" and "Tomelilla" stand on page 1 only; page 2 says "Byggnaden" and "bygglovet".
    answer = svc.ask("How large is the fee for the bygglov on Kvarnen 3 in Tomelilla?")
    assert answer.answered, answer.text
    assert "41 200 kronor" in answer.text
    assert "p. 2" in answer.text


def test_a_case_number_in_brackets_names_the_document(svc: Planchat) -> None:
    # The case number stands on page 1 only; the floor area on page 2.
    answer = svc.ask("Vilken byggnadsarea får byggnaden (LOV 2026-000412)?")
    assert answer.answered, answer.text
    assert "640 kvm" in answer.text


def test_a_name_in_brackets_that_the_first_page_gives_names_the_document(svc: Planchat) -> None:
    # The applicant stands on page 1 only: set in brackets, it says which case is asked about.
    answer = svc.ask("Vilken byggnadsarea får byggnaden (Österlens Lager AB)?")
    assert answer.answered, answer.text
    assert "640 kvm" in answer.text
    # A name in brackets that the case never gives is still a word the answer must hold.
    answer = svc.ask("Vilken byggnadsarea får byggnaden (Vitemölla Bygg AB)?")
    assert not answer.answered, answer.text
