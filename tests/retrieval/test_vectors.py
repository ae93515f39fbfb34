"""The vector store (real Chroma on disk): upsert, nearest, delete, drop."""

from __future__ import annotations

from pathlib import Path

from ingest.models import Passage
from retrieval.vectors import ChromaStore


def _p(pid: str, doc: str, page: int | None = 3) -> Passage:
    return Passage(pid, doc, f"text {pid}", page, "A › B", [2019, 2020], "table", position=int(pid[-1]))


def test_passages_keep_their_metadata(tmp_path: Path) -> None:
    store = ChromaStore(tmp_path / "chroma")
    store.upsert([_p("a-1", "a"), _p("a-2", "a", None)], [[1.0, 0.0], [0.0, 1.0]])
    got = {p.passage_id: p for p in store.passages()}
    assert got["a-1"].page == 3 and got["a-2"].page is None
    assert got["a-1"].years == [2019, 2020] and got["a-1"].section == "A › B" and got["a-1"].kind == "table"


def test_nearest_ranks_by_cosine_and_filters_documents(tmp_path: Path) -> None:
    store = ChromaStore(tmp_path / "chroma")
    store.upsert([_p("a-1", "a"), _p("b-1", "b")], [[1.0, 0.0], [0.8, 0.6]])
    assert [pid for pid, _ in store.nearest([1.0, 0.0], 2)] == ["a-1", "b-1"]
    assert [pid for pid, _ in store.nearest([1.0, 0.0], 2, ["b"])] == ["b-1"]


def test_upsert_with_the_same_id_replaces(tmp_path: Path) -> None:
    store = ChromaStore(tmp_path / "chroma")
    store.upsert([_p("a-1", "a")], [[1.0, 0.0]])
    store.upsert([_p("a-1", "a")], [[0.0, 1.0]])
    assert store.count() == 1


def test_delete_doc_and_ids(tmp_path: Path) -> None:
    store = ChromaStore(tmp_path / "chroma")
    store.upsert([_p("a-1", "a"), _p("a-2", "a"), _p("b-1", "b")], [[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    store.delete_doc("a")
    assert store.doc_ids() == {"b-1": "b"}
    store.delete_ids(["b-1"])
    assert store.count() == 0 and store.nearest([1.0, 0.0], 3) == []


def test_drop_leaves_a_usable_empty_store(tmp_path: Path) -> None:
    store = ChromaStore(tmp_path / "chroma")
    store.upsert([_p("a-1", "a")], [[1.0, 0.0]])
    store.drop()
    assert store.count() == 0
    store.upsert([_p("a-1", "a")], [[1.0, 0.0]])
    assert store.count() == 1
