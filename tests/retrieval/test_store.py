"""The index on disk: real Chroma, the real bundled model, files made by the tests.

The model loads once per session (the ``embedder`` fixture; in-process CLI runs reuse the same
cached model). Only the lock and kill tests start ``planchat`` in a subprocess.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from ingest.errors import IndexMismatchError, IngestError, PlanchatError
from ingest.models import ParsedDocument
from ingest.pipeline import CARD_SECTION
from retrieval.settings import Settings
from retrieval.store import Index, WriteLock, embedding_text
from tests import pdfgen
from ui import cli

pytestmark = pytest.mark.slow

EXPECTED = {
    "malmo-asn-2019-10547-stimulansmedel-psykisk-halsa-2019-plan-2020.txt": (
        "ASN-2019-10547",
        "tjänsteskrivelse",
    ),
    "malmo-fsn-2019-2728-stimulansmedel-psykisk-halsa-2019-plan-2020.md": (
        "FSN-2019-2728",
        "tjänsteskrivelse",
    ),
    "malmo-2017-reviderad-handlingsplan-socialpsykiatri-2018.txt": (None, "handlingsplan"),
    "stockholm-2014-reviderad-handlingsplan-socialpsykiatri.txt": (None, "handlingsplan"),
}


# --- helpers ------------------------------------------------------------------------------------


def run_cli(capsys: pytest.CaptureFixture[str], data_dir: Path, *args: str) -> tuple[int, str, str]:
    """``planchat --data-dir DATA_DIR ARGS…`` in this process: (exit code, stdout, stderr)."""
    capsys.readouterr()
    # ui.cli._emit binds ``out=sys.stdout`` at import time, past capsys: resolve it per call.
    emit = cli._emit
    cli._emit = lambda obj, out=None: emit(obj, out or sys.stdout)  # type: ignore[assignment]
    try:
        with pytest.raises(SystemExit) as exit_info:
            cli.main(["--data-dir", str(data_dir), *args])
    finally:
        cli._emit = emit  # type: ignore[assignment]
    out, err = capsys.readouterr()
    code = exit_info.value.code
    return (code if isinstance(code, int) else 1), out, err


def documents_json(capsys: pytest.CaptureFixture[str], data_dir: Path) -> dict:
    code, out, _ = run_cli(capsys, data_dir, "documents", "--json")
    assert code == 0
    return json.loads(out)


def run_subprocess(
    repo_root: Path, data_dir: Path, *args: str, timeout: float = 300
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ui.cli", "--data-dir", str(data_dir), *args],
        cwd=repo_root,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def chroma_count(index: Index, doc_id: str | None = None) -> int:
    """Passages Chroma holds (for one document), whatever the registry says."""
    if doc_id is None:
        return int(index.vectors.collection.count())
    return len(index.vectors.collection.get(where={"doc_id": doc_id}, include=[])["ids"])


def assert_consistent(index: Index) -> None:
    """Registry and Chroma agree: every passage once, every complete document fully there."""
    docs = index.documents()
    passages = index.all_passages()
    ids = [p.passage_id for p in passages]
    assert len(ids) == len(set(ids)), "duplicate passage ids"
    texts = [(p.doc_id, p.text) for p in passages]
    assert len(texts) == len(set(texts)), "duplicate passage texts within a document"
    assert len(passages) == sum(d.passages for d in docs)
    assert chroma_count(index) == len(passages), "Chroma holds passages of no served document"
    assert index.vectors_pending() == 0
    for doc in docs:
        assert chroma_count(index, doc.doc_id) == doc.passages, doc.source
    sources = [d.source for d in docs]
    assert len(sources) == len(set(sources)), "a file is indexed twice"


def write_md(path: Path, sections: dict[str, str]) -> Path:
    path.write_text("".join(f"# {title}\n\n{body}\n\n" for title, body in sections.items()), encoding="utf-8")
    return path


# --- the corpus ---------------------------------------------------------------------------------


def test_corpus_documents(corpus_index: Settings) -> None:
    index = Index(corpus_index)
    docs = {Path(d.source).name: d for d in index.documents()}
    assert set(docs) == set(EXPECTED)
    for name, (diarienummer, kind) in EXPECTED.items():
        assert docs[name].diarienummer == diarienummer, name
        assert docs[name].kind == kind, name
        assert docs[name].passages > 0 and docs[name].title
    assert {2019, 2020} <= set(docs[next(iter(EXPECTED))].years)
    assert_consistent(index)


def test_corpus_passages_keep_page_and_section(corpus_index: Settings) -> None:
    passages = Index(corpus_index).all_passages()
    assert all(p.page is None for p in passages)  # text and Markdown files have no pages
    assert any(p.section.endswith("› Socialpsykiatriska teamet") for p in passages)
    assert any(p.kind == "table" for p in passages)


def test_reingesting_the_corpus_changes_nothing(
    corpus_index: Settings, corpus_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = Path(corpus_index.data_dir)
    before = documents_json(capsys, data_dir)
    assert len(before["documents"]) == 4
    code, _, err = run_cli(capsys, data_dir, "ingest", str(corpus_dir))
    assert code == 0, err
    assert "0 added, 0 updated, 4 unchanged, 0 removed, 0 failed" in err
    assert documents_json(capsys, data_dir) == before
    assert_consistent(Index(corpus_index))


def test_model_mismatch_says_reingest(corpus_index: Settings, tmp_path: Path) -> None:
    other = Settings(data_dir=corpus_index.data_dir, model="intfloat/multilingual-e5-small")
    index = Index(other)
    with pytest.raises(IndexMismatchError) as err:
        index.check_model()
    message = str(err.value)
    assert "re-ingest" in message and "--rebuild" in message
    assert corpus_index.model in message and "intfloat/multilingual-e5-small" in message
    # Writing refuses before any file is read or embedded: no model download is attempted.
    extra = write_md(tmp_path / "ny.md", {"Ny plan": "Ett nytt dokument om boendestöd år 2021."})
    with pytest.raises(IndexMismatchError):
        index.ingest([extra])
    assert index._embedder is None
    assert len(Index(corpus_index).documents()) == 4


# --- served first, vectors after ----------------------------------------------------------------


def test_document_is_searched_by_words_before_its_vectors_are_stored(tmp_path: Path, embedder) -> None:
    from retrieval.service import Planchat

    source = write_md(
        tmp_path / "plan.md",
        {"Mötesplatser": "Mötesplatsen i Lindängen öppnar år 2021 för unga vuxna med psykisk ohälsa."},
    )
    settings = Settings(data_dir=tmp_path / "data")
    index = Index(settings, embedder=embedder)
    report = index.ingest([source], vectors="later")
    assert report.count("added") == 1 and report.embedded == 0
    assert report.vectors_pending == index.vectors_pending() == len(index.all_passages()) > 0
    assert "wait for their vectors" in report.summary()
    assert chroma_count(index) == 0
    svc = Planchat(settings, index=index)
    words = svc.search("mötesplatsen Lindängen", mode="lexical")
    assert words and "Lindängen" in words[0].passage.text
    assert svc.search("mötesplatsen Lindängen", mode="dense") == []  # no vector yet

    progress: list[tuple[str, int, int]] = []
    assert index.embed_pending(lambda *a: progress.append(a)) == report.vectors_pending
    assert progress[-1] == ("vectors", report.vectors_pending, report.vectors_pending)
    assert index.embed_pending() == 0  # nothing left: running it again does nothing
    dense = svc.search("mötesplatsen Lindängen", mode="dense")
    assert dense and "Lindängen" in dense[0].passage.text
    assert_consistent(index)


def test_index_of_an_older_planchat_keeps_its_passages(tmp_path: Path, embedder) -> None:
    # An older planchat stored passages in Chroma only: they are served from there, and copied
    # into the registry at the next write.
    source = write_md(tmp_path / "plan.md", {"Plan": "Boendestödet i Oxie utökas år 2021 med två tjänster."})
    settings = Settings(data_dir=tmp_path / "data")
    index = Index(settings, embedder=embedder)
    index.ingest([source])
    before = [(p.passage_id, p.text, p.section, p.page) for p in index.all_passages()]
    index.close()
    with sqlite3.connect(Path(settings.data_dir) / "registry.sqlite") as conn:
        conn.execute("DELETE FROM passages")
        conn.execute("DELETE FROM meta WHERE key = 'passages'")
    old = Index(settings, embedder=embedder)
    assert [(p.passage_id, p.text, p.section, p.page) for p in old.all_passages()] == before
    assert old.ingest([source]).count("unchanged") == 1
    assert old.registry.stored_passage_docs() == {d.doc_id for d in old.documents()}
    assert old.registry.meta("passages") == "registry"  # copied once; Chroma is not read again
    assert old.vectors_pending() == 0
    assert_consistent(old)


# --- updates and pruning ------------------------------------------------------------------------


def test_changed_file_replaces_its_passages(tmp_path: Path, embedder) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    source = write_md(
        folder / "plan.md",
        {
            "Bakgrund": "Alfaprojektet startade år 2019 i Malmö stad med fokus på boendestöd.",
            "Mål": "Alfaprojektet ska nå fler personer med psykisk ohälsa under år 2020.",
        },
    )
    keep = write_md(folder / "annan.md", {"Annan plan": "Brukarrådet i Kirseberg träffas varje månad."})
    index = Index(Settings(data_dir=tmp_path / "data"), embedder=embedder)
    first = index.ingest([folder])
    assert first.count("added") == 2 and not first.failed
    old = next(d for d in index.documents() if d.source == str(source.resolve()))
    other = next(d for d in index.documents() if d.source == str(keep.resolve()))

    write_md(
        source,
        {
            "Bakgrund": "Betaprojektet ersatte det tidigare projektet år 2021.",
            "Mål": "Betaprojektet ska korta väntetiden till ett första samtal.",
            "Uppföljning": "Betaprojektet följs upp varje kvartal av förvaltningen.",
            "Budget": "Betaprojektet har en budget på 1 200 000 kr för år 2021.",
        },
    )
    second = index.ingest([folder])
    assert second.count("updated") == 1 and second.count("unchanged") == 1, second.summary()
    docs = index.documents()
    assert len(docs) == 2
    new = next(d for d in docs if d.source == str(source.resolve()))
    assert new.doc_id != old.doc_id
    assert new.passages != old.passages
    passages = index.all_passages()
    assert not any(p.doc_id == old.doc_id for p in passages)
    assert not any("Alfaprojektet" in p.text for p in passages)
    assert sum("Betaprojektet" in p.text for p in passages if p.section != CARD_SECTION) == 4
    assert chroma_count(index, old.doc_id) == 0
    assert not [a for a in index.amounts() if a.doc_id == old.doc_id]
    assert index.document(other.doc_id) is not None  # the unchanged file is untouched
    assert_consistent(index)


def test_document_read_by_an_older_planchat_is_re_read(tmp_path: Path, embedder) -> None:
    """Same file, older parser: the next ingest re-reads it in place; a failed re-read keeps it."""
    folder = tmp_path / "docs"
    folder.mkdir()
    write_md(folder / "plan.md", {"Bakgrund": "Gammaprojektet startade år 2019 i Lunds kommun."})
    settings = Settings(data_dir=tmp_path / "data")
    index = Index(settings, embedder=embedder)
    assert index.ingest([folder]).count("added") == 1
    (doc,) = index.documents()
    assert index.ingest([folder]).count("unchanged") == 1
    # Pretend an older planchat wrote it: no parser version, no activities.
    with index.registry.db:
        index.registry.db.execute("DELETE FROM extras WHERE doc_id = ?", (doc.doc_id,))

    def broken(path: Path) -> ParsedDocument:  # the newer parser fails on this file
        raise IngestError(path, "cannot parse")

    failed = index.ingest([folder], parse=broken)
    assert failed.failed and index.document(doc.doc_id) is not None  # the old reading is still served
    report = index.ingest([folder])
    assert report.count("updated") == 1, report.summary()
    assert "re-read" in report.results[0].reason
    assert [d.doc_id for d in index.documents()] == [doc.doc_id]
    assert index.extras("activities") == [(doc.doc_id, [])]
    assert index.ingest([folder]).count("unchanged") == 1
    assert_consistent(index)


class CountingEmbedder:
    """The real embedder, counting the passages it is asked to embed."""

    def __init__(self, inner) -> None:
        self.inner, self.passages = inner, []

    def __getattr__(self, name: str):
        return getattr(self.inner, name)

    def embed_passages(self, texts: list[str]) -> list[list[float]]:
        self.passages.extend(texts)
        return self.inner.embed_passages(texts)


def test_re_read_document_keeps_the_vectors_of_unchanged_passages(tmp_path: Path, embedder) -> None:
    """A newer planchat re-reads every document; only the passages it reads differently are embedded
    again (an upgrade does not cost a full re-embedding), and every passage is found by meaning."""
    folder = tmp_path / "docs"
    folder.mkdir()
    sections = {
        "Bakgrund": "Gammaprojektet startade år 2019 i Lunds kommun med tre anställda.",
        "Ekonomi": "Projektet kostade 1 250 tkr under år 2020, finansierat av stimulansmedel.",
        "Uppföljning": "Socialnämnden följer upp arbetet varje kvartal och rapporterar till fullmäktige.",
    }
    write_md(folder / "plan.md", sections)
    counting = CountingEmbedder(embedder)
    index = Index(Settings(data_dir=tmp_path / "data"), embedder=counting)
    index.ingest([folder])
    (doc,) = index.documents()
    first = len(counting.passages)
    assert first == doc.passages
    with index.registry.db:  # an older planchat wrote it
        index.registry.db.execute("DELETE FROM extras WHERE doc_id = ?", (doc.doc_id,))

    from ingest.pipeline import parse_file

    def newer(path: Path) -> ParsedDocument:  # reads one passage differently
        parsed = parse_file(path)
        for p in parsed.passages:
            if "1 250 tkr" in p.text:
                p.text = p.text.replace("stimulansmedel", "statliga stimulansmedel")
        return parsed

    report = index.ingest([folder], parse=newer)
    assert report.count("updated") == 1, report.summary()
    again = counting.passages[first:]
    # Embedded again: the passage read differently, and the document card that quotes it.
    assert 1 <= len(again) < doc.passages and all("statliga stimulansmedel" in t for t in again)
    assert report.reused == doc.passages - len(again)
    assert "kept their vectors" in report.summary()
    assert_consistent(index)
    # Each passage's stored vector, kept or new, is what embedding its text now gives, and a
    # question about each section still finds that section first.
    passages = index.all_passages()
    stored = index.registry.vectors_of([p.passage_id for p in passages])
    fresh = embedder.embed_passages([embedding_text(p) for p in passages])
    for p, vector in zip(passages, fresh, strict=True):
        assert np.allclose(stored[p.passage_id], vector, atol=1e-4), p.text
    for title, text in sections.items():
        (best, _), *_ = index.nearest(embedder.embed_queries([text])[0], 1)
        assert next(p.section for p in passages if p.passage_id == best).endswith(title)


def test_prune_removes_documents_whose_file_is_gone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder, data_dir = tmp_path / "docs", tmp_path / "data"
    folder.mkdir()
    write_md(folder / "stannar.md", {"Plan": "Mötesplatserna i Rosengård har öppet fem dagar i veckan."})
    gone = write_md(folder / "forsvinner.md", {"Rapport": "Anhörigutbildningen i Husie hade tolv deltagare."})
    code, _, err = run_cli(capsys, data_dir, "ingest", str(folder))
    assert code == 0, err
    assert len(documents_json(capsys, data_dir)["documents"]) == 2

    gone.unlink()
    code, _, err = run_cli(capsys, data_dir, "ingest", str(folder))  # without --prune: kept
    assert code == 0, err
    assert len(documents_json(capsys, data_dir)["documents"]) == 2

    code, _, err = run_cli(capsys, data_dir, "ingest", str(folder), "--prune")
    assert code == 0, err
    assert "removed" in err and "forsvinner.md" in err
    docs = documents_json(capsys, data_dir)["documents"]
    assert [Path(d["source"]).name for d in docs] == ["stannar.md"]
    index = Index(Settings(data_dir=data_dir))
    assert not any("Anhörigutbildningen" in p.text for p in index.all_passages())
    assert_consistent(index)


# --- bad input ----------------------------------------------------------------------------------

# A distinctive phrase from each good file of pdfgen.make_bad_folder.
GOOD_PHRASES = {
    "good.pdf": "En kort rapport om boendestöd i Malmö stad år 2020.",
    "latin1.txt": "Målet är att öka tillgängligheten till stöd för personer med psykisk ohälsa.",
    "owner-only.pdf": "Brukarrådet i Kirseberg sammanträdde elva gånger",
    "good.docx": "Insatserna följs upp av arbetsmarknads- och socialförvaltningen varje kvartal.",
}


def test_bad_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder, data_dir = tmp_path / "blandat", tmp_path / "data"
    kinds = pdfgen.make_bad_folder(folder)
    bad = sorted(name for name, kind in kinds.items() if kind == "bad")
    good = sorted(name for name, kind in kinds.items() if kind == "good")
    assert set(good) == set(GOOD_PHRASES)

    code, _, err = run_cli(capsys, data_dir, "ingest", str(folder))
    assert code == 1, err
    failed_lines = [line for line in err.splitlines() if line.startswith("FAILED")]
    assert len(failed_lines) == len(bad), err
    for name in bad:
        line = next((ln for ln in failed_lines if f"{os.sep}{name}:" in ln), None)
        assert line is not None, f"{name} not reported:\n{err}"
        reason = line.split(f"{name}:", 1)[1].strip()
        assert len(reason) >= 8, f"{name}: no reason given ({line!r})"
        assert "Traceback" not in err
    assert f"{len(good)} added" in err and f"{len(bad)} failed" in err
    reasons = {name: next(ln for ln in failed_lines if f"{os.sep}{name}:" in ln) for name in bad}
    assert "password" in reasons["encrypted-user.pdf"]
    assert "text layer" in reasons["image-only.pdf"]
    assert "unsupported" in reasons["unsupported.xlsx"]
    assert "empty" in reasons["empty.pdf"]

    listed = documents_json(capsys, data_dir)
    assert sorted(Path(d["source"]).name for d in listed["documents"]) == good
    index = Index(Settings(data_dir=data_dir))
    by_doc = {d.doc_id: Path(d.source).name for d in index.documents()}
    text_of: dict[str, str] = {}
    for passage in index.all_passages():
        text_of[by_doc[passage.doc_id]] = text_of.get(by_doc[passage.doc_id], "") + " " + passage.text
    for name, phrase in GOOD_PHRASES.items():
        assert " ".join(phrase.split()) in " ".join(text_of.get(name, "").split()), name
    assert_consistent(index)

    code, _, err = run_cli(capsys, data_dir, "ingest", str(folder))
    assert code == 1
    assert f"0 added, 0 updated, {len(good)} unchanged" in err
    assert documents_json(capsys, data_dir) == listed


def test_later_bad_files_lose_nothing(tmp_path: Path, embedder) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    write_md(folder / "a.md", {"Plan A": "Sysselsättningen på Drottninggatan har tjugo platser år 2020."})
    b = write_md(folder / "b.md", {"Plan B": "Boendestödet i Limhamn utökas med två tjänster år 2021."})
    index = Index(Settings(data_dir=tmp_path / "data"), embedder=embedder)
    assert index.ingest([folder]).count("added") == 2
    before = {d.doc_id: d for d in index.documents()}
    passages_before = [(p.passage_id, p.text) for p in index.all_passages()]

    pdfgen.make_random_bytes(folder / "trasig.pdf")
    pdfgen.make_empty(folder / "tom.txt")
    b.write_bytes(b"\x00\x01\x02" * 500)  # an indexed file is overwritten with garbage
    report = index.ingest([folder])
    assert {Path(r.path).name for r in report.failed} == {"trasig.pdf", "tom.txt", "b.md"}
    assert report.count("unchanged") == 1
    assert {d.doc_id: d for d in index.documents()} == before  # b.md's last good version stays
    assert [(p.passage_id, p.text) for p in index.all_passages()] == passages_before
    assert_consistent(index)


# --- concurrency and crashes --------------------------------------------------------------------


def test_second_writer_fails_at_once(tmp_path: Path, repo_root: Path, corpus_dir: Path) -> None:
    data_dir = tmp_path / "data"
    with WriteLock(data_dir):
        started = time.monotonic()
        proc = run_subprocess(repo_root, data_dir, "ingest", str(corpus_dir), timeout=120)
        elapsed = time.monotonic() - started
    assert proc.returncode != 0
    assert "another planchat process" in proc.stderr, proc.stderr
    assert f"pid {os.getpid()}" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert elapsed < 60  # it fails, it does not wait for the lock
    assert Index(Settings(data_dir=data_dir)).documents() == []


def _registry_counts(data_dir: Path) -> dict[str, int]:
    path = data_dir / "registry.sqlite"
    if not path.exists():
        return {}
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1) as conn:
            rows = conn.execute("SELECT status, count(*) FROM documents GROUP BY status").fetchall()
    except sqlite3.Error:  # created but no schema yet, or busy
        return {}
    return dict(rows)


def test_killed_run_leaves_a_usable_index(tmp_path: Path, repo_root: Path, embedder) -> None:
    folder, data_dir = tmp_path / "många", tmp_path / "data"
    folder.mkdir()
    # A run serves each document as soon as it is read, then computes the vectors of them all; on a
    # fast machine every document is read within a fraction of a second and the vectors take the
    # rest of the run. The kill may land in either phase: while documents are still being read or
    # while the vectors of served documents are still being computed. Both must leave a usable index.
    total = 80
    for n in range(total):
        (folder / f"rapport-{n:02d}.txt").write_text(
            f"Rapport nummer {n} om boendestöd\n\n"
            f"Stadsområde {n} redovisar {100 + n} besök hos boendestödet under år 2019. "
            f"Verksamheten har {n + 3} anställda och planerar fler gruppaktiviteter.\n\n"
            f"Under år 2020 ska stadsområde {n} öppna en mötesplats för {20 + n} deltagare "
            f"och samverka med Region Skåne om tidiga insatser.\n",
            encoding="utf-8",
        )
    proc = subprocess.Popen(
        [sys.executable, "-m", "ui.cli", "--data-dir", str(data_dir), "ingest", str(folder)],
        cwd=repo_root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 240
        counts: dict[str, int] = {}
        while time.monotonic() < deadline and proc.poll() is None:
            counts = _registry_counts(data_dir)
            if counts.get("complete", 0) >= 1:
                break
            time.sleep(0.01)
        # Prefer to kill while a document is half written (pending row), but only for a moment:
        # the vectors of the served documents are still being computed, and the run must not end.
        soon = time.monotonic() + 0.3
        while time.monotonic() < soon and proc.poll() is None and not counts.get("pending"):
            counts = _registry_counts(data_dir)
            time.sleep(0.005)
        assert proc.poll() is None, (
            f"ingest ended before it could be killed: {proc.stderr.read() if proc.stderr else ''}"
        )
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL
    assert counts.get("complete", 0) >= 1

    index = Index(Settings(data_dir=data_dir), embedder=embedder)
    index.check_model()
    docs = index.documents()
    assert 1 <= len(docs) <= total
    served = index.all_passages()
    assert {p.doc_id for p in served} == {d.doc_id for d in docs}
    # Only complete documents are listed, each with all its passages; a document is served before
    # its vectors are stored, so the kill may have left some of them to do (the registry knows which).
    assert len(served) == sum(d.passages for d in docs)
    for doc in docs:
        assert chroma_count(index, doc.doc_id) <= doc.passages, doc.source
    assert chroma_count(index) == len(served) - index.vectors_pending()

    report = index.ingest([folder])
    assert not report.failed, report.summary()
    assert report.count("added") == total - len(docs)
    assert report.count("unchanged") == len(docs)
    docs = index.documents()
    assert sorted(Path(d.source).name for d in docs) == sorted(p.name for p in folder.iterdir())
    assert_consistent(index)
    for n in range(total):
        holders = {p.doc_id for p in index.all_passages() if f"Stadsområde {n} redovisar" in p.text}
        assert len(holders) == 1, n


# --- PDFs ---------------------------------------------------------------------------------------


def test_pdf_page_numbers_in_the_index(tmp_path: Path, embedder) -> None:
    pdf = pdfgen.make_report_pdf(tmp_path / "rapport.pdf")
    index = Index(Settings(data_dir=tmp_path / "data"), embedder=embedder)
    report = index.ingest([pdf])
    assert report.count("added") == 1, report.summary()
    (doc,) = index.documents()
    assert doc.pages == 3
    assert doc.diarienummer == "ASN-2019-10547"
    passages = index.all_passages()
    for fact, page in ((pdfgen.FACT_PAGE_1, 1), (pdfgen.FACT_PAGE_2, 2), (pdfgen.FACT_PAGE_3, 3)):
        holders = [p.page for p in passages if " ".join(fact.split()) in " ".join(p.text.split())]
        assert holders == [page], fact
    for passage in passages:
        assert "Sida " not in passage.text and "Diarienummer:" not in passage.text
        # Every passage has its physical page; the document card speaks of the whole document.
        assert passage.page in (1, 2, 3) or (passage.section == CARD_SECTION and passage.page is None)
    assert_consistent(index)

    deleted = index.delete(doc.doc_id)
    assert deleted.doc_id == doc.doc_id
    assert index.documents() == [] and index.all_passages() == []
    assert chroma_count(index) == 0


# --- rebuild ------------------------------------------------------------------------------------


def test_rebuild_then_ingest_in_the_same_process(tmp_path: Path, embedder) -> None:
    # Chroma caches its client per store path for the life of the process (the API and the app
    # are long-lived): a rebuild must leave that cache usable, not a deleted, read-only store.
    source = write_md(tmp_path / "plan.md", {"Plan": "Mötesplatsen i Lindängen öppnar år 2021."})
    settings = Settings(data_dir=tmp_path / "data")
    index = Index(settings, embedder=embedder)
    assert index.ingest([source]).count("added") == 1
    assert len(index.all_passages()) == 1
    index.rebuild()
    fresh = Index(settings, embedder=embedder)
    assert not fresh.exists() and fresh.documents() == []
    report = fresh.ingest([source])
    assert report.count("added") == 1, report.summary()
    assert_consistent(fresh)
    assert len(fresh.all_passages()) == 1


def test_damaged_vector_store_says_rebuild(tmp_path: Path, embedder) -> None:
    source = write_md(tmp_path / "plan.md", {"Plan": "Boendestödet i Oxie utökas år 2021."})
    data_dir = tmp_path / "data"
    (data_dir / "chroma").mkdir(parents=True)
    (data_dir / "chroma" / "chroma.sqlite3").write_bytes(b"this is not a database" * 100)
    index = Index(Settings(data_dir=data_dir), embedder=embedder)
    with pytest.raises(PlanchatError) as err:
        index.ingest([source])
    assert "--rebuild" in str(err.value)
    index.rebuild()
    fresh = Index(Settings(data_dir=data_dir), embedder=embedder)
    assert fresh.ingest([source]).count("added") == 1
    assert_consistent(fresh)
