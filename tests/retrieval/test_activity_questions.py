"""Which questions are activity-status questions, and for which year (no index needed)."""

from __future__ import annotations

import pytest

from retrieval.activities import parse_status_question


@pytest.mark.parametrize(
    ("question", "status", "year"),
    [
        ("Vilka aktiviteter fortsätter 2020?", "carry", 2020),
        ("Which activities carried over to 2020?", "carry", 2020),
        ("What carried over to 2021?", "carry", 2021),
        ("Vilka insatser förs över till 2020?", "carry", 2020),
        # The year the activities come from: they carry over into the next one.
        ("Vilka aktiviteter kvarstår från 2019?", "carry", 2020),
        ("Vilka av 2019 års aktiviteter fortsätter?", "carry", 2020),
        ("Which 2019 activities carried over?", "carry", 2020),
        ("Which initiatives from 2019 continue in 2020?", "carry", 2020),
        ("Vilka aktiviteter kvarstår?", "carry", None),
        ("Vilka nya aktiviteter finns i 2020 års handlingsplan?", "new", 2020),
        ("Which new activities are in the 2021 plan?", "new", 2021),
        ("Vilka aktiviteter hann inte påbörjas 2019?", "not_started", 2019),
        ("Which activities were not started?", "not_started", None),
        ("Vilka aktiviteter genomfördes 2019?", "completed", 2019),
        ("Vilka aktiviteter planeras 2020?", "planned", 2020),
    ],
)
def test_status_questions(question: str, status: str, year: int | None) -> None:
    sq = parse_status_question(question)
    assert sq is not None
    assert (sq.status, sq.year) == (status, year)
    assert sq.topic == ""  # nothing narrows these lists


def test_topic_is_what_remains() -> None:
    sq = parse_status_question("Vilka aktiviteter för anhöriga fortsätter 2020?")
    assert sq is not None and sq.topic == "anhöriga"
    sq = parse_status_question("Which activities for relatives carried over to 2020?")
    assert sq is not None and sq.topic == "relatives"


def test_filter_year_wins() -> None:
    sq = parse_status_question("Vilka aktiviteter fortsätter?", filter_year=2021)
    assert sq is not None and sq.year == 2021


@pytest.mark.parametrize(
    "question",
    [
        "Vad kostade aktiviteterna 2019?",  # an amount question
        "Hur många deltog i aktiviteterna på Vänkretsen?",  # a count
        "Vad är Mina planer?",
        "Fortsätter socialpsykiatriska teamet?",  # a yes/no question about one activity
    ],
)
def test_other_questions_are_not_status_lists(question: str) -> None:
    assert parse_status_question(question) is None
