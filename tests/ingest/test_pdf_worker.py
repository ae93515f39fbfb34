"""PDF pages read by worker processes: the same text as in-process, a failing worker changes
nothing, a deadline stops the workers. Real PDFs made by tests.pdfgen."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from ingest import readers
from ingest.errors import IngestError
from ingest.pdf_worker import POOL, PoolTimeout
from tests import pdfgen

PAGES = 12


@pytest.fixture(scope="module")
def long_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pages = [
        [f"# Avsnitt {n}", f"Stadsområde {n} redovisar {100 + n} besök hos boendestödet under år 2019.",
         f"Verksamheten har {n + 3} anställda och planerar fler gruppaktiviteter år 2020."]
        for n in range(1, PAGES + 1)
    ]  # fmt: skip
    return pdfgen.make_report_pdf(tmp_path_factory.mktemp("pdf") / "lang.pdf", pages=pages)


def test_pages_read_by_workers_are_those_read_in_process(
    long_pdf: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert PAGES >= readers.PARALLEL_MIN_PAGES
    progress: list[tuple[int, int]] = []
    POOL.close()  # workers left by an earlier test must not stand in for this read's
    pooled = readers.read_file(long_pdf, on_page=lambda done, total: progress.append((done, total)))
    assert POOL._workers, "the pool was not used"
    monkeypatch.setattr(readers, "PARALLEL_MIN_PAGES", 10**6)
    alone = readers.read_file(long_pdf)
    assert [p.number for p in pooled.pages] == list(range(1, PAGES + 1))
    assert pooled.pages == alone.pages
    assert "Stadsområde 7 redovisar 107" in pooled.pages[6].text
    assert progress[-1] == (PAGES, PAGES) and [d for d, _ in progress] == sorted(d for d, _ in progress)


def test_a_worker_that_fails_leaves_the_file_to_this_process(long_pdf: Path) -> None:
    assert POOL.extract(b"%PDF-1.4 this is no PDF at all", PAGES) is None
    assert POOL._workers == []  # stopped; the next PDF starts new ones
    assert len(readers.read_file(long_pdf).pages) == PAGES


def test_a_worker_that_dies_leaves_the_file_to_this_process(long_pdf: Path) -> None:
    readers.read_file(long_pdf)
    for w in POOL._workers:
        w.kill()
    assert POOL.extract(long_pdf.read_bytes(), PAGES) is None
    assert len(readers.read_file(long_pdf).pages) == PAGES


def test_deadline_stops_the_workers(long_pdf: Path) -> None:
    with pytest.raises(PoolTimeout):
        POOL.extract(long_pdf.read_bytes(), PAGES, deadline=time.monotonic() - 1)
    assert POOL._workers == []


def test_time_limit_holds_with_workers_in_a_thread(long_pdf: Path) -> None:
    # No SIGALRM outside the main thread: the pool's own deadline stops the reading.
    import threading

    errors: list[str] = []

    def read() -> None:
        try:
            readers.read_file(long_pdf, pdf_seconds=1e-6)
        except IngestError as exc:
            errors.append(exc.reason)

    worker = threading.Thread(target=read)
    worker.start()
    worker.join(60)
    assert errors == ["could not read PDF within 1e-06 s"]
