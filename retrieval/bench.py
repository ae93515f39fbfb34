"""`planchat bench`: ingest and query speed and memory, printed as figures (not a test)."""

from __future__ import annotations

import resource
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from typing import TextIO

from retrieval.settings import Settings

QUERIES = [
    "Vad kostade socialpsykiatriska teamet 2019?",
    "Vilka aktiviteter fortsätter 2020?",
    "Hur många medarbetare utbildades i Första hjälpen?",
    "Vad är Mina planer?",
    "Which activities carried over to 2020?",
    "How many relatives took part in the lecture series?",
    "Vem är förvaltningschef?",
    "Vad kostar ett månadskort för bussen?",
]


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _dir_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6


def run_bench(base: Settings, corpus: Path, repeat: int = 3, out: TextIO | None = None) -> dict[str, float]:
    from retrieval.service import Planchat

    def say(line: str) -> None:
        if out is not None:
            out.write(line + "\n")
            out.flush()

    figures: dict[str, float] = {}
    tmp = Path(tempfile.mkdtemp(prefix="planchat-bench-"))
    try:
        settings = base.model_copy(update={"data_dir": tmp})
        t0 = time.perf_counter()
        svc = Planchat(settings)
        svc.index.embedder.embed_queries(["start"])
        figures["model_load_s"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        report = svc.ingest([corpus])
        figures["ingest_s"] = time.perf_counter() - t0
        figures["passages"] = report.passages
        figures["passages_per_s"] = report.passages / figures["ingest_s"] if figures["ingest_s"] else 0
        t0 = time.perf_counter()
        again = svc.ingest([corpus])
        figures["reingest_unchanged_s"] = time.perf_counter() - t0
        assert again.count("unchanged") == report.count("added")
        t0 = time.perf_counter()
        svc.warm_up()
        figures["first_query_warmup_s"] = time.perf_counter() - t0  # lexical index + activity links
        snap = svc.snapshot()
        figures["activity_statements"] = len(snap.statements)
        figures["activities_linked"] = len(snap.activities())
        embed_ms = []
        for q in QUERIES * repeat:
            t0 = time.perf_counter()
            svc.index.embedder.embed_queries([q])
            embed_ms.append(1000 * (time.perf_counter() - t0))
        figures["query_embed_p50_ms"] = statistics.median(embed_ms)
        search_ms, ask_ms = [], []
        for _ in range(repeat):
            for q in QUERIES:
                t0 = time.perf_counter()
                svc.search(q)
                search_ms.append(1000 * (time.perf_counter() - t0))
                t0 = time.perf_counter()
                svc.ask(q)
                ask_ms.append(1000 * (time.perf_counter() - t0))
        for name, xs in (("search", search_ms), ("ask", ask_ms)):
            xs.sort()
            figures[f"{name}_p50_ms"] = statistics.median(xs)
            figures[f"{name}_p95_ms"] = xs[min(len(xs) - 1, int(0.95 * len(xs)))]
        figures["index_mb"] = _dir_mb(tmp)
        figures["peak_rss_mb"] = _rss_mb()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    say(f"corpus: {corpus} ({int(figures['passages'])} passages), model: {base.model}")
    for key, value in figures.items():
        say(f"  {key:<24} {value:10.1f}")
    return figures
