"""Refit the re-ranker's weights (retrieval/rerank.py, WEIGHTS) on the tune questions.

    HF_HUB_OFFLINE=1 .venv/bin/python scripts/fit_rerank.py --data-dir .planchat-eval

The index must hold the dev-set documents (``planchat eval`` builds it). Each answerable tune
question's top ``CANDIDATES`` fused passages are scored; the target is the passages that hold one
of the question's keys. A linear model is fitted by listwise softmax (gradient descent, small L2)
on standardised features; the printed weights are per unit of each feature. Recall@5 before and
after is printed for every question set.
"""

from __future__ import annotations

import argparse
import glob
import json
from pathlib import Path

import numpy as np

from retrieval.evaluate import _found, is_negative
from retrieval.rerank import CANDIDATES, WEIGHTS, features
from retrieval.service import Planchat
from retrieval.settings import Settings
from retrieval.text import detect_language

NAMES = tuple(WEIGHTS)


def collect(svc: Planchat, files: list[str]) -> list[tuple[np.ndarray, np.ndarray]]:
    out = []
    for name in files:
        for line in Path(name).read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            q = json.loads(line)
            if is_negative(q) or not q.get("keys"):
                continue
            hits = svc.search(q["q"], k=CANDIDATES)
            snap = svc.snapshot()
            query = svc.searcher.parse(q["q"], detect_language(q["q"]), snap)
            x = np.array([[f[n] for n in NAMES] for f in features(query, snap, hits)], float)
            y = np.array([_found(q["keys"], [h.passage.text]) is not None for h in hits], float)
            out.append((x, y))
    return out


def fit(data: list[tuple[np.ndarray, np.ndarray]], l2: float = 0.01, steps: int = 3000) -> np.ndarray:
    train = [(x, y) for x, y in data if y.sum() > 0]
    allx = np.vstack([x for x, _ in train])
    mu, sd = allx.mean(0), allx.std(0) + 1e-9
    w = np.zeros(len(NAMES))
    for _ in range(steps):
        g = np.zeros_like(w)
        for x, y in train:
            z = (x - mu) / sd
            s = z @ w
            p = np.exp(s - s.max())
            p /= p.sum()
            g += z.T @ p - z.T @ y / y.sum()
        w -= 0.1 * (g / len(train) + l2 * w)
    return w / sd


def recall(data: list[tuple[np.ndarray, np.ndarray]], w: np.ndarray | None, k: int = 5) -> int:
    got = 0
    for x, y in data:
        order = np.arange(len(y)) if w is None else np.argsort(-(x @ w), kind="stable")
        got += bool(y[order[:k]].sum())
    return got


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--data-dir", default=".planchat-eval")
    ap.add_argument("--questions", default="eval/real")
    args = ap.parse_args()
    svc = Planchat(Settings(data_dir=Path(args.data_dir), rerank=False))
    sets = {
        s: collect(svc, sorted(glob.glob(f"{args.questions}/{s}/*.jsonl")))
        for s in ("tune", "heldout", "unseen")
    }
    w = fit(sets["tune"])
    print("WEIGHTS", {n: round(float(v), 2) for n, v in zip(NAMES, w, strict=True)})
    for name, data in sets.items():
        print(f"{name}: recall@5 fused {recall(data, None)} -> re-ranked {recall(data, w)} of {len(data)}")


if __name__ == "__main__":
    main()
