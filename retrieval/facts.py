"""Amount questions answered from the extracted facts, not from whichever chunks ranked high.

"Hur mycket gick till bemanning av socialpsykiatriska teamet 2019?" → the matching rows of one
table, summed, with the row-by-row breakdown and a citation for each row. Matching is by the same
term matcher as the answers (stems, compound parts, n-grams, abbreviations, glossary).
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from ingest.amounts import format_kr
from ingest.models import Amount
from retrieval.answer import MIN_COVERAGE, Answer, Citations, TermMatcher, answer_for, uncited_numbers
from retrieval.context import AskContext, Filters, Query, Snapshot
from retrieval.search import AMOUNT_Q_RE, Hit

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


def answer_amounts(ctx: AskContext, hits: list[Hit]) -> Answer | None:
    """An answer from the amounts table, or None when this is not an amount question or no fact fits."""
    question = ctx.understood
    if not AMOUNT_Q_RE.search(ctx.intent):
        return None
    # "X och Y": both halves answered and added up; a direct match would cover only one of them.
    picked = _select_conjuncts(ctx) or _select(ctx.snapshot, question, ctx.query, ctx.filters)
    if picked is None:
        return None
    parts, totals, near = picked
    if not any(a.value for a in parts):
        return None  # rows of zeros answer nothing ("0 kr" is a blank cell more often than a fact)
    return _render(ctx, parts, totals, hits, near)


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
    snap: Snapshot, question: str, q: Query, filters: Filters
) -> tuple[list[Amount], list[Amount], list[Amount]] | None:
    """(rows to add up, the table's total rows, other statements of nearly the same sum)."""
    lex = snap.lex
    # A concept any of whose wordings means money ("amount" → belopp, summa, beloppet) names
    # nothing a row is about.
    groups = [g for g in q.groups if not any(_is_money_word(alt) for alt in g)]
    if not groups:
        return None
    matcher = TermMatcher(groups, lex)
    allowed = snap.allowed_docs(filters)
    years = [filters.year] if filters.year else q.years
    wants_total = bool(TOTAL_Q_RE.search(question))
    scored: list[tuple[float, Amount]] = []
    subject: dict[int, float] = {}
    for a in snap.amounts:
        if allowed is not None and a.doc_id not in allowed:
            continue
        p = lex.passages[lex.by_id[a.passage_id]]
        if years and a.year is not None and a.year not in years:
            continue
        if years and a.year is None:
            continue
        header = p.text.split("\n", 1)[0] if p.kind == "table" else ""
        section = p.section.split(" › ")[-1] if p.section else ""
        cov = matcher.coverage(_fact_text(a, header, section))
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
    return answer_for(ctx, True, text, citations=citations, related=hits[:3], amounts=parts, total=total)


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
