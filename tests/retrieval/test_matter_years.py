"""Every passage of a protokoll's § is about its matter, and so about the years the § names for
it: "Vilka fokusområden har kulturprogrammet 2027–2030?" is answered by the § 's later passage
that lists the points without repeating the years its first passage gave ("förslag till program
för perioden 2027–2030"). The year in the § 's diarienummer ("§ 12 2025.282 KFN") is not a year
the matter is about: asked for 2025, the list is not read out. The PDFs are made by the test."""

from __future__ import annotations

import pytest

from retrieval.service import Planchat

pytestmark = pytest.mark.slow

FILLER = (
    "Förvaltningen har under arbetet genomfört dialoger med föreningar, skolor och bibliotek i hela "
    "kommunen. Synpunkterna har sammanställts och legat till grund för förslagets inriktning och "
    "prioriteringar. Dialogerna visade att invånarna efterfrågar fler mötesplatser nära hemmet och "
    "bättre information om vad som erbjuds under året."
)
PROTOKOLL = [
    [
        "Kultur- och fritidsnämnden",
        "Protokoll",
        "2026-06-17",
        "Plats och tid Rådhuset, kl. 14:00-16:30",
        "Beslutande Anna Berg (S) (ordförande), Olle Lind (M)",
        "§ 12  2025.282 KFN",
        "Kulturprogram för Norrby kommun",
        "Ärendebeskrivning",
        "Förvaltningen har tagit fram ett förslag till kulturprogram för perioden 2027–2030.",
        FILLER,
        FILLER,
        "Programmet är uppbyggt kring tre fokusområden:",
        "- Läsfrämjande insatser för barn",
        "- Musik i hela kommunen",
        "- Offentlig konst i bostadsområden",
        "Beslut",
        "Kultur- och fritidsnämnden godkänner förslaget och remitterar programmet till nämnderna.",
    ],
]


@pytest.fixture(scope="module")
def svc(service_over_reports) -> Planchat:  # type: ignore[no-untyped-def]
    return service_over_reports("matter-years", {"kfn-protokoll.pdf": ("Protokoll", PROTOKOLL)})


def test_a_later_passage_of_the_paragraph_answers_for_its_years(svc: Planchat) -> None:
    answer = svc.ask("Vilka fokusområden har kulturprogrammet för Norrby kommun 2027–2030?")
    assert answer.answered, answer.text
    for point in ("Läsfrämjande", "Musik i hela kommunen", "Offentlig konst"):
        assert point in answer.text, answer.text
    # The list's passage is cited; the years stood in the § 's first passage only.
    assert any("Läsfrämjande" in c.passage.text and "2027" not in c.passage.text for c in answer.citations)


def test_the_year_of_the_case_number_is_no_year_of_the_matter(svc: Planchat) -> None:
    answer = svc.ask("Vilka fokusområden hade kulturprogrammet för Norrby kommun 2025?")
    assert "Läsfrämjande" not in answer.text, answer.text
