"""Which nämnd and förvaltning a document is from. A reader trusts the document card: a body that
is merely mentioned (an audit naming every nämnd it reviewed, a plan listing who is responsible
for each action) must not become the document's author; no body is better than a wrong one."""

from __future__ import annotations

from pathlib import Path

from ingest.metadata import extract_metadata

FILLER = "Verksamheten har bedrivits enligt plan under året och uppföljningen sker löpande. " * 12


def _meta(text: str) -> dict[str, object]:
    return extract_metadata(text, Path("dokument.pdf"))


def test_the_body_named_on_the_cover_is_the_author() -> None:
    text = (
        "Alingsås kommun\nBarn- och ungdomsnämnden\nLokalförsörjningsplan 2026–2031\n"
        + FILLER
        + "Socialnämnden och kultur- och utbildningsnämnden har lämnat synpunkter. "
        + "Socialnämnden har också lämnat ett yttrande. Socialnämnden tillstyrker."
    )
    assert _meta(text)["nämnd"] == "Barn- och ungdomsnämnden"


def test_an_audit_of_several_bodies_has_no_author_among_them() -> None:
    # The first nämnd mentioned deep in the text is one of those reviewed, not the author.
    text = (
        "Grundläggande granskning 2025\nRevisionsrapport\n"
        + FILLER
        + "Socialnämnden har en tillfredsställande styrning. Överförmyndarnämnden har brister. "
        + "Socialnämnden bör utveckla sin uppföljning. Överförmyndarnämnden bör dokumentera. "
        + "Tekniska nämnden har en budget i balans."
    )
    assert _meta(text)["nämnd"] is None


def test_a_body_named_clearly_most_often_is_the_author() -> None:
    text = (
        "Genomlysning 2026–2027\n"
        + FILLER
        + "Tekniska nämnden ansvarar för gator. Tekniska nämnden har ett underskott. "
        + "Tekniska nämnden ska redovisa förflyttningar. Bygg- och miljönämnden yttrar sig."
    )
    assert _meta(text)["nämnd"] == "Tekniska nämnden"


def test_a_responsibility_table_names_no_förvaltning_as_author() -> None:
    rows = "\n".join(
        f"Åtgärd {n} Ansvarig: {forv}"
        for n, forv in enumerate(["Utbildningsförvaltningen", "Socialförvaltningen"] * 4, 1)
    )
    text = "Handlingsplan för klimat och energi\n" + FILLER + rows
    assert _meta(text)["förvaltning"] is None


def test_the_only_body_a_document_names_is_its_own() -> None:
    text = (
        "Budgetskrivelse för investeringar 2027–2031\n"
        + FILLER
        + "Kultur- och fritidsförvaltningen ansvarar."
    )
    assert _meta(text)["förvaltning"] == "Kultur- och fritidsförvaltningen"


def test_a_city_that_writes_stad_with_a_capital_is_its_organisation() -> None:
    text = (
        "Missiv till ansvariga nämnder\n"
        + FILLER
        + "Göteborgs Stad har i uppdrag att skapa trygga miljöer. Göteborgs Stads nämnder ansvarar. "
        + "Region Västra Götaland deltar i samverkan."
    )
    assert _meta(text)["organisation"] == "Göteborgs Stad"


def test_a_city_named_only_in_the_genitive_is_its_organisation() -> None:
    text = (
        "Missiv\n"
        + FILLER
        + "Göteborgs Stads regler för hemvårdsbidrag beslutades 2005. Göteborgs Stads nämnder."
    )
    assert _meta(text)["organisation"] == "Göteborgs Stad"


# A styrdokument's cover card gives the day it was decided and the day it must be revised by; the
# card a reader sees says the first ("Datum 2026-06-16"), never the second.
CARD = (
    "Delegationsordning för socialnämnden 2026\nTyp av styrdokument: Delegationsordning\n"
    "Beslutande instans: Socialnämnden\nGiltighetstid: Tillsvidare\n"
    "Datum för beslut: 2026-06-16 § 41\nRevideras senast: 2026-12-31\nDiarienummer: 2025.145 SN\n"
)


def test_the_day_of_decision_is_the_documents_date() -> None:
    assert _meta(CARD + FILLER)["date"] == "2026-06-16"
    # Over a later day the text gives, such as the day it applies from.
    text = CARD.replace("Giltighetstid: Tillsvidare", "Giltighetstid: Från 2027-01-01") + FILLER
    assert _meta(text)["date"] == "2026-06-16"


def test_a_revise_by_day_is_never_the_documents_date() -> None:
    text = CARD.replace("Datum för beslut: 2026-06-16 § 41", "Datum för beslut:") + FILLER
    assert _meta(text)["date"] is None
    # A later revision's day, under its heading.
    revision = (
        "Riktlinje för registerkontroll\nBeslutad av kommunstyrelsen 2023-08-29 § 182\n"
        "Revidering\nDatum och paragraf: 2025-09-18\n"
    )
    assert _meta(revision + FILLER)["date"] == "2023-08-29"
