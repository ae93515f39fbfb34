"""A lease names its premises once, in the address field of its first page ("Ekbacka allé 4"),
and its tenant and landlord all through. "Vilken hyra per år betalar Tallbergs Curlingklubb …
för lokalerna i Ekbacka ishall?" names the tenant too: the question is about this lease, and the
rent clause answers though it does not say "Ekbacka". A name a document uses in passing, asked
with no name the document is about, still finds no answer there. The PDF is made by the test."""

from __future__ import annotations

import pytest

from retrieval.service import Planchat
from tests.asking import quotes

pytestmark = pytest.mark.slow

LEASE = [
    [
        "# Hyreskontrakt för lokal",
        "Hyresvärd: Kommunen, fritidsförvaltningen",
        "Hyresgäst: Tallbergs Curlingklubb",
    ],
    [
        "# Allmänna villkor",
        "Lokalen hyrs ut för att användas till föreningsverksamhet för Tallbergs Curlingklubb.",
        "Hyresgästen får inte överlåta kontraktet utan hyresvärdens skriftliga medgivande.",
    ],
    [
        "# Lokalens läge",
        "Adress: Ekbacka allé 4",
        "Klubben bedrev tidigare sin verksamhet i Rosendals gamla ishall.",
    ],
    [
        "# Hyra",
        "Hyran för lokalerna är 45 200 kronor per år och betalas kvartalsvis i förskott.",
        "Hyran räknas om varje år efter konsumentprisindex.",
    ],
    [
        "# Tillägg",
        "Tallbergs Curlingklubb ansvarar för städning av de hyrda lokalerna.",
        "Fritidsförvaltningen ansvarar för snöröjning och för underhåll av isen.",
    ],
    [
        "# Uppsägning",
        "Tallbergs Curlingklubb och fritidsförvaltningen kan säga upp kontraktet med nio månaders varsel.",
        "Uppsägningen ska vara skriftlig.",
    ],
]


@pytest.fixture(scope="module")
def svc(service_over_reports) -> Planchat:  # type: ignore[no-untyped-def]
    return service_over_reports("names-in-passing", {"hyreskontrakt.pdf": ("Hyreskontrakt", LEASE)})


def test_a_name_the_lease_gives_once_with_its_tenant(svc: Planchat) -> None:
    answer = svc.ask(
        "Vilken hyra per år betalar Tallbergs Curlingklubb enligt hyreskontraktet med "
        "fritidsförvaltningen för lokalerna i Ekbacka ishall?"
    )
    assert answer.answered, answer.text
    assert "45 200 kronor" in quotes(answer.text)[0]
    assert answer.citations[0].passage.page == 4


def test_a_name_in_passing_alone_is_not_the_lease(svc: Planchat) -> None:
    answer = svc.ask("Vilken hyra per år betalas för lokalerna i Rosendal?")
    assert not answer.answered, answer.text
