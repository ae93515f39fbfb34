"""Activities across years: linked across documents, and answers to "what carried over to 2020".

Ingest stores, per document, statements such as "Återhämtningsskola — ongoing in the 2020 plan"
or "SIP/SVU — continues 2020: »År 2020 kvarstår den sista etappen …«" (``ingest.activities``).
Here the statements of all documents are linked into activities (the same activity named in a
plan table, a follow-up report and the next year's plan), and status questions are answered
from them: a list with one item per activity, each citing the passage that states its status.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, fields
from typing import TYPE_CHECKING, Any

from ingest.activities import CARRIED_OUT, COMPLETED, CONTINUES, NEW, NOT_STARTED, ONGOING, PLANNED, Statement
from ingest.split import years_in
from retrieval.answer import (
    MIN_COVERAGE,
    TEMPLATES,
    Answer,
    Citations,
    TermMatcher,
    answer_for,
    uncited_numbers,
)
from retrieval.context import AskContext, LexicalIndex, Snapshot
from retrieval.search import Hit
from retrieval.text import content_words, stems, stopwords_sv, words

if TYPE_CHECKING:
    from retrieval.store import Index

# Two names are the same activity when, on average over both directions, this share of their
# idf-weighted terms is found in the other name (stems, compound parts, n-grams).
LINK_THRESHOLD = 0.6
# A plan item is also the activity of a follow-up section whose opening text holds nearly all its
# terms ("Implementering av Mina Planer …" ~ section "SIP/SVU", which is about Mina planer).
DESCRIPTOR_THRESHOLD = 0.85

STATUS_LABELS = {
    "sv": {
        NEW: "ny aktivitet {year}",
        ONGOING: "pågående aktivitet i planen för {year}",
        CONTINUES: "fortsätter {year}",
        PLANNED: "planerad {year}",
        CARRIED_OUT: "genomförd {year} enligt återrapporteringen",
        COMPLETED: "avslutad {year}",
        NOT_STARTED: "inte påbörjad {year}",
    },
    "en": {
        NEW: "new activity in {year}",
        ONGOING: "ongoing activity in the {year} plan",
        CONTINUES: "continues in {year}",
        PLANNED: "planned for {year}",
        CARRIED_OUT: "carried out in {year} according to the follow-up",
        COMPLETED: "completed in {year}",
        NOT_STARTED: "not started in {year}",
    },
}
HEADINGS = {
    "sv": {
        "carry": "Aktiviteter som fortsätter {year} enligt dokumenten ({n} st):",
        NEW: "Nya aktiviteter {year} enligt dokumenten ({n} st):",
        NOT_STARTED: "Aktiviteter som inte påbörjats{year_in} enligt dokumenten ({n} st):",
        COMPLETED: "Aktiviteter som genomförts {year} enligt dokumenten ({n} st):",
        PLANNED: "Aktiviteter i planen för {year} enligt dokumenten ({n} st):",
        "earlier": "tidigare",
        "no_named": "Dokumenten namnger inga enskilda aktiviteter med den statusen, men säger:",
        "none": "Det framgår inte av dokumenten vilka aktiviteter som {what}{filters}.",
    },
    "en": {
        "carry": "Activities that carry over into {year}, as the documents state ({n}):",
        NEW: "New activities in {year}, as the documents state ({n}):",
        NOT_STARTED: "Activities not started{year_in}, as the documents state ({n}):",
        COMPLETED: "Activities carried out in {year}, as the documents state ({n}):",
        PLANNED: "Activities in the plan for {year}, as the documents state ({n}):",
        "earlier": "earlier",
        "no_named": "The documents name no single activity with that status, but say:",
        "none": "The documents don't say which activities {what}{filters}.",
        "names": "(Activity names are quoted from the Swedish documents.)",
    },
}

WHAT = {
    "sv": {"carry": "fortsätter {year}", NEW: "är nya {year}", NOT_STARTED: "inte har påbörjats {year}",
           COMPLETED: "genomfördes {year}", PLANNED: "planeras {year}"},
    "en": {"carry": "carry over into {year}", NEW: "are new in {year}", NOT_STARTED: "were not started in {year}",
           COMPLETED: "were carried out in {year}", PLANNED: "are planned for {year}"},
}  # fmt: skip

# -- question understanding -----------------------------------------------------------------------
_NOUN_RE = re.compile(
    r"\b(aktivitet\w*|insats\w*|åtgärd\w*|satsning\w*|activit\w*|initiative\w*|measures?|actions?)\b", re.I
)
_STRONG_CARRY_RE = re.compile(r"\b(carr(?:y|ied|ies)\s+over|kvarstå\w*|förs?\s+över|överför\w*)\b", re.I)
_ASK_RE = re.compile(r"\b(vilka|vilken|vilket|vad|lista\w*|nämn|finns|which|what|list|name)\b", re.I)
# Most specific first: a question that says "nya" and "handlingsplan" asks for the new ones.
_STATUS_Q = [
    (NOT_STARTED, re.compile(
        r"\b(inte|ej|aldrig)\s+(har\s+)?(hunnit\s+)?(påbörja\w*|starta\w*|komm\w+\s+igång)|\bhann\s+inte\b|"
        r"\bnot\s+(been\s+|yet\s+)?started\b|\bnever\s+started\b|\bnot\s+begun\b", re.I)),
    ("carry", re.compile(
        r"\b(fortsätt\w*|fortsatt\w*|kvarstå\w*|kvar|pågå\w*|förs?\s+över|överför\w*|carr(?:y|ied|ies)\s+over|"
        r"continu\w*|ongoing|remain\w*|still|roll(?:ed)?\s+over)\b", re.I)),
    (NEW, re.compile(r"\b(nya?|nytillkomna|tillkom\w*|new|added)\b", re.I)),
    (COMPLETED, re.compile(
        r"\b(genomfördes|genomförts|genomförda|genomfört|avslutade?s?|slutförd\w*|utförda?|completed|"
        r"carried\s+out|were\s+done|finished|implemented)\b", re.I)),
    (PLANNED, re.compile(
        r"\b(planera\w*|planned|plans?|handlingsplan\w*|ska\s+genomföras|ska\s+göras|will|inför|scheduled)\b",
        re.I)),
]  # fmt: skip
_OF_YEAR_RE = re.compile(
    r"\b((?:19|20)\d\d)(?:\s+års|'s|\s+(?:activities|initiatives|plan|aktiviteter|insatser))\b", re.I
)
_FROM_YEAR_RE = re.compile(r"\b(från|efter|from|after|beyond)\s+(år\s+)?((19|20)\d\d)\b", re.I)
# Words of the question that say what is asked (status, list, year), not which activities.
_FRAME_WORDS = {
    "vilka", "vilken", "vilket", "vad", "som", "har", "hade", "ska", "skulle", "är", "var", "blev", "till",
    "under", "inför", "år", "året", "åren", "års", "årets", "av", "i", "på", "från", "efter", "och", "eller", "de", "den", "det",
    "lista", "nämn", "finns", "fanns", "handlingsplan", "handlingsplanen", "handlingsplanens", "planen",
    "plan", "planerna", "enligt", "dokumenten", "nästa", "kommande", "hunnit", "hann", "inte", "ej",
    "which", "what", "were", "was", "are", "is", "the", "to", "into", "in", "for", "from", "after", "of",
    "that", "have", "has", "been", "did", "do", "does", "list", "name", "over", "year", "years", "next",
    "plans", "action", "according", "documents", "yet", "not", "still",
}  # fmt: skip


# Verb forms that only restate the status ("påbörjas", "started", "genomföras").
_FRAME_VERB_RE = re.compile(
    r"^(påbörja|starta|genomför|fortsätt|pågå|planera|avsluta|slutför|start|begun|begin|finish|complet|plann)\w*$",
    re.I,
)


@dataclass
class StatusQuestion:
    status: str  # "carry" | NEW | NOT_STARTED | COMPLETED | PLANNED
    year: int | None
    topic: str  # what the question narrows the list to ("" for all)


def parse_status_question(question: str, filter_year: int | None = None) -> StatusQuestion | None:
    """A question about which activities have a status, or None."""
    if not (_NOUN_RE.search(question) or _STRONG_CARRY_RE.search(question)):
        return None
    if not _ASK_RE.search(question):
        return None
    status = next((name for name, rx in _STATUS_Q if rx.search(question)), None)
    if status is None:
        return None
    years = years_in(question)
    year = filter_year or (max(years) if years else None)
    # "carried over from 2019", "2019 års aktiviteter som fortsätter" → into 2020.
    from_years = {int(m.group(3)) for m in _FROM_YEAR_RE.finditer(question)}
    from_years |= {int(y) for y in _OF_YEAR_RE.findall(question)}
    only_from = not [y for y in years if y not in from_years]
    if status == "carry" and year is not None and not filter_year and year in from_years and only_from:
        year += 1
    rest = question
    for rx in (_NOUN_RE, _STRONG_CARRY_RE, *(r for _, r in _STATUS_Q)):
        rest = rx.sub(" ", rest)
    rest = re.sub(r"\b(19|20)\d\d\b", " ", rest)
    topic = " ".join(
        w
        for w in re.findall(r"[\wÅÄÖåäö/-]+", rest)
        if w.lower() not in _FRAME_WORDS and w.lower() not in stopwords_sv() and not _FRAME_VERB_RE.match(w)
    )
    return StatusQuestion(status, year, topic)


# -- linking ---------------------------------------------------------------------------------------
@dataclass
class Activity:
    """One activity as several documents and years state it."""

    statements: list[Statement] = field(default_factory=list)

    @property
    def name(self) -> str:
        # A follow-up's section heading is the cleanest name; then the shortest plan item.
        reports = [s.name for s in self.statements if s.source == "report"]
        if reports:
            return min(reports, key=len)
        return min((s.name for s in self.statements), key=len)

    def text(self) -> str:
        parts: list[str] = []
        for s in self.statements:
            for x in (s.name, s.evidence, s.focus, s.area, s.detail):
                if x and x not in parts:
                    parts.append(x)
        return " ".join(parts)

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "years": sorted({s.year for s in self.statements if s.year is not None}),
            "statements": [asdict(s) for s in sorted(self.statements, key=_statement_order)],
        }


def _statement_order(s: Statement) -> tuple[int, str, str]:
    return (s.year or 0, s.doc_id, s.passage_id)


def load_statements(index: Index, passage_ids: set[str]) -> list[Statement]:
    """The activity statements of the served documents whose passages are in ``passage_ids``."""
    out: list[Statement] = []
    for doc_id, payload in index.extras("activities"):
        for d in payload or []:
            if d.get("passage_id") in passage_ids:
                # The document's id comes from the registry row (older payloads lack it).
                out.append(Statement(**{**{k: d.get(k) for k in _FIELDS}, "doc_id": doc_id}))
    return out


_FIELDS = [f.name for f in fields(Statement)]


def _name_matcher(name: str, lex: LexicalIndex) -> TermMatcher | None:
    """Matches a name's terms (idf-weighted) in another text; None for a name without terms."""
    terms = sorted(set(stems(name)))
    return TermMatcher([[t] for t in terms], lex) if terms else None


def link(statements: list[Statement], lex: LexicalIndex) -> list[Activity]:
    """Group statements into activities: same name in one document first, then across documents
    and years by name similarity. Two items of the same table (or section) are never merged."""
    nodes: dict[tuple[str, str, str], list[Statement]] = {}
    for s in statements:
        if not s.name:
            continue  # statements about a plan's activities as a whole are not an activity
        nodes.setdefault((s.doc_id, s.source, s.name.lower()), []).append(s)
    keys = list(nodes)
    group = {k: (k[0], k[1], min((s.year or 0) for s in nodes[k])) for k in keys}
    descriptor: dict[tuple[str, str, str], str] = {}
    for k in keys:
        if k[1] == "report":
            first = min(nodes[k], key=lambda s: s.passage_id)
            p = lex.passages[lex.by_id[first.passage_id]]
            descriptor[k] = f"{first.name} {p.text[:700]}"
    names = {k: nodes[k][0].name for k in keys}
    matchers = {k: _name_matcher(names[k], lex) for k in keys}

    def cov(k: tuple[str, str, str], text: str) -> float:
        m = matchers[k]
        return m.coverage(text) if m is not None else 0.0

    pairs: list[tuple[float, int, int]] = []
    for i, a in enumerate(keys):
        for j in range(i + 1, len(keys)):
            b = keys[j]
            if group[a] == group[b]:
                continue
            score = (cov(a, names[b]) + cov(b, names[a])) / 2
            for item, rep in ((a, b), (b, a)):
                m = matchers[item]
                if (
                    rep in descriptor
                    and item[1] != "report"
                    and m is not None
                    and len(m.groups) >= 3
                    and m.coverage(descriptor[rep]) >= DESCRIPTOR_THRESHOLD
                ):
                    score = max(score, LINK_THRESHOLD)
            if score >= LINK_THRESHOLD:
                pairs.append((score, i, j))
    # Best pairs first; a merge that would put two items of one table together is skipped.
    cluster = list(range(len(keys)))
    members: dict[int, set[int]] = {i: {i} for i in range(len(keys))}

    def find(i: int) -> int:
        while cluster[i] != i:
            cluster[i] = cluster[cluster[i]]
            i = cluster[i]
        return i

    for _, i, j in sorted(pairs, key=lambda x: -x[0]):
        ri, rj = find(i), find(j)
        if ri == rj:
            continue
        gi = {group[keys[m]] for m in members[ri]}
        gj = {group[keys[m]] for m in members[rj]}
        if gi & gj:
            continue
        cluster[rj] = ri
        members[ri] |= members.pop(rj)
    out = [Activity([s for m in sorted(ms) for s in nodes[keys[m]]]) for ms in members.values()]
    out.sort(key=lambda a: min(_statement_order(s) for s in a.statements))
    return out


# -- answering -------------------------------------------------------------------------------------
def _selected(act: Activity, sq: StatusQuestion, year: int | None) -> list[Statement]:
    """The statements of ``act`` that put it in the asked list (empty: it does not belong)."""
    st = act.statements
    if sq.status == "carry":
        direct = [s for s in st if s.year == year and s.status in (ONGOING, CONTINUES)]
        if direct:
            return direct
        # In the year's plan and named in an earlier year too. (A follow-up's "X will start next
        # year" is something new, not a carry-over.)
        planned = [s for s in st if s.year == year and s.status == PLANNED and s.source != "report"]
        earlier = [s for s in st if s.year is not None and year is not None and s.year < year]
        return planned if planned and earlier else []
    if sq.status == NEW:
        return [s for s in st if s.status == NEW and (year is None or s.year == year)]
    if sq.status == NOT_STARTED:
        return [s for s in st if s.status == NOT_STARTED and (year is None or s.year == year)]
    if sq.status == COMPLETED:
        return [s for s in st if s.status in (COMPLETED, CARRIED_OUT) and (year is None or s.year == year)]
    return [
        s for s in st if s.status in (NEW, ONGOING, CONTINUES, PLANNED) and (year is None or s.year == year)
    ]


def _default_year(statements: list[Statement], status: str) -> int | None:
    if status in (COMPLETED,):
        ys = [s.year for s in statements if s.status in (COMPLETED, CARRIED_OUT) and s.year]
    elif status == NOT_STARTED:
        return None
    else:
        ys = [s.year for s in statements if s.status in (NEW, ONGOING, CONTINUES, PLANNED) and s.year]
    return max(ys) if ys else None


def answer_activities(ctx: AskContext, hits: list[Hit]) -> Answer | None:
    """A listed answer for an activity-status question, or None (not such a question, or nothing
    in the documents fits; the ordinary answer then has its say)."""
    sq = parse_status_question(ctx.intent, ctx.filters.year)
    if sq is None:
        return None
    snap = ctx.snapshot
    lex = snap.lex
    all_statements, all_activities = snap.statements, snap.activities()
    allowed = snap.allowed_docs(ctx.filters)
    statements = [s for s in all_statements if allowed is None or s.doc_id in allowed]
    if not statements:
        return None
    year = sq.year or _default_year(statements, sq.status)
    kept = {id(s) for s in statements}
    activities = [
        Activity([s for s in a.statements if id(s) in kept]) for a in all_activities
        if any(id(s) in kept for s in a.statements)
    ]  # fmt: skip
    general = [s for s in statements if not s.name and _general_fits(s, sq, year)]
    matcher = None
    if sq.topic and content_words(sq.topic):
        groups = ctx.parse(sq.topic).groups
        if groups:
            matcher = TermMatcher(groups, lex)
    docs = snap.documents
    chosen: list[tuple[Activity, list[Statement]]] = []
    for act in activities:
        sel = _selected(act, sq, year)
        if not sel:
            continue
        if matcher is not None:
            d_text = " ".join(
                " ".join(x for x in (docs[s.doc_id].organisation, docs[s.doc_id].förvaltning) if x)
                for s in act.statements
            )
            if matcher.coverage(f"{act.text()} {d_text}") < MIN_COVERAGE:
                continue
        chosen.append((act, sel))
    if matcher is not None:
        general = []  # a statement about all activities says nothing about a narrower topic
    if not chosen and not general:
        if matcher is not None:
            return None  # a narrower topic: the passages may still say something
        # The documents list activities, just none with this status for this year: say so.
        lang = ctx.language
        what = WHAT[lang][sq.status].format(year=year if year is not None else "").rstrip()
        what = re.sub(r"\s+in$", "", what)
        filt = ctx.filters.describe()
        filt_text = TEMPLATES[lang]["filters"].format(filters=filt) if filt else ""
        text = HEADINGS[lang]["none"].format(what=what, filters=filt_text)
        return answer_for(ctx, False, text, hits)
    return _render(ctx, sq, year, chosen, general, hits)


def _general_fits(s: Statement, sq: StatusQuestion, year: int | None) -> bool:
    wanted = {"carry": CONTINUES, NOT_STARTED: NOT_STARTED}.get(sq.status)
    return s.status == wanted and (
        year is None or s.year in (year, year - 1 if sq.status == NOT_STARTED else year)
    )


def _render(
    ctx: AskContext, sq: StatusQuestion, year: int | None, chosen: list[tuple[Activity, list[Statement]]],
    general: list[Statement], hits: list[Hit],
) -> Answer | None:  # fmt: skip
    lang = ctx.language
    labels, heads = STATUS_LABELS[lang], HEADINGS[lang]
    docs = ctx.snapshot.documents
    cites = Citations(ctx.snapshot)
    citations = cites.items

    def cite(s: Statement) -> int:
        return cites.cite(s.passage_id, s.evidence)

    def phrase(group: list[Statement], act_name: str) -> str:
        s = group[0]
        label = labels[s.status].format(year=s.year if s.year is not None else "").rstrip()
        quote = ""
        if s.source != "table" and s.evidence != s.name:
            ev = s.evidence if len(s.evidence) <= 180 else s.evidence[:177].rsplit(" ", 1)[0] + " …"
            quote = f": »{ev}«"
        elif s.name.lower() != act_name.lower():
            quote = f": »{s.name}«"  # the plan item, when it words the activity differently
        marks = "".join(f"[{n}]" for n in dict.fromkeys(cite(x) for x in group))
        return f"{label}{quote} {marks}"

    def grouped(sts: list[Statement]) -> list[list[Statement]]:
        """Statements with the same status and words (one text in two documents) go together."""
        out: dict[tuple[str, int | None, str], list[Statement]] = {}
        for x in sts:
            out.setdefault((x.status, x.year, x.evidence), []).append(x)
        return list(out.values())

    general_lines: list[str] = []
    if general:
        lead = (
            "Om aktiviteterna i stort säger dokumenten: "
            if lang == "sv"
            else "On the activities as a whole: "
        )
        for g in grouped(general):
            marks = "".join(f"[{n}]" for n in dict.fromkeys(cite(x) for x in g))
            general_lines.append(f"{lead if chosen else '- '}»{g[0].evidence}« {marks}")
    lines: list[str] = []
    items: list[dict[str, Any]] = []
    for act, sel in chosen:
        sel = sorted(
            sel, key=lambda s: (s.status not in (CONTINUES, ONGOING, NEW, NOT_STARTED), s.passage_id)
        )
        shown_groups = grouped(sel)[:2]
        shown = [x for g in shown_groups for x in g]
        parts = [phrase(g, act.name) for g in shown_groups]
        history = [
            s for s in sorted(act.statements, key=_statement_order)
            if year is not None and s.year is not None and s.year < year and s not in shown
        ]  # fmt: skip
        if sq.status == "carry" and history:
            h = history[0]
            label = labels[h.status].format(year=h.year)
            parts.append(f"{heads['earlier']}: {label} [{cite(h)}]")
        lines.append(f"- {act.name} — " + "; ".join(parts))
        items.append(
            {
                "name": act.name,
                "status": shown[0].status,
                "year": shown[0].year,
                "evidence": shown[0].evidence,
                "citation": cites.number(shown[0].passage_id),
                "document": docs[shown[0].doc_id].title,
                "statements": [asdict(s) for s in sorted(act.statements, key=_statement_order)],
            }
        )
    if not chosen:
        head = heads["no_named"]
        text = "\n".join([head, *general_lines])
        if uncited_numbers(text, citations):
            return None
        return answer_for(ctx, True, text, hits, citations=citations)
    key = sq.status
    head = heads[key].format(
        year=year if year is not None else "", n=len(chosen), year_in=f" {year}" if year is not None else ""
    )
    head = re.sub(r"\s+([(:])", r" \1", head).replace("  ", " ")
    text_lines = [head, *general_lines, *lines]
    if lang == "en":
        text_lines.append(heads["names"])
    text = "\n".join(text_lines)
    computed = {len(chosen)} | ({year} if year is not None else set())
    if uncited_numbers(text, citations, computed):
        return None
    return answer_for(ctx, True, text, hits, citations=citations, activities=items)


def list_activities(
    snap: Snapshot, parse: Any, year: int | None = None, status: str | None = None, query: str | None = None
) -> list[dict[str, Any]]:
    """All linked activities with their statements; optionally those with a statement for ``year``
    and/or ``status``, or matching a text query (``parse`` turns it into a Query)."""
    docs = snap.documents
    acts = snap.activities()
    matcher = None
    if query and words(query):
        matcher = TermMatcher(parse(query).groups, snap.lex)
    out = []
    for a in acts:
        st = [
            s
            for s in a.statements
            if (year is None or s.year == year) and (status is None or s.status == status)
        ]
        if not st:
            continue
        if matcher is not None and matcher.coverage(a.text()) < MIN_COVERAGE:
            continue
        j = a.to_json()
        for s in j["statements"]:
            d = docs.get(s["doc_id"])
            s["title"] = d.title if d else None
            s["diarienummer"] = d.diarienummer if d else None
        out.append(j)
    return out
