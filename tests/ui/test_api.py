"""HTTP API: TestClient against the corpus index, plus one real uvicorn process."""

from __future__ import annotations

import hashlib
import json
import os
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from retrieval.service import safe_filename
from retrieval.settings import Settings
from retrieval.store import WriteLock
from ui.api import create_app

pytestmark = pytest.mark.slow

QUESTION = "Vad är Mina planer?"
NOT_FOUND = "Vem äter blåbärspaj på månen?"
TOKEN = "write-token-for-the-tests-0123456789"
READ_TOKEN = "read-token-for-the-tests-9876543210"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
CYKEL = "# Cykelplan\n\nCykelbanorna i Lund ska byggas ut med 40 kilometer under 2021.\n"


@pytest.fixture(scope="module")
def client(ui_settings: Settings) -> Iterator[TestClient]:
    settings = ui_settings.model_copy(update={"api_token": TOKEN})
    with TestClient(create_app(settings)) as c:  # the context runs the lifespan (warm-up)
        yield c


def _uploads(settings: Settings) -> list[str]:
    folder = Path(settings.data_dir) / "uploads"
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


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
    before, stored = _doc_ids(client), _uploads(ui_settings)
    r = client.post(
        "/documents", files={"file": ("x.pdf", os.urandom(4000), "application/pdf")}, headers=AUTH
    )
    assert r.status_code == 422, r.text
    body = r.json()
    assert body["detail"].startswith("x.pdf: ")
    assert body["results"][0]["status"] == "failed" and body["results"][0]["reason"]
    assert "Traceback" not in r.text
    assert _doc_ids(client) == before
    assert _uploads(ui_settings) == stored  # the failed file is not kept


def test_upload_wrong_type_415(client: TestClient) -> None:
    files = {"file": ("notes.exe", b"MZ\x00\x00", "application/octet-stream")}
    r = client.post("/documents", files=files, headers=AUTH)
    assert r.status_code == 415
    assert r.json()["detail"].startswith("notes.exe: unsupported file type '.exe'")


def test_upload_too_large_413(ui_settings: Settings) -> None:
    settings = ui_settings.model_copy(update={"max_upload_mb": 1, "api_token": TOKEN})
    with TestClient(create_app(settings)) as c:
        files = {"file": ("big.txt", b"a" * (1024 * 1024 + 10), "text/plain")}
        r = c.post("/documents", files=files, headers=AUTH)
    assert r.status_code == 413


def test_delete_unknown_document_404(client: TestClient) -> None:
    r = client.delete("/documents/doesnotexist", headers=AUTH)
    assert r.status_code == 404
    assert "not in the index" in r.json()["detail"]


def test_uploads_disabled_403_even_with_the_token(ui_settings: Settings) -> None:
    settings = ui_settings.model_copy(update={"uploads_enabled": False, "api_token": TOKEN})
    c = TestClient(create_app(settings))  # no lifespan needed for these routes
    r = c.post("/documents", files={"file": ("a.txt", b"Hej", "text/plain")}, headers=AUTH)
    assert r.status_code == 403
    assert "PLANCHAT_UPLOADS_ENABLED" in r.json()["detail"]
    assert c.delete("/documents/anything", headers=AUTH).status_code == 403


# -- who may write and read ------------------------------------------------------------------
def test_writes_need_the_bearer_token(client: TestClient, ui_settings: Settings) -> None:
    before, stored = _doc_ids(client), _uploads(ui_settings)
    files = {"file": ("cykel.md", CYKEL.encode(), "text/markdown")}
    for headers, invalid in (
        ({}, False),
        ({"Authorization": "Bearer not-the-token"}, True),
        ({"Authorization": f"Basic {TOKEN}"}, True),
        ({"Authorization": f"Bearer {TOKEN}x"}, True),
    ):
        r = client.post("/documents", files=files, headers=headers)
        assert r.status_code == 401, (headers, r.text)
        assert r.headers["WWW-Authenticate"].startswith("Bearer")
        assert ('error="invalid_token"' in r.headers["WWW-Authenticate"]) == invalid
        assert r.json()["detail"].startswith("Authorization: ")
        r = client.delete(f"/documents/{before[0]}", headers=headers)
        assert r.status_code == 401
    assert _doc_ids(client) == before and _uploads(ui_settings) == stored
    # Reads stay open without a read token.
    assert client.get("/documents").status_code == 200
    assert client.post("/search", json={"query": "teamet"}).status_code == 200


def test_writes_without_a_configured_token_are_refused(ui_settings: Settings) -> None:
    """No PLANCHAT_API_TOKEN and no PLANCHAT_OPEN_WRITES: every write is 403, whatever is sent."""
    assert ui_settings.api_token is None and not ui_settings.open_writes
    c = TestClient(create_app(ui_settings))
    for headers in ({}, AUTH):
        r = c.post(
            "/documents", files={"file": ("cykel.md", CYKEL.encode(), "text/markdown")}, headers=headers
        )
        assert r.status_code == 403
        assert "PLANCHAT_API_TOKEN" in r.json()["detail"] and "PLANCHAT_OPEN_WRITES" in r.json()["detail"]
        assert c.delete("/documents/anything", headers=headers).status_code == 403
    assert c.get("/health").status_code == 200


def test_read_token_guards_everything_but_health(ui_settings: Settings) -> None:
    settings = ui_settings.model_copy(update={"api_token": TOKEN, "read_token": READ_TOKEN})
    c = TestClient(create_app(settings))
    read = {"Authorization": f"Bearer {READ_TOKEN}"}
    assert c.get("/health").status_code == 200
    for method, path, body in (
        ("GET", "/documents", None),
        ("POST", "/ask", {"question": QUESTION}),
        ("POST", "/search", {"query": "teamet"}),
        ("GET", "/facts", None),
        ("GET", "/openapi.json", None),
    ):
        r = c.request(method, path, json=body)
        assert r.status_code == 401, path
        assert r.headers["WWW-Authenticate"].startswith("Bearer")
        assert "PLANCHAT_READ_TOKEN" in r.json()["detail"]
        assert (
            c.request(method, path, json=body, headers={"Authorization": "Bearer wrong"}).status_code == 401
        )
        assert c.request(method, path, json=body, headers=read).status_code == 200, path
        assert c.request(method, path, json=body, headers=AUTH).status_code == 200, (
            path
        )  # the writer reads too
    # The read token does not write.
    r = c.delete("/documents/anything", headers=read)
    assert r.status_code == 401
    assert c.delete("/documents/anything", headers=AUTH).status_code == 404


def test_settings_tokens_blank_is_unset_and_short_is_refused() -> None:
    assert Settings(api_token="  ").api_token is None
    assert Settings(api_token="  ").write_access() == "closed"
    assert Settings(open_writes=True).write_access() == "open"
    assert Settings(api_token=TOKEN, open_writes=True).write_access() == "token"  # a token always counts
    assert Settings(api_token=TOKEN, uploads_enabled=False).write_access() == "disabled"
    with pytest.raises(ValueError, match="api_token"):
        Settings(api_token="short")
    assert TOKEN not in repr(Settings(api_token=TOKEN))


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
    assert "planchat ingest" in r.json()["detail"] and str(tmp_path) not in r.json()["detail"]


def test_upload_and_delete_roundtrip(tmp_path: Path, embedder: object) -> None:
    """Open writes (a local single-user run): a good upload is stored under a content-derived name,
    is searchable, and DELETE removes it and its stored file again."""
    settings = Settings(data_dir=tmp_path / "idx", open_writes=True)
    with TestClient(create_app(settings)) as c:
        r = c.post("/documents", files={"file": ("../../Cykel plan?.md", CYKEL.encode(), "text/markdown")})
        assert r.status_code == 201, r.text
        (result,) = r.json()["results"]
        assert result["status"] == "added"
        # The new document's entry, as GET /documents lists it (source: the stored file name).
        assert result["title"] and result["passages"] >= 1 and "pages" in result
        digest = hashlib.sha256(CYKEL.encode()).hexdigest()[:16]
        assert result["file"] == f"{digest}-Cykel plan_.md"
        assert _uploads(settings) == [result["file"]]
        docs = c.get("/documents").json()["documents"]
        assert [d["doc_id"] for d in docs] == [result["doc_id"]]
        assert {k: result[k] for k in docs[0]} == docs[0]
        assert result["source"] == result["file"] and str(tmp_path) not in r.text
        # The same bytes again: 200, nothing new.
        r = c.post("/documents", files={"file": ("kopia.md", CYKEL.encode(), "text/markdown")})
        assert r.status_code == 200, r.text
        (again,) = r.json()["results"]
        assert again["status"] == "unchanged" and again["doc_id"] == result["doc_id"]
        assert again["title"] == result["title"] and again["passages"] == result["passages"]
        r = c.post("/ask", json={"question": "Hur mycket ska cykelbanorna byggas ut?"})
        assert r.json()["answered"] is True
        r = c.delete(f"/documents/{docs[0]['doc_id']}")
        assert r.status_code == 204 and r.content == b""
        assert c.get("/documents").json()["documents"] == []
        assert _uploads(settings) == []
        r = c.delete(f"/documents/{docs[0]['doc_id']}")  # deleted already
        assert r.status_code == 404 and docs[0]["doc_id"] in r.json()["detail"]


def test_uploads_are_named_by_content(tmp_path: Path, embedder: object) -> None:
    """The same bytes are the same document under any name; another file with the same name is
    another document, never a replacement; a corpus file is never deleted."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "park.md").write_text(
        "# Parkplan\n\nParken i Lund får 12 nya bänkar under 2022.\n", encoding="utf-8"
    )
    settings = Settings(data_dir=tmp_path / "idx", api_token=TOKEN)
    from retrieval.store import Index

    Index(settings, embedder=embedder).ingest([corpus])  # type: ignore[arg-type]
    with TestClient(create_app(settings)) as c:
        first = c.post(
            "/documents", files={"file": ("plan.md", CYKEL.encode(), "text/markdown")}, headers=AUTH
        )
        again = c.post(
            "/documents", files={"file": ("kopia.md", CYKEL.encode(), "text/markdown")}, headers=AUTH
        )
        other_text = CYKEL.replace("40", "55")
        other = c.post(
            "/documents", files={"file": ("plan.md", other_text.encode(), "text/markdown")}, headers=AUTH
        )
        assert [r.status_code for r in (first, again, other)] == [201, 200, 201]
        (a,), (b,), (o,) = (r.json()["results"] for r in (first, again, other))
        assert a["status"] == "added" and b["status"] == "unchanged" and b["doc_id"] == a["doc_id"]
        assert o["status"] == "added" and o["doc_id"] != a["doc_id"]
        assert _uploads(settings) == sorted([a["file"], o["file"]])
        assert len(c.get("/documents").json()["documents"]) == 3  # park, plan, the other plan
        # The bytes of a corpus file: nothing stored, named by its file name only.
        dup = (corpus / "park.md").read_bytes()
        r = c.post("/documents", files={"file": ("park-kopia.md", dup, "text/markdown")}, headers=AUTH)
        assert r.status_code == 200, r.text
        (d,) = r.json()["results"]
        listed = {x["doc_id"]: x for x in c.get("/documents").json()["documents"]}
        assert {k: d[k] for k in listed[d["doc_id"]]} == listed[d["doc_id"]]  # the registry entry
        assert d["source"] == "park.md" and str(tmp_path) not in r.text
        assert d["status"] == "unchanged" and d["reason"] == "same content as park.md"
        assert _uploads(settings) == sorted([a["file"], o["file"]])
        # Deleting the corpus document leaves the corpus file alone; deleting an upload removes its file.
        assert c.delete(f"/documents/{d['doc_id']}", headers=AUTH).status_code == 204
        assert (corpus / "park.md").read_bytes() == dup
        assert c.delete(f"/documents/{a['doc_id']}", headers=AUTH).status_code == 204
        assert _uploads(settings) == [o["file"]]
        r = c.post("/ask", json={"question": "Hur mycket ska cykelbanorna byggas ut?"})
        assert r.json()["answered"] and "55" in r.json()["answer"]


def test_no_server_paths_in_responses(client: TestClient, ui_settings: Settings, repo_root: Path) -> None:
    bodies = [
        client.get("/documents").json(),
        client.post("/search", json={"query": "socialpsykiatriska teamet"}).json(),
        client.post("/ask", json={"question": QUESTION}).json(),
        client.post("/ask", json={"question": "Vad kostade socialpsykiatriska teamet 2019?"}).json(),
        client.get("/activities", params={"year": 2020}).json(),
        client.get("/facts").json(),
    ]
    sources: list[str] = []

    def walk(obj: object) -> None:
        if isinstance(obj, dict):
            for k, v in obj.items():
                if k == "source":
                    sources.append(v)
                walk(v)
        elif isinstance(obj, list):
            for v in obj:
                walk(v)

    for body in bodies:
        walk(body)
        text = json.dumps(body, ensure_ascii=False)
        assert str(repo_root) not in text and str(ui_settings.data_dir) not in text
    assert sources and all(s and "/" not in s for s in sources), sources[:5]
    files = {s for s in sources if "." in s}  # an activity statement's "source" is its kind (table, plan …)
    names = {p.name for p in (repo_root / "corpus").iterdir()}
    assert len(files) >= 2 and files <= names, files - names


# -- bad input is a 4xx with a clear detail ----------------------------------------------------
@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/ask", {"question": "\ud800"}, "question"),
        ("/ask", {"question": "Vad \udfff är Mina planer?"}, "question"),
        ("/ask", {"question": QUESTION, "organisation": "Malm\ud800"}, "organisation"),
        ("/ask", {"question": QUESTION, "doc_id": "\ud800"}, "doc_id"),
        (
            "/ask",
            {"question": QUESTION, "history": [{"role": "user", "content": "\ud800"}]},
            "history.0.content",
        ),
        ("/search", {"query": "\ud800"}, "query"),
    ],
)
def test_lone_surrogate_is_422_naming_the_field(
    client: TestClient, path: str, body: dict, field: str
) -> None:
    r = client.post(path, content=json.dumps(body), headers={"Content-Type": "application/json"})
    assert r.status_code == 422, r.text
    detail = r.json()["detail"]
    assert detail.startswith(f"{field}: not valid text"), detail


def test_validation_errors_name_the_field(client: TestClient) -> None:
    r = client.post("/ask", json={"question": QUESTION, "k": 0})
    assert r.status_code == 422 and r.json()["detail"].startswith("k: ")
    r = client.post("/ask", content=b"{not json", headers={"Content-Type": "application/json"})
    assert r.status_code == 422 and "JSON" in r.json()["detail"]


def test_long_history_turn_answers_quickly_and_correctly(client: TestClient) -> None:
    norr = "Hur mycket fick avdelning Norr för socialpsykiatriska teamet 2019?"
    short = [{"role": "user", "content": norr}]
    long = [{"role": "user", "content": (norr + " " + "och så vidare " * 2000)[:20_000]}]
    started = time.perf_counter()
    r_short = client.post("/ask", json={"question": "och Söder?", "history": short})
    t_short = time.perf_counter() - started
    started = time.perf_counter()
    r_long = client.post("/ask", json={"question": "och Söder?", "history": long})
    t_long = time.perf_counter() - started
    assert r_short.status_code == 200 and r_long.status_code == 200, r_long.text
    body = r_long.json()
    assert body["answered"] and body["total"] == 650_000, body["answer"]
    assert len(body["understood_as"]) <= 600
    assert t_long < 3 * t_short + 2.0, (t_long, t_short)


# -- one writer: concurrent writes queue, then 503 -------------------------------------------
def test_busy_index_is_503_with_retry_after(ui_settings: Settings) -> None:
    settings = ui_settings.model_copy(update={"api_token": TOKEN, "api_write_wait_s": 0.3})
    c = TestClient(create_app(settings))
    with WriteLock(Path(settings.data_dir)):  # another writer holds the index
        r = c.delete("/documents/doesnotexist", headers=AUTH)
    assert r.status_code == 503, r.text
    assert int(r.headers["Retry-After"]) > 0
    detail = r.json()["detail"]
    assert "busy" in detail and "pid" not in detail and str(os.getpid()) not in detail
    assert str(settings.data_dir) not in detail
    assert c.delete("/documents/doesnotexist", headers=AUTH).status_code == 404  # free again


def test_a_write_waits_for_the_writer_before_it(tmp_path: Path, embedder: object) -> None:
    settings = Settings(data_dir=tmp_path / "idx", api_token=TOKEN, api_write_wait_s=30)
    lock = WriteLock(Path(settings.data_dir))
    lock.__enter__()
    timer = threading.Timer(1.5, lock.__exit__)
    timer.start()
    try:
        with TestClient(create_app(settings)) as c:
            started = time.perf_counter()
            r = c.post(
                "/documents", files={"file": ("plan.md", CYKEL.encode(), "text/markdown")}, headers=AUTH
            )
            waited = time.perf_counter() - started
    finally:
        timer.join()
        lock.__exit__()
    assert r.status_code == 201, r.text
    assert waited >= 1.0 and r.json()["results"][0]["status"] == "added"


def test_safe_filename() -> None:
    assert safe_filename("../../etc/passwd") == "passwd"
    assert safe_filename("C:\\Users\\x\\Plan 2020.PDF") == "Plan 2020.pdf"
    assert safe_filename("<script>.md") == "_script_.md"
    assert safe_filename("...") == "upload"
    assert safe_filename("Åtgärdsplan–2019.docx") == "Åtgärdsplan_2019.docx"


def test_real_uvicorn_server(ui_settings: Settings, free_port: int, start_server, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A real server with a write token: reads open, writes need the token, concurrent uploads
    queue behind the one writer (all succeed, none is refused as busy)."""
    base = f"http://127.0.0.1:{free_port}"
    cmd = [sys.executable, "-m", "uvicorn", "ui.api:create_app", "--factory", "--port", str(free_port)]
    data_dir = tmp_path / "index"
    import shutil

    shutil.copytree(ui_settings.data_dir, data_dir, ignore=shutil.ignore_patterns("write.lock"))
    start_server(cmd, data_dir, f"{base}/health", env={"PLANCHAT_API_TOKEN": TOKEN})
    r = httpx.get(f"{base}/health", timeout=30)
    assert r.json() == {"status": "ok", "documents": 4}
    r = httpx.post(f"{base}/ask", json={"question": QUESTION}, timeout=120)
    assert r.status_code == 200
    body = r.json()
    assert body["answered"] is True and body["citations"]

    def upload(i: int, headers: dict[str, str]) -> httpx.Response:
        text = CYKEL.replace("40", str(40 + i)).encode()
        files = {"file": (f"cykel-{i}.md", text, "text/markdown")}
        return httpx.post(f"{base}/documents", files=files, headers=headers, timeout=120)

    r = upload(99, {})
    assert r.status_code == 401 and r.headers["WWW-Authenticate"].startswith("Bearer")
    with ThreadPoolExecutor(4) as pool:
        responses = list(pool.map(lambda i: upload(i, AUTH), range(4)))
    assert [r.status_code for r in responses] == [201] * 4, [r.text for r in responses]
    assert {r.json()["results"][0]["status"] for r in responses} == {"added"}
    docs = httpx.get(f"{base}/documents", timeout=30).json()["documents"]
    assert len(docs) == 8
    for r in responses:
        doc_id = r.json()["results"][0]["doc_id"]
        r = httpx.delete(f"{base}/documents/{doc_id}", headers=AUTH, timeout=60)
        assert r.status_code == 204 and r.content == b""
        assert httpx.delete(f"{base}/documents/{doc_id}", headers=AUTH, timeout=60).status_code == 404
    assert httpx.get(f"{base}/health", timeout=30).json()["documents"] == 4
    assert not list((data_dir / "uploads").iterdir())

    # 20 concurrent askers put 40 questions while documents are uploaded and deleted: no errors,
    # and every answer is an answer.
    questions = [QUESTION, "Vad kostade socialpsykiatriska teamet 2019?", "Vilka aktiviteter fortsätter 2020?",
                 "Hur lång är cykelbanan i Lunda?"] * 10  # fmt: skip
    stop = threading.Event()
    write_codes: list[int] = []

    def churn() -> None:
        i = 200
        while not stop.is_set():
            r = upload(i, AUTH)
            write_codes.append(r.status_code)
            if r.status_code == 201:
                doc_id = r.json()["results"][0]["doc_id"]
                write_codes.append(
                    httpx.delete(f"{base}/documents/{doc_id}", headers=AUTH, timeout=120).status_code
                )
            i += 1

    def ask(question: str) -> httpx.Response:
        return httpx.post(f"{base}/ask", json={"question": question}, timeout=180)

    writer = threading.Thread(target=churn)
    writer.start()
    try:
        with ThreadPoolExecutor(20) as pool:
            answers = list(pool.map(ask, questions))
    finally:
        stop.set()
        writer.join(timeout=300)
    assert [r.status_code for r in answers] == [200] * 40, [
        r.text[:200] for r in answers if r.status_code != 200
    ]
    assert all("answered" in r.json() for r in answers)
    assert write_codes and set(write_codes) <= {201, 204}, write_codes


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


@pytest.mark.slow
def test_planchat_serve_reads_the_data_dir_it_is_given(
    ui_settings: Settings,
    free_port: int,
    start_server,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    """`planchat --data-dir X serve` serves X, whatever PLANCHAT_DATA_DIR says."""
    import shutil

    data_dir = tmp_path / "given"
    shutil.copytree(ui_settings.data_dir, data_dir, ignore=shutil.ignore_patterns("write.lock"))
    base = f"http://127.0.0.1:{free_port}"
    cmd = [sys.executable, "-m", "ui.cli", "--data-dir", str(data_dir), "serve", "--port", str(free_port)]
    start_server(cmd, tmp_path / "environment-says-elsewhere", f"{base}/health")
    assert httpx.get(f"{base}/health", timeout=30).json()["documents"] == 4
