""" "Hur stort är planområdet?" asks for an area, and a plan gives it in hectares ("drygt 12
hektar", "12 ha") or square metres: a sentence that counts homes or numbers a stage ("etapp 1",
"130 bostäder") beside the same words does not answer it. The PDF is made by the test."""

from __future__ import annotations

import pytest

from retrieval.service import Planchat

pytestmark = pytest.mark.slow

PAGES = [
    [
        "# Planområdet",
        "Detaljplanen för Storängen prövar 130 nya bostäder i planområdet, som byggs ut i två etapper "
        "med start 2027.",
        "Planområdets areal är drygt 12 hektar.",
        "# Genomförande",
        "Planområdet är i dag till största delen jordbruksmark, och genomförandetiden är tio år.",
    ],
    [
        "# Efterfrågan",
        "Intresset för nya bostäder i kommunen är stort, särskilt för mindre lägenheter.",
        "# Natur",
        "Ett stort naturområde med gamla ekar gränsar till planen i öster.",
    ],
]


@pytest.fixture(scope="module")
def svc(service_over_reports) -> Planchat:  # type: ignore[no-untyped-def]
    return service_over_reports("plan-area", {"storangen.pdf": ("Detaljplan för Storängen", PAGES)})


def test_how_large_a_plan_area_is_is_answered_in_hectares(svc: Planchat) -> None:
    answer = svc.ask("Hur stort är planområdet för detaljplanen för Storängen?")
    assert answer.answered, answer.text
    assert "12 hektar" in answer.text, answer.text
    assert "130" not in answer.text, answer.text
    answer = svc.ask("How large is the plan area of the detaljplan for Storängen?")
    assert answer.answered, answer.text
    assert "12 hektar" in answer.text and "130" not in answer.text, answer.text


def test_a_count_asked_is_still_a_count(svc: Planchat) -> None:
    answer = svc.ask("Hur många bostäder prövas i detaljplanen för Storängen?")
    assert answer.answered, answer.text
    assert "130" in answer.text, answer.text
