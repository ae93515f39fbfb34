"""Re-ranking the fused candidates by how much of the question each passage holds.

The fused ranking (dense + BM25, ``retrieval.search``) finds the right document far more often than
the right passage of it: the words a question names its document by ("… på Gjutaren 23 i Alingsås
enligt förvaltningens utlåtande") stand in the document's opening passages, which then outrank the
one passage that says what is asked ("Avgiften för bygglovet är 73 500 kronor"). The re-ranker
reads the top ``CANDIDATES`` fused passages as the answer step reads them and scores each with

- its fused score (share of the top one) and its dense rank,
- the share of the question's terms its context (title, section, passage) holds, each term weighed
  by its rarity and discounted by the share of the same document's candidates that hold it (terms
  that name the document choose less among its passages),
- the same share in the passage's own text,
- whether it holds the kind of value asked for (a count, a date, a name …).

The weights are a linear model fitted on the tune half of the real-document dev set (listwise
softmax over each question's candidates, the passage holding the expected key as the target;
``scripts/fit_rerank.py`` refits them). Recall@5 on the 64-document dev index, fused order →
re-ranked: tune 197 → 219 of 247, heldout (never fitted on) 58 → 60 of 74, unseen 108 → 125 of 153.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from retrieval.answer import (
    SHARED_TERM_DISCOUNT,
    TermMatcher,
    _reader_context,
    holds_kind,
    per_document,
    wanted_kind,
)
from retrieval.context import Query, Snapshot
from retrieval.search import Hit

# How many fused passages are re-ranked.
CANDIDATES = 50
# A term held by every candidate of a document weighs SHARED_TERM_DISCOUNT less there, as in the
# answer step. Only a document's first this many candidates decide which of its terms name it.
DOC_TERM_WINDOW = 20
# Dense rank r counts 1 / (DENSE_RANK_K + r).
DENSE_RANK_K = 10
# Per unit of each feature (fitted on standardised features, divided back by their spread).
WEIGHTS = {
    "fused": 4.5,  # the fused score over the top one's, 0–1
    "dense": 13.0,  # 1 / (10 + dense rank), 0–0.09
    "coverage": 6.9,  # document-discounted share of the question in the passage's context
    "text_coverage": 1.2,  # the same in the passage's own text
    "kind": 1.8,  # the passage holds the kind of value asked for
}


def features(q: Query, snap: Snapshot, hits: Sequence[Hit]) -> list[dict[str, float]]:
    """Each candidate's features, in the order given."""
    if not hits:
        return []
    matcher = TermMatcher(q.groups, snap.lex, frozenset(), q.loanwords)
    kind = wanted_kind(q.text)
    top = hits[0].score or 1.0
    held = [matcher.held_groups(_reader_context(h)) for h in hits]
    docs = [h.document.doc_id for h in hits]
    per_doc = per_document(matcher, held[:DOC_TERM_WINDOW], docs[:DOC_TERM_WINDOW], SHARED_TERM_DISCOUNT)
    out = []
    for i, h in enumerate(hits):
        m = per_doc.get(docs[i], matcher)
        p = h.passage
        dense = h.ranks.get("dense")
        out.append(
            {
                "fused": h.score / top,
                "dense": 1 / (DENSE_RANK_K + dense) if dense else 0.0,
                "coverage": m.coverage_of_held(held[i]),  # a discount changes weights, not what is held
                "text_coverage": m.coverage(f"{p.header} {p.text}"),
                "kind": float(kind is not None and holds_kind(kind, p.text, q.text, own_years=False)),
            }
        )
    return out


def rerank(q: Query, snap: Snapshot, hits: Sequence[Hit], read: int) -> list[Hit]:
    """The hits in re-ranked order. A hit the fused ranking placed below ``read`` (the passages the
    answer step reads) is marked ``promoted``: it must hold more of the question to answer."""
    if len(hits) < 2:
        return list(hits)
    scored = [
        (sum(WEIGHTS[name] * value for name, value in f.items()), -i, h)
        for i, (f, h) in enumerate(zip(features(q, snap, hits), hits, strict=True))
    ]
    scored.sort(key=lambda x: (x[0], x[1]), reverse=True)
    return [replace(h, promoted=-i >= read) for _, i, h in scored]
