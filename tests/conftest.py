"""Shared fixtures: the repository, the corpus, one corpus index per session, one embedder.

Fixtures here are session-scoped and cheap to request: the model loads at most once per test
session and the corpus is ingested at most once. UI fixtures live in ``tests/ui/conftest.py``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Never reach the network for the model or Chroma telemetry (also set for subprocesses).
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def corpus_dir(repo_root: Path) -> Path:
    path = repo_root / "corpus"
    assert path.is_dir(), f"corpus folder missing: {path}"
    return path


@pytest.fixture(scope="session")
def embedder():  # -> retrieval.embed.Embedder
    """ONE embedder (the default model) for every test that builds an index in-process."""
    from retrieval.embed import make_embedder
    from retrieval.settings import Settings

    return make_embedder(Settings())


@pytest.fixture(scope="session")
def corpus_index(tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path, embedder):  # -> Settings
    """Settings whose data_dir holds an index built once from ``corpus/``. Treat it as read-only."""
    from retrieval.settings import Settings
    from retrieval.store import Index

    settings = Settings(data_dir=tmp_path_factory.mktemp("corpus-index"))
    index = Index(settings, embedder=embedder)
    report = index.ingest([corpus_dir])
    index.close()
    assert not report.failed, report.summary()
    assert report.count("added") == 4, report.summary()
    return settings


@pytest.fixture(scope="session")
def service_over(tmp_path_factory: pytest.TempPathFactory, embedder):  # -> Callable[[Path], Planchat]
    """``service_over(folder)``: a Planchat over a fresh index of the files in ``folder``, ingested
    with the shared embedder; every file must be read without failure."""
    from retrieval.service import Planchat
    from retrieval.settings import Settings
    from retrieval.store import Index

    def build(folder: Path):  # -> Planchat
        settings = Settings(data_dir=tmp_path_factory.mktemp(f"{folder.name}-index"))
        svc = Planchat(settings, index=Index(settings, embedder=embedder))
        report = svc.ingest([folder])
        assert not report.failed, report.summary()
        return svc

    return build


@pytest.fixture(scope="session")
def service_over_reports(
    tmp_path_factory: pytest.TempPathFactory, service_over
):  # -> Callable[..., Planchat]
    """``service_over_reports(name, {"file.pdf": (title, pages)})``: report PDFs made from these
    pages (``tests.pdfgen.make_report_pdf``, standard fonts), indexed by ``service_over``. A third
    item, ``(title, pages, header)``, sets the running header every page repeats."""
    from tests import pdfgen

    def build(name: str, reports: dict[str, tuple]):  # -> Planchat
        src = tmp_path_factory.mktemp(f"{name}-src")
        for file_name, (title, pages, *header) in reports.items():
            extra = {"header": header[0]} if header else {}
            pdfgen.make_report_pdf(src / file_name, pages=pages, title=title, standard_fonts=True, **extra)
        return service_over(src)

    return build
