"""Activity-status questions ("which activities carried over to 2020?") answered as cited lists."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from retrieval.service import Planchat
from tests.ingest.test_activities import PLAN_MD, REPORT_PAGES
from tests.pdfgen import make_report_pdf

pytestmark = pytest.mark.slow

CARRY_STATUSES = {"ongoing", "continues", "planned"}


@pytest.fixture(scope="module")
def svc(corpus_index, embedder) -> Planchat:
    from retrieval.store import Index

    return Planchat(corpus_index, index=Index(corpus_index, embedder=embedder))


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory, embedder) -> Planchat:
    """Two documents of one municipality: a follow-up report (PDF) and a plan (markdown)."""
    from retrieval.settings import Settings
    from retrieval.store import Index

    docs = tmp_path_factory.mktemp("docs")
    make_report_pdf(docs / "uppfoljning-2020.pdf", pages=REPORT_PAGES)
    (docs / "handlingsplan-2021.md").write_text(PLAN_MD, encoding="utf-8")
    settings = Settings(data_dir=tmp_path_factory.mktemp("small-index"))
    planchat = Planchat(settings, index=Index(settings, embedder=embedder))
    report = planchat.ingest([docs])
    assert not report.failed, report.summary()
    return planchat


def _items(answer: Any) -> list[str]:
    return [ln for ln in answer.text.splitlines() if ln.startswith("- ")]


def _check_cited(answer: Any) -> None:
    """Every listed activity carries a citation, and its evidence stands in the cited passage."""
    numbers = {c.n: c for c in answer.citations}
    for line in _items(answer):
        marks = [int(n) for n in re.findall(r"\[(\d+)\]", line)]
        assert marks, line
        assert all(n in numbers for n in marks), line
    for item in answer.activities:
        cited = numbers[item["citation"]].passage.text
        assert item["evidence"] in cited.replace("\n", " ") or item["evidence"] in cited


@pytest.mark.parametrize(
    "question",
    [
        "Vilka aktiviteter fortsätter 2020?",
        "Which activities carried over to 2020?",
        "Vilka aktiviteter kvarstår från 2019?",
    ],
)
def test_carry_over_lists_activities_continuing_into_2020(svc: Planchat, question: str) -> None:
    answer = svc.ask(question)
    assert answer.answered
    assert len(answer.activities) >= 10
    _check_cited(answer)
    for item in answer.activities:
        of_2020 = [s for s in item["statements"] if s["year"] == 2020 and s["status"] in CARRY_STATUSES]
        assert of_2020, item["name"]
        if all(s["status"] == "planned" for s in of_2020):
            # Only planned for 2020: it counts as carried over when an earlier year names it too.
            assert any(s["year"] and s["year"] < 2020 for s in item["statements"]), item["name"]
    names = " ".join(i["name"] for i in answer.activities).lower()
    # Continuing in the follow-up and ongoing in the 2020 plan: both kinds appear.
    assert "återhämtningsskola" in names
    assert "specialisttjänst" in names or "specialpedagog" in names
    # Ended in 2019 (a one-off conference) or brand new in 2020: not carried over.
    assert "återhämtningskonferens" not in names
    assert "delat beslutsfattande" not in names


def test_english_answer_explains_and_keeps_swedish_names(svc: Planchat) -> None:
    answer = svc.ask("Which activities carried over to 2020?")
    assert answer.language == "en"
    assert answer.text.startswith("Activities that carry over into 2020")
    assert "ongoing activity in the 2020 plan" in answer.text


def test_new_activities_are_only_new_ones(svc: Planchat) -> None:
    answer = svc.ask("Vilka nya aktiviteter finns i handlingsplanen för 2020?")
    assert answer.answered and answer.activities
    _check_cited(answer)
    for item in answer.activities:
        assert any(s["status"] == "new" and s["year"] == 2020 for s in item["statements"])
    assert "återhämtningsskola" not in answer.text.lower()


def test_topic_narrows_the_list(svc: Planchat) -> None:
    answer = svc.ask("Vilka aktiviteter för anhöriga fortsätter 2020?")
    assert answer.answered
    names = [i["name"].lower() for i in answer.activities]
    assert names and len(names) < 6
    assert any("anhörig" in n or "hälsocirkel" in n for n in names)


def test_same_activity_is_linked_across_documents_and_years(svc: Planchat) -> None:
    acts = svc.activities()
    school = next(a for a in acts if a["name"] == "Återhämtningsskola")
    statuses = {(s["year"], s["status"]) for s in school["statements"]}
    assert {(2019, "new"), (2019, "carried_out"), (2020, "ongoing")} <= statuses
    sip = next(a for a in acts if a["name"] == "SIP/SVU")
    assert len({s["doc_id"] for s in sip["statements"]}) == 2  # stated by ASN and FSN alike
    # Two different items of one plan table are never merged into one activity.
    for a in acts:
        tables = [(s["passage_id"], s["year"]) for s in a["statements"] if s["source"] == "table"]
        assert len({y for _, y in tables}) == len(tables), a["name"]


def test_activities_listing_filters(svc: Planchat) -> None:
    ongoing = svc.activities(year=2020, status="ongoing")
    assert ongoing
    assert all(any(s["status"] == "ongoing" and s["year"] == 2020 for s in a["statements"]) for a in ongoing)
    assert all(s["title"] for a in ongoing for s in a["statements"])


def test_not_started_quotes_what_the_documents_say(svc: Planchat) -> None:
    answer = svc.ask("Vilka aktiviteter hann inte påbörjas 2019?")
    assert answer.answered
    assert "inte hunnit påbörjas" in answer.text
    assert answer.citations


def test_year_without_activities_is_said_plainly(svc: Planchat) -> None:
    answer = svc.ask("Vilka aktiviteter fortsätter 2031?")
    assert not answer.answered
    assert "framgår inte" in answer.text and "2031" in answer.text
    assert not answer.activities


def test_cross_document_carry_over_in_a_new_corpus(small: Planchat) -> None:
    answer = small.ask("Vilka aktiviteter fortsätter 2021?")
    assert answer.answered
    _check_cited(answer)
    by_name = {i["name"]: i for i in answer.activities}
    assert "Hälsoskola" in by_name
    # The follow-up (PDF) says it continues, the 2021 plan (markdown) lists it as ongoing.
    sources = {Path(c.document.source).suffix for c in answer.citations}
    assert {".pdf", ".md"} <= sources
    assert any("Mentorsprogram" in n for n in by_name)
    listed = " ".join(by_name).lower()
    assert "digital anhöriggrupp" not in listed  # new in 2021
    assert "kulturombud" not in listed  # never started
    assert "telefonlinje" not in listed  # planned for 2021 with no earlier year
    assert "samtalsgrupp" not in listed  # only a new shop "beräknas starta" in 2021


def test_cross_document_other_statuses(small: Planchat) -> None:
    new = small.ask("Which new activities are in the 2021 plan?")
    assert {i["name"] for i in new.activities} == {"Digital anhöriggrupp", "Ny ledningsstruktur"}
    not_started = small.ask("Vilka aktiviteter har inte påbörjats?")
    assert "Kulturombud" in {i["name"] for i in not_started.activities}


def test_ordinary_questions_are_not_turned_into_lists(small: Planchat) -> None:
    answer = small.ask("Hur många tillfällen hade hälsoskolan 2020?")
    assert answer.answered
    assert not answer.activities
    assert "sex tillfällen" in answer.text
