"""Measure PDF table reading: our layout heuristics vs pdfplumber's table finder, and our Swedish
number parsing vs babel. A measurement only; nothing in ingest/ is changed or needed beyond reading.

    .venv/bin/python scripts/measure_tables.py                 # everything (a few minutes on 2 cores)
    .venv/bin/python scripts/measure_tables.py --no-speed      # row/header figures and babel only
    .venv/bin/python scripts/measure_tables.py --json out.json # also write the raw results

Needs ``pdfplumber`` and ``babel`` in the venv (``.venv/bin/pip install pdfplumber babel``); they
are deliberately not project dependencies.

Data: the PDFs in eval/real/docs and the questions in eval/real/{tune,heldout}/*.jsonl. A question
is used when it gives a page and its kind is "table" or "amount" or one of its keys holds two or more
numbers. Questions are grouped as

- "table": kind "table", or a key with three or more numbers that are not years (a table row);
- "other": the rest (mostly a prose sentence with an amount or a date).

Methods compared, per page a question points to:

- ours: ``ingest.readers.read_file`` → the page's structured text; a run of consecutive lines with a
  tab is one table, its first line the header;
- plumber-lines: ``pdfplumber`` ``page.extract_tables()`` with default settings (ruling lines);
- plumber-text: ``page.extract_tables({"vertical_strategy": "text", "horizontal_strategy": "text"})``.

Row integrity: one row of one table holds every word and number of the key. Words are compared in
lower case and as letters only ("(Skanska)" == "skanska"); numbers ignore the spaces that group
thousands ("23 680" == "23680") and their sign ("−34 527" == "-34 527" == "34 527"). Two levels:

- strict: the row's cells are respected: a number must stand whole inside one cell, and a cell
  whose text holds numbers on two or more of its lines (pdfplumber puts several table rows into one
  cell when a table has no lines between rows) does not count as one row;
- loose: the row's cells joined with spaces, every whitespace-separated digit group compared on its
  own (so "38" | "150 23" | "680" still holds "38 150 23 680").

Which digit groups of a key make one number ("2 778 -500 740" is 2778, 500, 740; "750 733,8" is two
numbers) is read from the page's pypdf layout line that holds the key: one space inside a number,
two or more between columns. Without such a line any Swedish grouping is accepted.

Header keeping (strict matches only): every cell of the matched row that holds a key number and no
letters stands under a header cell that has letters or is a year ("Utfall 240331", "Budget 2027",
"2024"; not a figure of a data row), and those header cells differ from each other ("Plan", "Plan"
for two years is not kept), and every header word occurs in the page's plain text as pdfplumber or
pypdf reads it (else "garbled": glued "Utfallfg år", cut "nos ter"). Two readings of "the header": first-row (the table's first row, as the
splitter uses it today) and merged (every row before the first data row joined per column, a cell
that pdfplumber marks as covered by a spanning cell taking the text on its left; what an adapter
for pdfplumber would have to do, since its headers often take two rows: "Plan" over "2028").

Speed: every page of every PDF, wall and CPU seconds, each method run ``--runs`` times (the lowest
kept), all in this one process. Ours is ``ingest.layout.page_text`` on every page (pypdf plain +
layout extraction + ``structure_page``, what ``read_file`` does per page); ``read_file`` itself is
timed once as well (it may share a PDF's pages out to worker processes).

babel: the number strings (cells with a digit and no letters) of the table rows of all PDFs, from
ours and plumber-lines, plus a fixed list of probes, parsed by ``babel.numbers.parse_decimal(s,
locale="sv_SE")`` and by ours: ``ingest.amounts._cell_amount`` (the function that reads a table
cell into an amount; called with scale 1 000 000 and divided back, so that decimals are not rounded
to whole kronor).
"""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DOCS = ROOT / "eval" / "real" / "docs"
SETS = ("tune", "heldout")
METHODS = ("ours", "plumber-lines", "plumber-text")
TEXT_SETTINGS = {"vertical_strategy": "text", "horizontal_strategy": "text"}

Table = list[list[str | None]]  # rows of cells (None: covered by a spanning cell); first row = header

# --------------------------------------------------------------------------------------------
# Tokens
# --------------------------------------------------------------------------------------------

_SPACES_RE = re.compile(r"[\u00a0\u202f\u2009\u2007]")
_WORD_RE = re.compile(r"[^\W\d_]+")
_DIGIT_GROUP_RE = re.compile(r"\d+(?:,\d+)?")
# One Swedish number inside a cell: 1 513,3 / 23 680 / 240331 / 3,124 (sign not kept).
_CELL_NUMBER_RE = re.compile(r"(?<![\d,])(?:\d{1,3}(?: \d{3})+(?!\d)|\d+)(?:,\d+)?")
_YEAR_RE = re.compile(r"(?:19|20)\d\d")


def _norm(text: str) -> str:
    text = unicodedata.normalize("NFC", text or "")
    return _SPACES_RE.sub(" ", text).lower()


def words(text: str) -> list[str]:
    return _WORD_RE.findall(_norm(text))


def digit_groups(text: str) -> list[str]:
    """Whitespace-separated digit runs, "1 513,3" → ["1", "513,3"]; "2024-03-31" → 3 groups."""
    return _DIGIT_GROUP_RE.findall(_norm(text))


def cell_numbers(text: str) -> list[str]:
    """The numbers of one cell, thousand spaces removed: "23 680" → ["23680"]."""
    return [m.group(0).replace(" ", "") for m in _CELL_NUMBER_RE.finditer(_norm(text))]


@dataclass
class Key:
    text: str
    words: Counter[str]
    groups: list[str]  # digit groups in order, e.g. ["38", "150", "23", "680"]
    # The key's numbers as the page prints them ("2 778 -500 740" is 2778, 500, 740), read from the
    # pypdf layout line that holds the key (a single space groups digits, two or more separate
    # columns); None when no layout line holds the key (then any Swedish grouping is accepted).
    numbers: list[str] | None = None
    labels: set[str] = field(default_factory=set)  # numbers in parentheses in the key: "(6012)"

    def values(self) -> set[str]:
        """The figures the key ends with (after its last word, bar numbers in parentheses): the
        values whose column headers matter. "de 10 fastigheter som" has none."""
        found = list(_WORD_RE.finditer(_norm(self.text)))
        tail = digit_groups(_norm(self.text)[found[-1].end() :] if found else self.text)
        if self.numbers is not None:
            cut = _segment(tail, Counter(self.numbers)) or []
            return set(cut) - self.labels
        out = set()
        for i in range(len(tail)):
            for n in range(1, 6):
                if i + n <= len(tail) and _valid_number(tail[i : i + n]):
                    out.add("".join(tail[i : i + n]))
        return out - self.labels

    @classmethod
    def of(cls, text: str, layout: str = "") -> Key:
        key = cls(text, Counter(words(text)), digit_groups(text))
        key.labels = {"".join(digit_groups(m)) for m in re.findall(r"\(([^)]*\d[^)]*)\)", text)}
        for line in layout.split("\n"):
            if not holds_loose(key, [line]):
                continue
            printed: Counter[str] = Counter()
            for part in re.split(r"\s{2,}", line.strip()):
                printed.update(cell_numbers(part))
            cut = _segment(key.groups, printed)
            if cut is not None:
                key.numbers = cut
                break
        return key


def _valid_number(groups: list[str]) -> bool:
    if len(groups) == 1:
        return True
    if not (1 <= len(groups[0]) <= 3 and groups[0].isdigit()):
        return False
    for g in groups[1:-1]:
        if not (len(g) == 3 and g.isdigit()):
            return False
    last = groups[-1].split(",", 1)[0]
    return len(last) == 3 and last.isdigit()


def _segment(groups: list[str], avail: Counter[str]) -> list[str] | None:
    """The key's digit groups cut into numbers that all stand in ``avail``, or None. ("37 525 17 125"
    is 37525 + 17125; "150 150 150" may be three 150s.)"""
    if not groups:
        return []
    for n in range(1, min(len(groups), 5) + 1):
        part = groups[:n]
        if not _valid_number(part):
            continue
        value = "".join(part)
        if avail[value] > 0:
            avail[value] -= 1
            rest = _segment(groups[n:], avail)
            avail[value] += 1
            if rest is not None:
                return [value, *rest]
    return None


def holds_loose(key: Key, cells: list[str | None]) -> bool:
    text = " ".join(c or "" for c in cells)
    return not (key.words - Counter(words(text))) and not (Counter(key.groups) - Counter(digit_groups(text)))


def _merged_cell(cell: str) -> bool:
    """Several table rows in one cell: two or more of its lines hold a number (not a year)."""
    lines = [ln for ln in cell.split("\n") if ln.strip()]
    numeric = [ln for ln in lines if any(not _YEAR_RE.fullmatch(n) for n in cell_numbers(ln))]
    return len(numeric) >= 2


def holds_strict(key: Key, row: list[str | None]) -> tuple[bool, str]:
    """(holds, reason when not)."""
    cells = [c or "" for c in row]
    text = " ".join(cells)
    if key.words - Counter(words(text)):
        return False, "words"
    avail: Counter[str] = Counter()
    for c in cells:
        avail.update(cell_numbers(c))
    if key.numbers is not None:
        if Counter(key.numbers) - avail:
            return False, "numbers"
    elif _segment(key.groups, avail) is None:
        return False, "numbers"
    if any(_merged_cell(c) for c in cells if cell_numbers(c)):
        return False, "merged rows"
    return True, ""


# --------------------------------------------------------------------------------------------
# Questions
# --------------------------------------------------------------------------------------------


@dataclass
class Question:
    set: str
    id: str
    kind: str
    doc: str
    page: int
    keys: list[str]
    group: str  # "table" | "other"


def _non_year_numbers(text: str) -> int:
    return sum(1 for n in cell_numbers(text) if not _YEAR_RE.fullmatch(n))


def load_questions() -> list[Question]:
    out: list[Question] = []
    for set_name in SETS:
        for path in sorted((ROOT / "eval" / "real" / set_name).glob("*.jsonl")):
            for line in path.read_text(encoding="utf-8").splitlines():
                if not line.strip():
                    continue
                q = json.loads(line)
                if not q.get("page") or not str(q.get("doc", "")).lower().endswith(".pdf"):
                    continue
                keys = [k for k in q.get("keys") or [] if k]
                if not keys:
                    continue
                two_numbers = any(len(cell_numbers(k)) >= 2 for k in keys)
                if q.get("kind") not in ("table", "amount") and not two_numbers:
                    continue
                tableish = q.get("kind") == "table" or any(_non_year_numbers(k) >= 3 for k in keys)
                out.append(
                    Question(
                        set_name,
                        q["id"],
                        q.get("kind", ""),
                        q["doc"],
                        int(q["page"]),
                        keys,
                        "table" if tableish else "other",
                    )
                )
    return out


# --------------------------------------------------------------------------------------------
# Tables per method
# --------------------------------------------------------------------------------------------


def our_tables(page_text: str) -> list[Table]:
    tables: list[Table] = []
    current: Table = []
    for line in page_text.split("\n"):
        if "\t" in line:
            current.append([c.strip() for c in line.split("\t")])
        else:
            if current:
                tables.append(current)
            current = []
    if current:
        tables.append(current)
    return tables


def plumber_tables(page: Any, settings: dict[str, str] | None) -> list[Table]:
    raw = page.extract_tables(settings) if settings else page.extract_tables()
    return [[list(row) for row in t] for t in raw if t]


@dataclass
class PdfRun:
    pages: int
    wall: float
    cpu: float


def _timed(fn: Any) -> tuple[Any, float, float]:
    w0, c0 = time.perf_counter(), time.process_time()
    result = fn()
    return result, time.perf_counter() - w0, time.process_time() - c0


def read_ours(path: Path) -> tuple[list[str], PdfRun]:
    """The page texts as ingest reads them (``read_file``; it may share pages out to worker
    processes, so its wall time is reported but its CPU time is not all in this process)."""
    from ingest.readers import read_file

    doc, wall, cpu = _timed(lambda: read_file(path))
    texts = [p.text for p in doc.pages]
    return texts, PdfRun(len(texts), wall, cpu)


def time_ours_in_process(path: Path) -> PdfRun:
    """Our per-page work in this one process: pypdf plain + layout extraction + structure_page,
    exactly ``ingest.layout.page_text`` on every page (like pdfplumber below: one process)."""
    from pypdf import PdfReader

    from ingest import layout

    def run() -> int:
        reader = PdfReader(path, strict=False)
        for page in reader.pages:
            layout.page_text(page)
        return len(reader.pages)

    n, wall, cpu = _timed(run)
    return PdfRun(n, wall, cpu)


def read_plumber(
    path: Path, settings: dict[str, str] | None, only: set[int] | None
) -> tuple[dict[int, list[Table]], PdfRun]:
    import pdfplumber

    def run() -> tuple[dict[int, list[Table]], int]:
        out: dict[int, list[Table]] = {}
        with pdfplumber.open(path) as pdf:
            n = len(pdf.pages)
            for number, page in enumerate(pdf.pages, start=1):
                if only is None or number in only:
                    out[number] = plumber_tables(page, settings)
                page.close()  # frees the page's cached objects
        return out, n

    (tables, n), wall, cpu = _timed(run)
    return tables, PdfRun(n, wall, cpu)


def plain_page_texts(path: Path, pages: set[int]) -> dict[int, list[str]]:
    """The page's text as pdfplumber, pypdf plain mode and pypdf layout mode read it, without any
    table logic (the layout text last)."""
    import pdfplumber
    from pypdf import PdfReader

    out: dict[int, list[str]] = {}
    reader = PdfReader(path)
    with pdfplumber.open(path) as pdf:
        for number in pages:
            if 1 <= number <= len(pdf.pages):
                pp = reader.pages[number - 1]
                out[number] = [
                    pdf.pages[number - 1].extract_text() or "",
                    pp.extract_text() or "",
                    pp.extract_text(extraction_mode="layout") or "",
                ]
    return out


# --------------------------------------------------------------------------------------------
# Row integrity and headers
# --------------------------------------------------------------------------------------------


@dataclass
class Verdict:
    strict: bool = False
    loose: bool = False
    reason: str = ""  # why strict failed
    row: list[str] = field(default_factory=list)  # the strict row, else the loose one
    header: list[str] = field(default_factory=list)
    header_status: str = ""  # "kept" | "missing" | "ambiguous" | "n/a" (no number cells) | ""
    header_for: list[tuple[str, str]] = field(default_factory=list)  # (number cell, header cell)
    header_loose: str = ""  # the same with the header rows merged (see header_rows)
    header_loose_for: list[tuple[str, str]] = field(default_factory=list)


def _has_letters(s: str) -> bool:
    return bool(_WORD_RE.search(_norm(s)))


def _cells(row: list[str | None]) -> list[str]:
    return [c or "" for c in row]


def _figure_row(row: list[str | None]) -> bool:
    """A data row: some cell is a number (not a year) without letters."""
    return any(
        not _has_letters(c) and any(not _YEAR_RE.fullmatch(n) for n in cell_numbers(c)) for c in _cells(row)
    )


def _header_ok(h: str) -> bool:
    """A column header: words ("Utfall 240331", "Budget 2027") or a year alone ("2024")."""
    return _has_letters(h) or bool(re.fullmatch(r"(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)?\d\d)?", h.strip()))


def header_rows(table: Table, loose: bool) -> tuple[list[str], int]:
    """The header per column: the first row; loose: every row before the first data row, cells
    covered by a spanning cell (None) taking the text on their left ("Period" over its columns)."""
    if not loose:
        return [" ".join(c.split()) for c in _cells(table[0])], 1
    width = max(len(r) for r in table)
    parts: list[list[str]] = [[] for _ in range(width)]
    n = 0
    for r, row in enumerate(table):
        if r > 0 and _figure_row(row):
            break
        n = r + 1
        left = ""
        for c in range(width):
            cell = row[c] if c < len(row) else ""
            if cell is None:
                cell = left
            else:
                left = cell
            if cell.strip():
                parts[c].append(" ".join(cell.split()))
    return [" ".join(p) for p in parts], n


def header_check(
    key: Key, table: Table, r: int, loose: bool = False, vocab: set[str] | None = None
) -> tuple[str, list[tuple[str, str]]]:
    head, n_head = header_rows(table, loose)
    if r < n_head:
        return "missing", []
    key_numbers = key.values()
    pairs: list[tuple[str, str]] = []
    for c, cell in enumerate(_cells(table[r])):
        if not (set(cell_numbers(cell)) & key_numbers):
            continue
        if _has_letters(cell):
            pairs.append((cell, "(figure inside a text cell)"))
            continue
        h = head[c] if c < len(head) else ""
        pairs.append((cell, h))
    if not pairs:
        return "n/a", pairs
    if any(h == "(figure inside a text cell)" or not _header_ok(h) for _, h in pairs):
        return "missing", pairs
    if vocab is not None and any(w not in vocab for _, h in pairs for w in words(h)):
        return "garbled", pairs  # a header word the page's plain text does not have ("nos ter")
    if len({h.lower() for _, h in pairs}) < len(pairs):
        return "ambiguous", pairs
    return "kept", pairs


def judge(key: Key, tables: list[Table], vocab: set[str] | None = None) -> Verdict:
    best = Verdict()
    reasons: Counter[str] = Counter()
    for table in tables:
        for r, row in enumerate(table):
            ok, reason = holds_strict(key, row)
            if ok:
                status, pairs = header_check(key, table, r, vocab=vocab)
                status2, pairs2 = header_check(key, table, r, loose=True, vocab=vocab)
                v = Verdict(True, True, "", _cells(row), _cells(table[0]), status, pairs, status2, pairs2)
                if not best.strict or (best.header_status != "kept" and status == "kept"):
                    best = v
                continue
            reasons[reason] += 1
            if not best.loose and holds_loose(key, row):
                best = Verdict(False, True, reason, _cells(row), _cells(table[0]))
    if not best.strict:
        if not best.loose:
            best.reason = "no table" if not tables else "not in one row"
        elif not best.reason:
            best.reason = reasons.most_common(1)[0][0] if reasons else "?"
    return best


def on_page(key: Key, texts: list[str]) -> bool:
    return any(holds_loose(key, [t]) for t in texts)


# --------------------------------------------------------------------------------------------
# babel vs ours on number strings
# --------------------------------------------------------------------------------------------

PROBES = [
    "1 200", "1\u00a0200", "1\u202f200", "1200", "1.200", "1 200,50", "13,5", "13.5", "-13,5", "−13,5",
    "–13,5", "- 13,5", "(1 200)", "−2,3 mnkr", "23 680", "2027", "2027-2031", "2027–2031", "240331",
    "2024-03-31", "0", "-", "12 %", "5 409 000", "650 000 700 000", "1,07", "+4,5",
]  # fmt: skip

_NUMBERISH_RE = re.compile(r"\d")


def number_strings(tables: list[Table]) -> list[str]:
    out: list[str] = []
    for t in tables:
        for row in t:
            for cell in row:
                for line in (cell or "").split("\n"):
                    s = line.strip()
                    if s and len(s) <= 30 and _NUMBERISH_RE.search(s) and not _has_letters(s):
                        out.append(s)
    return out


def _plain_decimal(d: Decimal) -> Decimal:
    d = d.normalize()
    return d.quantize(Decimal(1)) if d == d.to_integral_value() else d


def parse_ours(s: str) -> Decimal | None:
    """ingest.amounts._cell_amount on one cell: a bare figure is read with scale 10**6 and divided
    back (the function rounds to whole kronor); a figure with a unit ("−2,3 mnkr") is in kronor."""
    from ingest.amounts import _cell_amount

    m = _cell_amount(s, 10**6)
    if m is None:
        return None
    if m.explicit_unit:
        return _plain_decimal(Decimal(m.value))
    return _plain_decimal(Decimal(m.value) / 10**6)


def parse_babel(s: str, strict: bool = False) -> Decimal | None:
    from babel.numbers import NumberFormatError, parse_decimal

    try:
        return _plain_decimal(parse_decimal(s, locale="sv_SE", strict=strict))
    except (NumberFormatError, ValueError, ArithmeticError):
        return None


def compare_numbers(strings: Counter[str]) -> dict[str, Any]:
    cats: dict[str, list[tuple[str, int, str, str]]] = {
        "both, same value": [],
        "both, different value": [],
        "only ours": [],
        "only babel": [],
        "neither": [],
    }
    for s, n in strings.most_common():
        o, b = parse_ours(s), parse_babel(s)
        if o is not None and b is not None:
            cat = "both, same value" if o == b else "both, different value"
        elif o is not None:
            cat = "only ours"
        elif b is not None:
            cat = "only babel"
        else:
            cat = "neither"
        cats[cat].append((s, n, str(o), str(b)))
    return cats


# --------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------


def _pct(a: int, b: int) -> str:
    return f"{a}/{b} ({100 * a / b:.0f}%)" if b else "0/0"


def _short(row: list[str], width: int = 120) -> str:
    s = " | ".join(" ".join(c.split()) for c in row)
    return s if len(s) <= width else s[: width - 1] + "…"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=2, help="speed runs per method (the lowest is kept)")
    ap.add_argument("--no-speed", action="store_true", help="skip timing all pages")
    ap.add_argument("--json", type=Path, help="write raw results here")
    args = ap.parse_args()
    logging.getLogger("pdfminer").setLevel(logging.ERROR)

    questions = load_questions()
    pdfs = sorted(DOCS.glob("*.pdf"))
    need: dict[str, set[int]] = {}
    for q in questions:
        need.setdefault(q.doc, set()).add(q.page)

    ours_text: dict[str, list[str]] = {}
    plumber: dict[str, dict[str, dict[int, list[Table]]]] = {"plumber-lines": {}, "plumber-text": {}}
    speed: dict[str, dict[str, list[PdfRun]]] = {m: {} for m in (*METHODS, "ours read_file")}
    runs = 1 if args.no_speed else max(1, args.runs)
    for path in pdfs:
        only = None if not args.no_speed else need.get(path.name, set())
        ours_text[path.name], run = read_ours(path)
        speed["ours read_file"].setdefault(path.name, []).append(run)
        for _ in range(runs):
            if not args.no_speed:
                speed["ours"].setdefault(path.name, []).append(time_ours_in_process(path))
            for name, settings in (("plumber-lines", None), ("plumber-text", TEXT_SETTINGS)):
                plumber[name][path.name], run = read_plumber(path, settings, only)
                speed[name].setdefault(path.name, []).append(run)
        print(f"read {path.name}", file=sys.stderr)

    def tables_for(method: str, doc: str, page: int) -> list[Table]:
        if method == "ours":
            texts = ours_text.get(doc, [])
            return our_tables(texts[page - 1]) if 0 < page <= len(texts) else []
        return plumber[method].get(doc, {}).get(page, [])

    # -- row integrity and headers
    results: list[dict[str, Any]] = []
    plain_pages = {doc: plain_page_texts(DOCS / doc, pages) for doc, pages in need.items()}
    for q in questions:
        for key_text in q.keys:
            texts = list(plain_pages.get(q.doc, {}).get(q.page, []))
            vocab = {w for t in texts for w in words(t)}
            key = Key.of(key_text, texts[-1] if texts else "")
            if q.doc in ours_text and q.page <= len(ours_text[q.doc]):
                texts.append(ours_text[q.doc][q.page - 1])
            rec: dict[str, Any] = {
                "set": q.set, "id": q.id, "kind": q.kind, "group": q.group, "doc": q.doc, "page": q.page,
                "key": key_text, "on_page": on_page(key, texts), "numbers": key.numbers,
            }  # fmt: skip
            for m in METHODS:
                v = judge(key, tables_for(m, q.doc, q.page), vocab)
                rec[m] = {
                    "strict": v.strict, "loose": v.loose, "reason": v.reason, "row": v.row,
                    "header_row": v.header, "header": v.header_status, "header_for": v.header_for,
                    "header_loose": v.header_loose, "header_loose_for": v.header_loose_for,
                }  # fmt: skip
            # ours without the table requirement: does one line of the page text hold the key?
            lines = (ours_text.get(q.doc) or [""] * q.page)[q.page - 1].split("\n")
            rec["ours-any-line"] = any(holds_loose(key, [ln]) for ln in lines)
            results.append(rec)

    print("# Table reading: ours vs pdfplumber\n")
    print(
        f"Questions used: {len(questions)} ({sum(q.group == 'table' for q in questions)} table, "
        f"{sum(q.group == 'other' for q in questions)} other); keys: {len(results)}.\n"
    )
    for group in ("table", "other"):
        print(f"## Row integrity, {group} keys (strict / loose; key on page = denominator)\n")
        print(
            "| set | keys | on page | "
            + " | ".join(f"{m} strict | {m} loose" for m in METHODS)
            + " | ours any line |"
        )
        print("|---" * (3 + 2 * len(METHODS) + 1) + "|")
        for set_name in (*SETS, "all"):
            rs = [r for r in results if r["group"] == group and (set_name == "all" or r["set"] == set_name)]
            rp = [r for r in rs if r["on_page"]]
            cells = [f"{_pct(sum(r[m]['strict'] for r in rp), len(rp))} | {_pct(sum(r[m]['loose'] for r in rp), len(rp))}"
                     for m in METHODS]  # fmt: skip
            print(
                f"| {set_name} | {len(rs)} | {len(rp)} | "
                + " | ".join(cells)
                + f" | {_pct(sum(r['ours-any-line'] for r in rp), len(rp))} |"
            )
        print()
        if group != "table":
            continue
        print(
            f"## Header keeping, {group} keys (strict matches whose row has number cells; "
            "first-row header / merged header rows)\n"
        )
        print("| set | " + " | ".join(METHODS) + " |")
        print("|---" * (1 + len(METHODS)) + "|")
        for set_name in (*SETS, "all"):
            rs = [r for r in results if r["group"] == group and r["on_page"]
                  and (set_name == "all" or r["set"] == set_name)]  # fmt: skip
            cells = []
            for m in METHODS:
                checked = [r for r in rs if r[m]["strict"] and r[m]["header"] != "n/a"]
                kept = sum(r[m]["header"] == "kept" for r in checked)
                kept2 = sum(r[m]["header_loose"] == "kept" for r in checked)
                cells.append(f"{_pct(kept, len(checked))} / {_pct(kept2, len(checked))}")
            print(f"| {set_name} | " + " | ".join(cells) + " |")
        print()

    print("## Keys not found on their page by any text reading (excluded above)\n")
    for r in results:
        if not r["on_page"]:
            print(f"- {r['set']} {r['id']} p{r['page']}: {r['key']!r}")
    print()

    print("## Per key (table group; S strict, L loose, - neither; header first-row/merged after S)\n")
    for r in results:
        if r["group"] != "table" or not r["on_page"]:
            continue
        marks = []
        for m in METHODS:
            v = r[m]
            mark = "S" if v["strict"] else ("L" if v["loose"] else "-")
            if v["strict"]:
                mark += f"/{v['header']}/{v['header_loose']}"
            else:
                mark += f" ({v['reason']})"
            marks.append(f"{m}: {mark}")
        nums = " ".join(r["numbers"]) if r["numbers"] is not None else "(any grouping)"
        print(f"- {r['set']} {r['id']} p{r['page']} {r['key']!r} [numbers: {nums}]: " + "; ".join(marks))
    print()

    print("## Failures and header problems, per method (table group)\n")
    for m in METHODS:
        print(f"### {m}\n")
        for r in results:
            v = r[m]
            if r["group"] != "table" or not r["on_page"]:
                continue
            if not v["strict"]:
                where = f"row: {_short(v['row'])}" if v["row"] else "no row holds it"
                print(f"- {r['id']} p{r['page']} {r['key']!r}: {v['reason']}; {where}")
            elif v["header"] != "kept" or v["header_loose"] != "kept":
                pairs = ", ".join(f"{c!r}→{h!r}" for c, h in v["header_for"])
                pairs2 = ", ".join(f"{c!r}→{h!r}" for c, h in v["header_loose_for"])
                print(
                    f"- {r['id']} p{r['page']} {r['key']!r}: header first-row {v['header']}: {pairs}"
                    f" | merged {v['header_loose']}: {pairs2}"
                )
        print()

    # -- speed
    speed_out: dict[str, Any] = {}
    if not args.no_speed:
        print(
            f"## Speed, all {sum(runs[0].pages for runs in speed['ours'].values())} pages of "
            f"{len(pdfs)} PDFs (lowest of {runs} runs per PDF; 2 shared cores, others busy)\n"
        )
        print(
            "ours = `ingest.layout.page_text` on every page in this process; pdfplumber likewise in "
            "this process; 'ours read_file' = the ingest entry point as it is now, one run (it may use "
            "worker processes, whose CPU is not counted here).\n"
        )
        print(
            "| method | wall s total | wall s/page | CPU s total | CPU s/page | slowest PDF (wall s/page) |"
        )
        print("|---|---|---|---|---|---|")
        for m in (*METHODS, "ours read_file"):
            wall = sum(min(r.wall for r in rs) for rs in speed[m].values())
            cpu = sum(min(r.cpu for r in rs) for rs in speed[m].values())
            pages = sum(rs[0].pages for rs in speed[m].values())
            per = {d: min(r.wall for r in rs) / max(1, rs[0].pages) for d, rs in speed[m].items()}
            worst = max(per, key=lambda d: per[d])
            print(
                f"| {m} | {wall:.1f} | {wall / pages:.3f} | {cpu:.1f} | {cpu / pages:.3f} | "
                f"{worst} ({per[worst]:.3f}) |"
            )
            speed_out[m] = {"wall": wall, "cpu": cpu, "pages": pages, "per_pdf_wall_per_page": per}
        print()

    # -- babel
    strings: Counter[str] = Counter()
    source_counts: dict[str, int] = {}
    for name, tables_of in (
        ("ours", lambda doc: [t for text in ours_text[doc] for t in our_tables(text)]),
        ("plumber-lines", lambda doc: [t for ts in plumber["plumber-lines"][doc].values() for t in ts]),
    ):
        found = [s for doc in ours_text for s in number_strings(tables_of(doc))]
        source_counts[name] = len(found)
        strings.update(found)
    import babel

    print(
        f"## Number parsing: ours (ingest.amounts._cell_amount) vs babel {babel.__version__} "
        "parse_decimal(locale='sv_SE')\n"
    )
    if args.no_speed:
        print("(plumber-lines tables of the question pages only, because of --no-speed)\n")
    print(
        f"Number strings in table cells: {sum(strings.values())} occurrences "
        f"(ours {source_counts['ours']}, plumber-lines {source_counts['plumber-lines']}), "
        f"{len(strings)} distinct.\n"
    )
    cats = compare_numbers(strings)
    print("| outcome | distinct | occurrences | examples (string → ours / babel) |")
    print("|---|---|---|---|")
    for cat, items in cats.items():
        ex = "; ".join(f"{s!r} → {o} / {b}" for s, _, o, b in items[:6])
        print(f"| {cat} | {len(items)} | {sum(n for _, n, _, _ in items)} | {ex} |")
    print()
    print("Probes:\n")
    print("| string | ours | babel | babel strict=True |")
    print("|---|---|---|---|")
    for s in PROBES:
        print(f"| {s!r} | {parse_ours(s)} | {parse_babel(s)} | {parse_babel(s, strict=True)} |")
    print()
    marks = {"U+2212 minus": "\u2212", "U+2013 dash": "\u2013", "no-break space": "\u00a0",
             "narrow no-break space": "\u202f", "parentheses": "(", "ASCII hyphen-minus": "-"}  # fmt: skip
    print(
        "Characters in the table number strings: "
        + ", ".join(f"{name} {sum(n for s, n in strings.items() if ch in s)}" for name, ch in marks.items())
        + ".\n"
    )
    for cat in ("both, different value", "only ours", "only babel"):
        if cats[cat]:
            print(
                f"All '{cat}' ({len(cats[cat])}): "
                + "; ".join(f"{s!r}×{n} → {o} / {b}" for s, n, o, b in cats[cat][:40])
            )
            print()

    if args.json:
        args.json.write_text(json.dumps({
            "results": results, "speed": speed_out,
            "babel": {k: [list(x) for x in v] for k, v in cats.items()},
        }, ensure_ascii=False, indent=1), encoding="utf-8")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
