"""Score retrieval and answers on question sets (`planchat eval`).

A question file is JSON Lines: {"id", "lang", "kind", "q", "keys": [phrases a right passage
holds], "facts": [[alternatives], …], "doc"?: the file the answer is in}. kind "negative" means
the documents do not answer it. A folder of question files is one set; a file is a set of its own.

For each set and each retrieval system (hybrid, lexical, dense, ngram) it reports recall@k (a key
phrase in one of the top k passages), MRR (over the top k), and, answering with that system's
passages: answer accuracy (answered, and every fact group found in the answer), gold citation (a
cited passage holds a key phrase) and negatives rejected (not answered), per language and per kind,
with the misses listed.
"""

from __future__ import annotations

import json
import re
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ingest.errors import InputError

if TYPE_CHECKING:
    from retrieval.service import Planchat

SYSTEMS = ("hybrid", "lexical", "dense", "ngram", "naive")
DEFAULT_SYSTEMS = ("hybrid", "lexical", "dense", "naive")
# The naive baseline: what a default vector-store RAG does. Each document's text cut into chunks of
# this many characters, dense retrieval only, the top chunk as the "answer" (it never abstains).
NAIVE_CHUNK_CHARS = 1000


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def _digits_glued(text: str) -> str:
    return re.sub(r"(?<=\d)[\s\u00a0\u202f](?=\d)", "", _norm(text))


@dataclass
class QuestionSet:
    name: str
    questions: list[dict[str, Any]] = field(default_factory=list)


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
        if not isinstance(q, dict) or not isinstance(q.get("q"), str):
            raise InputError(f"{path}:{no}: field 'q' is missing")
        for name in ("keys", "facts"):
            if not isinstance(q.get(name, []), list):
                raise InputError(f"{path}:{no}: field '{name}' must be a list")
        out.append(q)
    return out


def load_sets(paths: list[Path]) -> list[QuestionSet]:
    """A folder is one set (its *.jsonl files); a file is a set of its own."""
    sets: list[QuestionSet] = []
    for path in paths:
        if path.is_dir():
            files = sorted(path.glob("*.jsonl"))
            if not files:
                raise InputError(f"{path}: no .jsonl question files in this folder")
        else:
            files = [path]
        questions = [{**q, "file": f.name} for f in files for q in load_questions(f)]
        sets.append(QuestionSet(path.name if path.is_dir() else path.stem, questions))
    return sets


def needed_documents(
    sets: list[QuestionSet], doc_dirs: list[Path], *, drop_missing: bool = False
) -> tuple[list[Path], list[str]]:
    """(the files the questions name ("doc"), found in ``doc_dirs``; the names not found).

    A missing document is an error, or with ``drop_missing`` its questions are left out of the
    sets (the caller says so)."""
    names = sorted({q["doc"] for s in sets for q in s.questions if q.get("doc")})
    found: list[Path] = []
    missing: list[str] = []
    for name in names:
        hit = next((d / name for d in doc_dirs if (d / name).is_file()), None)
        if hit is None:
            missing.append(name)
        else:
            found.append(hit)
    if missing and not drop_missing:
        where = ", ".join(str(d) for d in doc_dirs) or "(no --docs folder)"
        raise InputError(
            f"--docs: {len(missing)} document(s) the questions name are not in {where}: {', '.join(missing[:5])}"
            " (eval/real/SOURCES.md says where each comes from)"
        )
    for s in sets:
        s.questions = [q for q in s.questions if q.get("doc") not in missing]
    sets[:] = [s for s in sets if s.questions]
    return found, missing


_TOKEN_RE = re.compile(r"\w+")
# Words that may stand between two words of a key phrase in a passage: a table row read with its
# column names ("Kommunbidrag Budget: 9,4 Avvikelse: 0") still holds the row "Kommunbidrag 9,4 0".
KEY_GAP = 3


# A word broken at a line end in the PDF's raw text ("riskhante- ringsgruppen"), as a key copied
# from it may have it; not a Swedish suspended hyphen ("arbetsmarknads- och socialförvaltningen").
_BROKEN_WORD_RE = re.compile(r"(?<=[a-zåäö])- (?!(?:och|eller|samt|respektive|till|som)\b)(?=[a-zåäö])")


def holds(text: str, key: str) -> bool:
    """Does the passage text hold the key phrase (its words in order, case and punctuation aside,
    at most KEY_GAP other words between two of them)? A key word broken at a line end in the raw
    text is also looked for whole, as planchat stores it."""
    joined = _BROKEN_WORD_RE.sub("", key)
    if joined != key and _holds(text, joined):
        return True
    return _holds(text, key)


def _holds(text: str, key: str) -> bool:
    if _norm(key) in _norm(text):
        return True
    words = _TOKEN_RE.findall(text.lower())
    wanted = _TOKEN_RE.findall(key.lower())
    if not wanted:
        return False
    for start, w in enumerate(words):
        if w != wanted[0]:
            continue
        pos, ok = start, True
        for k in wanted[1:]:
            window = words[pos + 1 : pos + 2 + KEY_GAP]
            if k not in window:
                ok = False
                break
            pos = pos + 1 + window.index(k)
        if ok:
            return True
    return False


def _found(keys: list[str], texts: list[str]) -> int | None:
    """1-based rank of the first text holding a key phrase, or None."""
    for rank, text in enumerate(texts, 1):
        if any(holds(text, k) for k in keys):
            return rank
    return None


def facts_ok(facts: list[list[str]], answer_text: str) -> bool:
    text = _digits_glued(answer_text)
    return all(any(_digits_glued(alt) in text for alt in group) for group in facts)


def is_negative(q: dict[str, Any]) -> bool:
    """An unanswerable question: the documents do not say, and the right answer says so."""
    return q.get("kind") == "negative"


def answered_right(q: dict[str, Any], answered: bool, answer_text: str) -> bool:
    """Answered, with every expected fact stated; never for an unanswerable question."""
    return not is_negative(q) and answered and facts_ok(q.get("facts") or [], answer_text)


def _ratio(a: int, b: int) -> float | None:
    return a / b if b else None


class _Tally:
    def __init__(self) -> None:
        self.pos = self.retrieved = self.correct = self.gold_cited = 0
        self.rr = 0.0
        self.neg = self.rejected = 0

    def add(self, row: dict[str, Any]) -> None:
        if row["negative"]:
            self.neg += 1
            self.rejected += int(not row["answered"])
            return
        self.pos += 1
        self.retrieved += int(row["rank"] is not None)
        self.rr += 1.0 / row["rank"] if row["rank"] else 0.0
        self.correct += int(row["correct"])
        self.gold_cited += int(row["gold_cited"])

    def figures(self) -> dict[str, Any]:
        return {
            "questions": self.pos + self.neg,
            "recall_at_k": _ratio(self.retrieved, self.pos),
            "mrr": self.rr / self.pos if self.pos else None,
            "answer_accuracy": _ratio(self.correct, self.pos),
            "gold_cited": _ratio(self.gold_cited, self.pos),
            "negatives_rejected": _ratio(self.rejected, self.neg),
            "negatives": self.neg,
            "overall": _ratio(self.correct + self.rejected, self.pos + self.neg),
        }


def run_eval(
    svc: Planchat, sets: list[QuestionSet], k: int = 5, systems: list[str] | None = None
) -> dict[str, Any]:
    systems = systems or list(DEFAULT_SYSTEMS)
    unknown = [s for s in systems if s not in SYSTEMS]
    if unknown:
        raise InputError(f"--systems: unknown {', '.join(unknown)} (known: {', '.join(SYSTEMS)})")
    report: dict[str, Any] = {"k": k, "sets": [s.name for s in sets], "systems": {}}
    for system in systems:
        started = time.perf_counter()
        naive = NaiveBaseline(svc, _naive_cache(svc)) if system == "naive" else None
        total = _Tally()
        by_lang: dict[str, _Tally] = defaultdict(_Tally)
        by_kind: dict[str, _Tally] = defaultdict(_Tally)
        by_set: dict[str, _Tally] = defaultdict(_Tally)
        by_file: dict[str, _Tally] = defaultdict(_Tally)
        misses: list[dict[str, Any]] = []
        rows: list[dict[str, Any]] = []
        for qs in sets:
            for q in qs.questions:
                row = _score_naive(naive, q, k) if naive is not None else _score(svc, q, k, system)
                row["set"] = qs.name
                row["file"] = q.get("file", "")
                tallies = (
                    total,
                    by_lang[row["lang"]],
                    by_kind[row["kind"]],
                    by_set[qs.name],
                    by_file[row["file"]],
                )
                for tally in tallies:
                    tally.add(row)
                rows.append(row)
                if not row["ok"]:
                    misses.append(row)
        m = total.figures()
        m["by_language"] = {lang: t.figures() for lang, t in sorted(by_lang.items())}
        m["by_kind"] = {kind: t.figures() for kind, t in sorted(by_kind.items())}
        m["by_set"] = {name: by_set[name].figures() for name in report["sets"]}
        m["by_file"] = {name: t.figures() for name, t in sorted(by_file.items())}
        m["misses"] = misses
        m["rows"] = rows
        m["seconds"] = round(time.perf_counter() - started, 1)
        report["systems"][system] = m
    return report


def _naive_cache(svc: Planchat) -> Path | None:
    data_dir = getattr(getattr(svc, "settings", None), "data_dir", None)
    return Path(data_dir) / "eval-naive-vectors.npz" if data_dir else None


class NaiveBaseline:
    """Fixed-size chunks of each served document, embedded with the same model, ranked by cosine.

    With ``cache`` (a .npz file), the chunks' vectors are kept there by the SHA-256 of the model
    name and chunk text, so a second eval run does not embed them again."""

    def __init__(self, svc: Planchat, cache: Path | None = None) -> None:

        snap = svc.snapshot()
        by_doc: dict[str, list[str]] = {}
        for p in snap.lex.passages:
            by_doc.setdefault(p.doc_id, []).append(p.text)
        self.chunks: list[str] = []
        for texts in by_doc.values():
            text = " ".join(" ".join(texts).split())
            self.chunks.extend(
                text[i : i + NAIVE_CHUNK_CHARS] for i in range(0, len(text), NAIVE_CHUNK_CHARS)
            )
        self.embedder = svc.index.embedder
        self.matrix = self._vectors(cache)

    def _vectors(self, cache: Path | None) -> Any:
        import hashlib

        import numpy as np

        name = getattr(self.embedder, "name", "")
        keys = [hashlib.sha256(f"{name}\0{c}".encode()).hexdigest() for c in self.chunks]
        known: dict[str, Any] = {}
        if cache is not None and cache.exists():
            try:
                with np.load(cache) as saved:
                    known = dict(zip(saved["keys"].tolist(), saved["vectors"], strict=True))
            except (OSError, ValueError, KeyError):
                known = {}  # a damaged cache is rebuilt
        todo = [i for i, key in enumerate(keys) if key not in known]
        if todo:
            fresh = self.embedder.embed_passages([self.chunks[i] for i in todo])
            for i, vector in zip(todo, fresh, strict=True):
                known[keys[i]] = np.asarray(vector, dtype=np.float32)
            if cache is not None:
                tmp = cache.with_name(cache.name + ".part.npz")
                np.savez(tmp, keys=np.array(keys), vectors=np.stack([known[key] for key in keys]))
                tmp.replace(cache)
        return np.stack([known[key] for key in keys]) if keys else np.zeros((0, 1), dtype=np.float32)

    def top(self, question: str, k: int) -> list[str]:
        import numpy as np

        q = np.asarray(self.embedder.embed_queries([question])[0], dtype=np.float32)
        order = np.argsort(-(self.matrix @ q))[:k]
        return [self.chunks[i] for i in order]


def _row(
    q: dict[str, Any],
    rank: int | None,
    answered: bool,
    answer: str,
    cited: list[str],
    confidence: float,
    answerer: str,
) -> dict[str, Any]:
    """One question's row: found at ``rank``, answered with ``answer`` citing ``cited``."""
    negative = is_negative(q)
    keys = q.get("keys") or []
    correct = answered_right(q, answered, answer)
    return {
        "id": q.get("id"),
        "lang": q.get("lang", "sv"),
        "kind": q.get("kind", "lookup"),
        "negative": negative,
        "rank": rank,
        "answered": answered,
        "correct": correct,
        "gold_cited": bool(keys) and _found(keys, cited) is not None,
        "ok": (not answered) if negative else correct,
        "q": q["q"],
        "answer": answer[:300],
        "confidence": round(confidence, 3),
        "answerer": answerer,
    }  # fmt: skip


def _score_naive(base: NaiveBaseline, q: dict[str, Any], k: int) -> dict[str, Any]:
    """The naive baseline: its top chunk is the answer (never withheld unless nothing was found)."""
    top = base.top(q["q"], k)
    keys = q.get("keys") or []
    rank = _found(keys, top) if keys else None
    return _row(q, rank, bool(top), top[0] if top else "", top[:1], 0.0, "naive")


def _score(svc: Planchat, q: dict[str, Any], k: int, system: str) -> dict[str, Any]:
    hits = svc.search(q["q"], k, mode=system)
    keys = q.get("keys") or []
    rank = _found(keys, [h.passage.text for h in hits]) if keys else None
    answer = svc.ask(q["q"], k=k, mode=system)
    answerer = "amounts" if answer.amounts else ("activities" if answer.activities else "passages")
    cited = [c.passage.text for c in answer.citations]
    return _row(q, rank, answer.answered, answer.text, cited, answer.confidence, answerer)


def format_report(report: dict[str, Any]) -> str:
    def pct(v: float | None) -> str:
        return "   n/a" if v is None else f"{100 * v:5.1f}%"

    k = report["k"]
    lines = [f"recall@{k} / MRR / answer accuracy / gold cited / negatives rejected, per set and system:"]
    head = f"  {'set':<28} {'system':<16} {'n':>4} {'recall':>7} {'MRR':>6} {'answer':>7} {'cited':>7} {'neg':>7}"
    lines.append(head)
    for system, m in report["systems"].items():
        rows = [*m["by_set"].items(), ("ALL", m)]
        for name, f in rows:
            mrr = "   n/a" if f["mrr"] is None else f"{f['mrr']:6.2f}"
            lines.append(
                f"  {name[:28]:<28} {system:<16} {f['questions']:>4} {pct(f['recall_at_k']):>7} {mrr:>6} "
                f"{pct(f['answer_accuracy']):>7} {pct(f['gold_cited']):>7} {pct(f['negatives_rejected']):>7}"
            )
        langs = ", ".join(
            f"{lang}: recall {pct(f['recall_at_k'])}, answers {pct(f['answer_accuracy'])}"
            for lang, f in m["by_language"].items()
        )
        lines.append(f"  {'':<28} {system:<16} by language: {langs}")
        kinds = ", ".join(
            f"{kind} ({f['questions']}): recall {pct(f['recall_at_k'])}, answers {pct(f['answer_accuracy'])}"
            + (f", rejected {pct(f['negatives_rejected'])}" if f["negatives"] else "")
            for kind, f in m["by_kind"].items()
        )
        lines.append(f"  {'':<28} {system:<16} by kind: {kinds}")
    hybrid = report["systems"].get("hybrid") or next(iter(report["systems"].values()))
    if hybrid["misses"]:
        lines.append(f"misses ({'hybrid' if 'hybrid' in report['systems'] else 'first system'}):")
        for r in hybrid["misses"]:
            what = (
                "answered a negative"
                if r["negative"]
                else (
                    "passage not found"
                    if r["rank"] is None
                    else ("not answered" if not r["answered"] else "wrong answer")
                )
            )
            lines.append(f"  {r['set']}/{r['id']} [{r['lang']}, {r['kind']}] {what}: {r['q']}")
    return "\n".join(lines)
