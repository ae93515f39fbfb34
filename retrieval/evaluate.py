"""Score retrieval and answers on a JSONL question file (`planchat eval`).

Each line: {"id", "lang", "kind", "q", "keys": [phrases a right passage holds],
"facts": [[alternatives], …]}. kind "negative" means the documents do not answer it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ingest.errors import InputError

if TYPE_CHECKING:
    from retrieval.service import Planchat

TARGETS = {"recall_sv": 0.95, "recall_en": 0.85, "facts_sv": 0.85}


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def _digits_glued(text: str) -> str:
    return re.sub(r"(?<=\d)[\s\u00a0](?=\d)", "", _norm(text))


def load_questions(path: Path) -> list[dict[str, Any]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(f"{path}: cannot read question file ({exc.strerror})") from exc
    out = []
    for no, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            q = json.loads(line)
        except ValueError as exc:
            raise InputError(f"{path}:{no}: not JSON ({exc})") from exc
        if "q" not in q:
            raise InputError(f"{path}:{no}: field 'q' is missing")
        out.append(q)
    return out


def run_eval(svc: Planchat, path: Path, k: int = 5, modes: list[str] | None = None) -> dict[str, Any]:
    questions = load_questions(path)
    modes = modes or ["hybrid", "dense", "lexical"]
    report: dict[str, Any] = {"questions": len(questions), "k": k, "retrieval": {}, "answers": {}}
    for mode in modes:
        hit = {"sv": [0, 0], "en": [0, 0]}
        missed = []
        for q in questions:
            if not q.get("keys"):
                continue
            lang = q.get("lang", "sv")
            hits = svc.search(q["q"], k, mode=mode)
            ok = any(_norm(key) in _norm(h.passage.text) for h in hits for key in q["keys"])
            hit[lang][0] += int(ok)
            hit[lang][1] += 1
            if not ok:
                missed.append(q.get("id"))
        report["retrieval"][mode] = {
            "recall_sv": hit["sv"][0] / hit["sv"][1] if hit["sv"][1] else None,
            "recall_en": hit["en"][0] / hit["en"][1] if hit["en"][1] else None,
            "missed": missed,
        }
    facts = {"sv": [0, 0], "en": [0, 0]}
    neg_ok = neg_total = pos_unanswered = 0
    rows = []
    for q in questions:
        answer = svc.ask(q["q"])
        lang = q.get("lang", "sv")
        if q.get("kind") == "negative":
            neg_total += 1
            neg_ok += int(not answer.answered)
            rows.append({"id": q.get("id"), "answered": answer.answered, "ok": not answer.answered})
            continue
        pos_unanswered += int(not answer.answered)
        text = _digits_glued(answer.text)
        ok = all(any(_digits_glued(alt) in text for alt in group) for group in q.get("facts", []))
        facts[lang][0] += int(ok and answer.answered)
        facts[lang][1] += 1
        rows.append({"id": q.get("id"), "answered": answer.answered, "ok": ok})
    report["answers"] = {
        "facts_sv": facts["sv"][0] / facts["sv"][1] if facts["sv"][1] else None,
        "facts_en": facts["en"][0] / facts["en"][1] if facts["en"][1] else None,
        "negatives_not_answered": f"{neg_ok}/{neg_total}",
        "positives_unanswered": pos_unanswered,
        "failed": [r["id"] for r in rows if not r["ok"]],
    }
    hyb = report["retrieval"].get("hybrid", {})
    report["passed"] = bool(
        (hyb.get("recall_sv") is None or hyb["recall_sv"] >= TARGETS["recall_sv"])
        and (hyb.get("recall_en") is None or hyb["recall_en"] >= TARGETS["recall_en"])
        and (report["answers"]["facts_sv"] is None or report["answers"]["facts_sv"] >= TARGETS["facts_sv"])
        and neg_ok == neg_total
        and pos_unanswered == 0
    )
    return report


def format_report(report: dict[str, Any]) -> str:
    def pct(v: float | None) -> str:
        return "  n/a" if v is None else f"{100 * v:5.1f}%"

    lines = [f"{report['questions']} questions, key passage in top {report['k']}:"]
    for mode, r in report["retrieval"].items():
        lines.append(
            f"  {mode:<8} sv {pct(r['recall_sv'])}  en {pct(r['recall_en'])}  missed: {', '.join(map(str, r['missed'])) or '-'}"
        )
    a = report["answers"]
    lines.append(
        f"answers: facts sv {pct(a['facts_sv'])}, en {pct(a['facts_en'])}; negatives not answered "
        f"{a['negatives_not_answered']}; positives unanswered {a['positives_unanswered']}; "
        f"failed: {', '.join(map(str, a['failed'])) or '-'}"
    )
    lines.append("targets met" if report["passed"] else "targets NOT met")
    return "\n".join(lines)
