"""Activities and their status per year, read at ingest from plans and follow-up reports.

Three places in a plan or report state what happens to an activity:

- **Plan tables**: a row (or column) labelled "Aktiviteter" lists the activities of the plan's
  year. A label such as "Nya aktiviteter" makes them new; a legend such as "Fet text = ny
  aktivitet / Övriga är pågående aktiviteter" makes bold items new and the others ongoing.
- **Follow-up sections** ("Rapportering avseende aktiviteter i handlingsplanen år 2019"): each
  activity is a sub-heading under its förbättringsområde. It was carried out in the reported
  year; sentences about a later year ("ska fortsätta under 2020", "År 2020 kvarstår …",
  "kommer att övergå i reguljär verksamhet år 2020") say it continues; "inte hunnit påbörjas"
  says it was not started.
- **Plan prose** ("Handlingsplan och planerade aktiviteter år 2020 › FOKUSOMRÅDE 1 …"): each
  sentence that says what shall be done is a planned activity of that year; "fortsätta",
  "vidare", "kvarstår", "sista etappen" make it a continuing one.

Every activity mention keeps the passage it came from and the words that state its status, so
an answer can cite each item. Linking mentions of the same activity across documents and years
happens at question time (``retrieval.activities``), when all documents are known.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any

from ingest.models import Document, Passage
from ingest.split import split_sentences, years_in

# Status vocabulary, as the documents state it.
NEW = "new"  # ny aktivitet
ONGOING = "ongoing"  # pågående aktivitet (listed again in a later plan)
CONTINUES = "continues"  # stated to continue in a later year
PLANNED = "planned"  # in a year's plan, status not stated
CARRIED_OUT = "carried_out"  # reported as carried out during the year
COMPLETED = "completed"  # stated finished
NOT_STARTED = "not_started"  # stated not started
STATUSES = (NEW, ONGOING, CONTINUES, PLANNED, CARRIED_OUT, COMPLETED, NOT_STARTED)

_ACTIVITY_LABEL_RE = re.compile(r"aktivitet|åtgärd|insatser", re.I)
_NEW_LABEL_RE = re.compile(r"\bny(a)?\b", re.I)
_FOCUS_LABEL_RE = re.compile(r"fokus", re.I)
_AREA_LABEL_RE = re.compile(r"förbättringsområ|utvecklingsområ", re.I)
# "Fet text = ny aktivitet", "Fetstil: nya aktiviteter"; "Övriga är pågående aktiviteter".
_LEGEND_BOLD_NEW_RE = re.compile(r"\bfet(\s*stil|\s+text|\s+markerade?)?\s*[=:–-]?\s*(är\s+)?nya?\b", re.I)
_LEGEND_REST_ONGOING_RE = re.compile(r"\b(övriga|resten|ej fet\w*)\s*(är|=|:)?\s*pågående", re.I)
_REPORT_RE = re.compile(r"rapporter|återrapport|uppföljning|redovisning|genomförda", re.I)
_PLAN_RE = re.compile(r"handlingsplan|planerade|planering", re.I)
_AREA_RE = re.compile(r"^(fokusområde|förbättringsområde|utvecklingsområde)", re.I)
_IMPROVEMENT_RE = re.compile(r"^(förbättringsområde|utvecklingsområde)", re.I)
# A sentence that says what shall happen.
_FUTURE_RE = re.compile(
    r"\b(ska|skall|kommer\s+(att\s+)?|planeras|planerar|beräknas|avses|kvarstår|med start|"
    r"framöver|inför|nästa år|kommande år|fortsatt\s+behov)\b",
    re.I,
)
_CONTINUE_RE = re.compile(
    r"\b(fortsätt\w*|fortsatt\w*|vidare|kvarstår|kvarstående|sista etapp\w*|övergår?\s+i|utök\w*|"
    r"återkommande|regelbundet|fortlöp\w*|permanent\w*|reguljär\w*)\b",
    re.I,
)
_NOT_STARTED_RE = re.compile(
    r"\b(inte|ej)\s+(har\s+)?(hunnit\s+)?(påbörja\w*|starta\w*|komm\w+\s+igång|genomför\w*)\b", re.I
)
_COMPLETED_RE = re.compile(
    r"\b((är|har\s+(nu\s+)?blivit)\s+(nu\s+)?(avslutad|avslutat|slutförd|slutfört|färdigställd|färdigställt|klar)|"
    r"slutfördes|har\s+slutförts|avvecklades|har\s+avvecklats)\b",
    re.I,
)
# Starting something in a later year is a plan for that year, not a continuation.
_START_RE = re.compile(r"\b(start\w*|uppstart\w*|påbörja\w*|införa\w*|inleda\w*|lansera\w*)\b", re.I)
# Sentence subjects that are actors, not the activity ("ASF ska utreda …").
_ACTOR_RE = re.compile(
    r"^(?:[A-ZÅÄÖ]{2,6}(?:\s+(?:och|samt)\s+[A-ZÅÄÖ]{2,6})*|förvaltning\w*|nämnd\w*|"
    r"ledningsgrupp\w*(?:\s+för\s+\w+)?|styrgrupp\w*|vi|man|de|den|det|avdelning\w*(?:\s+\w+)?|"
    r"enhete\w*|chefer\w*)\b",
    re.I,
)


@dataclass
class Statement:
    """One statement about one activity: its name, the year, the status and the words behind it."""

    name: str
    year: int | None
    status: str
    evidence: str  # the cell or sentence that states it
    passage_id: str
    source: str  # "table" | "report" | "plan"
    focus: str | None = None  # fokusområde
    area: str | None = None  # förbättringsområde
    detail: str | None = None  # sub-heading under the activity, if any
    doc_id: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("**", "")).strip(" .;,")


def _sentences(text: str) -> list[str]:
    return [s for s in split_sentences(text) if len(s) > 3]


def _section_parts(p: Passage) -> list[str]:
    return [s.strip() for s in p.section.split(" › ") if s.strip()] if p.section else []


def _section_year(parts: list[str]) -> int | None:
    """The year the section is about: the last year named in the nearest heading that names one."""
    for part in reversed(parts):
        ys = years_in(part)
        if ys:
            return ys[-1]
    return None


def _split_cell(cell: str) -> list[str]:
    """Items of one table cell: paragraphs (" · ") when the reader kept them, else sentences and
    runs of capitalised phrases ("Anhörigutbildning Hälsocirkel" → two items)."""
    if " · " in cell:
        return [c.strip() for c in cell.split(" · ") if _plain(c)]
    out: list[str] = []
    for sent in re.split(r"(?<=[a-zåäö)])\.\s+(?=[A-ZÅÄÖ])", cell):
        words = sent.split()
        cur: list[str] = []
        for w in words:
            starts_item = (
                bool(cur)
                and w[:1].isupper()
                and w[1:2].islower()
                and (cur[-1][-1].islower() or cur[-1].endswith("."))
                # A lone infinitive ("Marknadsföra", "Utveckla") takes a capitalised object.
                and not (len(cur) == 1 and cur[0].lower().endswith("a"))
            )
            if starts_item:
                out.append(" ".join(cur))
                cur = []
            cur.append(w)
        if cur:
            out.append(" ".join(cur))
    return [o for o in out if _plain(o)]


def _table_activities(p: Passage, legend: dict[str, bool], year: int | None) -> list[Statement]:
    cells = p.cells or []
    if not cells:
        return []
    out: list[Statement] = []
    # Transposed plan tables arrive as [label, value] rows (one passage per column).
    if all(len(r) == 2 for r in cells):
        labels = {r[0]: r[1] for r in cells}
        focus = next((_plain(v) for k, v in labels.items() if _FOCUS_LABEL_RE.search(k)), None)
        area = next((_plain(v) for k, v in labels.items() if _AREA_LABEL_RE.search(k)), None)
        for label, value in cells:
            if not _ACTIVITY_LABEL_RE.search(label) or _FOCUS_LABEL_RE.search(label):
                continue
            label_new = bool(_NEW_LABEL_RE.search(label))
            for item in _split_cell(value):
                out.append(_table_item(item, label_new, legend, year, p, focus, area))
        return out
    # Ordinary tables: a column whose header names activities.
    header = cells[0]
    cols = [i for i, h in enumerate(header) if _ACTIVITY_LABEL_RE.search(h)]
    if not cols or any(re.search(r"\d{1,3}(?:[ \u00a0]\d{3})+", " ".join(r)) for r in cells[1:]):
        return []  # money tables are read by the amounts parser
    focus_col = next((i for i, h in enumerate(header) if _FOCUS_LABEL_RE.search(h)), None)
    for row in cells[1:]:
        for c in cols:
            if c >= len(row):
                continue
            label_new = bool(_NEW_LABEL_RE.search(header[c]))
            focus = _plain(row[focus_col]) if focus_col is not None and focus_col < len(row) else None
            for item in _split_cell(row[c]):
                out.append(_table_item(item, label_new, legend, year, p, focus, None))
    return out


def _table_item(
    item: str, label_new: bool, legend: dict[str, bool], year: int | None, p: Passage,
    focus: str | None, area: str | None,
) -> Statement:  # fmt: skip
    bold = item.strip().startswith("**") and item.strip().endswith("**")
    if label_new or (legend.get("bold_new") and bold):
        status = NEW
    elif legend.get("rest_ongoing") and (legend.get("bold_new") or not bold):
        status = ONGOING
    else:
        status = PLANNED
    name = _plain(item)
    return Statement(name, year, status, name, p.passage_id, "table", focus, area)


def _focus_area(parts: list[str]) -> tuple[str | None, str | None]:
    focus = next((_strip_area(x) for x in parts if re.match(r"^fokusområde", x, re.I)), None)
    area = next((_strip_area(x) for x in parts if _IMPROVEMENT_RE.match(x)), None)
    return focus, area


def _strip_area(heading: str) -> str:
    return re.sub(r"^[\wÅÄÖåäö]*område[n]?\s*\d*\s*[:,–-]?\s*", "", heading, flags=re.I).strip() or heading


def _report_statements(p: Passage, parts: list[str], year: int) -> list[Statement]:
    """Activities under a follow-up section: the heading after the förbättringsområde is the
    activity; its sentences say whether it continues, was not started or was completed."""
    idx = next((i for i, x in enumerate(parts) if _IMPROVEMENT_RE.match(x)), None)
    if idx is None or idx + 1 >= len(parts):
        return []
    name = parts[idx + 1]
    detail = " › ".join(parts[idx + 2 :]) or None
    focus, area = _focus_area(parts)
    out: list[Statement] = []
    sents = _sentences(p.text)
    first = sents[0] if sents else _plain(p.text)[:200]
    out.append(Statement(name, year, CARRIED_OUT, first, p.passage_id, "report", focus, area, detail))
    for s in sents:
        later = [y for y in years_in(s) if y > year]
        if _NOT_STARTED_RE.search(s):
            out.append(Statement(name, year, NOT_STARTED, s, p.passage_id, "report", focus, area, detail))
        elif _COMPLETED_RE.search(s) and not later:
            out.append(Statement(name, year, COMPLETED, s, p.passage_id, "report", focus, area, detail))
        elif later and (_FUTURE_RE.search(s) or _CONTINUE_RE.search(s)):
            status = PLANNED if _START_RE.search(s) and not _CONTINUE_RE.search(s) else CONTINUES
            out.append(Statement(name, later[0], status, s, p.passage_id, "report", focus, area, detail))
        elif not years_in(s) and _CONTINUE_RE.search(s) and _FUTURE_RE.search(s):
            out.append(Statement(name, year + 1, CONTINUES, s, p.passage_id, "report", focus, area, detail))
    return out


def _general_statements(p: Passage, year: int) -> list[Statement]:
    """Statements about a plan's activities as a whole (name ""): not started, moved on."""
    out: list[Statement] = []
    for s in _sentences(p.text):
        if not re.search(r"aktivitet", s, re.I):
            continue
        later = [y for y in years_in(s) if y > year]
        if later and (
            _CONTINUE_RE.search(s)
            or _FUTURE_RE.search(s)
            or _NOT_STARTED_RE.search(s)
            or re.search(r"återfinns|kommit med|finns med|förs över|överförs", s, re.I)
        ):
            out.append(Statement("", later[0], CONTINUES, s, p.passage_id, "general"))
        elif _NOT_STARTED_RE.search(s):
            out.append(Statement("", year, NOT_STARTED, s, p.passage_id, "general"))
    return out


def _activity_name(sentence: str) -> str:
    """A short name for a plan sentence: its subject when that is a noun phrase naming the work
    ("Utbildningar i Första hjälpen … ska fortsätta"), else the sentence itself."""
    s = _plain(sentence)
    m = re.search(r"\b(ska|skall|kommer att|planeras|kvarstår)\b", s, re.I)
    subject = s[: m.start()].strip(" ,") if m else ""
    if (
        len(subject.split()) >= 2
        and not _ACTOR_RE.fullmatch(subject)
        and not re.match(
            r"^(under|år|i|inom|efter|därefter|sedan|inför|då|även|också|fokusområde)\b", subject, re.I
        )
    ):
        name = re.split(r",\s", subject)[0]
    else:
        name = re.sub(
            r"^((under|i början av|från)\s+(år\s+)?\d{4}|därefter|sedan|då|även|också)\s*,?\s*"
            r"((ska|skall|kommer att)\s+)?",
            "",
            s,
            flags=re.I,
        )
    name = name[:1].upper() + name[1:]
    return name if len(name) <= 110 else name[:107].rsplit(" ", 1)[0] + " …"


def _plan_statements(p: Passage, parts: list[str], year: int) -> list[Statement]:
    focus, area = _focus_area(parts)
    out: list[Statement] = []
    for s in _sentences(p.text):
        if not _FUTURE_RE.search(s) or len(s) < 25:
            continue
        if [y for y in years_in(s) if y not in (year, year - 1)]:
            continue  # a sentence about some other year is not this plan's activity
        status = CONTINUES if _CONTINUE_RE.search(s) else PLANNED
        out.append(Statement(_activity_name(s), year, status, s, p.passage_id, "plan", focus, area))
    return out


def read_legend(passages: list[Passage]) -> dict[str, bool]:
    text = "\n".join(p.text for p in passages if p.kind != "table")
    return {
        "bold_new": bool(_LEGEND_BOLD_NEW_RE.search(text)),
        "rest_ongoing": bool(_LEGEND_REST_ONGOING_RE.search(text)),
    }


def extract_activities(document: Document, passages: list[Passage]) -> list[dict[str, Any]]:
    """Every activity statement in a document, as JSON-ready dicts (stored beside the index)."""
    legend = read_legend(passages)
    doc_year = max(document.years) if document.years else None
    out: list[Statement] = []
    for p in passages:
        parts = _section_parts(p)
        top = parts[0] if parts else ""
        year = _section_year(parts)
        if p.kind == "table" and p.cells:
            table_year = year or (p.years[0] if len(p.years) == 1 else doc_year)
            out.extend(_table_activities(p, legend, table_year))
            continue
        if year is None:
            continue
        if not any(_AREA_RE.match(x) for x in parts[1:]):
            # Outside the fokusområden a report may still say something about its activities
            # as a whole ("några av de planerade aktiviteterna har inte hunnit påbörjas").
            if _REPORT_RE.search(top) or _PLAN_RE.search(top):
                out.extend(_general_statements(p, year))
            continue
        if _REPORT_RE.search(top):
            out.extend(_report_statements(p, parts, year))
        elif _PLAN_RE.search(top):
            out.extend(_plan_statements(p, parts, year))
    # Not started, or stated completed: "carried out" says nothing more (or is wrong) there.
    settled = {(a.name, a.year) for a in out if a.source == "report" and a.status in (NOT_STARTED, COMPLETED)}
    out = [a for a in out if not (a.status == CARRIED_OUT and (a.name, a.year) in settled)]
    # The same statement twice (a name repeated in one passage) is kept once.
    seen: set[tuple[str, int | None, str, str]] = set()
    unique: list[dict[str, Any]] = []
    for a in out:
        # A follow-up's activity is "carried out" once, at its first passage.
        key = (a.name.lower(), a.year, a.status, "" if a.status == CARRIED_OUT else a.evidence)
        if (a.name or a.source == "general") and key not in seen:
            seen.add(key)
            a.doc_id = document.doc_id
            unique.append(a.to_dict())
    return unique
