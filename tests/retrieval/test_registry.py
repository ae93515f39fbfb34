"""The SQLite registry: what is served, the generation counter, facts per document."""

from __future__ import annotations

from pathlib import Path

from ingest.models import Amount, Document, ParsedDocument, Passage
from retrieval.registry import Registry


def _parsed(doc_id: str, source: str = "a.txt", value: int = 1000) -> ParsedDocument:
    doc = Document(doc_id, f"Titel {doc_id}", source, "rapport", None, None, None, [2019], None, doc_id * 4)
    p = Passage(f"{doc_id}-0", doc_id, "Text", None, "", [2019], "prose")
    a = Amount(value, "Bemanning", "Norr", 2019, p.passage_id, doc_id, f"{value} kr", context="Norr 1000")
    return ParsedDocument(doc, [p], [a], {"activities": [{"name": "X"}]})


def test_pending_document_is_not_served_until_complete(tmp_path: Path) -> None:
    reg = Registry(tmp_path)
    parsed = _parsed("d1")
    reg.add_pending(parsed)
    assert reg.documents() == [] and reg.incomplete_ids() == ["d1"]
    before = reg.generation()
    reg.complete(parsed, replaces=[])
    assert [d.doc_id for d in reg.documents()] == ["d1"]
    assert reg.generation() == before + 1
    assert [a.value for a in reg.amounts()] == [1000]
    assert reg.extras("activities") == [("d1", [{"name": "X"}])]


def test_replaced_document_stops_being_served_in_the_same_step(tmp_path: Path) -> None:
    reg = Registry(tmp_path)
    old, new = _parsed("d1"), _parsed("d2", value=2000)
    reg.add_pending(old)
    reg.complete(old, [])
    reg.add_pending(new)
    reg.complete(new, replaces=["d1"])
    assert [d.doc_id for d in reg.documents()] == ["d2"]
    assert [a.value for a in reg.amounts()] == [2000]
    assert reg.by_source("a.txt") == [("d2", "d2d2d2d2")]


def test_forget_removes_the_documents_rows(tmp_path: Path) -> None:
    reg = Registry(tmp_path)
    parsed = _parsed("d1")
    reg.add_pending(parsed)
    reg.complete(parsed, [])
    reg.forget("d1")
    assert reg.documents() == [] and reg.amounts() == [] and reg.extras("activities") == []


def test_twin_finds_the_same_content_from_another_file(tmp_path: Path) -> None:
    reg = Registry(tmp_path)
    parsed = _parsed("d1", source="x/a.txt")
    reg.add_pending(parsed)
    reg.complete(parsed, [])
    assert reg.twin("d1d1d1d1", other_than="y/a.txt") == ("d1", "x/a.txt")
    assert reg.twin("d1d1d1d1", other_than="x/a.txt") is None


def test_registry_survives_reopen(tmp_path: Path) -> None:
    reg = Registry(tmp_path)
    parsed = _parsed("d1")
    reg.add_pending(parsed)
    reg.complete(parsed, [])
    reg.set_meta("model", "m")
    reg.close()
    again = Registry(tmp_path)
    assert again.exists() and again.meta("model") == "m" and again.generation() == 1
