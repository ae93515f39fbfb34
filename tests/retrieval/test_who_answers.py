""" "Vem beslutar …?", "Vem ansvarar …?" (no role asked for) are answered by a body or a role as
well as by a name, also where the sentence names it first or in lower case: "Det är
förundersökningsledaren som beslutar …", "Kultur- och fritidsförvaltningen har … ansvar …". Such
sentences had been read as holding no name and the question withheld or answered by another
sentence. The PDF is made by the test."""

from __future__ import annotations

import pytest

from retrieval.service import Planchat
from tests.asking import quotes

pytestmark = pytest.mark.slow

RUTIN = [
    [
        "# Polisanmälan",
        "Den förtroendevalda kan begära att personuppgifterna i en polisanmälan skyddas.",
        "Det är förundersökningsledaren som beslutar om åtkomstskydd ska beviljas.",
        "Anmälan kan göras på telefon eller vid besök på en polisstation.",
    ],
    [
        "# Genomförande",
        "Programmet ska följas upp varje år i samband med årsredovisningen.",
        "Kultur- och fritidsförvaltningen har ett särskilt ansvar för att samordna och följa upp "
        "genomförandet av programmet.",
    ],
]


@pytest.fixture(scope="module")
def svc(service_over_reports) -> Planchat:  # type: ignore[no-untyped-def]
    return service_over_reports("who-answers", {"rutin.pdf": ("Rutin och program för trygghet", RUTIN)})


def test_a_role_in_lower_case_answers_who(svc: Planchat) -> None:
    answer = svc.ask("Vem beslutar om åtkomstskydd ska beviljas för en polisanmälan?")
    assert answer.answered, answer.text
    assert "förundersökningsledaren" in quotes(answer.text)[0]
    assert answer.citations[0].passage.page == 1


def test_a_body_named_first_answers_who(svc: Planchat) -> None:
    answer = svc.ask("Vem har särskilt ansvar för att samordna och följa upp genomförandet av programmet?")
    assert answer.answered, answer.text
    assert quotes(answer.text)[0].startswith("Kultur- och fritidsförvaltningen")
    assert answer.citations[0].passage.page == 2
