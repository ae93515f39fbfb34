"""Which body a passage is about, as the answer step reads it from the passage's heading and text:
not the work of administering something ("Kap. 13 Föräldrars förmyndarförvaltning" in a delegation
order), not the body in a mail or web address ("samhallsbyggnad@lansstyrelsen.se"); a body that a
heading names in the definite form ("Kap. 14 Socialförvaltningen") still is. The documents are
made by the test."""

from __future__ import annotations

import pytest

from retrieval.service import Planchat
from tests.asking import quotes

pytestmark = pytest.mark.slow

DELEGATION = [
    [
        "# Delegationsordning för överförmyndarnämnden",
        "Överförmyndarnämnden i Norrby delegerar beslutanderätt enligt denna ordning. Delegat anges per "
        "ärendegrupp.",
        "# Kap. 13 Föräldrars förmyndarförvaltning",
        "Samtycke till att placera en omyndigs tillgångar i aktier beslutas av handläggaren inom 14 dagar "
        "från ansökan.",
        "# Kap. 14 Socialförvaltningen",
        "Socialförvaltningen lämnar uppgifter om ställföreträdare inom tio dagar.",
    ],
]
BESLUT = [
    [
        "# Länsstyrelsens beslut om bygglov för Ekbacken 3",
        "Länsstyrelsen har prövat överklagandet av bygglovet för ett flerbostadshus på Ekbacken 3.",
        "# Beskrivning av ärendet",
        "Ansökan gäller ett flerbostadshus med 14 lägenheter. Bruttoarean blir 1 480 kvm och boarean "
        "1 020 kvm. Frågor om ärendet skickas till samhallsbyggnad@lansstyrelsen.se.",
    ],
]


@pytest.fixture(scope="module")
def svc(service_over_reports) -> Planchat:  # type: ignore[no-untyped-def]
    return service_over_reports(
        "body-names",
        {
            "delegation.pdf": ("Delegationsordning för överförmyndarnämnden", DELEGATION),
            "beslut.pdf": ("Länsstyrelsens beslut om bygglov", BESLUT),
        },
    )


def test_administering_something_is_no_body(svc: Planchat) -> None:
    answer = svc.ask(
        "Inom hur många dagar beslutar handläggaren om samtycke till placering i aktier enligt överförmyndarnämnden?"
    )
    assert answer.answered, answer.text
    assert "14 dagar" in quotes(answer.text)[0], answer.text


def test_a_body_a_heading_names_is_the_passages_body(svc: Planchat) -> None:
    # What the section "Kap. 14 Socialförvaltningen" says that body does, not what the nämnd does.
    answer = svc.ask("Inom hur många dagar lämnar överförmyndarnämnden uppgifter om ställföreträdare?")
    assert not answer.answered, answer.text


@pytest.mark.parametrize(
    "question",
    [
        "Hur stor bruttoarea har flerbostadshuset på Ekbacken 3 enligt beslutet från Länsstyrelsen?",
        "What gross floor area does the building on Ekbacken 3 have according to Länsstyrelsen?",
    ],
)
def test_a_mail_address_names_no_body(svc: Planchat, question: str) -> None:
    answer = svc.ask(question)
    assert answer.answered, answer.text
    assert "1 480 kvm" in quotes(answer.text)[0], answer.text
