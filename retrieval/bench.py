"""`planchat bench`: ingest and query speed and memory, measured here and printed (not a test).

What it measures, each on a fresh index in a temporary folder:

* ingest: PDFs it generates (text, tables, running headers and footers, from the bundled corpus's
  sentences; or the PDFs of ``--pdfs DIR``) read, split, registered and embedded with the
  configured model, in pages/s and passages/s until the documents answer questions (served,
  searched by their words) and until their vectors are stored too, with the seconds of each stage;
* warm search and ask over a fixed list of questions (the bundled corpus beside the PDFs): p50 and
  p95, split into query embedding, vector search, lexical search, the rest of the search (parsing,
  fusion), re-ranking and answering; the ratio of ask time to query-embedding time;
* cold start: a new ``planchat ask`` process, from its start to its first answer, and its peak
  memory; the index size on disk; this process's peak memory;
* ``--scale N``: a synthetic corpus of N passages made from the indexed passages' sentences
  (recombined, numbers and names varied), each passage's vector derived from the real vector of
  the passage it imitates (perturbed and normalised; the output says so), written through the real
  registry and Chroma store; then, in a fresh process, the cold snapshot build, warm search and ask
  latencies and memory at N, and the real ingest of the generated PDFs into that index (real
  embedding) with the cost of the lexical index update it causes.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import platform
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from ingest.errors import InputError
from ingest.models import Amount, Document, ParsedDocument, Passage
from ingest.pipeline import CARD_SECTION
from retrieval.settings import Settings

QUESTIONS = [
    "Vad kostade socialpsykiatriska teamet 2019?",
    "Vilka aktiviteter fortsätter 2020?",
    "Hur många medarbetare utbildades i Första hjälpen?",
    "Vad är Mina planer?",
    "Which activities carried over to 2020?",
    "How many relatives took part in the lecture series?",
    "Vem är förvaltningschef?",
    "Vad kostar ett månadskort för bussen?",
    "Hur mycket stimulansmedel fick Malmö stad 2019?",
    "Vilka insatser finns för unga vuxna?",
    "What is the budget for the outreach team?",
    "Vad säger planen om brukarinflytande?",
]
# A synthetic passage's vector: the real vector of the passage it imitates plus Gaussian noise of
# this standard deviation per dimension, normalised (cosine to the original about 0.9 at 384 dims).
VECTOR_NOISE = 0.025
PASSAGES_PER_SYNTHETIC_DOC = 75  # about the mean of the real report PDFs
README_BEGIN = "<!-- bench:begin (written by `planchat bench --readme README.md`; do not edit) -->"
README_END = "<!-- bench:end -->"


# -- arithmetic ------------------------------------------------------------------------------
def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile: the smallest value with at least ``q`` (0–1) of the values at or
    below it. NaN for no values."""
    if not values:
        return math.nan
    xs = sorted(values)
    rank = max(1, math.ceil(q * len(xs)))
    return xs[rank - 1]


def _status_mb(field: str) -> float | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def _rss_mb() -> float:
    """This process's resident memory now, MB."""
    now = _status_mb("VmRSS")
    return math.nan if now is None else now


def _peak_rss_mb() -> float:
    """This program's peak resident memory, MB: VmHWM (since its exec; ru_maxrss would also count
    the parent's memory at the fork that started it)."""
    peak = _status_mb("VmHWM")
    return peak if peak is not None else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _dir_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 1e6


def machine() -> dict[str, Any]:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_gb = math.nan
    with contextlib.suppress(ValueError, OSError):
        mem_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return {
        "cpu": cpu,
        "cores": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "memory_gb": round(mem_gb, 1),
        "python": platform.python_version(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }


# -- timing proxies --------------------------------------------------------------------------
@dataclass
class Stages:
    """Seconds per named stage, summed over calls."""

    seconds: dict[str, float] = field(default_factory=dict)

    def add(self, name: str, dt: float) -> None:
        self.seconds[name] = self.seconds.get(name, 0.0) + dt

    def take(self) -> dict[str, float]:
        out, self.seconds = self.seconds, {}
        return out


class _TimedEmbedder:
    def __init__(self, inner: Any, stages: Stages) -> None:
        self.inner, self.stages, self.name = inner, stages, inner.name

    def embed_passages(self, texts: list[str]) -> list[list[float]]:
        return self.inner.embed_passages(texts)  # type: ignore[no-any-return]

    def embed_queries(self, texts: list[str]) -> list[list[float]]:
        t0 = time.perf_counter()
        try:
            return self.inner.embed_queries(texts)  # type: ignore[no-any-return]
        finally:
            self.stages.add("query_embed", time.perf_counter() - t0)


class _TimedVectors:
    def __init__(self, inner: Any, stages: Stages) -> None:
        self.inner, self.stages = inner, stages

    def nearest(self, *args: Any, **kwargs: Any) -> Any:
        t0 = time.perf_counter()
        try:
            return self.inner.nearest(*args, **kwargs)
        finally:
            self.stages.add("vector_search", time.perf_counter() - t0)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


class _TimedBM25:
    def __init__(self, inner: Any, stages: Stages) -> None:
        self.inner, self.stages = inner, stages

    def scores(self, tokens: list[str]) -> Any:
        t0 = time.perf_counter()
        try:
            return self.inner.scores(tokens)
        finally:
            self.stages.add("lexical_search", time.perf_counter() - t0)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


def _instrument(svc: Any, stages: Stages) -> None:
    """Time the query embedding, vector search and lexical search of this service's current snapshot."""
    svc.index._embedder = _TimedEmbedder(svc.index.embedder, stages)
    svc.index.vectors = _TimedVectors(svc.index.vectors, stages)
    searcher = svc.searcher
    plain = searcher.dense

    def dense(snap: Any) -> Any:  # the in-process vector search, when it is used
        got = plain(snap)
        return None if got is None else _TimedVectors(got, stages)

    searcher.dense = dense
    plain_rerank = svc.rerank

    def rerank(*args: Any) -> Any:
        t0 = time.perf_counter()
        try:
            return plain_rerank(*args)
        finally:
            stages.add("rerank", time.perf_counter() - t0)

    svc.rerank = rerank
    lex = svc.snapshot().lex
    if not isinstance(lex.words, _TimedBM25):
        lex.words = _TimedBM25(lex.words, stages)
        lex.grams = _TimedBM25(lex.grams, stages)


# -- generated PDFs --------------------------------------------------------------------------
_NUMBER_RE = re.compile(r"(?<![\w-])\d[\d  ]*\d(?![\w-])|(?<![\w-])\d(?![\w-])")
PLACES = [
    "Malmö", "Lund", "Helsingborg", "Kristianstad", "Ystad", "Trelleborg", "Eslöv", "Höör", "Sjöbo",
    "Simrishamn", "Tomelilla", "Skurup", "Svedala", "Vellinge", "Lomma", "Kävlinge", "Landskrona",
    "Bjuv", "Åstorp", "Klippan", "Perstorp", "Hässleholm", "Osby", "Östra Göinge", "Bromölla",
]  # fmt: skip
_PLACE_RE = re.compile(r"\b(" + "|".join(PLACES + ["Stockholm", "Göteborg"]) + r")\b")


def _vary(text: str, rng: random.Random) -> str:
    """The text with every number replaced by another of as many digits, and every place name by
    another."""

    def number(m: re.Match[str]) -> str:
        digits = re.sub(r"\D", "", m.group(0))
        if len(digits) == 4 and digits.startswith(("19", "20")):
            return str(rng.randint(2015, 2030))  # a year stays a year
        new = str(rng.randint(10 ** (len(digits) - 1) if len(digits) > 1 else 0, 10 ** len(digits) - 1))
        if " " in m.group(0) or "\u00a0" in m.group(0):  # "1 759 000": keep the thousands spaces
            new = f"{int(new):,}".replace(",", " ")
        return new

    text = _NUMBER_RE.sub(number, text)
    return _PLACE_RE.sub(lambda m: rng.choice(PLACES), text)


def sentences(passages: list[Passage]) -> list[str]:
    """The sentences and table rows of these passages (at least three words each), as the answer
    step reads them."""
    from retrieval.answer import sentences as answer_sentences

    return [
        " ".join(s.split()) for p in passages for s in answer_sentences(p.text, p.kind) if len(s.split()) >= 3
    ]


def make_pdfs(folder: Path, pool: list[str], docs: int = 3, pages: int = 16, seed: int = 0) -> list[Path]:
    """Report-like PDFs: a running header and footer on every page, headings, justified prose and,
    every third page, a table of amounts; the prose comes from ``pool`` (sentences), varied."""
    try:
        from reportlab.lib.pagesizes import A4
        from reportlab.lib.utils import simpleSplit
        from reportlab.pdfgen.canvas import Canvas
    except ImportError as exc:
        raise InputError(
            "bench: generating PDFs needs reportlab (pip install -e '.[dev]'), or give --pdfs DIR"
        ) from exc
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    width, height = A4
    margin = 60
    out = []
    for d in range(docs):
        place = rng.choice(PLACES)
        path = folder / f"bench-{place.lower().replace(' ', '-')}-{d + 1}.pdf"
        canvas = Canvas(str(path), pagesize=A4)
        header = (
            f"{place} kommun  Delårsrapport {2020 + d}  Diarienummer: KS-{2020 + d}-{rng.randint(100, 999)}"
        )
        for n in range(1, pages + 1):
            canvas.setFont("Helvetica", 8)
            canvas.drawString(margin, height - 36, header)
            canvas.drawRightString(width - margin, 30, f"Sida {n} av {pages}")
            y = height - 80
            canvas.setFont("Helvetica-Bold", 13)
            canvas.drawString(margin, y, f"{n}. {' '.join(rng.choice(pool).split()[:5]).rstrip('.,:;')}")
            y -= 26
            if n % 3 == 0:
                canvas.setFont("Helvetica-Bold", 9)
                cols = [margin, margin + 230, margin + 310, margin + 390]
                for x, head in zip(cols, ["Verksamhet", "Budget", "Utfall", "Avvikelse"], strict=True):
                    canvas.drawString(x, y, head)
                y -= 14
                canvas.setFont("Helvetica", 9)
                for _ in range(rng.randint(5, 9)):
                    label = " ".join(rng.choice(pool).split()[:4]).rstrip(".,:;")[:40]
                    budget = rng.randint(100, 9000)
                    spent = budget + rng.randint(-300, 300)
                    cells = [
                        label,
                        f"{budget:,}".replace(",", " "),
                        f"{spent:,}".replace(",", " "),
                        str(budget - spent),
                    ]
                    for x, cell in zip(cols, cells, strict=True):
                        canvas.drawString(x, y, cell)
                    y -= 13
                y -= 14
            canvas.setFont("Helvetica", 10)
            while y > 90:
                paragraph = " ".join(_vary(rng.choice(pool), rng) for _ in range(rng.randint(2, 4)))
                for line in simpleSplit(paragraph, "Helvetica", 10, width - 2 * margin):
                    if y <= 70:
                        break
                    canvas.drawString(margin, y, line)
                    y -= 13
                y -= 9
            canvas.showPage()
        canvas.save()
        out.append(path)
    return out


# -- ingest ----------------------------------------------------------------------------------
def measure_ingest(settings: Settings, paths: list[Path], embedder: Any = None) -> dict[str, Any]:
    """Ingest ``paths`` into the (empty) index of ``settings``: pages/s and passages/s until the
    documents answer questions and until their vectors are stored, seconds per stage."""
    from retrieval.store import Index

    index = Index(settings, embedder=embedder)
    index.embedder.embed_queries(["start"])  # the model loaded, as in a running service
    t0 = time.perf_counter()
    report = index.ingest(paths)
    total = time.perf_counter() - t0
    failed = [f"{r.path}: {r.reason}" for r in report.failed]
    if failed:
        raise InputError("bench: ingest failed: " + "; ".join(failed[:3]))
    answerable = report.answerable_s or total
    index.close()
    return {
        "files": report.count("added"),
        "pages": report.pages,
        "passages": report.passages,
        "answerable_s": answerable,
        "total_s": total,
        "ingest_pages_per_s": report.pages / answerable if answerable else 0.0,
        "ingest_passages_per_s": report.passages / answerable if answerable else 0.0,
        "with_vectors_pages_per_s": report.pages / total if total else 0.0,
        "with_vectors_passages_per_s": report.passages / total if total else 0.0,
        "embed_passages_per_s": report.embedded / report.stages["embed"]
        if report.stages.get("embed")
        else 0.0,
        "stages_s": {k: round(v, 3) for k, v in sorted(report.stages.items())},
    }


# -- queries ---------------------------------------------------------------------------------
def measure_queries(svc: Any, questions: list[str], repeat: int) -> dict[str, Any]:
    """Warm search and ask latencies over ``questions``, ``repeat`` rounds, split by stage."""
    stages = Stages()
    svc.warm_up()
    _instrument(svc, stages)
    for q in questions:  # one round unmeasured: first-question caches
        svc.search(q)
        svc.ask(q)
    stages.take()
    embed_ms: list[float] = []
    for _ in range(repeat):
        for q in questions:
            t0 = time.perf_counter()
            svc.index.embedder.embed_queries([q])
            embed_ms.append(1000 * (time.perf_counter() - t0))
    stages.take()
    search_ms: list[float] = []
    ask_ms: list[float] = []
    parts: dict[str, list[float]] = {
        k: [] for k in ("query_embed", "vector_search", "lexical_search", "fusion", "rerank", "answering")
    }
    for _ in range(repeat):
        for q in questions:
            t0 = time.perf_counter()
            svc.search(q)
            s = 1000 * (time.perf_counter() - t0)
            got = {k: 1000 * v for k, v in stages.take().items()}
            t0 = time.perf_counter()
            svc.ask(q)
            a = 1000 * (time.perf_counter() - t0)
            stages.take()
            search_ms.append(s)
            ask_ms.append(a)
            for k in ("query_embed", "vector_search", "lexical_search", "rerank"):
                parts[k].append(got.get(k, 0.0))
            parts["fusion"].append(s - sum(got.values()))
            parts["answering"].append(a - s)
    embed_p50 = statistics.median(embed_ms)
    ask_p50 = statistics.median(ask_ms)
    return {
        "questions": len(questions) * repeat,
        "query_embed_p50_ms": embed_p50,
        "search_p50_ms": statistics.median(search_ms),
        "search_p95_ms": percentile(search_ms, 0.95),
        "ask_p50_ms": ask_p50,
        "ask_p95_ms": percentile(ask_ms, 0.95),
        "ask_to_embed_ratio": ask_p50 / embed_p50 if embed_p50 else math.nan,
        "stages_p50_ms": {k: statistics.median(v) for k, v in parts.items()},
        "stages_p95_ms": {k: percentile(v, 0.95) for k, v in parts.items()},
    }


_REPORT_PEAK = """
import atexit, sys
from pathlib import Path
def _peak():
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            sys.stderr.write("bench-peak-kb " + line.split()[1] + "\\n")
atexit.register(_peak)
from ui.cli import main
sys.argv = ["planchat", *sys.argv[1:]]
main()
"""


def cold_start(data_dir: Path, question: str) -> tuple[float, float]:
    """(seconds from the start of a new ``planchat ask`` process to its answer, its peak RSS in MB)."""
    argv = [sys.executable, "-c", _REPORT_PEAK, "--data-dir", str(data_dir), "ask", question, "--json"]
    t0 = time.perf_counter()
    proc = subprocess.run(argv, capture_output=True, text=True, cwd=Path(__file__).resolve().parent.parent)
    seconds = time.perf_counter() - t0
    if proc.returncode:
        raise InputError(f"bench: cold start failed: {proc.stderr[-300:]}")
    json.loads(proc.stdout)  # an answer, not an error
    peaks = re.findall(r"bench-peak-kb (\d+)", proc.stderr)
    return seconds, int(peaks[-1]) / 1024 if peaks else math.nan


# -- the synthetic corpus --------------------------------------------------------------------
def synthetic_corpus(
    passages: list[Passage],
    documents: dict[str, Document],
    amounts: dict[str, list[Amount]],
    n: int,
    seed: int = 0,
) -> tuple[list[ParsedDocument], list[str]]:
    """N passages in documents of PASSAGES_PER_SYNTHETIC_DOC: each imitates a real passage (its
    section, kind and length, its amounts with other values), its text made of sentences drawn
    from all passages with numbers and place names varied. Returns the documents and, per
    synthetic passage in order, the id of the real passage it imitates (for its vector)."""
    rng = random.Random(seed)
    pool = sentences(passages) or [p.text for p in passages]
    docs: list[ParsedDocument] = []
    imitates: list[str] = []
    for d in range(math.ceil(n / PASSAGES_PER_SYNTHETIC_DOC)):
        count = min(PASSAGES_PER_SYNTHETIC_DOC, n - d * PASSAGES_PER_SYNTHETIC_DOC)
        doc_id = f"{rng.getrandbits(64):016x}"
        model = documents[rng.choice(passages).doc_id]
        place = rng.choice(PLACES)
        year = rng.randint(2015, 2030)
        doc = Document(
            doc_id=doc_id, title=f"{_vary(model.title, rng)} ({place} {year})", source=f"synthetic/{doc_id}.pdf",
            kind=model.kind, organisation=f"{place} kommun", diarienummer=f"KS-{year}-{rng.randint(100, 9999)}",
            date=f"{year}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}", years=[year, year + 1], pages=count // 3 + 1,
            sha256=doc_id * 4, passages=count,
        )  # fmt: skip
        out: list[Passage] = []
        facts: list[Amount] = []
        for i in range(count):
            real = rng.choice(passages)
            text: list[str] = []
            while sum(len(s) + 1 for s in text) < 0.8 * len(real.text):
                text.append(_vary(rng.choice(pool), rng))
            pid = f"{doc_id}-{i:04d}"
            body = "\n".join(text) if real.kind == "table" else " ".join(text)
            years = sorted({int(y) for y in re.findall(r"\b(?:19|20)\d\d\b", body)})
            out.append(Passage(pid, doc_id, body, i // 3 + 1, _vary(real.section, rng), years, real.kind, i))
            for a in amounts.get(real.passage_id, []):
                value = max(1, int(a.value * rng.uniform(0.5, 1.5)))
                facts.append(
                    Amount(value, _vary(a.label, rng), a.who, year, pid, doc_id, f"{value:,} kr".replace(",", " "),
                           a.is_total, _vary(a.context, rng), f"{pid}-t" if a.table_id else None)
                )  # fmt: skip
            imitates.append(real.passage_id)
        docs.append(ParsedDocument(doc, out, facts, {}))
    return docs, imitates


def derived_vectors(real: dict[str, list[float]], imitates: list[str], seed: int = 0) -> Any:
    """Per synthetic passage: the real vector of the passage it imitates plus Gaussian noise
    (VECTOR_NOISE per dimension), normalised. A float32 matrix."""
    import numpy as np

    rng = np.random.default_rng(seed)
    ids = sorted(real)
    matrix = np.asarray([real[i] for i in ids], dtype=np.float32)
    where = {pid: k for k, pid in enumerate(ids)}
    rows = matrix[[where[p] for p in imitates]]
    rows = rows + rng.normal(0.0, VECTOR_NOISE, size=rows.shape).astype(np.float32)
    rows /= np.linalg.norm(rows, axis=1, keepdims=True)
    return rows


def build_scale_index(
    settings: Settings, source: Any, n: int, out: Callable[[str], None], seed: int = 0
) -> dict[str, Any]:
    """Write a synthetic corpus of ``n`` passages (from the served passages of ``source``, a
    Planchat) into the empty index of ``settings`` through the registry and the Chroma store."""
    from retrieval.store import Index

    snap = source.snapshot()
    passages = [p for p in snap.lex.passages if p.section != CARD_SECTION]
    amounts: dict[str, list[Amount]] = {}
    for a in snap.amounts:
        amounts.setdefault(a.passage_id, []).append(a)
    real = source.index.vectors.embeddings([p.passage_id for p in passages])
    passages = [p for p in passages if p.passage_id in real]
    t0 = time.perf_counter()
    docs, imitates = synthetic_corpus(passages, snap.documents, amounts, n, seed)
    vectors = derived_vectors(real, imitates, seed)
    made = time.perf_counter() - t0
    index = Index(settings, embedder=source.index.embedder)
    t0 = time.perf_counter()
    at = 0
    step = 20  # documents per write
    for i in range(0, len(docs), step):
        part = docs[i : i + step]
        count = sum(len(d.passages) for d in part)
        index.add_with_vectors(part, vectors[at : at + count].tolist())
        at += count
        if (i // step) % 50 == 0:
            out(f"  scale {n}: {at} passages written")
    written = time.perf_counter() - t0
    index.close()
    return {"generate_s": made, "write_s": written, "write_passages_per_s": n / written if written else 0.0}


def serving_figures(data_dir: Path, upload: list[Path], repeat: int, model: str) -> dict[str, Any]:
    """In this (fresh) process: load the model, take the first snapshot of the index in
    ``data_dir`` (cold), measure warm search and ask, memory; then ingest ``upload`` (real reading
    and embedding) into that index and time the next snapshot (the lexical index update)."""
    from retrieval.service import Planchat

    base = _rss_mb()
    settings = Settings(data_dir=data_dir, model=model)
    svc = Planchat(settings)
    t0 = time.perf_counter()
    svc.index.embedder.embed_queries(["start"])
    model_s = time.perf_counter() - t0
    model_mb = _rss_mb() - base
    t0 = time.perf_counter()
    snap = svc.snapshot()
    snapshot_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    svc.warm_up()
    warm_s = time.perf_counter() - t0
    figures = measure_queries(svc, QUESTIONS, repeat)
    figures.update(
        {
            "passages": len(snap.lex.passages),
            "amounts": len(snap.amounts),
            "lexical_segments": len(snap.lex.segments),
            "model_load_s": model_s,
            "model_mb": model_mb,
            "cold_snapshot_s": snapshot_s,
            "warm_up_s": warm_s,
            "rss_mb": _peak_rss_mb(),
            "rss_steady_mb": _rss_mb(),
        }
    )
    if upload:
        t0 = time.perf_counter()
        report = svc.ingest(upload)
        total = time.perf_counter() - t0
        t0 = time.perf_counter()
        after = svc.snapshot()
        figures["update_snapshot_s"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        svc.search(QUESTIONS[0])
        figures["first_search_after_upload_ms"] = 1000 * (time.perf_counter() - t0)
        figures["upload_passages"] = report.passages
        figures["upload_pages"] = report.pages
        figures["ingest_passages_per_s"] = report.passages / total if total else 0.0
        figures["ingest_pages_per_s"] = report.pages / (report.answerable_s or total)
        figures["lexical_segments_after_upload"] = len(after.lex.segments)
        figures["rss_after_upload_mb"] = _peak_rss_mb()
    svc.index.close()
    return figures


# -- the whole run ---------------------------------------------------------------------------
def run_bench(
    base: Settings,
    corpus: Path,
    repeat: int = 3,
    out: TextIO | None = None,
    *,
    pdfs: Path | None = None,
    scale: list[int] | None = None,
    keep: Path | None = None,
    generated_pages: int = 48,
) -> dict[str, Any]:
    """Every figure of ``planchat bench`` (see the module docstring); progress lines to ``out``."""
    from retrieval.service import Planchat

    def say(line: str) -> None:
        if out is not None:
            out.write(line + "\n")
            out.flush()

    figures: dict[str, Any] = {"model": base.model, "machine": machine()}
    tmp = Path(tempfile.mkdtemp(prefix="planchat-bench-"))
    try:
        # The PDFs: generated from the bundled corpus's sentences; with --pdfs, those too.
        from ingest.pipeline import discover, parse_file
        from retrieval.embed import make_embedder

        corpus_files, _ = discover([corpus])
        pool = sentences([p for f in corpus_files for p in parse_file(f).passages])
        docs = max(1, round(generated_pages / 16))
        pdf_files = make_pdfs(tmp / "pdfs", pool, docs=docs, pages=max(1, generated_pages // docs))
        figures["pdfs"] = f"{len(pdf_files)} generated report PDFs"
        embedder = make_embedder(base)

        def ingest_figures(files: list[Path], what: str, data_dir: Path) -> dict[str, Any]:
            say(f"ingest: {what} with {base.model} …")
            got = measure_ingest(base.model_copy(update={"data_dir": data_dir}), files, embedder)
            say(
                f"  {got['pages']} pages, {got['passages']} passages: answering after {got['answerable_s']:.1f} s "
                f"({got['ingest_pages_per_s']:.1f} pages/s), vectors done after {got['total_s']:.1f} s "
                f"({got['with_vectors_pages_per_s']:.1f} pages/s); stages {got['stages_s']}"
            )
            return got

        if pdfs is not None:
            files, _ = discover([pdfs])
            given = [f for f in files if f.suffix.lower() == ".pdf"]
            if not given:
                raise InputError(f"--pdfs {pdfs}: no PDF files there")
            figures["given_pdfs"] = str(pdfs)
            figures["ingest_given"] = ingest_figures(given, f"the PDFs in {pdfs}", tmp / "given")
            shutil.rmtree(tmp / "given", ignore_errors=True)
        data_dir = keep or tmp / "index"
        settings = base.model_copy(update={"data_dir": data_dir})
        ingest = ingest_figures(pdf_files, figures["pdfs"], data_dir)
        figures["ingest"] = ingest
        for key in ("ingest_pages_per_s", "ingest_passages_per_s"):
            figures[key] = ingest[key]
        svc = Planchat(settings)
        svc.index._embedder = embedder
        svc.ingest([corpus])
        say("warm search and ask …")
        q = measure_queries(svc, QUESTIONS, repeat)
        figures.update({k: v for k, v in q.items()})
        figures["index_mb"] = _dir_mb(data_dir)
        figures["passages"] = len(svc.snapshot().lex.passages)
        say("cold start …")
        figures["cold_start_s"], figures["cold_start_rss_mb"] = cold_start(data_dir, QUESTIONS[0])
        figures["peak_rss_mb"] = _peak_rss_mb()
        rows = []
        for n in scale or []:
            say(f"scale {n}: writing a synthetic corpus (vectors derived from real ones, perturbed) …")
            scale_dir = tmp / f"scale-{n}"
            built = build_scale_index(base.model_copy(update={"data_dir": scale_dir}), svc, n, say)
            say(f"scale {n}: measuring in a fresh process …")
            upload = tmp / f"upload-{n}"
            upload.mkdir()
            for f in pdf_files[:1]:
                shutil.copy(f, upload / f"upload-{f.name}")
            proc = subprocess.run(
                [sys.executable, "-m", "retrieval.bench", "--serve", str(scale_dir), "--upload", str(upload),
                 "--repeat", str(repeat), "--model", base.model],
                capture_output=True, text=True, cwd=Path(__file__).resolve().parent.parent,
            )  # fmt: skip
            if proc.returncode:
                raise InputError(f"bench: scale {n} failed: {proc.stderr[-500:]}")
            served = json.loads(proc.stdout.strip().splitlines()[-1])
            vector_mb = n * len(svc.index.embedder.embed_queries(["x"])[0]) * 4 / 1e6
            row = {
                "passages": served["passages"],
                "search_p95_ms": served["search_p95_ms"],
                "ask_p95_ms": served["ask_p95_ms"],
                "rss_mb": served["rss_mb"],
                "vector_mb": vector_mb,
                "ingest_passages_per_s": served.get("ingest_passages_per_s"),
                "memory_budget_mb": 3 * vector_mb + served["model_mb"],
                "vectors": f"derived: real vectors of the imitated passages + N(0, {VECTOR_NOISE}²) noise, normalised",
                "build": built,
                "index_mb": _dir_mb(scale_dir),
                **{
                    k: v
                    for k, v in served.items()
                    if k not in ("passages", "search_p95_ms", "ask_p95_ms", "rss_mb")
                },
            }
            rows.append(row)
            say(
                f"  {row['passages']} passages: search p95 {row['search_p95_ms']:.0f} ms, ask p95 {row['ask_p95_ms']:.0f} ms, "
                f"RSS {row['rss_mb']:.0f} MB (budget {row['memory_budget_mb']:.0f}), cold snapshot "
                f"{served['cold_snapshot_s']:.1f} s, update after upload {served.get('update_snapshot_s', math.nan):.2f} s"
            )
            shutil.rmtree(scale_dir, ignore_errors=True)
        if scale:
            figures["scale"] = rows
        figures["machine"]["load_average_end"] = [round(x, 2) for x in os.getloadavg()]
        svc.index.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return figures


# -- output ----------------------------------------------------------------------------------
def format_text(f: dict[str, Any]) -> str:
    m = f["machine"]
    lines = [
        f"machine: {m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB; load average {m['load_average']} at the start, "
        f"{m.get('load_average_end')} at the end",
        f"model: {f['model']}; index: {f['passages']} passages ({f['pdfs']} + the bundled corpus), {f['index_mb']:.1f} MB on disk",
        "",
        "ingest of the PDFs (real embedding):",
    ]
    ing = f["ingest"]
    lines += [
        f"  {ing['files']} files, {ing['pages']} pages, {ing['passages']} passages",
        f"  answering after {ing['answerable_s']:.1f} s: {ing['ingest_pages_per_s']:.1f} pages/s, "
        f"{ing['ingest_passages_per_s']:.1f} passages/s",
        f"  vectors done after {ing['total_s']:.1f} s: {ing['with_vectors_pages_per_s']:.1f} pages/s, "
        f"{ing['with_vectors_passages_per_s']:.1f} passages/s (embedding {ing['embed_passages_per_s']:.1f} passages/s)",
        "  seconds per stage: " + ", ".join(f"{k} {v:.1f}" for k, v in ing["stages_s"].items()),
    ]
    if "ingest_given" in f:
        g = f["ingest_given"]
        lines += [
            f"ingest of the PDFs in {f['given_pdfs']}: {g['files']} files, {g['pages']} pages, {g['passages']} passages; "
            f"answering after {g['answerable_s']:.1f} s ({g['ingest_pages_per_s']:.1f} pages/s), vectors done after "
            f"{g['total_s']:.1f} s ({g['with_vectors_pages_per_s']:.1f} pages/s); seconds per stage: "
            + ", ".join(f"{k} {v:.1f}" for k, v in g["stages_s"].items()),
        ]
    lines += [
        "",
        f"warm, {f['questions']} questions: search p50 {f['search_p50_ms']:.1f} ms, p95 {f['search_p95_ms']:.1f} ms; "
        f"ask p50 {f['ask_p50_ms']:.1f} ms, p95 {f['ask_p95_ms']:.1f} ms",
        f"  query embedding p50 {f['query_embed_p50_ms']:.1f} ms; ask/embedding {f['ask_to_embed_ratio']:.1f}×",
        "  p50 per stage: " + ", ".join(f"{k} {v:.1f} ms" for k, v in f["stages_p50_ms"].items()),
        f"cold start (new `planchat ask` process to its answer): {f['cold_start_s']:.1f} s, "
        f"its peak RSS {f['cold_start_rss_mb']:.0f} MB; this process's peak RSS {f['peak_rss_mb']:.0f} MB",
    ]
    for r in f.get("scale", []):
        lines += [
            "",
            f"scale {r['passages']} passages (vectors {r['vectors']}):",
            f"  search p95 {r['search_p95_ms']:.0f} ms (p50 {r['search_p50_ms']:.0f}), ask p95 {r['ask_p95_ms']:.0f} ms "
            f"(p50 {r['ask_p50_ms']:.0f}); p50 per stage: "
            + ", ".join(f"{k} {v:.1f}" for k, v in r["stages_p50_ms"].items()),
            f"  memory: peak RSS {r['rss_mb']:.0f} MB, after warm-up {r['rss_steady_mb']:.0f} MB; vectors {r['vector_mb']:.0f} MB, "
            f"model {r['model_mb']:.0f} MB, budget 3×vectors+model {r['memory_budget_mb']:.0f} MB",
            f"  cold: first snapshot {r['cold_snapshot_s']:.1f} s, warm-up {r['warm_up_s']:.1f} s; index {r['index_mb']:.0f} MB on disk",
            f"  writing the synthetic corpus: {r['build']['write_passages_per_s']:.0f} passages/s (registry + Chroma, no embedding)",
        ]
        if "ingest_passages_per_s" in r and r["ingest_passages_per_s"] is not None:
            lines.append(
                f"  real ingest into it ({r['upload_pages']} pages, {r['upload_passages']} passages): "
                f"{r['ingest_pages_per_s']:.1f} pages/s until answering, {r['ingest_passages_per_s']:.1f} passages/s with vectors; "
                f"next snapshot (lexical index update) {r['update_snapshot_s']:.2f} s"
            )
    return "\n".join(lines)


def summary_json(f: dict[str, Any]) -> dict[str, Any]:
    """The issue's fields first, then everything measured."""
    keys = ["ingest_pages_per_s", "search_p50_ms", "search_p95_ms", "ask_p50_ms", "ask_p95_ms", "query_embed_p50_ms",
            "ask_to_embed_ratio", "cold_start_s", "peak_rss_mb"]  # fmt: skip
    out = {k: f[k] for k in keys}
    if "scale" in f:
        out["scale"] = f["scale"]
    out.update({k: v for k, v in f.items() if k not in out})
    return out


def markdown(f: dict[str, Any]) -> str:
    """The README's table of figures (written by ``--readme``)."""
    m = f["machine"]
    ing = f["ingest"]
    pdfs = f" --pdfs {f['given_pdfs']}" if f.get("given_pdfs") else ""
    scale = " --scale " + " ".join(str(r["passages"]) for r in f["scale"]) if f.get("scale") else ""
    rows: list[tuple[str, str]] = []
    for name, g in (("generated PDFs", ing), (f"the PDFs in `{f.get('given_pdfs')}`", f.get("ingest_given"))):
        if g is None:
            continue
        rows += [
            (f"ingest of {name} ({g['files']} files, {g['pages']} pages, {g['passages']} passages) until answering: pages/s, passages/s",
             f"{g['ingest_pages_per_s']:.1f}, {g['ingest_passages_per_s']:.1f}"),
            ("… with vectors: pages/s, passages/s", f"{g['with_vectors_pages_per_s']:.1f}, {g['with_vectors_passages_per_s']:.1f}"),
            ("… seconds per stage", ", ".join(f"{k} {v:.1f}" for k, v in g["stages_s"].items())),
        ]  # fmt: skip
    rows += [
        ("query embedding p50", f"{f['query_embed_p50_ms']:.1f} ms"),
        ("search p50 / p95", f"{f['search_p50_ms']:.1f} / {f['search_p95_ms']:.1f} ms"),
        ("ask p50 / p95", f"{f['ask_p50_ms']:.1f} / {f['ask_p95_ms']:.1f} ms"),
        ("ask p50 / query embedding p50", f"{f['ask_to_embed_ratio']:.1f}×"),
        (
            "p50 per stage (answering = ask − search)",
            ", ".join(f"{k} {v:.1f}" for k, v in f["stages_p50_ms"].items()) + " ms",
        ),
        ("cold start to first answer", f"{f['cold_start_s']:.1f} s"),
        (
            "peak RSS (bench process / cold `ask` process)",
            f"{f['peak_rss_mb']:.0f} / {f['cold_start_rss_mb']:.0f} MB",
        ),
        ("index on disk", f"{f['index_mb']:.1f} MB ({f['passages']} passages)"),
    ]
    out = [
        f"Measured by `planchat bench{pdfs}{scale}` "
        f"on {m['cpu']}, {m['cores']} cores, {m['memory_gb']} GB, Python {m['python']}, model {f['model']}; "
        f"load average {m['load_average'][0]} at the start and {m.get('load_average_end', ['?'])[0]} at the end "
        "(other work on the machine makes the figures noisy). Warm figures: the generated PDFs and the "
        f"bundled corpus in one index ({f['passages']} passages), {f['questions']} questions.",
        "",
        "| figure | value |",
        "|---|---|",
        *[f"| {a} | {b} |" for a, b in rows],
    ]
    if f.get("scale"):
        out += [
            "",
            "| passages | search p95 | ask p95 | peak RSS | budget (3× vectors + model) | vectors | cold snapshot | "
            "update after an upload | ingest into it (pages/s answering, passages/s with vectors) |",
            "|---|---|---|---|---|---|---|---|---|",
        ]
        for r in f["scale"]:
            out.append(
                f"| {r['passages']} | {r['search_p95_ms']:.0f} ms | {r['ask_p95_ms']:.0f} ms | {r['rss_mb']:.0f} MB | "
                f"{r['memory_budget_mb']:.0f} MB | {r['vector_mb']:.0f} MB | {r['cold_snapshot_s']:.1f} s | "
                f"{r.get('update_snapshot_s', math.nan):.2f} s | {r.get('ingest_pages_per_s', math.nan):.1f} / "
                f"{r.get('ingest_passages_per_s', math.nan):.1f} |"
            )
        out += [
            "",
            "At scale the passages are synthetic: sentences of the indexed passages recombined, numbers and place "
            "names varied, amounts copied with other values; each vector is the real vector of the passage it "
            f"imitates plus Gaussian noise (σ = {VECTOR_NOISE} per dimension), normalised. They are written through "
            "the real registry and Chroma store and searched through the real search and ask path in a fresh "
            "process; the last column is real reading and embedding of one generated PDF into that index.",
        ]
    return "\n".join(out)


def write_readme(path: Path, f: dict[str, Any]) -> None:
    """Replace the text between README_BEGIN and README_END in ``path`` with this run's table."""
    text = path.read_text(encoding="utf-8")
    if README_BEGIN not in text or README_END not in text:
        raise InputError(f"--readme {path}: the markers {README_BEGIN!r} … {README_END!r} are not there")
    head, rest = text.split(README_BEGIN, 1)
    _, tail = rest.split(README_END, 1)
    path.write_text(f"{head}{README_BEGIN}\n{markdown(f)}\n{README_END}{tail}", encoding="utf-8")


def _serve_main(argv: list[str]) -> None:
    """``python -m retrieval.bench --serve DATA_DIR [--upload DIR] [--repeat N] [--model M]``: the
    serving figures of one index, as one JSON line (used by ``--scale``, in a fresh process)."""
    import argparse
    import logging

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    ap = argparse.ArgumentParser()
    ap.add_argument("--serve", required=True, type=Path)
    ap.add_argument("--upload", type=Path)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--model", default=Settings().model)
    args = ap.parse_args(argv)
    upload = sorted(args.upload.iterdir()) if args.upload else []
    print(json.dumps(serving_figures(args.serve, upload, args.repeat, args.model)))


if __name__ == "__main__":
    _serve_main(sys.argv[1:])
