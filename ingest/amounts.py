"""Money facts: find amounts in Swedish text and turn table rows and sentences into ``Amount``s.

A number is money when it carries a currency unit ("kr", "kronor", ":-", "tkr", "mnkr",
"2 miljoner kronor", "MSEK", …) or when it stands in a table column whose header names money
("Belopp (kr)", "Kostnad", "Summa", …). Everything else — years, dates, diarienummer,
percentages, counts, times, law references, footnote and page numbers — is left alone: a
missed amount is better than a wrong one.

Public API: ``find_money``, ``MoneyMatch``, ``extract_amounts``, ``year_for``, ``format_kr``,
``normalise_number_text``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from ingest.models import Amount, Document, Passage

__all__ = [
    "MoneyMatch",
    "extract_amounts",
    "find_money",
    "format_kr",
    "normalise_number_text",
    "year_for",
]

# --------------------------------------------------------------------------------------------
# Numbers and units
# --------------------------------------------------------------------------------------------

# Thousand separators inside one number: space, no-break space, narrow no-break space, thin space.
# Never a tab or a newline: those separate table columns and lines.
_SEP = "[ \u00a0\u202f\u2009]"
_NUMBER = (
    rf"(?P<num>\d{{1,3}}(?:{_SEP}\d{{3}})+(?!\d)"  # 5 409 000 (first group 1-3 digits, then 3s)
    r"|\d{1,3}(?:\.\d{3})+(?!\d)"  # 5.409.000
    r"|\d+)"  # 5409000, 2
    r"(?P<dec>,\d+|\.\d{1,2}(?!\d))?"  # 1 250,50 / 2,5 / 1.5
)
_NUMBER_RE = re.compile(rf"(?<![\w.,:/]){_NUMBER}")
_FULL_NUMBER_RE = re.compile(rf"^\s*(?P<sign>[-−])?{_NUMBER}\s*$")

_KR = r"(?:kronor(?:na)?|krona|kr\b)"
# (pattern, multiplier). Longest first; matched case-insensitively right after the number.
_UNITS: list[tuple[str, int]] = [
    (rf"miljard(?:er)?\s+{_KR}", 1_000_000_000),
    (r"md\.?\s?kr\b|mdr\.?\s?kr\b|mdkr\b", 1_000_000_000),
    (rf"miljon(?:er)?\s+{_KR}", 1_000_000),
    (rf"milj\.?\s*{_KR}", 1_000_000),
    (r"mn\.?\s?kr\b|mnkr\b|mkr\b|msek\b|mio\.?\s?kr\b", 1_000_000),
    (rf"tusen\s+{_KR}", 1_000),
    (r"tkr\b|ksek\b|tsek\b", 1_000),
    (_KR, 1),
    (r"sek\b", 1),
    (r":-", 1),
    (r",-", 1),
]
_UNIT_RE = re.compile(
    r"[ \t\u00a0\u202f\u2009]*(?:\n[ \t]*)?(?P<unit>"
    + "|".join(f"(?:{p})" for p, _ in _UNITS)
    + r")(?![^\W\d_])",
    re.IGNORECASE,
)
_UNIT_PATTERNS = [(re.compile(p, re.IGNORECASE), m) for p, m in _UNITS]

# Words right before a bare number that make it a reference, not an amount.
_REF_WORD_RE = re.compile(
    r"(?:\b(?:sida|sid|s|nr|nummer|kap|kapitel|bilaga|tabell|figur|dnr|sfs|sofs|version|tel|telefon|"
    r"fokusområde|område|punkt|steg|modul|klockan|kl)\.?|§)\s*$",
    re.IGNORECASE,
)
_YEAR_VALUE = range(1900, 2100)


@dataclass(frozen=True)
class MoneyMatch:
    """One amount found in a text. ``start``/``end`` index ``raw`` in that text."""

    value: int  # kronor, rounded half up
    start: int
    end: int
    raw: str
    explicit_unit: bool


def _digits_value(num: str, dec: str | None) -> Decimal:
    digits = re.sub(r"\D", "", num)
    frac = dec[1:] if dec else ""
    return Decimal(f"{digits}.{frac}" if frac else digits)


def _to_kronor(amount: Decimal) -> int:
    return int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _unit_multiplier(unit: str) -> int:
    for pattern, mult in _UNIT_PATTERNS:
        if pattern.fullmatch(unit):
            return mult
    return 1


def _scan(text: str, bare_ok: bool, min_bare: int, scale: int) -> list[MoneyMatch]:
    out: list[MoneyMatch] = []
    for m in _NUMBER_RE.finditer(text):
        start, end = m.start(), m.end()
        negative = False
        before = text[start - 1] if start else " "
        if before in "-−–":
            # A sign only when the dash stands alone before the digits ("-500 kr", "(−5 tkr)");
            # "ASN-2019-10547" and "2016–2018" are ids and ranges.
            if before != "–" and (start == 1 or text[start - 2].isspace() or text[start - 2] == "("):
                negative = True
            else:
                continue
        after = text[end : end + 2]
        if re.match(r"[-–/:.]\d", after):  # dates, ranges, law refs (2011:9), times (13.00)
            continue
        unit_m = _UNIT_RE.match(text, end)
        if unit_m:
            mult = _unit_multiplier(unit_m.group("unit"))
            value = _digits_value(m.group("num"), m.group("dec")) * mult
            end = unit_m.end()
            explicit = True
        else:
            if not bare_ok:
                continue
            if not _bare_number_ok(text, m, min_bare):
                continue
            value = _digits_value(m.group("num"), m.group("dec")) * scale
            explicit = False
        if negative:
            start -= 1
            value = -value
        out.append(MoneyMatch(_to_kronor(value), start, end, text[start:end], explicit))
    return out


def _bare_number_ok(text: str, m: re.Match[str], min_bare: int) -> bool:
    """Whether a number without a unit may be money (inside a money column)."""
    num, dec = m.group("num"), m.group("dec")
    if dec and dec.startswith(".") and "." not in num:
        return False  # "1.5" without a unit: a version or an English decimal, not kronor
    if num.isdigit() and len(num) == 4 and not dec and int(num) in _YEAR_VALUE:
        return False  # a year
    if _digits_value(num, dec) < min_bare:
        return False
    if len(re.split(r"[ .\u00a0\u202f\u2009]", num)) > 3:
        # "650 000 700 000": two side-by-side columns glued together, or one number of 1e9+?
        # Without a unit the reading is ambiguous; skipping beats reading a wrong number aloud.
        return False
    rest = text[m.end() :]
    if re.match(r"\s*(?:%|‰|procent|promille)", rest, re.IGNORECASE):
        return False
    if re.match(r"[ \t\u00a0]*[a-zåäöé]", rest):
        return False  # "1 200 medarbetare": a count of something
    return not _REF_WORD_RE.search(text[: m.start()])


def find_money(text: str, bare_ok: bool = False) -> list[MoneyMatch]:
    """Every amount of money in ``text``, left to right.

    Without ``bare_ok`` only numbers carrying a currency unit count ("5 409 000 kr", "2,5 mnkr",
    "12 500:-", "2 miljoner kronor"). With ``bare_ok`` (for a table cell or row whose column is
    known to hold money) grouped or plain numbers of at least 1 000 also count ("650 000",
    "5409000"), unless they look like a year, a date, an id, a percentage, a count ("1 200
    personer") or a reference ("sida 1200"). Thousand groups must be exactly three digits after a
    first group of one to three, so "2019 650 000" yields 650 000, not 2 019 650 000.
    """
    return _scan(text, bare_ok=bare_ok, min_bare=1000, scale=1)


def format_kr(value: int) -> str:
    """5409000 → "5 409 000 kr" (Swedish grouping with an ordinary space)."""
    return f"{_group(value)} kr"


def _group(value: int) -> str:
    return f"{value:,}".replace(",", " ")


_GROUPED_RE = re.compile(rf"(?<![\d,.]){_NUMBER}")
_CURRENCY_AFTER_RE = re.compile(r"(?<=\d)\s*(?:kronor|kr\.?|sek|:-|,-)(?![^\W\d_])", re.IGNORECASE)


def normalise_number_text(s: str) -> str:
    """Text with numbers written one way, so a number in an answer can be found in a passage.

    Thousand separators inside a number (space, no-break, narrow or thin space, dot between
    groups of three) are removed, a plain currency word right after a number ("kr", "kronor",
    "SEK", ":-") is dropped, and whitespace is collapsed. "5409000", "5 409 000" and
    "5 409 000 kr" all become "5409000"; "2019 650 000" becomes "2019 650000" (a year is not glued
    to an amount). Decimal commas and scale words ("tkr", "miljoner") are kept as written.
    Apply it to both texts and compare with ``in``.
    """
    s = re.sub(r"[\u00a0\u202f\u2009]", " ", s)

    def join(m: re.Match[str]) -> str:
        return re.sub(r"[ .]", "", m.group("num")) + (m.group("dec") or "")

    s = _GROUPED_RE.sub(join, s)
    s = _CURRENCY_AFTER_RE.sub("", s)
    return re.sub(r"\s+", " ", s).strip()


# --------------------------------------------------------------------------------------------
# Years
# --------------------------------------------------------------------------------------------

_YEAR_RE = re.compile(r"(?<![\w\-−/:.,])(19\d\d|20\d\d)(?![\w]|[-/:.]\d)")


def _years_with_pos(text: str) -> list[tuple[int, int]]:
    return [(int(m.group(1)), m.start()) for m in _YEAR_RE.finditer(text)]


def _year_from(text: str | None, anchor: int | None) -> int | None:
    if not text:
        return None
    found = _years_with_pos(text)
    distinct = {y for y, _ in found}
    if len(distinct) == 1:
        return found[0][0]
    if len(distinct) > 1 and anchor is not None:
        return min(found, key=lambda yp: abs(yp[1] - anchor))[0]
    return None


def year_for(
    *sources: str | None,
    section: str = "",
    nearby: str | None = None,
    document: Document | None = None,
    anchor: int | None = None,
) -> int | None:
    """The year an amount belongs to.

    Tried in order, first hit wins:
    1. ``sources`` in the order given (the row, then e.g. its column header; for prose the
       sentence). A source naming one year gives it. If the *first* source names several and
       ``anchor`` (the amount's position in it) is given, the year nearest the amount wins;
       otherwise a source with several years is ambiguous and skipped.
    2. ``section`` ("A › B › … medel 2019"): the deepest heading that names exactly one year.
    3. ``nearby`` text (e.g. the sentence before), only if it names exactly one year.
    4. ``document.years`` when the document covers exactly one year.
    Years inside dates (2019-12-18), ids (ASN-2019-10547) and law refs (SOFS 2011:9) are ignored.
    """
    for i, src in enumerate(sources):
        year = _year_from(src, anchor if i == 0 else None)
        if year is not None:
            return year
    for heading in reversed([h for h in re.split(r"\s*›\s*", section) if h]):
        year = _year_from(heading, None)
        if year is not None:
            return year
    year = _year_from(nearby, None)
    if year is not None:
        return year
    if document is not None and len(set(document.years)) == 1:
        return document.years[0]
    return None


# --------------------------------------------------------------------------------------------
# Shared text helpers
# --------------------------------------------------------------------------------------------


def _ws(s: str) -> str:
    return re.sub(r"\s+", " ", s.replace("\u00a0", " ").replace("\u202f", " ")).strip()


def _plain(s: str) -> str:
    """Cell or line text without markdown/HTML emphasis and escapes."""
    s = re.sub(r"<[^>]+>", " ", s)
    s = s.replace("**", "").replace("__", "").replace("\\*", "*")
    return _ws(s)


def _clean_label(s: str) -> str:
    s = _ws(s).strip(" *\t:;,")
    s = re.sub(r"^[-–•\u2022\uf0b7]\s*", "", s)
    s = s.rstrip(".").strip()
    if len(s) > 200:
        s = s[:200].rsplit(" ", 1)[0] + " …"
    return s


_TOTAL_RE = re.compile(
    r"^\s*\**\s*(?:totalt|total|totalsumma|summa|sammanlagt|sammantaget|delsumma|summering)\b",
    re.IGNORECASE,
)


def _is_total(label: str) -> bool:
    return bool(_TOTAL_RE.match(label))


# --------------------------------------------------------------------------------------------
# Tables
# --------------------------------------------------------------------------------------------

_MONEY_HEADER_RE = re.compile(
    r"\b(?:belopp|kr|kronor|tkr|mkr|mnkr|sek|msek|ksek|summa|kostnad\w*|budget\w*|utfall|"
    r"prognos|anslag|bidrag|medel|utgift\w*|avvikelse|plan(?=\s+(?:19|20)\d\d))\b",
    re.IGNORECASE,
)
_MONEY_COLUMN_WORD_RE = re.compile(
    r"\b(?:belopp|summa|kostnad\w*|budget\w*|utfall|prognos|anslag|bidrag|medel)\b", re.IGNORECASE
)
_WHO_HEADER_RE = re.compile(
    r"\b(?:avdelning\w*|förvaltning\w*|\w*nämnd\w*|enhet\w*|stadsdel\w*|stadsområde\w*|organisation\w*|"
    r"kommun\w*|region\w*|huvudman\w*|utförare|ansvarig\w*|mottagare)\b",
    re.IGNORECASE,
)
_LABEL_HEADER_RE = re.compile(
    r"\b(?:aktivitet\w*|insats\w*|ändamål\w*|åtgärd\w*|beskrivning\w*|projekt\w*|verksamhet\w*|"
    r"satsning\w*|post\w*|användning|syfte|område\w*|typ|avser)\b",
    re.IGNORECASE,
)


def _header_scale(header: str) -> int:
    """Multiplier for bare numbers in a column headed ``header`` ("Belopp (tkr)" → 1000)."""
    h = header.lower()
    if re.search(r"\b(?:mdkr|md kr|miljard\w*)\b", h):
        return 1_000_000_000
    if re.search(r"\b(?:mkr|mnkr|mn kr|msek|miljon\w*|milj)\b", h):
        return 1_000_000
    if re.search(r"\b(?:tkr|ksek|tsek|tusental|tusen)\b", h):
        return 1_000
    return 1


def _stated_scale(text: str) -> int | None:
    """The unit a header or caption states ("Investeringar (tkr)", "Belopp i mnkr", "kr"), or None."""
    scale = _header_scale(text)
    if scale != 1:
        return scale
    return 1 if re.search(r"\b(?:kr|kronor|sek)\b|:-", text.lower()) else None


def states_unit(text: str) -> bool:
    """Does the text name a currency unit ("Nämnden äskar följande investeringar i tkr", "Belopp
    i mnkr", "kronor")? Said of a table, its figures are money."""
    return _stated_scale(text) is not None


def states_money(text: str) -> bool:
    """Does the text state money: a currency unit after a figure ("22tkr", "3 miljoner kronor") or
    as a header's or caption's unit ("Belopp i tkr")? The same units the amounts are read with."""
    return _stated_scale(text) is not None or any(
        _UNIT_RE.match(text, m.end()) for m in _NUMBER_RE.finditer(text)
    )


def _without(text: str, raw: str) -> str:
    """``text`` with the amount blanked out, so its digits are not read as a year."""
    i = text.find(raw)
    return text if i < 0 else text[:i] + " " * len(raw) + text[i + len(raw) :]


@dataclass
class _Row:
    """One money cell of one table row, before it becomes an Amount."""

    match: MoneyMatch
    label: str
    who: str | None
    is_total: bool
    context: str
    year_sources: tuple[str | None, ...]
    column: int


@dataclass
class _TableSpec:
    """What the header says about the columns."""

    money_cols: list[int]
    who_col: int | None
    label_col: int | None
    header_cells: list[str]


def _spec_from_cells(header: list[str]) -> _TableSpec:
    hdr = [_plain(h) for h in header]
    money = [i for i, h in enumerate(hdr) if h and _MONEY_HEADER_RE.search(h)]
    who = next((i for i, h in enumerate(hdr) if i not in money and _WHO_HEADER_RE.search(h)), None)
    label = next(
        (i for i, h in enumerate(hdr) if i not in money and i != who and _LABEL_HEADER_RE.search(h)), None
    )
    if who is None and label is None:
        label = next((i for i in range(len(hdr)) if i not in money), None)
    return _TableSpec(money, who, label, hdr)


def _split_who_activity(text: str) -> tuple[str | None, str]:
    """ "Social Resurs Specialpedagog på Kriscentrum" → ("Social Resurs", "Specialpedagog på …").

    For a text row under a header "Unit Activity Amount" with no column boundaries: the unit is
    the run of leading capitalised words minus its last word, where the activity begins (an
    activity reads like a phrase: a capitalised word followed by lower-case words). A single
    leading capitalised word followed by lower-case text is all activity (no unit shown).
    """
    words = text.split()
    run = 0
    for w in words:
        if w[:1].isupper() or (w[:1].isdigit() and run):
            run += 1
        else:
            break
    if run >= 2:
        return " ".join(words[: run - 1]), " ".join(words[run - 1 :])
    return None, text


def _text_header_spec(header: str) -> tuple[bool, bool, int, list[str]]:
    """(has unit column, has activity column, money column count, per-column header text)."""
    h = _plain(header)
    cols = list(_MONEY_COLUMN_WORD_RE.finditer(h))
    pieces: list[str] = []
    if len(cols) > 1:
        for i, c in enumerate(cols):
            stop = cols[i + 1].start() if i + 1 < len(cols) else len(h)
            pieces.append(h[c.start() : stop])
    else:
        pieces.append(h[cols[0].start() :] if cols else h)
    before_money = h[: cols[0].start()] if cols else h
    return (
        bool(_WHO_HEADER_RE.search(before_money)),
        bool(_LABEL_HEADER_RE.search(before_money)),
        max(1, len(cols)),
        pieces,
    )


def _is_header_line(line: str) -> bool:
    """A line with no amount but words naming a money column ("Avdelning Aktivitet Belopp (kr)")."""
    return bool(_MONEY_HEADER_RE.search(_plain(line))) and not find_money(line, bare_ok=True)


def _trailing_matches(line: str, scale: int) -> list[MoneyMatch]:
    """Amounts at the end of a text row: the last one must close the line (bar a footnote mark)."""
    found = _scan(line, bare_ok=True, min_bare=1000 if scale == 1 else 0, scale=scale)
    if not found:
        return []
    tail = line[found[-1].end :]
    if re.fullmatch(r"[\s*)\]¹²³\d]{0,3}", tail) is None:
        return []
    # Several money columns: the amounts stand side by side at the end, separated by blanks only.
    out = [found[-1]]
    for m in reversed(found[:-1]):
        gap = line[m.end : out[0].start]
        if re.fullmatch(r"\s*", gap):
            out.insert(0, m)
        else:
            break
    return out


def _table_rows(passage: Passage, heading: str) -> tuple[list[_Row], list[str]]:
    """Money rows of a table passage, and the lines that are not rows (read as prose)."""
    lines = [ln for ln in passage.text.split("\n") if ln.strip()]
    cells = passage.cells
    if cells is None and lines and ("\t" in lines[0] or lines[0].lstrip().startswith("|")):
        cells = [_split_cells(ln) for ln in lines if not re.fullmatch(r"[\s|:\-\t]+", ln)]
    if cells:
        return _rows_from_cells(cells, heading), []
    return _rows_from_text(lines, heading)


def _split_cells(line: str) -> list[str]:
    if "\t" in line:
        return [c.strip() for c in line.split("\t")]
    return [c.strip() for c in line.strip().strip("|").split("|")]


def _rows_from_cells(cells: list[list[str]], heading: str) -> list[_Row]:
    header, body = cells[0], cells[1:]
    spec = _spec_from_cells(header)
    rows: list[_Row] = []
    if not spec.money_cols:
        # No money column: only explicitly marked amounts count.
        for r in body:
            text = _plain(" ".join(c for c in r if c))
            for m in find_money(text):
                label = _clean_label(text[: m.start] or text[m.end :])
                rows.append(_Row(m, label, None, _is_total(label), text, (_without(text, m.raw),), 0))
        return rows
    # A column's unit: its own header ("Belopp (tkr)"), else the unit another header cell states for
    # the table ("Investeringar (tkr)" over "Budget 2027"), else the heading above it ("Belopp i
    # mnkr"). A column of bare figures whose unit nobody states gives no amounts: a missed amount
    # is better than 1 000 tkr read as 1 000 kr.
    table_unit = next(
        (u for u in (_stated_scale(h) for h in spec.header_cells if h) if u is not None), None
    ) or _stated_scale(heading or "")
    scales: dict[int, int | None] = {}
    for col in spec.money_cols:
        scales[col] = _stated_scale(spec.header_cells[col]) or table_unit
    for r in body:
        plain = [_plain(c) for c in r]
        context = " ".join(c for c in plain if c)
        first_text = next((c for i, c in enumerate(plain) if c and i not in spec.money_cols), "")
        total = _is_total(first_text)
        who = None
        if spec.who_col is not None and spec.who_col < len(plain) and not total:
            who = _clean_label(plain[spec.who_col]) or None
        if total:
            label = _clean_label(first_text)
        elif spec.label_col is not None and spec.label_col < len(plain) and plain[spec.label_col]:
            label = _clean_label(plain[spec.label_col])
        else:
            label = heading
        for col in spec.money_cols:
            if col >= len(plain) or not plain[col]:
                continue
            cm = _cell_amount(plain[col], scales[col])
            if cm is None:
                continue
            rows.append(
                _Row(cm, label, who, total, context, (_without(context, cm.raw), spec.header_cells[col]), col)
            )
    return rows


def _cell_amount(cell: str, scale: int | None) -> MoneyMatch | None:
    cell = cell.strip().rstrip("*").strip()
    explicit = find_money(cell)
    if explicit:
        return explicit[-1]
    if scale is None:
        return None  # a bare figure in a column of unknown unit
    m = _FULL_NUMBER_RE.match(cell)
    if m is None:
        return None
    value = _digits_value(m.group("num"), m.group("dec")) * scale
    if m.group("sign"):
        value = -value
    raw = cell.strip()
    return MoneyMatch(_to_kronor(value), 0, len(raw), raw, False)


def _rows_from_text(lines: list[str], heading: str) -> tuple[list[_Row], list[str]]:
    rows: list[_Row] = []
    prose: list[str] = []
    has_who, has_label, n_money, pieces = False, True, 1, [""]
    scale = 1
    for i, raw_line in enumerate(lines):
        line = _plain(raw_line)
        # A header opens the passage (or, short and without a full stop, a further table in it).
        short = len(line.split()) <= 10 and not line.endswith(".")
        if (i == 0 or short) and _is_header_line(line):
            has_who, has_label, n_money, pieces = _text_header_spec(line)
            scale = _header_scale(line)
            continue
        matches = _trailing_matches(line, scale)
        if not matches:
            if find_money(line):
                prose.append(line)
            continue
        lead = _clean_label(line[: matches[0].start])
        total = _is_total(lead)
        who: str | None = None
        if total:
            label = lead
        elif has_who and has_label:
            who, label = _split_who_activity(lead)
            label = _clean_label(label)
        elif has_who:
            who, label = lead or None, heading
        else:
            label = lead or heading
        if len(matches) == n_money:
            cols = list(range(n_money))
        else:
            matches, cols = matches[-1:], [n_money - 1]
        for m, col in zip(matches, cols, strict=True):
            piece = pieces[col] if col < len(pieces) else None
            rows.append(_Row(m, label, who, total, line, (_without(line, m.raw), piece), col))
    return rows, prose


def _check(total: int, parts: Iterable[int]) -> str:
    parts = list(parts)
    if not parts:
        return "no rows to add up"
    s = sum(parts)
    if s == total:
        return "ok"
    return f"rows sum to {_group(s)}, total says {_group(total)} (differs by {_group(abs(s - total))})"


def _set_checks(amounts: list[Amount], columns: list[int]) -> None:
    """For every total: "ok" if the rows above it (all of them, or those since the previous
    total when it closes a sub-table) add up to it, else a description naming both numbers."""
    by_key: dict[tuple[str | None, int], list[Amount]] = {}
    for a, col in zip(amounts, columns, strict=True):
        by_key.setdefault((a.table_id, col), []).append(a)
    for group in by_key.values():
        for i, a in enumerate(group):
            if not a.is_total:
                continue
            before = [x.value for x in group[:i] if not x.is_total]
            last_total = max((j for j in range(i) if group[j].is_total), default=-1)
            since = [x.value for x in group[last_total + 1 : i] if not x.is_total]
            if not before:
                before = [x.value for x in group[i + 1 :] if not x.is_total]
            if since and sum(since) == a.value:
                a.check = "ok"
            else:
                a.check = _check(a.value, before)


# --------------------------------------------------------------------------------------------
# Prose
# --------------------------------------------------------------------------------------------

_VERBS = (
    "tilldelas|tilldelades|tilldelats|tilldelat|får|fick|fått|erhöll|erhåller|erhållit|avsätts|avsattes|"
    "avsatts|avsätter|avsatte|beviljas|beviljades|beviljats|beviljat|kostade|kostar|kostat|satsar|"
    "satsade|satsat|fördelar|fördelade|fördelat|fördelas|fördelades|anslår|anslog|anslagit|anslås|"
    "rekvirerar|rekvirerade|budgeterar|budgeterade|budgeterats|uppgår|uppgick|uppgått|använde|använder|"
    "använt|används|användes|redovisar|redovisade|lägger|lade|lagt|har|hade|ska|skall|kommer|kan|"
    "beräknas|beräknades|motsvarar|motsvarade|omfattar|omfattade|budgeteras|finansieras|finansierades|"
    "tillförs|tillfördes|ökar|ökade|minskar|minskade|betalar|betalade|betalats|utbetalas|utbetalades|"
    "ge|ger|gav|gett|givit|tilldela|bevilja|avsätta|fördela|anslå"
)
_VERB_RE = re.compile(rf"(?<![\w-])(?:{_VERBS})(?![\w-])", re.IGNORECASE)
_CLAUSE_BOUNDARY_RE = re.compile(
    r"(?<!-)\s+(?:och|samt|men|medan)\s+|,\s*|;\s*|(?<![\w-])att\s+", re.IGNORECASE
)
_ORG_RE = re.compile(
    r"(?:[A-ZÅÄÖ][\wåäö]*-\s+(?:och|eller)\s+)?[A-ZÅÄÖa-zåäö][\wåäöÅÄÖ-]*"
    r"(?:nämnden|nämnd|förvaltningen|styrelsen|kommunen|regionen|enheten|avdelningen|landstinget|"
    r"myndigheten|departementet|förbundet)(?![\w])"
    r"|(?:[A-ZÅÄÖ][\wåäö-]+\s+)+(?:stad|kommun|stads|län)(?![\w])"
    r"|(?:Region|Landstinget|Kommunförbundet)\s+[A-ZÅÄÖ][\wåäö-]+"
    r"|(?<![\w-])[A-ZÅÄÖ]{2,6}(?:s)?(?![\w-])"
)
_ABBREV_BEFORE_DOT = {
    "t.ex",
    "bl.a",
    "ca",
    "inkl",
    "exkl",
    "resp",
    "kap",
    "nr",
    "s",
    "st",
    "jfr",
    "dvs",
    "m.m",
    "osv",
    "enl",
    "f.d",
    "o.s.v",
    "d.v.s",
    "fr.o.m",
    "t.o.m",
    "p.g.a",
    "kl",
}
_BULLET_RE = re.compile(r"^\s*(?:[-–•*\u2022\uf0b7\uf0a7]|\d+[.)])\s+")
_LEADING_FILLER_RE = re.compile(rf"^(?:(?:{_VERBS}|totalt|sammanlagt|ut)\s+)+", re.IGNORECASE)
_RECIPIENT_RE = re.compile(
    r"^(?:till|åt)\s+(?P<who>[A-ZÅÄÖ][\wåäöÅÄÖ-]*(?:\s+(?:[A-ZÅÄÖ][\wåäöÅÄÖ-]*|och\s+[\wåäö-]+))*)"
)
_TRAILING_CONNECTOR_RE = re.compile(r"(?:\s*[,;]|\s+(?:och|samt|men)(?:\s+att)?|\s+att)+\s*$", re.IGNORECASE)
_TRAILING_FILLER_RE = re.compile(
    r"(?:\s+(?:uppgick|uppgår|uppgått|till|var|blev|är|med|på|om|totalt|ca|cirka|drygt|knappt|omkring|"
    r"av|har|hade|fått|fick|tilldelats|tilldelas|tilldelades|beviljats|avsatts|kostade|kostar))+\s*$",
    re.IGNORECASE,
)


_FOOTNOTE_LINE_RE = re.compile(r"^\s*\d{1,2}\s+[A-ZÅÄÖ]")


def _first_letter_upper(line: str) -> bool:
    m = re.search(r"[^\W\d_]", line)
    return m is not None and m.group(0).isupper()


def _blocks(text: str) -> list[str]:
    """Paragraphs, list items and footnotes of a passage, each with its line breaks joined.

    A line break starts a new paragraph when the line before ends a sentence (or a bracket) or
    the next line's first letter is a capital; otherwise the lines are one wrapped sentence
    (PDF extraction often breaks lines, even with blank lines, inside sentences). A line like
    "1 Skånes länsgemensamma analys, …" is a footnote the PDF put in the middle of a sentence:
    it becomes its own block and the sentence around it is joined up again.
    """
    blocks: list[str] = []
    footnotes: list[str] = []
    cur: list[str] = []
    for line in text.split("\n"):
        if not line.strip():
            continue
        if _FOOTNOTE_LINE_RE.match(line):
            footnotes.append(line)
            continue
        new_para = bool(cur) and (bool(re.search(r"[.!?:)]\s*$", cur[-1])) or _first_letter_upper(line))
        if _BULLET_RE.match(line) or new_para:
            if cur:
                blocks.append(_join_lines(cur))
            cur = [_BULLET_RE.sub("", line)]
        else:
            cur.append(line)
    if cur:
        blocks.append(_join_lines(cur))
    blocks.extend(_plain(f) for f in footnotes)
    return [b for b in blocks if b]


def _join_lines(lines: list[str]) -> str:
    out = ""
    for ln in lines:
        if out.endswith("-") and ln.lstrip()[:1].islower():
            out += ln.lstrip()  # "social-\npsykiatri"; "hälso- \noch" keeps its space
        else:
            out = f"{out} {ln}" if out else ln
    return _plain(out)


def _sentences(block: str) -> list[str]:
    out: list[str] = []
    start = 0
    for m in re.finditer(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ\"”»(])", block):
        word = block[: m.start()].rsplit(" ", 1)[-1].rstrip(".").lower()
        if word in _ABBREV_BEFORE_DOT:
            continue
        out.append(block[start : m.start()].strip())
        start = m.end()
    out.append(block[start:].strip())
    return [s for s in out if s]


def _who_in(pre: str) -> str | None:
    """The organisation in the subject of the clause before an amount, if it looks like one."""
    verbs = list(_VERB_RE.finditer(pre))
    if not verbs:
        return None
    verb = verbs[0]
    subject = _CLAUSE_BOUNDARY_RE.split(pre[: verb.start()])[-1].strip(" *\t")
    candidates = [subject, pre[verb.end() :]]  # V2 order: "Under 2019 fick FSF 790 000 kr"
    for i, text in enumerate(candidates):
        m = _ORG_RE.search(text) if i == 0 else _ORG_RE.match(text.strip())
        if m:
            found = m.group(0).strip()
            if i == 0 and _ORG_RE.fullmatch(subject):
                return subject
            return found
    return None


def _prose_amounts(sentence: str, heading: str) -> list[tuple[MoneyMatch, str, str | None]]:
    matches = find_money(sentence)
    out: list[tuple[MoneyMatch, str, str | None]] = []
    for i, m in enumerate(matches):
        prev_end = matches[i - 1].end if i else 0
        next_start = matches[i + 1].start if i + 1 < len(matches) else len(sentence)
        pre = sentence[prev_end : m.start]
        after = sentence[m.end : next_start]
        after = _TRAILING_CONNECTOR_RE.sub("", after.strip().rstrip("."))
        after = _LEADING_FILLER_RE.sub("", after.strip()).strip()
        # "2 mkr till Norr för utbildning": "till"/"åt" + a name is the recipient, not the purpose.
        recipient = _RECIPIENT_RE.match(after)
        if recipient:
            after = after[recipient.end() :].strip()
        label = _clean_label(after)
        if not label:
            # "Kostnaden för X uppgick till 5 000 kr." – the subject says what it is.
            clause = _CLAUSE_BOUNDARY_RE.split(pre)[-1] if i else pre
            label = _clean_label(_TRAILING_FILLER_RE.sub("", clause)) or heading
        if recipient:  # an explicit recipient beats the subject ("Nämnden avsätter 2 mkr till Norr")
            who: str | None = _clean_label(recipient.group("who"))
        else:
            who = _who_in(pre) or (_who_in(sentence[: m.start]) if i else None)
        out.append((m, label, who))
    return out


# --------------------------------------------------------------------------------------------
# Putting it together
# --------------------------------------------------------------------------------------------


def _heading(section: str) -> str:
    parts = [p for p in re.split(r"\s*›\s*", section) if p.strip()]
    return _clean_label(parts[-1]) if parts else ""


def _table_groups(passages: list[Passage]) -> dict[str, str]:
    """passage_id → table_id. Consecutive table passages of one section that repeat the same
    header line are chunks of one table (the splitter repeats the header in each chunk)."""
    out: dict[str, str] = {}
    prev: Passage | None = None
    for p in passages:
        if p.kind != "table":
            prev = None
            continue
        header = p.text.split("\n", 1)[0].strip()
        if (
            prev is not None
            and prev.section == p.section
            and prev.text.split("\n", 1)[0].strip() == header
            and _is_header_line(_plain(header))
        ):
            out[p.passage_id] = out[prev.passage_id]
        else:
            out[p.passage_id] = p.passage_id
        prev = p
    return out


def extract_amounts(document: Document, passages: list[Passage]) -> list[Amount]:
    """Every money fact in ``passages``: table rows (with totals checked) and prose sentences."""
    amounts: list[Amount] = []
    columns: list[int] = []  # parallel to amounts; -1 for prose
    table_ids = _table_groups(passages)
    lead_in: dict[str, str] = {}  # section → the last prose paragraph seen in it
    for p in passages:
        heading = _heading(p.section)
        prose_texts: list[str]
        if p.kind == "table":
            rows, prose_texts = _table_rows(p, heading)
            for r in rows:
                year = year_for(
                    *r.year_sources, section=p.section, nearby=lead_in.get(p.section), document=document
                )
                amounts.append(
                    Amount(
                        value=r.match.value,
                        label=r.label or heading,
                        who=r.who,
                        year=year,
                        passage_id=p.passage_id,
                        doc_id=p.doc_id,
                        raw=r.match.raw,
                        is_total=r.is_total,
                        context=_ws(r.context),
                        table_id=table_ids.get(p.passage_id, p.passage_id),
                    )
                )
                columns.append(r.column)
        else:
            prose_texts = [p.text]
        before = lead_in.get(p.section)  # the paragraph before, for a sentence that opens one
        for text in prose_texts:
            for block in _blocks(text):
                sentences = _sentences(block)
                for k, sentence in enumerate(sentences):
                    for m, label, who in _prose_amounts(sentence, heading):
                        masked = sentence[: m.start] + " " * (m.end - m.start) + sentence[m.end :]
                        year = year_for(
                            masked,
                            section=p.section,
                            nearby=sentences[k - 1] if k else before,
                            document=document,
                            anchor=m.start,
                        )
                        amounts.append(
                            Amount(
                                value=m.value,
                                label=label,
                                who=who,
                                year=year,
                                passage_id=p.passage_id,
                                doc_id=p.doc_id,
                                raw=m.raw,
                                context=sentence,
                            )
                        )
                        columns.append(-1)
                if not _FOOTNOTE_LINE_RE.match(block):
                    before = block
        if p.kind != "table" and before is not None:
            lead_in[p.section] = before
    table_amounts = [(a, c) for a, c in zip(amounts, columns, strict=True) if a.table_id is not None]
    _set_checks([a for a, _ in table_amounts], [c for _, c in table_amounts])
    return amounts
