"""Where the answerable questions that are not answered right are lost, per question set.

    HF_HUB_OFFLINE=1 .venv/bin/python scripts/trace_misses.py --data-dir .planchat-eval \\
        eval/real/tune eval/real/heldout eval/real/unseen

The index must hold the dev-set documents (``planchat eval`` builds it). Each answerable question is
asked with ``retrieval.answer.TRACE`` on; for one not answered right, the candidate sentences that
hold its expected facts (all of them if one does, else any) say where it was lost:

- "passes": such a sentence passed every filter and lost on score or a coverage floor;
- "passage rule": every such sentence was rejected by a rule about its passage (a name, a counted
  thing, a bracketed word or a year the passage does not give);
- "sentence rule": by a rule about the sentence (kind, echo, other year …);
- "none read": no sentence the answer step read holds a fact.

A fact is looked for as text (as ``planchat eval`` does), so a short figure may be found in a
sentence that does not state it: the counts are approximate. Totals only are printed, so held-out
sets can be read without reading their questions.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

import retrieval.answer as answer_step
from retrieval.evaluate import answered_right, facts_ok, is_negative, load_sets
from retrieval.service import Planchat
from retrieval.settings import Settings


def where_lost(trace: list[tuple[tuple[float, float, int, str], str | None]], facts: list[list[str]]) -> str:
    """Where a question whose expected ``facts`` the answer did not state was lost, from its
    ``retrieval.answer.TRACE`` (each candidate sentence with the reason it was rejected, or None)."""
    holding = [(why, sum(facts_ok([g], sent) for g in facts)) for (_, _, _, sent), why in trace]
    full = [why for why, n in holding if n == len(facts)]
    some = full or [why for why, n in holding if n]
    if not some:
        return "none read"
    if any(why is None for why in some):
        return "passes"
    return "passage rule" if all(why and why.startswith("passage:") for why in some) else "sentence rule"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sets", nargs="+", help="question files or folders (a folder is one set)")
    parser.add_argument("--data-dir", default=".planchat-eval")
    args = parser.parse_args()
    svc = Planchat(Settings(data_dir=Path(args.data_dir)))
    for qs in load_sets([Path(p) for p in args.sets]):
        lost: Counter[tuple[str, str]] = Counter()
        right = total = 0
        for q in qs.questions:
            if is_negative(q):
                continue
            total += 1
            answer_step.TRACE = []
            try:
                answer = svc.ask(q["q"], k=5)
                trace = answer_step.TRACE
            finally:
                answer_step.TRACE = None
            if answered_right(q, answer.answered, answer.text):
                right += 1
                continue
            lost[("wrong" if answer.answered else "withheld", where_lost(trace, q.get("facts") or []))] += 1
        print(f"{qs.name}: {right} of {total} answered right; of the {total - right} others:")
        for (status, where), n in sorted(lost.items()):
            print(f"  {status:8s} {where:13s} {n}")


if __name__ == "__main__":
    main()
