"""UI fixtures: a writable copy of the session's corpus index, a tiny XSS index, server helpers."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from retrieval.settings import Settings
from tests import servers

XSS_MD = """# Säkerhetstest av kaffeautomaten

## Reparationer

Kaffeautomaten i stadshuset lagades i mars 2019 av fastighetsavdelningen. Reparationen av
kaffeautomaten kostade lite. &lt;script&gt;alert(1)&lt;/script&gt; och
&lt;img src=x onerror=alert(1)&gt; står i rapporten om kaffeautomaten.
"""
XSS_QUESTION = "När lagades kaffeautomaten i stadshuset?"
# Plain text is not markup: its "<script>" is the document's text and must render inert. (In
# Markdown, tags and entity-encoded tags such as XSS_MD's are removed at ingest.)
XSS_TXT = """Säkerhetstest av kaffeautomaten

Kaffeautomaten i stadshuset lagades i mars 2019 av fastighetsavdelningen. Reparationen av
kaffeautomaten kostade lite. <script>alert(1)</script> och
<img src=x onerror=alert(1)> står i rapporten om kaffeautomaten.
"""


@pytest.fixture(scope="session")
def ui_settings(corpus_index: Settings, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """A copy of the shared corpus index that UI tests may write to (uploads, locks)."""
    target = tmp_path_factory.mktemp("ui") / "index"
    shutil.copytree(corpus_index.data_dir, target, ignore=shutil.ignore_patterns("write.lock"))
    return Settings(data_dir=target)


@pytest.fixture()
def ui_env(ui_settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """PLANCHAT_DATA_DIR pointing at the UI index, for AppTest (which reads Settings from env)."""
    monkeypatch.setenv("PLANCHAT_DATA_DIR", str(ui_settings.data_dir))
    for name in ("PLANCHAT_UPLOADS_ENABLED", "PLANCHAT_API_TOKEN", "PLANCHAT_READ_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PLANCHAT_OPEN_WRITES", "true")  # as `planchat ui` sets it for a local run
    return ui_settings


@pytest.fixture(scope="session")
def xss_settings(tmp_path_factory: pytest.TempPathFactory, embedder: object) -> Settings:
    """A separate index of one text file whose passage holds <script> and <img onerror>."""
    from retrieval.store import Index

    src = tmp_path_factory.mktemp("xss-src") / "sakerhet.txt"
    src.write_text(XSS_TXT, encoding="utf-8")
    settings = Settings(data_dir=tmp_path_factory.mktemp("xss-index"))
    index = Index(settings, embedder=embedder)  # type: ignore[arg-type]
    report = index.ingest([src])
    index.close()
    assert not report.failed, report.summary()
    return settings


@pytest.fixture()
def free_port() -> int:
    return servers.free_port()


def server_env(data_dir: Path, extra: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env.update(extra or {})
    env.update(
        PLANCHAT_DATA_DIR=str(data_dir),
        HF_HUB_OFFLINE="1",
        TRANSFORMERS_OFFLINE="1",
        ANONYMIZED_TELEMETRY="False",
        PYTHONUNBUFFERED="1",
    )
    return env


def wait_http(url: str, proc: subprocess.Popen[bytes], log: Path, timeout: float = 180.0) -> None:
    """Poll ``url`` until it answers 200; fail early when the server process died."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            out = log.read_text(encoding="utf-8", errors="replace")
            raise AssertionError(f"server exited with {proc.returncode}:\n{out[-3000:]}")
        try:
            if httpx.get(url, timeout=5).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise AssertionError(f"{url} did not answer within {timeout:.0f} s")


@pytest.fixture()
def start_server(repo_root: Path, tmp_path: Path) -> Iterator[Callable[..., subprocess.Popen[bytes]]]:
    """Start a server subprocess (cwd = repo root), wait for ``health_url``, stop it afterwards.

    ``start(cmd, data_dir, health_url, env={...})``: ``env`` adds variables. Output goes to a log file in ``tmp_path`` (a pipe
    could fill up and stall the server).
    """
    procs: list[subprocess.Popen[bytes]] = []

    def start(
        cmd: list[str], data_dir: Path, health_url: str, env: dict[str, str] | None = None
    ) -> subprocess.Popen[bytes]:
        log = tmp_path / f"server-{len(procs)}.log"
        with log.open("wb") as out:
            proc = subprocess.Popen(
                cmd, cwd=repo_root, env=server_env(data_dir, env), stdout=out, stderr=subprocess.STDOUT
            )
        procs.append(proc)
        wait_http(health_url, proc, log)
        return proc

    yield start
    for proc in procs:
        servers.stop(proc)
