""" "Pris" names a prize as often as a price: "Vilket tema har länsstyrelsens pris för ungas
engagemang?" asks for no figure, while "Vilket pris …?" and "pris per timme" do. An age group ("Which
age group …?", "Vid vilken ålder …?") is a figure ("13–25 år"). The PDFs are made by the test."""

from __future__ import annotations

import pytest

from retrieval.service import Planchat
from tests.asking import quotes

pytestmark = pytest.mark.slow

PRIZE = [
    [
        "# Länsstyrelsen i Norrby läns pris för ungas ideella engagemang",
        "Priset instiftades 2025 av landshövdingen i Norrby län.",
        "Årets tema för länsstyrelsens pris för ungas ideella engagemang är demokrati och delaktighet.",
        "Nomineringar ska ha kommit in senast den 31 augusti 2026 och priset delas ut i november 2026.",
        "Priset kan till exempel gå till en förening som har startat mötesplatser för unga i länet.",
        "Priset delas ut till unga personer i åldersgruppen 13–25 år som har gjort förtjänstfulla "
        "insatser genom ideellt engagemang.",
    ],
]


@pytest.fixture(scope="module")
def svc(service_over_reports) -> Planchat:  # type: ignore[no-untyped-def]
    return service_over_reports("prize-and-age", {"pris.pdf": ("Pris för ungas engagemang", PRIZE)})


def test_a_prize_is_no_price(svc: Planchat) -> None:
    answer = svc.ask("Vilket tema har länsstyrelsens pris för ungas ideella engagemang i år?")
    assert answer.answered, answer.text
    assert "demokrati" in quotes(answer.text)[0], answer.text


def test_an_age_group_is_a_figure(svc: Planchat) -> None:
    answer = svc.ask(
        "Which age group can receive the county board's prize for young people's voluntary engagement?"
    )
    assert answer.answered, answer.text
    assert "13–25" in quotes(answer.text)[0], answer.text
