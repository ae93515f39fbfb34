"""Server mode: ingest, search, ask and delete against a real Chroma server (``chroma run``).

The server is this virtualenv's ``chroma`` script, on a free loopback port, with its data in a
temporary folder; it is stopped at the end whatever happens.
"""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from retrieval.service import Planchat
from retrieval.settings import Settings
from retrieval.store import Index
from tests.servers import free_port, stop

pytestmark = pytest.mark.slow

CHROMA = Path(sys.executable).with_name("chroma")
DOC = """# Cykelplan för Ekeby

## Utbyggnad

Cykelbanorna i Ekeby ska byggas ut med 37 kilometer under 2027. Kommunstyrelsen ansvarar för
utbyggnaden och tekniska förvaltningen bygger banorna.
"""
# A second document stays: search over an index left with no document at all fails in bm25s
# ("max() arg is an empty sequence", retrieval/context.py), embedded or server alike.
OTHER = """# Parkplan för Ekeby

Parken i Ekeby får 12 nya bänkar och en lekplats under 2026.
"""
QUESTION = "Hur många kilometer cykelbana ska byggas ut i Ekeby?"


@pytest.fixture()
def chroma_server(tmp_path: Path) -> Iterator[tuple[str, int]]:
    """A Chroma server on 127.0.0.1:<free port>, answering its heartbeat; stopped afterwards."""
    if not CHROMA.exists():
        pytest.fail(f"the Chroma server script is missing: {CHROMA} (install chromadb in this virtualenv)")
    port = free_port()
    log = tmp_path / "chroma.log"
    cmd = [str(CHROMA), "run", "--host", "127.0.0.1", "--port", str(port), "--path", str(tmp_path / "chroma")]
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, cwd=tmp_path)
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                text = log.read_text(encoding="utf-8", errors="replace")
                pytest.fail(f"chroma run exited with {proc.returncode}:\n{text[-3000:]}")
            try:
                if httpx.get(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                text = log.read_text(encoding="utf-8", errors="replace")
                pytest.fail(f"chroma run did not answer its heartbeat within 60 s:\n{text[-3000:]}")
            time.sleep(0.3)
        yield "127.0.0.1", port
    finally:
        stop(proc)


def test_ingest_ask_delete_against_a_chroma_server(
    chroma_server: tuple[str, int], tmp_path: Path, embedder: object
) -> None:
    host, port = chroma_server
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "cykelplan-ekeby.md").write_text(DOC, encoding="utf-8")
    (docs / "parkplan-ekeby.md").write_text(OTHER, encoding="utf-8")
    settings = Settings(data_dir=tmp_path / "idx", chroma_host=host, chroma_port=port)
    svc = Planchat(settings, index=Index(settings, embedder=embedder))  # type: ignore[arg-type]

    report = svc.ingest([docs])
    assert not report.failed and report.count("added") == 2, report.summary()
    by_title = {d.title: d for d in svc.documents()}
    doc, park = by_title["Cykelplan för Ekeby"], by_title["Parkplan för Ekeby"]
    assert doc.passages >= 1
    # The vectors are on the server, not in the data folder.
    assert not (Path(settings.data_dir) / "chroma").exists()
    assert svc.index.vectors.count() == doc.passages + park.passages

    hits = svc.search("cykelbanor Ekeby kilometer")
    assert hits and hits[0].passage.doc_id == doc.doc_id

    answer = svc.ask(QUESTION).to_json()
    assert answer["answered"] is True, answer
    assert "37" in answer["answer"]
    assert answer["citations"] and answer["citations"][0]["doc_id"] == doc.doc_id
    assert "37 kilometer" in answer["citations"][0]["text"]

    svc.delete(doc.doc_id)
    assert [d.doc_id for d in svc.documents()] == [park.doc_id]
    assert svc.index.vectors.count() == park.passages  # its vectors are gone from the server
    hits = svc.search("cykelbanor Ekeby kilometer")
    assert [h.passage.doc_id for h in hits] == [park.doc_id] * len(hits)
    assert svc.ask(QUESTION).to_json()["answered"] is False
    svc.index.close()
