"""Activities with a status per year, read at ingest from documents the tests write themselves."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ingest.activities import _split_cell
from ingest.pipeline import parse_file
from tests.pdfgen import make_report_pdf

PLAN_MD = """# Uppföljning och handlingsplan psykisk hälsa

## Handlingsplan för år 2020

Fokusområden\tFrämjande insatser\tTidiga insatser\tDelaktighet\tLedning
Nya aktiviteter\tAnhörigcafé Träningsgrupp\tMentorsprogram\tMarknadsföra Ungdomsmottagningen. Brukarråd\tÖversyn av rutiner

## Uppföljning av aktiviteter i handlingsplanen år 2020

## FOKUSOMRÅDE 1 – Främjande insatser

### Förbättringsområde: Hälsa

- **Hälsoskola**

Hälsoskolan har genomförts vid sex tillfällen under 2020. Hälsoskolan ska fortsätta under 2021 med fler platser.

- **Kulturombud**

På grund av pandemin har arbetet med kulturombud inte hunnit påbörjas under året.

- **Föreläsningsdag**

Föreläsningsdagen hölls i mars och är nu avslutad. Den har fortsatt under året med två extra tillfällen.

- **Samtalsgrupp**

Samtalsgruppen har träffats varje vecka. Butik med försäljning av alster beräknas starta i början av 2021.

## Planerade aktiviteter år 2021

## FOKUSOMRÅDE 2 – Tidiga insatser

### Förbättringsområde: Anhöriga

Under 2021 ska kommunen starta en telefonlinje för anhöriga. Mentorsprogrammet för unga vuxna ska fortsätta under 2021.

## Handlingsplan för år 2021

Fokusområden\tFrämjande insatser\tTidiga insatser\tDelaktighet\tLedning
Aktiviteter\t<p><b>Digital anhöriggrupp</b></p> <p>Hälsoskola</p>\t<p>Mentorsprogram</p>\t<p>Brukarråd</p>\t<p><b>Ny ledningsstruktur</b></p>

Fet text = ny aktivitet
Övriga är pågående aktiviteter
"""

REPORT_PAGES = [
    [
        "# Uppföljning av aktiviteter i handlingsplanen år 2020",
        "Nedan rapporteras de aktiviteter som genomförts under 2020. Några av de planerade aktiviteterna "
        "har inte hunnit påbörjas under året.",
        "# FOKUSOMRÅDE 1 – Främjande insatser",
        "# Förbättringsområde: Hälsa",
        "• Hälsoskola",
        "Hälsoskolan har genomförts vid sex tillfällen under 2020. Hälsoskolan ska fortsätta under 2021 med "
        "fler platser.",
        "• Kulturombud",
        "På grund av pandemin har arbetet med kulturombud inte hunnit påbörjas under året.",
    ],
    [
        "# Planerade aktiviteter år 2021",
        "# FOKUSOMRÅDE 2 – Tidiga insatser",
        "# Förbättringsområde: Anhöriga",
        "Under 2021 ska kommunen starta en telefonlinje för anhöriga. Mentorsprogrammet för unga vuxna ska "
        "fortsätta under 2021.",
    ],
]


def _activities(path: Path) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    parsed = parse_file(path)
    return parsed.extras["activities"], {p.passage_id: p for p in parsed.passages}


def _status(acts: list[dict[str, Any]], name: str, year: int, source: str | None = None) -> set[str]:
    return {
        a["status"] for a in acts if a["name"] == name and a["year"] == year and source in (None, a["source"])
    }


@pytest.fixture(scope="module")
def md_plan(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    path = tmp_path_factory.mktemp("act") / "plan.md"
    path.write_text(PLAN_MD, encoding="utf-8")
    return _activities(path)


def test_plan_table_legend_bold_new_others_ongoing(md_plan) -> None:
    acts, _ = md_plan
    assert _status(acts, "Digital anhöriggrupp", 2021, "table") == {"new"}
    assert _status(acts, "Ny ledningsstruktur", 2021, "table") == {"new"}
    assert _status(acts, "Hälsoskola", 2021, "table") == {"ongoing"}
    assert _status(acts, "Brukarråd", 2021, "table") == {"ongoing"}


def test_plan_table_labelled_new_makes_every_item_new_and_splits_cells(md_plan) -> None:
    acts, _ = md_plan
    names_2020 = {a["name"] for a in acts if a["year"] == 2020 and a["source"] == "table"}
    # Two activities written side by side in one cell are two items; a verb keeps its object.
    assert {"Anhörigcafé", "Träningsgrupp", "Marknadsföra Ungdomsmottagningen", "Brukarråd"} <= names_2020
    assert all(a["status"] == "new" for a in acts if a["year"] == 2020 and a["source"] == "table")


def test_table_items_carry_focus_area(md_plan) -> None:
    acts, _ = md_plan
    item = next(a for a in acts if a["name"] == "Digital anhöriggrupp")
    assert item["focus"] == "Främjande insatser"


def test_follow_up_states_continuation_not_started_and_completed(md_plan) -> None:
    acts, passages = md_plan
    assert _status(acts, "Hälsoskola", 2020) == {"carried_out"}
    cont = [a for a in acts if a["name"] == "Hälsoskola" and a["status"] == "continues"]
    assert [a["year"] for a in cont] == [2021]
    assert "ska fortsätta under 2021" in cont[0]["evidence"]
    # The evidence is quoted from the cited passage, so an answer can point at it.
    assert cont[0]["evidence"] in passages[cont[0]["passage_id"]].text
    assert _status(acts, "Kulturombud", 2020) == {"not_started"}
    # "har fortsatt under året" is the past, not a carry-over; "är nu avslutad" is completed.
    assert _status(acts, "Föreläsningsdag", 2020) == {"completed"}
    assert not [a for a in acts if a["name"] == "Föreläsningsdag" and a["year"] == 2021]


def test_a_start_in_the_next_year_is_planned_not_continued(md_plan) -> None:
    acts, _ = md_plan
    assert _status(acts, "Samtalsgrupp", 2021) == {"planned"}


def test_plan_prose_sentences_are_planned_or_continuing(md_plan) -> None:
    acts, _ = md_plan
    prose = {a["name"]: a for a in acts if a["source"] == "plan"}
    assert prose["Mentorsprogrammet för unga vuxna"]["status"] == "continues"
    assert prose["Mentorsprogrammet för unga vuxna"]["year"] == 2021
    phone = next(a for name, a in prose.items() if "telefonlinje" in name)
    assert phone["status"] == "planned" and phone["year"] == 2021
    assert not phone["name"].lower().startswith(("under", "ska"))


def test_pdf_follow_up_reads_the_same_statuses(tmp_path: Path) -> None:
    path = make_report_pdf(tmp_path / "uppfoljning.pdf", pages=REPORT_PAGES)
    acts, passages = _activities(path)
    assert _status(acts, "Hälsoskola", 2020) == {"carried_out"}
    assert _status(acts, "Hälsoskola", 2021) == {"continues"}
    assert _status(acts, "Kulturombud", 2020) == {"not_started"}
    assert {a["status"] for a in acts if a["source"] == "plan"} == {"planned", "continues"}
    # Statements about the activities as a whole are kept, without a name.
    general = [a for a in acts if a["source"] == "general"]
    assert [(a["status"], a["year"]) for a in general] == [("not_started", 2020)]
    assert all(passages[a["passage_id"]].page in (1, 2) for a in acts)


def test_documents_without_plans_have_no_activities(tmp_path: Path) -> None:
    path = tmp_path / "protokoll.txt"
    path.write_text(
        "Protokoll\n\nNämnden sammanträdde den 3 mars 2020. Ordföranden öppnade mötet.\n"
        "Nämnden beslutade att godkänna budgeten för 2021.\n",
        encoding="utf-8",
    )
    acts, _ = _activities(path)
    assert acts == []


@pytest.mark.parametrize(
    ("cell", "items"),
    [
        ("Anhörigutbildning Hälsocirkel", ["Anhörigutbildning", "Hälsocirkel"]),
        (
            "Psykologbefattningar. Marknadsföra Ungavuxnamott.",
            ["Psykologbefattningar", "Marknadsföra Ungavuxnamott."],
        ),
        ("Projektledare inom ASF för implementering", ["Projektledare inom ASF för implementering"]),
        ("**Ny grupp** · Gammal grupp", ["**Ny grupp**", "Gammal grupp"]),
    ],
)
def test_cell_items(cell: str, items: list[str]) -> None:
    assert _split_cell(cell) == items
