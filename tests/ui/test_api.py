"""HTTP API: TestClient against the corpus index, plus one real uvicorn process."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from retrieval.service import safe_filename
from retrieval.settings import Settings
from ui.api import create_app

pytestmark = pytest.mark.slow

QUESTION = "Vad är Mina planer?"
NOT_FOUND = "Vem äter blåbärspaj på månen?"


@pytest.fixture(scope="module")
def client(ui_settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(ui_settings)) as c:  # the context runs the lifespan (warm-up)
        yield c


def _doc_ids(client: TestClient) -> list[str]:
    r = client.get("/documents")
    assert r.status_code == 200
    return sorted(d["doc_id"] for d in r.json()["documents"])


def test_health(client: TestClient) -> None:
    r = client.get("/health")
    assert r.status_code == 200
    assert r.json() == {"status": "ok", "documents": 4}


def test_ask_answers_with_citations(client: TestClient) -> None:
    r = client.post("/ask", json={"question": QUESTION})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["answered"] is True
    assert body["citations"], body
    titles = {d["title"] for d in client.get("/documents").json()["documents"]}
    first = body["citations"][0]
    assert first["title"] in titles
    assert first["quote"] and first["quote"] in first["text"]
    assert "[1]" in body["answer"]


def test_ask_not_found(client: TestClient) -> None:
    r = client.post("/ask", json={"question": NOT_FOUND})
    assert r.status_code == 200
    body = r.json()
    assert body["answered"] is False
    assert body["citations"] == []
    assert "framgår inte" in body["answer"]


def test_ask_with_history_and_filters(client: TestClient) -> None:
    history = [{"role": "user", "content": QUESTION}, {"role": "assistant", "content": "…"}]
    r = client.post("/ask", json={"question": "och 2019?", "history": history, "year": 2019, "k": 5})
    assert r.status_code == 200, r.text
    assert r.json()["filters"] == {"year": 2019}


def test_search_shape(client: TestClient) -> None:
    r = client.post("/search", json={"query": "socialpsykiatriska teamet", "k": 3})
    assert r.status_code == 200
    body = r.json()
    assert body["query"] == "socialpsykiatriska teamet"
    assert 1 <= len(body["results"]) <= 3
    assert [h["rank"] for h in body["results"]] == list(range(1, len(body["results"]) + 1))
    for hit in body["results"]:
        assert set(hit) >= {
            "rank",
            "doc_id",
            "passage_id",
            "title",
            "source",
            "page",
            "section",
            "text",
            "score",
        }


def test_validation_limits(client: TestClient) -> None:
    assert client.post("/ask", json={"question": "x" * 2001}).status_code == 422
    assert client.post("/ask", json={"question": QUESTION, "k": 0}).status_code == 422
    assert client.post("/search", json={"query": "team", "k": 51}).status_code == 422
    r = client.post("/ask", json={"question": "   "})  # passes the length check, the library refuses it
    assert r.status_code == 400
    assert r.json() == {"detail": "question: empty; write a question or a few search words"}


def test_oversized_body_413(client: TestClient) -> None:
    big = {"question": QUESTION, "history": [{"role": "user", "content": "x" * 10_000}] * 8}
    r = client.post("/ask", json=big)  # ~80 kB > 64 kB, rejected on Content-Length
    assert r.status_code == 413
    assert "too large" in r.json()["detail"]

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted while streaming
        data = json.dumps(big).encode()
        for i in range(0, len(data), 4096):
            yield data[i : i + 4096]

    r = client.post("/ask", content=chunks(), headers={"Content-Type": "application/json"})
    assert r.status_code == 413


def test_bad_upload_422_documents_unchanged(client: TestClient, ui_settings: Settings) -> None:
    before = _doc_ids(client)
    r = client.post("/documents", files={"file": ("x.pdf", os.urandom(4000), "application/pdf")})
    assert r.status_code == 422, r.text
    body = r.json()
    assert body["detail"].startswith("x.pdf: ")
    assert body["results"][0]["status"] == "failed" and body["results"][0]["reason"]
    assert "Traceback" not in r.text
    assert _doc_ids(client) == before
    assert not (Path(ui_settings.data_dir) / "uploads" / "x.pdf").exists()


def test_upload_wrong_type_415(client: TestClient) -> None:
    r = client.post("/documents", files={"file": ("notes.exe", b"MZ\x00\x00", "application/octet-stream")})
    assert r.status_code == 415
    assert "unsupported file type" in r.json()["detail"]


def test_upload_too_large_413(ui_settings: Settings) -> None:
    settings = ui_settings.model_copy(update={"max_upload_mb": 1})
    with TestClient(create_app(settings)) as c:
        r = c.post("/documents", files={"file": ("big.txt", b"a" * (1024 * 1024 + 10), "text/plain")})
    assert r.status_code == 413


def test_delete_unknown_document_404(client: TestClient) -> None:
    r = client.delete("/documents/doesnotexist")
    assert r.status_code == 404
    assert "not in the index" in r.json()["detail"]


def test_uploads_disabled_403(ui_settings: Settings) -> None:
    settings = ui_settings.model_copy(update={"uploads_enabled": False})
    c = TestClient(create_app(settings))  # no lifespan needed for these routes
    r = c.post("/documents", files={"file": ("a.txt", b"Hej", "text/plain")})
    assert r.status_code == 403
    assert c.delete("/documents/anything").status_code == 403


def test_facts(client: TestClient) -> None:
    r = client.get("/facts", params={"year": 2019})
    assert r.status_code == 200
    facts = r.json()["facts"]
    assert facts and all(f["year"] == 2019 for f in facts)


def test_missing_index_503(tmp_path: Path) -> None:
    with TestClient(create_app(Settings(data_dir=tmp_path / "empty"))) as c:
        assert c.get("/health").json() == {"status": "ok", "documents": 0}
        r = c.post("/ask", json={"question": QUESTION})
    assert r.status_code == 503
    assert "planchat ingest" in r.json()["detail"]


def test_upload_and_delete_roundtrip(tmp_path: Path, embedder: object) -> None:
    """A good upload lands in <data_dir>/uploads and is searchable; DELETE removes it again."""
    settings = Settings(data_dir=tmp_path / "idx")
    with TestClient(create_app(settings)) as c:
        text = "# Cykelplan\n\nCykelbanorna i Lund ska byggas ut med 40 kilometer under 2021.\n"
        r = c.post("/documents", files={"file": ("../../Cykel plan?.md", text.encode(), "text/markdown")})
        assert r.status_code == 200, r.text
        (result,) = r.json()["results"]
        assert result["status"] == "added"
        saved = Path(result["path"])
        assert saved.parent == settings.data_dir / "uploads" and saved.name == "Cykel plan_.md"
        docs = c.get("/documents").json()["documents"]
        assert len(docs) == 1
        r = c.post("/ask", json={"question": "Hur mycket ska cykelbanorna byggas ut?"})
        assert r.json()["answered"] is True
        r = c.delete(f"/documents/{docs[0]['doc_id']}")
        assert r.status_code == 200
        assert c.get("/documents").json()["documents"] == []


def test_safe_filename() -> None:
    assert safe_filename("../../etc/passwd") == "passwd"
    assert safe_filename("C:\\Users\\x\\Plan 2020.PDF") == "Plan 2020.pdf"
    assert safe_filename("<script>.md") == "_script_.md"
    assert safe_filename("...") == "upload"
    assert safe_filename("Åtgärdsplan–2019.docx") == "Åtgärdsplan_2019.docx"


def test_real_uvicorn_server(ui_settings: Settings, free_port: int, start_server) -> None:  # type: ignore[no-untyped-def]
    base = f"http://127.0.0.1:{free_port}"
    cmd = [sys.executable, "-m", "uvicorn", "ui.api:create_app", "--factory", "--port", str(free_port)]
    start_server(cmd, Path(ui_settings.data_dir), f"{base}/health")
    r = httpx.get(f"{base}/health", timeout=30)
    assert r.json() == {"status": "ok", "documents": 4}
    r = httpx.post(f"{base}/ask", json={"question": QUESTION}, timeout=120)
    assert r.status_code == 200
    body = r.json()
    assert body["answered"] is True and body["citations"]


def test_activities(client: TestClient) -> None:
    r = client.get("/activities", params={"year": 2020})
    assert r.status_code == 200, r.text
    activities = r.json()["activities"]
    assert "Återhämtningsskola" in [a["name"] for a in activities]
    for a in activities:
        assert 2020 in a["years"]
        assert all(s["passage_id"] and s["title"] for s in a["statements"])
    r = client.get("/activities", params={"year": 2020, "status": "ongoing", "query": "återhämtningsskola"})
    assert r.status_code == 200
    narrowed = r.json()["activities"]
    assert "Återhämtningsskola" in [a["name"] for a in narrowed] and len(narrowed) < len(activities)
    for a in narrowed:
        assert any(s["year"] == 2020 and s["status"] == "ongoing" for s in a["statements"]), a["name"]


def test_activities_unknown_status_400(client: TestClient) -> None:
    r = client.get("/activities", params={"status": "bogus"})
    assert r.status_code == 400
    detail = r.json()["detail"]
    assert detail.startswith("status: 'bogus'") and "ongoing" in detail
    assert "Traceback" not in r.text
    assert client.get("/activities", params={"year": 1800}).status_code == 422
