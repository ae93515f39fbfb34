"""Amount questions answered from the extracted facts, not from whichever chunks ranked high.

"Hur mycket gick till bemanning av socialpsykiatriska teamet 2019?" → the matching rows of one
table, summed, with the row-by-row breakdown and a citation for each row. Matching is by the same
term matcher as the answers (stems, compound parts, n-grams, abbreviations, glossary).
"""

from __future__ import annotations

import bisect
import re
import threading
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any

import numpy as np

from ingest.amounts import format_kr
from ingest.models import Amount, Passage
from retrieval.answer import (
    _NUMBER_WORDS,
    MIN_COVERAGE,
    NGRAM_SHARE,
    Answer,
    Citations,
    NameDocuments,
    TermMatcher,
    _text_terms,
    answer_for,
    asked_names,
    document_context,
    measures_missing,
    names_missing,
    uncited_numbers,
)
from retrieval.context import AskContext, Filters, Query, Snapshot
from retrieval.search import AMOUNT_Q_RE, Hit
from retrieval.text import ngrams

TOTAL_Q_RE = re.compile(r"\b(totalt|totala|sammanlagt|summan|totalsumman?|in total|total)\b", re.I)
# Words that say "money" in the question but name nothing that a row is about.
_MONEY_WORDS = {
    "pengar", "medel", "kronor", "kr", "belopp", "kostade", "kostar", "kostnad", "kostnaden", "summa",
    "totalt", "sammanlagt", "spent", "cost", "costs", "money", "amount", "total", "fick", "gick",
    "funds", "stimulansmedel", "stimulansmedlen", "stimulansmedlens", "totalsumma", "totalsumman",
    "summan", "tabellen", "tabell",
}  # fmt: skip
_RECEIVE_PREFIXES = ("tilldel", "bevilj", "erhåll", "erhöll", "förbruk", "använd")


def _is_money_word(word: str) -> bool:
    """Money and receiving words: "belopp", "tilldelades", "beviljats" say nothing of what for."""
    w = word.lower()
    return w in _MONEY_WORDS or w.startswith(_RECEIVE_PREFIXES)


# Rows whose match is this close to the best one are taken together (ties within one table).
TIE = 0.02


def _fact_text(a: Amount, header: str, section: str) -> str:
    return " ".join(x for x in (a.who, a.label, a.context, header, section) if x)


def _amount_text(a: Amount, p: Passage) -> str:
    """What an amount is matched on: who, label, its sentence, its table's header, its section."""
    section = p.section.split(" › ")[-1] if p.section else ""
    return _fact_text(a, p.header, section)


# -- which amounts can match at all ----------------------------------------------------------------
# At 100 000 passages a snapshot holds tens of thousands of amounts; scoring each with
# ``TermMatcher.coverage`` took seconds per question. ``FactTerms`` indexes the stems and words of
# every amount's text once per snapshot (per document, kept between snapshots), and for a question
# finds, per query stem, every amount in which ``TermMatcher._stem_in`` *could* hold: an amount
# with a token that matches the stem under one of its rules on its own (the same stem, a number
# word and its figure, the stem inside a longer word, a word that is the stem's start, the first
# part of a compound, a word sharing enough character n-grams). That is a superset of the amounts
# where it holds, so the sum of the group weights over it bounds each amount's coverage from
# above; only amounts whose bound reaches MIN_COVERAGE - TIE are scored (exactly, as before).
# Nothing below that can change the choice: ``_select`` answers nothing unless the best coverage
# reaches MIN_COVERAGE, and keeps only rows within TIE of the best.
_N_GRAMS_MIN = NGRAM_SHARE  # TermMatcher._stem_in: a word sharing this share of the stem's n-grams


class _DocTerms:
    """One document's amounts as token ids: per amount, its stems and its words of 5+ letters."""

    __slots__ = ("amounts", "stem_ids", "stem_rows", "word_ids", "word_rows")

    def __init__(self, amounts: Sequence[Amount], stem_ids: np.ndarray, stem_rows: np.ndarray,
                 word_ids: np.ndarray, word_rows: np.ndarray) -> None:  # fmt: skip
        self.amounts = amounts
        self.stem_ids, self.stem_rows = stem_ids, stem_rows  # token id, amount within the document
        self.word_ids, self.word_rows = word_ids, word_rows


class _Vocab:
    """Token → id, only growing (shared by the snapshots of a process)."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.tokens: list[str] = []

    def id(self, token: str) -> int:
        got = self.ids.get(token)
        if got is None:
            got = self.ids[token] = len(self.tokens)
            self.tokens.append(token)
        return got


class FactTerms:
    """The amounts of one snapshot by token (stems, words): which of them can match a query stem."""

    def __init__(self, amounts: Sequence[Amount], passage: Any, previous: FactTerms | None = None) -> None:
        """``passage(passage_id)`` → the Passage of an amount; ``previous``: the index of the previous
        snapshot, whose documents with the very same Amount objects are not analysed again."""
        self.n = len(amounts)
        self.stems: _Vocab = previous.stems if previous else _Vocab()
        self.words: _Vocab = previous.words if previous else _Vocab()
        old = previous.docs if previous else {}
        by_doc: dict[str, list[int]] = {}
        for i, a in enumerate(amounts):
            by_doc.setdefault(a.doc_id, []).append(i)
        self.docs: dict[str, _DocTerms] = {}
        stem_parts, stem_rows, word_parts, word_rows = [], [], [], []
        for d, numbers in by_doc.items():
            items = [amounts[i] for i in numbers]
            got = old.get(d)
            if (
                got is None
                or len(got.amounts) != len(items)
                or any(x is not y for x, y in zip(got.amounts, items, strict=True))
            ):
                got = self._analyse(items, passage)
            self.docs[d] = got
            where = np.asarray(numbers, np.int32)  # a document's k-th amount is the snapshot's where[k]
            stem_parts.append(got.stem_ids)
            stem_rows.append(where[got.stem_rows])
            word_parts.append(got.word_ids)
            word_rows.append(where[got.word_rows])
        self._stem_csr = self._csr(stem_parts, stem_rows, len(self.stems.tokens))
        self._word_csr = self._csr(word_parts, word_rows, len(self.words.tokens))
        # Stems present in this snapshot, in one string for substring search.
        present = np.flatnonzero(np.diff(self._stem_csr[0]))
        self._present = [self.stems.tokens[i] for i in present]
        self._joined = "\n".join(self._present)
        self._starts: list[int] = []
        pos = 0
        for t in self._present:
            self._starts.append(pos)
            pos += len(t) + 1
        # 4-gram → words (of 5+ letters) present in this snapshot, for the n-gram rule.
        grams: dict[str, list[int]] = {}
        for w_id in np.flatnonzero(np.diff(self._word_csr[0])).tolist():
            for g in set(ngrams(self.words.tokens[w_id])):
                grams.setdefault(g, []).append(w_id)
        self._grams = grams
        self._memo: dict[str, np.ndarray] = {}
        self._lock = threading.Lock()

    def _analyse(self, items: list[Amount], passage: Any) -> _DocTerms:
        s_ids: list[int] = []
        s_rows: list[int] = []
        w_ids: list[int] = []
        w_rows: list[int] = []
        # The same analysis as TermMatcher.coverage (without filling its cache).
        analyse = getattr(_text_terms, "__wrapped__", _text_terms)
        for k, a in enumerate(items):
            t_stems, t_words = analyse(_amount_text(a, passage(a.passage_id)))
            for t in t_stems:
                s_ids.append(self.stems.id(t))
                s_rows.append(k)
            for w in set(t_words):
                if len(w) >= 5:
                    w_ids.append(self.words.id(w))
                    w_rows.append(k)
        return _DocTerms(items, np.asarray(s_ids, np.int32), np.asarray(s_rows, np.int32),
                         np.asarray(w_ids, np.int32), np.asarray(w_rows, np.int32))  # fmt: skip

    @staticmethod
    def _csr(ids: list[np.ndarray], rows: list[np.ndarray], n_tokens: int) -> tuple[np.ndarray, np.ndarray]:
        """(starts per token id, amount rows): the rows of token t are rows[starts[t]:starts[t + 1]]."""
        tok = np.concatenate(ids) if ids else np.zeros(0, np.int32)
        row = np.concatenate(rows) if rows else np.zeros(0, np.int32)
        order = np.argsort(tok, kind="stable")
        starts = np.zeros(n_tokens + 1, np.int64)
        np.add.at(starts, tok.astype(np.int64) + 1, 1)
        return np.cumsum(starts), row[order]

    def _stem_tokens(self, s: str) -> set[str]:
        """Stems of this snapshot with which ``TermMatcher._stem_in(s, …)`` can hold: each rule of
        it that one text stem can meet on its own, and the first part of a compound."""
        present = self._present
        out: set[str] = set()
        ids = self.stems.ids
        if s in ids:
            out.add(s)
        digit = _NUMBER_WORDS.get(s)
        if digit is not None:  # "fyra" ~ "4" or "four"; no other rule is tried
            out.add(digit)
            out.update(t for t, v in _NUMBER_WORDS.items() if v == digit)
            return out
        if s.isdigit():
            out.update(t for t, v in _NUMBER_WORDS.items() if v == s)
            return out
        if len(s) >= 4:  # the stem inside a longer text stem
            at = self._joined.find(s)
            while at >= 0:
                k = bisect.bisect_right(self._starts, at) - 1
                out.add(present[k])
                at = self._joined.find(s, at + 1)
        # A text stem that is the question stem's start (within 4 letters, or any part of 4+ letters
        # of a compound of 9+)
        for k in range(4, len(s)):
            if len(s) - k <= 4 or len(s) >= 9:
                out.add(s[:k])
        return out

    def _word_tokens(self, s: str) -> list[int]:
        """Words (5+ letters) sharing at least 60 % of the stem's 4-grams (the n-gram rule)."""
        if len(s) < 6 or s in _NUMBER_WORDS or s.isdigit():
            return []
        grams = set(ngrams(s))
        count: Counter[int] = Counter()
        for g in grams:
            count.update(self._grams.get(g, ()))
        return [w for w, c in count.items() if c / len(grams) >= _N_GRAMS_MIN]

    def rows(self, s: str) -> np.ndarray:
        """The amounts (numbers in snapshot order, ascending) where the stem ``s`` can match."""
        with self._lock:
            got = self._memo.get(s)
        if got is not None:
            return got
        starts, rows = self._stem_csr
        parts = []
        for t in self._stem_tokens(s):
            i = self.stems.ids.get(t)
            if i is not None and i + 1 < len(starts):
                parts.append(rows[starts[i] : starts[i + 1]])
        w_starts, w_rows = self._word_csr
        for i in self._word_tokens(s):
            parts.append(w_rows[w_starts[i] : w_starts[i + 1]])
        got = np.unique(np.concatenate(parts)) if parts else np.zeros(0, np.int32)
        with self._lock:
            if len(self._memo) > 4096:
                self._memo.clear()
            self._memo[s] = got
        return got

    def candidates(self, matcher: TermMatcher, threshold: float) -> np.ndarray:
        """Numbers of the amounts whose coverage by ``matcher`` can reach ``threshold``: an upper
        bound summed like ``TermMatcher.coverage`` sums (same order, float64), with a margin."""
        total = sum(matcher.weights) or 1.0
        got = np.zeros(self.n, np.float64)
        for g, w in zip(matcher.groups, matcher.weights, strict=False):
            hit = np.zeros(self.n, bool)
            for alt in g:
                if not alt:
                    continue
                inside = np.ones(self.n, bool)
                for s in alt:
                    mask = np.zeros(self.n, bool)
                    mask[self.rows(s)] = True
                    inside &= mask
                hit |= inside
            got[hit] += w
        return np.flatnonzero(got / total >= threshold - 1e-9)


_facts_lock = threading.Lock()
_last_facts: list[FactTerms] = []  # the index of the latest snapshot, reused by the next one


def fact_terms(snap: Snapshot) -> FactTerms:
    """The snapshot's ``FactTerms``, built on first use (``Planchat.warm_up`` builds it early)."""
    got = snap._cache.get("fact-terms")
    if got is not None:
        return got  # type: ignore[no-any-return]
    with _facts_lock:
        got = snap._cache.get("fact-terms")
        if got is None:
            lex = snap.lex
            got = FactTerms(
                snap.amounts,
                lambda pid: lex.passages[lex.by_id[pid]],
                _last_facts[0] if _last_facts else None,
            )
            snap._cache["fact-terms"] = got
            _last_facts[:] = [got]
        return got  # type: ignore[no-any-return]


def answer_amounts(ctx: AskContext, hits: list[Hit]) -> Answer | None:
    """An answer from the amounts table, or None when this is not an amount question or no fact fits."""
    question = ctx.understood
    if not AMOUNT_Q_RE.search(ctx.intent):
        return None
    # "X och Y": both halves answered and added up; a direct match would cover only one of them.
    conjuncts = _select_conjuncts(ctx)
    picked = conjuncts or _select(ctx.snapshot, question, ctx.query, ctx.filters)
    if picked is None:
        return None
    parts, totals, near = picked
    if (
        len(parts) > 1
        and not conjuncts
        and not TOTAL_Q_RE.search(question)
        and any(a.table_id is None for a in parts)
    ):
        # The rows of one table that the question names are added up; amounts that sentences
        # state are not ("handläggare upp till 300 000 kronor" and "upp till 30 000 kronor" are
        # two limits, no sum): the passages answer, with the sentence that says which.
        return None
    if not any(a.value for a in parts):
        return None  # rows of zeros answer nothing ("0 kr" is a blank cell more often than a fact)
    if _names_unmet(ctx, parts):
        return None  # "… in Lerum municipality?": the amounts found are some other place's
    if _measures_unmet(ctx, parts):
        return None  # "… en container på 40 kubikmeter?": the row is about another size
    return _render(ctx, parts, totals, hits, near)


def _names_unmet(ctx: AskContext, parts: list[Amount]) -> bool:
    """A name the question asks about that an amount's text, section and document do not name
    (the same rule as for the sentences of passages, ``answer.names_missing``)."""
    names = asked_names(ctx)
    if not names:
        return False
    snap = ctx.snapshot
    lex = snap.lex
    matcher = TermMatcher(ctx.query.groups, lex, loanwords=ctx.query.loanwords)
    about: NameDocuments = {}
    # Amounts added up answer together: "Norr och Söder" are named by one row each.
    text = _parts_text(ctx, parts, documents=True)
    return all(
        names_missing(ctx, doc_id, text, matcher, names, about) for doc_id in {a.doc_id for a in parts}
    )


def _measures_unmet(ctx: AskContext, parts: list[Amount]) -> bool:
    """A size the question gives that no amount's text or section states (``measures_missing``)."""
    return measures_missing(ctx.intent, _parts_text(ctx, parts, documents=False))


def _parts_text(ctx: AskContext, parts: list[Amount], documents: bool) -> str:
    """The amounts' rows with their sections (and, with ``documents``, their documents' names)."""
    snap = ctx.snapshot
    lex = snap.lex
    texts: list[str] = []
    for a in parts:
        p = lex.passages[lex.by_id[a.passage_id]]
        if documents:
            texts.append(document_context(snap.documents[a.doc_id]))
        texts += [p.section, _amount_text(a, p)]
    return " ".join(texts)


# "Norr och Söder", "Unga vuxna-mottagningen and the special teacher": two things asked together.
_CONJ_RE = re.compile(r"\s+(och|samt|plus|and|&)\s+", re.I)
_RUN_STOP = {
    "till", "för", "på", "av", "i", "inom", "hos", "från", "med", "fick", "gick", "kostade", "to", "for", "on",
    "of", "in", "at", "from", "did", "get", "got", "receive", "received", "spent", "cost", "the",
    "tillsammans", "sammanlagt", "totalt", "together", "combined", "total", "in total", "both", "båda",
}  # fmt: skip


def _conjunct_questions(question: str) -> list[str]:
    """ "Hur mycket fick Norr och Söder 2019?" → ["Hur mycket fick Norr 2019?", "Hur mycket fick Söder 2019?"]."""
    m = _CONJ_RE.search(question)
    if not m:
        return []
    left_words = question[: m.start()].split()
    right_words = question[m.end() :].split()
    i = len(left_words)
    while (
        i > 0
        and left_words[i - 1].lower().strip("?,.") not in _RUN_STOP
        and not AMOUNT_Q_RE.search(" ".join(left_words[i - 1 :]))
    ):
        i -= 1
    j = 0
    while (
        j < len(right_words)
        and right_words[j].lower().strip("?,.") not in _RUN_STOP
        and not re.fullmatch(r"(19|20)\d\d\??", right_words[j])
    ):
        j += 1
    left, right = left_words[i:], right_words[:j]
    if not left or not right or len(left) > 4 or len(right) > 4 or left[-1].endswith("-"):
        return []  # "arbetsmarknads- och socialförvaltningen" is one name
    before, after = left_words[:i], right_words[j:]
    after = [
        w
        for w in after
        if w.lower().strip("?,.") not in ("tillsammans", "sammanlagt", "together", "combined")
    ]
    tail = " ".join(after)
    return [" ".join([*before, *part, tail]).strip() for part in (left, right)]


def _select_conjuncts(ctx: AskContext) -> tuple[list[Amount], list[Amount], list[Amount]] | None:
    """Both parts of "X och Y" answered from the facts and added up, or None."""
    subs = _conjunct_questions(ctx.understood)
    if not subs:
        return None
    parts: list[Amount] = []
    for sub in subs:
        picked = _select(ctx.snapshot, sub, ctx.parse(sub), ctx.filters)
        if picked is None:
            return None  # one half unanswered: no sum
        parts.extend(a for a in picked[0] if a not in parts)
    if len({(a.table_id or a.passage_id) for a in parts}) > 1 and len({a.doc_id for a in parts}) > 1:
        return None  # rows of different documents' tables may restate each other: no sum
    return parts, [], []


def _select(
    snap: Snapshot, question: str, q: Query, filters: Filters, *, prefilter: bool = True
) -> tuple[list[Amount], list[Amount], list[Amount]] | None:
    """(rows to add up, the table's total rows, other statements of nearly the same sum)."""
    lex = snap.lex
    # A concept any of whose wordings means money ("amount" → belopp, summa, beloppet) names
    # nothing a row is about.
    groups = [g for g in q.groups if not any(_is_money_word(alt) for alt in g)]
    if not groups:
        return None
    matcher = TermMatcher(groups, lex, loanwords=q.loanwords)
    allowed = snap.allowed_docs(filters)
    years = [filters.year] if filters.year else q.years
    wants_total = bool(TOTAL_Q_RE.search(question))
    scored: list[tuple[float, Amount]] = []
    subject: dict[int, float] = {}
    # Only amounts that can reach MIN_COVERAGE - TIE can be chosen or shown (see FactTerms).
    amounts = snap.amounts
    if prefilter:
        amounts = tuple(amounts[i] for i in fact_terms(snap).candidates(matcher, MIN_COVERAGE - TIE))
    for a in amounts:
        if allowed is not None and a.doc_id not in allowed:
            continue
        if years and a.year is not None and a.year not in years:
            continue
        if years and a.year is None:
            continue
        cov = matcher.coverage(_amount_text(a, lex.passages[lex.by_id[a.passage_id]]))
        # Who receives it / the row itself: "Funktionsstödsförvaltningen 6 199 000" is about FSF;
        # "ASN tilldelas 5 409 000 kronor enligt överenskommelse med … FSF" is not.
        # A table row's label may be its section heading, so it counts half.
        subject[id(a)] = matcher.coverage(a.who or "") + (
            0.5 * matcher.coverage(a.label) if a.table_id else 0.0
        )
        scored.append((cov, a))
    if not scored:
        return None
    best = max(c for c, _ in scored)
    if best < MIN_COVERAGE:
        return None
    top = [(c, a) for c, a in scored if c >= best - TIE]
    best_subject = max(subject[id(a)] for _, a in top)
    top = [(c, a) for c, a in top if subject[id(a)] >= best_subject - TIE]
    # One table (or one sentence) answers; the same figure restated elsewhere is not added again.
    by_table: dict[str, list[Amount]] = defaultdict(list)
    for _, a in top:
        by_table[a.table_id or a.passage_id].append(a)
    rows_pref = [
        (k, v) for k, v in by_table.items() if not (wants_total is False and all(x.is_total for x in v))
    ]
    if not rows_pref:
        rows_pref = list(by_table.items())
    _, rows = max(rows_pref, key=lambda kv: (sum(1 for x in kv[1] if not x.is_total), -len(kv[0])))
    totals = [a for a in rows if a.is_total]
    parts = [a for a in rows if not a.is_total]
    if wants_total and totals and not parts:
        parts = totals
    if not parts:
        parts = totals
    # The same sum stated differently elsewhere ("11 608 737 kronor" in the text, "Totalt 11 608 000"
    # in the table) is shown beside the answer, never silently dropped.
    answered = sum(a.value for a in parts)
    near = [
        a for c, a in scored
        if c >= MIN_COVERAGE and a.value != answered and abs(a.value - answered) <= 0.01 * answered
        and (a.is_total or a.table_id is None)
    ]  # fmt: skip
    return parts, totals, near[:4]


def _render(
    ctx: AskContext,
    parts: list[Amount],
    totals: list[Amount],
    hits: list[Hit],
    near: list[Amount] | None = None,
) -> Answer | None:
    lang = ctx.language
    cites = Citations(ctx.snapshot)
    for a in [*parts, *(near or [])]:
        cites.cite(a.passage_id, a.context)
    if len(cites) > ctx.k:
        return None  # more sources than may be cited: the passages answer instead
    cite_no = {c.passage.passage_id: c.n for c in cites.items}
    citations = cites.items
    total = sum(a.value for a in parts)
    lines: list[str] = []
    if len(parts) == 1:
        a = parts[0]
        who = f"{a.who}: " if a.who else ""
        year = f" ({a.year})" if a.year else ""
        lines.append(f"{format_kr(a.value)}{year} — {who}{a.label} [{cite_no[a.passage_id]}]")
        lines.append(f"»{a.context}«")
    else:
        year_set = sorted({a.year for a in parts if a.year})
        year_txt = f" {', '.join(map(str, year_set))}" if year_set else ""
        head = "Totalt" if lang == "sv" else "In total"
        rows_word = "rader" if lang == "sv" else "rows"
        lines.append(f"{head}{year_txt}: {format_kr(total)} ({len(parts)} {rows_word}):")
        for a in parts:
            who = f"{a.who}: " if a.who else ""
            lines.append(f"- {who}{a.label}: {format_kr(a.value)} [{cite_no[a.passage_id]}]")
    for tot in totals:
        if tot.check:
            if lang == "sv":
                verdict = "raderna summerar rätt" if tot.check == "ok" else f"avvikelse: {tot.check}"
                lines.append(f"Tabellens totalsumma: {format_kr(tot.value)} ({verdict}).")
            else:
                verdict = "the rows add up" if tot.check == "ok" else f"mismatch: {tot.check}"
                lines.append(f"The table's total: {format_kr(tot.value)} ({verdict}).")
    diffs: set[int] = set()
    by_value: dict[int, list[Amount]] = defaultdict(list)
    for other in near or []:
        by_value[other.value].append(other)
    for value, same in by_value.items():
        diff = abs(value - total)
        diffs.add(diff)
        marks = "".join(f"[{n}]" for n in dict.fromkeys(cite_no[x.passage_id] for x in same))
        if lang == "sv":
            lines.append(
                f"Obs: på annat ställe anges {format_kr(value)} {marks}, en skillnad på {format_kr(diff)}."
            )
        else:
            lines.append(
                f"Note: elsewhere the documents state {format_kr(value)} {marks}, a difference of {format_kr(diff)}."
            )
    text = "\n".join(lines)
    computed = ({total, len(parts)} if len(parts) > 1 else set()) | diffs | {x.value for x in totals}
    if uncited_numbers(text, citations, computed):
        return None
    if len(parts) > 1 and total != sum(a.value for a in parts):  # pragma: no cover - arithmetic guard
        return None
    return answer_for(ctx, True, text, hits, citations=citations, amounts=parts, total=total)


def list_facts(
    snap: Snapshot, parse: Any, year: int | None = None, query: str | None = None
) -> list[dict[str, Any]]:
    """All amounts with their sources, optionally for one year or matching a text query
    (``parse`` turns the query text into a Query)."""
    docs = snap.documents
    out = []
    matcher = TermMatcher(parse(query).groups, snap.lex) if query else None
    for a in snap.amounts:
        if year is not None and a.year != year:
            continue
        if matcher is not None and matcher.coverage(f"{a.who or ''} {a.label} {a.context}") < MIN_COVERAGE:
            continue
        d = docs.get(a.doc_id)
        out.append(
            {
                "value": a.value,
                "raw": a.raw,
                "label": a.label,
                "who": a.who,
                "year": a.year,
                "is_total": a.is_total,
                "check": a.check,
                "context": a.context,
                "doc_id": a.doc_id,
                "passage_id": a.passage_id,
                "title": d.title if d else None,
                "diarienummer": d.diarienummer if d else None,
                "organisation": d.organisation if d else None,
            }
        )
    return out
