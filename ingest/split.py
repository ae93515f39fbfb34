"""Split cleaned pages into section-aware passages.

The document is read as a stream of lines (each knowing its physical page) and turned into
blocks: headings, paragraphs, list items and tables. Headings maintain a section path; prose
blocks are packed into passages of roughly a paragraph; a table becomes its own passage(s) with
the header row repeated in each, so a row never travels without its column labels.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ingest.clean import (
    CASE_NO_RE,
    DATE_END_RE,
    PARAGRAPH_RE,
    is_protokoll,
    join_hyphenated,
    normalise_line,
    strip_inline_markup,
)
from ingest.layout import FIELD_RE, ROW_NUMBER_RE, STATUTE_NO_RE, is_numeric
from ingest.models import Page, Passage

# Passage size in characters. Measured on the corpus with the dev questions: about one
# paragraph (see README, "Measured figures"); long paragraphs are split at sentence ends.
TARGET_CHARS = 500
MAX_CHARS = 1000
TABLE_MAX_CHARS = 1400
# A line this short right before a table, not ending a sentence, is the table's caption.
CAPTION_CHARS = 120
# A heading of more words than this is also the first text of its section.
LONG_HEADING_WORDS = 14

_TERMINAL = ".!?:;"
_YEAR_RE = re.compile(r"(?<![\d-])(19[5-9]\d|20[0-4]\d)(?![\d])")
# A row ending in a grouped amount: "Norr Bemanning av socialpsykiatriskt team. 650 000".
_MONEY_END_RE = re.compile(r"[^\d\s].*?\s(\d{1,3}(?:[ \u00a0]\d{3})+(?:,\d+)?)\s*(?:kr|kronor|tkr|:-)?\s*$")
_AREA_RE = re.compile(r"^(?P<word>[\wÅÄÖåäö-]*område[n]?)\s*(?P<rest>\d+|[:,–-])", re.IGNORECASE)
_MD_HEADING_RE = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_BULLET_RE = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(.*)$")
_NUMBERED_RE = re.compile(r"^\s*\d{1,2}[.)]\s+([A-ZÅÄÖ].*)$")
# A numbered section heading of a report: "2.3.10 Antal övertidstimmar …", "7.4: VÅRD- OCH
# OMSORGSNÄMNDEN". Depth two and more only: "1. Dubbelspår Ostkustbanan" is a list item.
# Depth one when a colon follows the number or the title is set in capitals ("1: SAMMANFATTNING").
_SECTION_NO_RE = re.compile(
    r"^(\d{1,2}(?:\.\d{1,2}){1,3})\.?:?\s+((?:[A-ZÅÄÖ]|[\u201d\x22\u201c\u00bb'\u2018\u2019][^\W\d_]).*)$|^(\d{1,2}):\s+([A-ZÅÄÖ].*)$|^(\d{1,2})\.?\s+([A-ZÅÄÖ]{2,}[A-ZÅÄÖ -]*)$"
)
# "13 § Andelskapital": a statute's numbered paragraph (layout.STATUTE_NO_RE) opens a section.
_STATUTE_PARAGRAPH_RE = re.compile(rf"^{STATUTE_NO_RE.pattern} ?(?=[A-ZÅÄÖ])")
# A table of contents' line: dot leaders, or a page number after the title.
_TOC_LINE_RE = re.compile(r"\.{4,}|(?:\. ){3,}|…{2,}|\s\d{1,3}$")
# A line that ends in two figures is a table row ("Verksamhetens kostnader -1235 -1242"), not a
# heading, whatever its shape.
FIGURES_END_RE = re.compile(r"(?:^|\s)[-−–]?\d[\d ,.]*%?\s+[-−–]?\d[\d,.]*%?\s*$")
_MD_SEPARATOR_RE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|?\s*:?-{2,}:?\s*)*\|?\s*$|^[-\t ]{3,}$")
# A table's total row: "Summa investeringsbudget …", "Totalt …".
TOTAL_ROW_RE = re.compile(r"^\s*(totalt|total|summa|totalsumma|sammanlagt)\b", re.IGNORECASE)
# A sentence ends at . ! or ? followed by a capital, a digit, a quote or a parenthesis.
_SENTENCE_SPLIT_RE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ0-9\"”«(])")
# A line ending in a conjunction, preposition or article, or with a parenthesis left open, is a
# wrapped line of running text ("… uppgav att 853 personer hade en"), never a heading. ("till" is
# left out: "Beslutet skickas till" is a standard heading.)
_RUNS_ON_RE = re.compile(
    r"(?:\b(?:och|eller|samt|att|en|ett|i|på|av|med|för|om|som|den|det|de|från|vid|hos|inom|"
    r"mellan|genom|mot|efter|utan|under|över|and|or|of|the|to|in|for|with)|[-(,])\s*$",
    re.IGNORECASE,
)


def years_in(text: str) -> list[int]:
    return sorted({int(y) for y in _YEAR_RE.findall(text)})


# An abbreviation's point ends no sentence: "tillsyn före skolan kl. 06.00-08.00", "ca. 30 mnkr",
# "t.ex. Kulturbussen", "enligt s. 6"; nor does an initial ("J. Andersson").
_ABBREVIATION_END_RE = re.compile(
    r"(?:^|[\s(])(?:(?i:kl|ca|bl\.a|t\.ex|t\.o\.m|fr\.o\.m|s\.k|nr|s|sid|jfr|enl|kap|tel|e\.g|i\.e|approx|no)"
    r"|[A-ZÅÄÖ])\.$"
)
# These also end sentences ("… 2 000 st. Det är …", "… m.m. Nästa …"): they end none before a figure.
_ABBREVIATION_BEFORE_FIGURE_RE = re.compile(r"(?:^|[\s(])(?:st|m\.m|d\.v\.s|dvs|resp|inkl|exkl)\.$", re.I)


def split_sentences(text: str) -> list[str]:
    """Sentences of a passage; a line break always ends one (list items, table rows)."""
    out: list[str] = []
    for line in text.split("\n"):
        glue_next = False  # the sentence before ends in an abbreviation, not a sentence
        before_figure = False  # … or in one that ends a sentence unless a figure follows
        for part in _SENTENCE_SPLIT_RE.split(line):
            part = part.strip()
            if not part:
                continue
            if glue_next or (before_figure and part[0].isdigit()):
                out[-1] = f"{out[-1]} {part}"
            else:
                out.append(part)
            glue_next = bool(_ABBREVIATION_END_RE.search(part))  # the part ends as the sentence does
            before_figure = bool(_ABBREVIATION_BEFORE_FIGURE_RE.search(part))
    return out


@dataclass
class Block:
    kind: str  # "heading" | "para" | "list" | "table"
    text: str
    page: int | None
    rank: int = 0  # headings: smaller is higher
    cells: list[list[str]] | None = None
    transposed: bool = False


@dataclass
class _Line:
    text: str
    page: int | None


@dataclass
class _State:
    blocks: list[Block] = field(default_factory=list)
    para: list[str] = field(default_factory=list)
    para_page: int | None = None
    para_kind: str = "para"
    paragraph: str | None = None  # the protokoll § the text is in ("§ 77")
    title_pending: bool = False  # its title is the next line
    marker: str | None = None  # its marker line with the diarienummer, kept as text
    numbered: int = 0  # the rank of the latest numbered section heading ("7.4" -> 2), if any
    chapter: int = 0  # the number of the latest numbered chapter heading ("7: EKONOMISTYRNING")

    def add_marker(self, page: int | None) -> None:
        if self.marker:
            self.add(self.marker, page)
            self.flush()
            self.marker = None

    def flush(self) -> None:
        if self.para:
            text = " ".join(self.para).strip()
            if text:
                self.blocks.append(Block(self.para_kind, text, self.para_page))
        self.para = []
        self.para_kind = "para"

    def add(self, line: str, page: int | None, kind: str = "para") -> None:
        if not self.para:
            self.para_page = page
            self.para_kind = kind
            self.para.append(line)
            return
        joined = join_hyphenated(self.para[-1], line)
        if joined is not None:
            self.para[-1] = joined
        else:
            self.para.append(line)


# Rank of a heading inside a protokoll's §: below every structural heading, so it nests under the §.
SUBHEADING_RANK = 6


def _area_rank(text: str) -> int | None:
    """Plan structure headings: "FOKUSOMRÅDE 1 – …" (2), "Förbättringsområde: …" (3)."""
    m = _AREA_RE.match(text)
    # A heading starts with a capital: "ringsområden, främst …" is the rest of a hyphenated word.
    if not m or len(text) > 160 or not text[0].isupper():
        return None
    # "Stadsområde 3 redovisar …" is a sentence: a lower-case word right after the number.
    if m.group("rest").isdigit() and re.match(r"\s+[a-zåäö]", text[m.end() :]):
        return None
    word = m.group("word").lower()
    if m.group("rest").isdigit() and not word.startswith("förbättring"):
        return 2
    return 3


def _inside_area(blocks: list[Block]) -> bool:
    """Is the latest chapter-level heading a fokusområde / förbättringsområde / activity one?"""
    for b in reversed(blocks):
        if b.kind == "heading" and b.rank < 5:
            return b.rank > 1
    return False


def _caption_like(text: str) -> bool:
    """A table's caption starts with a capital and is words: a line in lower case is the wrapped
    text of a cell ("till 135 m Uddevalla- Göteborg"), a line of figures is a chart's axis labels
    ("100: 100 95: 95 90 95 …")."""
    letters = sum(c.isalpha() for c in text)
    return (
        (text[:1].isupper() or text[:1].isdigit())
        and letters >= 0.5 * len(text.replace(" ", ""))
        and not _SENTENCE_SPLIT_RE.search(text)  # a sentence and what follows it: a paragraph
    )


def _ends_sentence(text: str) -> bool:
    return bool(text) and text.rstrip()[-1] in _TERMINAL


def _runs_on(text: str) -> bool:
    """The line plainly continues on the next one (see ``_RUNS_ON_RE``)."""
    return bool(_RUNS_ON_RE.search(text)) or text.count("(") > text.count(")")


def _continues_title(line: str) -> bool:
    """``line`` may be the rest of a heading wrapped after a conjunction or preposition: short, no
    sentence, no heading or list item of its own."""
    return (
        len(line) <= 80
        and not _ends_sentence(line)
        and not _SECTION_NO_RE.match(line)
        and not line.startswith("- ")
        and not PARAGRAPH_RE.match(line)
    )


def _introduced_items(lines: list[_Line], i: int) -> list[str]:
    """The lines from ``i`` up to a blank line that are the bare items of a list a colon introduced:
    at least two, each short, capitalised and no sentence."""
    items: list[str] = []
    j = i
    while j < len(lines) and (text := normalise_line(lines[j].text)):
        if (
            len(text) > 60
            or not text[0].isupper()
            or text.rstrip()[-1] in _TERMINAL + ","
            or _runs_on(text)
            or _SECTION_NO_RE.match(text)
            or PARAGRAPH_RE.match(text)
            or _is_money_row(text)
            or "\t" in lines[j].text
        ):
            return []
        items.append(text)
        j += 1
    return items if len(items) >= 2 else []


def _is_money_row(text: str) -> bool:
    return bool(_MONEY_END_RE.match(text)) and len(text) < 200


# A column's name in a header line: a year, or a year with what its figures are ("År 2023",
# "Budget 2027", "Utfall 2025").
_COLUMN_NAME_RE = re.compile(
    r"(?:(?:År|Budget|Utfall|Prognos|Bokslut|Plan|Helår)\s+)?(?:19|20)\d\d(?:-\d\d)?", re.I
)


def _is_column_line(line: str) -> bool:
    """Does the line end in two or more column names ("Nyckeltal År 2023 År 2024 År 2025")?"""
    return len(_COLUMN_NAME_RE.findall(line)) >= 2 and bool(_COLUMN_NAME_RE.search(line.rstrip()[-4:]))


def _looks_like_heading(line: str, prev: str | None, nxt: str | None) -> bool:
    """A short stand-alone line in plain text that opens a section ("Sammanfattning")."""
    if not (3 <= len(line) <= 80) or not line[0].isupper() or line.rstrip()[-1] in ".,;:!?-–":
        return False
    if len(line.split()) > 10 or _is_money_row(line) or line.startswith("- ") or _runs_on(line):
        return False
    if FIGURES_END_RE.search(line) or DATE_END_RE.search(line):
        return False
    if re.search(r"\d{6}[\d-]*$", line):
        return False  # ends in an identifier ("Göteborgs Stad, org.nr 212000-1355")
    if _is_column_line(line):
        return False  # a table's column names ("Nyckeltal År 2023 År 2024 År 2025")
    if re.match(r"^[^:]{1,40}: \S", line):  # a form field ("Antagen av: Koncernchefsgruppen")
        return False
    if prev and not _ends_sentence(prev):
        return False
    if not nxt or _is_money_row(nxt):
        return False
    return nxt[0].isupper() or nxt.startswith("- ") or bool(re.match(r"\d+\.\s", nxt))


def _numbered_heading(line: str, nxt: str | None, chapter: int) -> int | None:
    """The rank of a numbered section heading ("7.4: VÅRD- OCH OMSORGSNÄMNDEN" -> 2, "2.3.10 Antal
    …" -> 3), or None: a table of contents' line, a sentence or a row of figures is none.
    ``chapter`` is the number of the latest chapter heading ("7"), 0 before the first: a bare
    chapter number must follow it ("2: Nöjd-Tolk-Index (NTI) ligger" in a chart is no chapter)."""
    m = _SECTION_NO_RE.match(line)
    if not m or nxt is None or len(line) > 120 or line.rstrip()[-1] in ".,;!?":
        return None
    if _TOC_LINE_RE.search(line) or FIGURES_END_RE.search(line) or _is_money_row(line):
        return None
    number = m.group(1) or m.group(3) or m.group(5)
    if "." not in number and not chapter < int(number) <= chapter + (2 if chapter else 1):
        return None
    if nxt[0].islower() and _TOC_LINE_RE.search(nxt):  # a contents line wrapped before its page
        return None
    return min(number.count(".") + 1, 4)


def _table_cells(line: str) -> list[str]:
    parts = line.split("\t") if "\t" in line else line.strip().strip("|").split("|")
    return [p.strip() for p in parts]


def _cell_items(cell: str) -> list[str]:
    """A cell may hold several <p> items; keep bold as ** so callers can read status."""
    cell = re.sub(r"</?b>|</?strong>", "**", cell, flags=re.IGNORECASE)
    items = [i for i in re.split(r"</p>\s*<p>|<br\s*/?>", cell, flags=re.IGNORECASE)]
    out = []
    for item in items:
        bold = "**" in item
        plain = strip_inline_markup(item.replace("**", ""))
        if plain:
            out.append(f"**{plain}**" if bold else plain)
    return out


def _table_block(rows: list[list[str]], page: int | None) -> Block:
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    cells = [[" · ".join(_cell_items(c)) for c in r] for r in rows]
    figures = sum(1 for r in cells[1:] for c in r[1:] if is_numeric(c))
    body = sum(1 for r in cells[1:] for c in r[1:] if c)
    # A plan table of text cells may be read column by column; a table of figures row by row, and
    # so a table that numbers its rows ("3.1  LeB 2 §  Beslut att förordna god man.  ÖH"). Here
    # every row must have its number, so two rows suffice; the layout reading (``layout._numbered``)
    # needs three, as it also sees a financial table's note numbers beside rows without one.
    numbered = len(cells) >= 3 and all(ROW_NUMBER_RE.fullmatch(r[0]) for r in cells[1:])
    transposed = (
        width >= 4
        and len(rows) <= width
        and all(r[0] for r in cells)
        and figures < 0.3 * max(body, 1)
        and not numbered
    )
    return Block("table", _table_text(cells), page, cells=cells, transposed=transposed)


def _table_text(cells: list[list[str]]) -> str:
    header = [c.replace("**", "") for c in cells[0]]
    lines = [" ".join(h for h in header if h)]
    if any(is_numeric(h) and not re.fullmatch(r"(19|20)\d\d", h.strip()) for h in header):
        header = [""] * len(header)  # the first row holds figures: rows without a header
    for r in cells[1:]:
        # A figure keeps its column's name ("Budget 2027: 22 000"): a row read alone still says
        # what each number is.
        parts = [
            f"{h}: {c}" if h and i > 0 and (is_numeric(c) or len(h) <= 25) else c
            for i, (h, c) in enumerate(zip(header, (c.replace("**", "") for c in r), strict=False))
            if c
        ]
        lines.append(" ".join(parts))
    return "\n".join(lines)


def blocks_from_pages(pages: list[Page], markdown: bool, protokoll: bool | None = None) -> list[Block]:
    """``protokoll``: whether the pages are a protokoll's (``is_protokoll``), when the caller knows."""
    lines: list[_Line] = []
    for source_page in pages:
        for raw in source_page.text.splitlines():
            lines.append(
                _Line(raw.rstrip(" \r\x0c"), source_page.number)
            )  # a row's empty last cells keep their tabs
    st = _State()
    i = 0
    n = len(lines)

    def next_nonblank(j: int) -> str | None:
        while j < n:
            t = normalise_line(lines[j].text)
            if t:
                return t
            j += 1
        return None

    # Footnotes in extracted text ("3 SITHS – en tjänstlegitimation …") interrupt paragraphs;
    # the marker is glued to a word ("SITHS-kort3"). Such lines become blocks of their own.
    all_text = "\n".join(ln.text for ln in lines)
    notes = (
        {
            m.group(1)
            for m in re.finditer(r"^\s*(\d{1,2}) [A-ZÅÄÖ]", all_text, re.MULTILINE)
            if re.search(rf"[a-zåäö)]{{2}}{m.group(1)}\b", all_text)
        }
        if not markdown
        else set()
    )
    marker_re = re.compile(rf"(?<=[a-zåäö)])({'|'.join(sorted(notes))})\b") if notes else None
    standalone = Counter(normalise_line(ln.text).lower() for ln in lines)
    protokoll = not markdown and (is_protokoll(pages) if protokoll is None else protokoll)
    pending_notes: list[Block] = []
    prev_text: str | None = None
    blank_before = True
    while i < n:
        raw = lines[i].text
        page = lines[i].page
        text = normalise_line(raw)
        if marker_re is not None and text:
            fm = re.match(r"^(\d{1,2}) [A-ZÅÄÖ]", text)
            if fm and fm.group(1) in notes:
                pending_notes.append(Block("para", text, page))
                i += 1
                continue
            text = marker_re.sub("", text)
        if pending_notes and not st.para:
            st.blocks.extend(pending_notes)
            pending_notes.clear()
        was_blank, blank_before = blank_before, not text
        if not text:
            # A blank line ends a paragraph unless the text plainly runs on (PDF extractions
            # put blank lines between wrapped lines).
            nxt = next_nonblank(i + 1)
            runs_on = bool(st.para) and nxt is not None and not _ends_sentence(st.para[-1])
            if not (runs_on and nxt is not None and (nxt[0].islower() or _runs_on(st.para[-1]))):
                st.flush()
            i += 1
            continue
        pm = PARAGRAPH_RE.match(text) if protokoll else None
        if pm and (was_blank or not st.para or _ends_sentence(st.para[-1])):
            rest = CASE_NO_RE.sub("", pm.group("rest")).strip()
            if not rest or rest[0].isupper():  # "§ 55 att ge positivt …" is a wrapped sentence
                i += 1
                marker = f"§ {pm.group('no')}"
                if pm.group("forts") or marker == st.paragraph:
                    continue  # the same § continued on a new page: its section goes on
                st.flush()
                st.paragraph = marker
                st.title_pending = not rest
                # The diarienummer stays in the text ("§ 73: Dnr 2023/710"), under the § title.
                st.marker = text if rest != pm.group("rest").strip() else None
                if rest:
                    st.blocks.append(Block("heading", f"{marker} {rest}", page, rank=1))
                    st.add_marker(page)
                prev_text = marker + "."
                continue
        if st.title_pending:
            st.title_pending = False
            if len(text) <= 150 and not _ends_sentence(text) and text[0].isupper():
                # "§ 77" + "Ändring av detaljplan, Simrishamn 2:80 - granskning"; a title wrapped
                # at a hyphen ("… investeringsprojektets fortgå-" + "ng") is joined.
                while i + 1 < n and len(text) <= 150:
                    cont = normalise_line(lines[i + 1].text)
                    joined = join_hyphenated(text, cont) if text.endswith("-") else None
                    if (
                        joined is None
                        and not _ends_sentence(cont)
                        and (cont[:1].islower() or (_runs_on(text) and _continues_title(cont)))
                    ):
                        # "… vill köpa västra" + "hamnplanen"; "… och friluftsliv i" + "Alingsås kommun"
                        joined = f"{text} {cont}"
                    if joined is None:
                        break
                    text = joined
                    i += 1
                st.blocks.append(Block("heading", f"{st.paragraph} {text}", page, rank=1))
                st.add_marker(page)
                prev_text = text + "."
                i += 1
                continue
            st.blocks.append(Block("heading", st.paragraph or "", page, rank=1))
            st.add_marker(page)
        if "\t" in raw or (markdown and raw.lstrip().startswith("|")):
            st.flush()
            rows: list[list[str]] = []
            while i < n and ("\t" in lines[i].text or (markdown and lines[i].text.lstrip().startswith("|"))):
                if not _MD_SEPARATOR_RE.match(lines[i].text):
                    rows.append(_table_cells(lines[i].text))
                i += 1
            if rows:
                _add_table(st.blocks, _table_block(rows, page))
            prev_text = None
            continue
        if markdown and _MD_SEPARATOR_RE.match(raw) and not raw.strip().startswith("- "):
            st.flush()
            i += 1
            continue
        if markdown:
            m = _MD_HEADING_RE.match(raw)
            if m:
                st.flush()
                title = strip_inline_markup(m.group(2))
                if title:
                    rank = _area_rank(title)
                    if rank is None:
                        italic_only = m.group(2).strip().startswith("*") and not m.group(
                            2
                        ).strip().startswith("**")
                        # A minor heading (#### and below) inside a fokusområde is a sub-heading
                        # of the activity above it ("#### Aktiva deltagare"), not a new chapter.
                        minor_inside = len(m.group(1)) >= 4 and _inside_area(st.blocks)
                        rank = 5 if italic_only or minor_inside else 1
                    st.blocks.append(Block("heading", title, page, rank=rank))
                prev_text = title + "."
                i += 1
                continue
        # Plain-text tables: a run of rows ending in an amount, with the header line above.
        if not markdown and _is_money_row(text):
            j = i
            run: list[str] = []
            while j < n:
                t = normalise_line(lines[j].text)
                if not t:
                    j += 1
                    continue
                if _is_money_row(t):
                    run.append(t)
                    j += 1
                else:
                    break
            if len(run) >= 2:
                header = None
                if st.para and len(st.para) == 1 and not _ends_sentence(st.para[0]) and len(st.para[0]) < 80:
                    header = st.para.pop()
                st.flush()
                rows_txt = ([header] if header else []) + run
                # Cells are unknown in extracted text: rows keep "label … amount" as written.
                st.blocks.append(Block("table", "\n".join(rows_txt), page))
                i = j
                prev_text = None
                continue
        # Short lines right under a line that ends in a colon, up to a blank line, are its list
        # ("Redogörelse av tre olika alternativ:" + "Nollalternativ" + "Samfälld anläggning" +
        # "Kommunalt ägande"), with no bullets drawn: not headings, nor one run-on paragraph.
        # (A form's line of fields, "… Beslutande instans: KF Datum för beslut:", introduces none.)
        if not markdown and st.para and st.para[-1].rstrip().endswith(":") and st.para[-1].count(":") == 1:
            items = _introduced_items(lines, i)
            if items:
                st.flush()
                for item in items:
                    st.add(item, page, kind="list")
                    st.flush()
                prev_text = items[-1]
                i += len(items)
                continue
        # Headings.
        # Markdown bullets and numbered items; in plain and PDF text a numbered item ("1. Dubbelspår
        # Ostkustbanan") is a list item too.
        bullet = _MD_BULLET_RE.match(text) if markdown else _NUMBERED_RE.match(text)
        body = text[2:] if text.startswith("- ") else (bullet.group(1) if bullet else None)
        nxt = next_nonblank(i + 1)
        if body is not None:
            stripped = strip_inline_markup(body)
            bold_title = markdown and body.startswith("**") and body.rstrip().endswith("**")
            # The previous list item may already be flushed by a blank line between items.
            prev_is_item = (st.para_kind == "list" and bool(st.para)) or (
                not st.para and bool(st.blocks) and st.blocks[-1].kind == "list"
            )
            nxt_is_item = (
                bool(nxt) and nxt is not None and (nxt.startswith("- ") or bool(_MD_BULLET_RE.match(nxt)))
            )
            plain_title = (
                not markdown
                and len(stripped) <= 80
                and not _ends_sentence(stripped)
                and not _runs_on(stripped)
                and not prev_is_item
                and not nxt_is_item
                and bool(nxt)
                and nxt is not None
                and nxt[0].isupper()
            )
            if stripped and (bold_title or plain_title):
                st.flush()
                st.blocks.append(Block("heading", stripped, page, rank=4))
                prev_text = stripped + "."
                i += 1
                continue
            st.flush()
            st.add(stripped, page, kind="list")
            prev_text = stripped
            i += 1
            continue
        plain = strip_inline_markup(text) if markdown else text
        rank = _area_rank(plain)
        numbered = _numbered_heading(plain, nxt, st.chapter) if rank is None and not markdown else None
        if numbered is not None and st.paragraph is None:
            rank = st.numbered = numbered
            if rank == 1:
                st.chapter = int(re.match(r"\d+", plain).group(0))  # type: ignore[union-attr]
        elif rank is None and not markdown:
            before = None if was_blank and not st.para else (st.para[-1] if st.para else prev_text)
            statute = _STATUTE_PARAGRAPH_RE.match(plain)
            if statute and st.paragraph is None and _looks_like_heading(plain[statute.end() :], before, nxt):
                rank = st.numbered + 1 if st.numbered else 1
            elif _looks_like_heading(plain, before, nxt):
                repeats = standalone[plain.lower()]
                if st.paragraph is None:
                    # A line repeated as a stand-alone line all over the document is a label (a
                    # table column header cut loose by extraction, "Aktivitet"), not a heading.
                    # Under a numbered section ("7.4 Vård- och omsorgsnämnden"), an unnumbered
                    # heading ("Ekonomistyrning och uppföljning") is one of its parts.
                    if repeats < 3:
                        rank = st.numbered + 1 if st.numbered else 1
                elif repeats < 2 or (nxt is not None and (len(nxt) >= 50 or _ends_sentence(nxt))):
                    # Within a protokoll's §, every heading after its title is one of its parts
                    # ("Ärendebeskrivning", "Beslutsunderlag", "Reservationer", repeated in every
                    # §): it nests under the § instead of replacing it. A repeated line followed
                    # by more short lines is still a label.
                    rank = SUBHEADING_RANK
        if rank is not None:
            st.flush()
            # A wrapped heading ("Förbättringsområden: … (neuropsykiatrisk diagnos och" +
            # "självskadebeteende) …") continues on lines that start in lower case.
            while not markdown and (rank > 1 or _runs_on(plain)) and i + 1 < n:
                j = i + 1
                if _runs_on(plain):  # "Förbättringsområde 2," + blank line + "samverkan och …"
                    while j < n - 1 and not lines[j].text.strip():
                        j += 1
                cont = normalise_line(lines[j].text)
                # A heading that ends in a conjunction or preposition ("3: Forskning om
                # tillväxtförutsättningar och", "5: Utveckling inom") goes on, whatever its rank and
                # however its next line starts ("§ 106 … inom funktionshinderområdet i" + "Bilaga J …").
                dangling = _runs_on(plain) and not plain.endswith("-")
                if not cont or not (
                    (cont[0].islower() and (rank > 1 or dangling))
                    or (dangling and j == i + 1 and _continues_title(cont))
                ):
                    break
                joined = join_hyphenated(plain, cont) if plain.endswith("-") else None
                plain = joined or f"{plain} {cont}"
                i = j
            # A bare "Fokusområde 2" has its name on the next line ("Tillgängliga insatser").
            if not markdown and rank == 2 and re.fullmatch(r"\S+ \d+", plain) and i + 1 < n:
                cont = normalise_line(lines[i + 1].text)
                if (
                    cont
                    and cont[0].isupper()
                    and len(cont) <= 80
                    and not _ends_sentence(cont)
                    and not _runs_on(cont)
                    and _area_rank(cont) is None
                ):
                    plain = f"{plain} – {cont}"
                    i += 1
            st.blocks.append(Block("heading", plain.rstrip("."), page, rank=rank))
            if len(plain.split()) > LONG_HEADING_WORDS:
                # A heading this long is a statement of its own (a plan's action "4.7 Ta fram ett
                # informationsmaterial om att kommunstyrelsen 2008 tog beslut …"): its words are
                # read and quoted as the section's first text too.
                st.add(plain, page)
                st.flush()
            prev_text = plain + ("." if rank > 1 else "")
            i += 1
            continue
        if (
            st.para_kind == "list"
            and st.para
            and (_ends_sentence(st.para[-1]) or (plain[0].isupper() and not _runs_on(st.para[-1])))
        ):
            st.flush()
        elif st.para and FIELD_RE.match(plain) and FIELD_RE.match(st.para[0]):
            st.flush()  # a form's fields, one under the other, are one fact each, not one paragraph
        st.add(plain, page)
        prev_text = plain
        i += 1
    st.flush()
    st.blocks.extend(pending_notes)
    return st.blocks


def _add_table(blocks: list[Block], table: Block) -> None:
    """Append a table, re-attaching a lone "Totalt" row cut off by footnotes to its table."""
    assert table.cells is not None
    if table.cells and all(TOTAL_ROW_RE.match(r[0] or "") for r in table.cells):
        for back in range(1, min(5, len(blocks)) + 1):
            prev = blocks[-back]
            if prev.kind == "heading":
                break
            if prev.kind == "table" and prev.cells and len(prev.cells[0]) == len(table.cells[0]):
                prev.cells.extend(table.cells)
                prev.text = _table_text(prev.cells)
                return
    blocks.append(table)


def _passage_text(blocks: list[Block]) -> str:
    """The text of a passage made of these blocks: one per line, a list's points with "- "."""
    return "\n".join(b.text if b.kind != "list" else f"- {b.text}" for b in blocks)


def _split_long(text: str, limit: int) -> list[str]:
    if len(text) <= limit:
        return [text]
    parts: list[str] = []
    cur = ""
    for sent in _SENTENCE_SPLIT_RE.split(text):
        if cur and len(cur) + len(sent) + 1 > limit:
            parts.append(cur)
            cur = sent
        else:
            cur = f"{cur} {sent}".strip()
    if cur:
        parts.append(cur)
    return parts


def _table_passages(block: Block) -> list[tuple[str, list[list[str]] | None]]:
    """Table text chunks, each carrying the header row (or row labels when transposed)."""
    cells = block.cells
    if cells and block.transposed:
        out: list[tuple[str, list[list[str]] | None]] = []
        for col in range(1, len(cells[0])):
            lines = [f"{row[0]}: {row[col]}" for row in cells if row[col]]
            if lines:
                out.append(("\n".join(lines).replace("**", ""), [[row[0], row[col]] for row in cells]))
        return out
    lines = block.text.split("\n")
    header, rows = lines[0], lines[1:]
    row_cells = cells[1:] if cells else [None] * len(rows)
    out_rows: list[tuple[str, list[list[str]] | None]] = []
    cur: list[str] = []
    cur_cells: list[list[str]] = []
    for row, rc in zip(rows, row_cells, strict=False):
        if cur and len(header) + sum(len(r) + 1 for r in cur) + len(row) > TABLE_MAX_CHARS:
            out_rows.append(("\n".join([header, *cur]), [cells[0], *cur_cells] if cells else None))
            cur, cur_cells = [], []
        cur.append(row)
        if rc is not None:
            cur_cells.append(rc)
    if cur or not rows:
        out_rows.append(("\n".join([header, *cur]), [cells[0], *cur_cells] if cells else None))
    return out_rows


def _column_names(line: str, table: Block) -> list[str] | None:
    """The header row a line gives a table whose first row is already figures: a label, then as
    many column names as the table has value columns, and nothing else ("Nyckeltal År 2023 År
    2024 År 2025" over rows of three figures); else None."""
    cells = table.cells
    if not cells or table.transposed or not all(is_numeric(c) for c in cells[0][1:] if c):
        return None
    found = list(_COLUMN_NAME_RE.finditer(line))
    if len(found) != len(cells[0]) - 1 or not found:
        return None
    label = line[: found[0].start()].strip()
    between = [line[a.end() : b.start()].strip() for a, b in zip(found, found[1:], strict=False)]
    if any(between) or line[found[-1].end() :].strip() or len(label) > 40:
        return None
    return [label, *(m.group(0) for m in found)]


def _sibling_run(blocks: list[Block], start: int) -> list[Block]:
    """The headings from ``start`` on that follow each other at one sub-section rank with no text
    between them, when ``start`` opens such a run of two or more (and no earlier one of the run
    did); else []. A chapter-level heading right before another ("Årets händelser",
    "Viktiga händelser") is a title over its first section, not a list."""
    rank = blocks[start].rank
    if rank < 2:
        return []
    prev = blocks[start - 1] if start else None
    if prev is not None and prev.kind == "heading" and prev.rank == rank:
        return []
    end = start
    while end + 1 < len(blocks) and blocks[end + 1].kind == "heading" and blocks[end + 1].rank == rank:
        end += 1
    return blocks[start : end + 1] if end > start else []


def split_passages(
    doc_id: str, pages: list[Page], markdown: bool, protokoll: bool | None = None
) -> list[Passage]:
    """Cleaned pages -> passages with section path, page and years."""
    blocks = blocks_from_pages(pages, markdown, protokoll)
    passages: list[Passage] = []
    stack: list[tuple[int, str]] = []
    buf: list[Block] = []

    def section() -> str:
        return " › ".join(t for _, t in stack)

    def emit(
        text: str,
        page: int | None,
        kind: str,
        cells: list[list[str]] | None = None,
        caption: str = "",
        under: str | None = None,
    ) -> None:
        sec = " › ".join(x for x in (section() if under is None else under, caption) if x)
        passages.append(
            Passage(
                passage_id=f"{doc_id}-{len(passages):04d}",
                doc_id=doc_id,
                text=text,
                page=page,
                section=sec,
                years=sorted(set(years_in(text)) | set(years_in(sec))),
                kind=kind,
                position=len(passages),
                cells=cells,
            )
        )

    def flush() -> None:
        if not buf:
            return
        text = _passage_text(buf)
        kind = "list" if all(b.kind == "list" for b in buf) else "prose"
        for part in _split_long(text, MAX_CHARS):
            emit(part, buf[0].page, kind)
        buf.clear()

    column_line = ""  # the latest line of column names, kept across a group's caption or heading
    # Headings that head no text, because the next heading stands at their level or above
    # ("Kommunfullmäktige", "Handling 2024 nr 63" above a report's title; an agenda's § titles; a
    # signature's name at the end), are text: a passage of their own, under the section they
    # stood in. They had been in no passage and no section.
    orphans: list[Block] = []
    orphans_under = ""

    def orphan(heading: Block) -> None:
        """``heading``, the top of the section stack, heads nothing: keep its words as text."""
        nonlocal orphans_under
        if not orphans:
            orphans_under = " › ".join(t for _, t in stack[:-1])
        orphans.append(Block("para", heading.text, heading.page))

    def place_orphans() -> None:
        if orphans:
            emit("\n".join(b.text for b in orphans), orphans[0].page, "prose", under=orphans_under)
            orphans.clear()

    for bi, block in enumerate(blocks):
        if block.kind != "heading":
            place_orphans()
        if block.kind in ("para", "list"):
            if _is_column_line(block.text):
                column_line = block.text
            elif len(block.text) > CAPTION_CHARS or not _caption_like(block.text):
                column_line = ""
        if block.kind == "heading":
            # Sub-headings in a row with nothing between them ("Fokusområde 1 – …", "Fokusområde
            # 9 – …", …; "Nollalternativ", "Samfälld anläggning") are a list, read with the text
            # that introduces it ("Förslaget är följande:"): each would otherwise name an empty
            # section and be lost. The last one still heads the text after it.
            run = [Block("list", b.text, b.page) for b in _sibling_run(blocks, bi)]
            if run and len(buf) > 1 and sum(len(b.text) + 1 for b in buf + run) > MAX_CHARS:
                intro = buf.pop()  # the list stays with the paragraph that introduces it
                flush()
                buf.append(intro)
            buf.extend(run)
            flush()
            prev = blocks[bi - 1] if bi else None
            if (
                not run
                and prev is not None
                and prev.kind == "heading"
                and (prev.rank > block.rank or prev.rank == block.rank == 1)
            ):
                orphan(prev)
            while stack and stack[-1][0] >= block.rank:
                stack.pop()
            stack.append((block.rank, block.text))
            continue
        if block.kind == "table":
            # A short line right before a table that does not end a sentence is its caption
            # ("Tabell 2.3.1 Resultatredovisning i sammandrag", "Belopp i mnkr"): every part of the
            # table carries it in its section, so a row is found by the table's name too.
            caption = ""
            if (
                buf
                and buf[-1].kind == "para"
                and len(buf[-1].text) <= CAPTION_CHARS
                and not _ends_sentence(buf[-1].text.rstrip(":"))
                and _caption_like(buf[-1].text)
            ):
                caption = buf.pop().text.rstrip(":")
            # "Nyckeltal År 2023 År 2024 År 2025" above a group's caption ("Vatten och avlopp") and
            # rows of figures: the line is the table's header, each figure read with its year. It
            # may have been read as a paragraph or as a heading.
            names = _column_names(buf[-1].text, block) if buf and buf[-1].kind == "para" else None
            if names:
                buf.pop()
            elif column_line:
                names = _column_names(column_line, block)
            if names:
                assert block.cells is not None
                headed = [names, *block.cells]
                block = Block("table", _table_text(headed), block.page, cells=headed)
            flush()
            for text, cells in _table_passages(block):
                emit(text, block.page, "table", cells, caption)
            continue
        size = sum(len(b.text) + 1 for b in buf)
        # A list is not cut from its items or its lead ("… fyra övergripande fokusområden:" and
        # its four points) while the passage has room for it.
        held = (
            block.kind == "list" and buf and (buf[-1].kind == "list" or buf[-1].text.rstrip().endswith(":"))
        )
        if held:  # as the passage would be written, each point with its "- "
            cut = len(_passage_text([*buf, block])) > MAX_CHARS
        else:
            cut = size >= TARGET_CHARS or size + len(block.text) > MAX_CHARS
        if buf and cut:
            flush()
        buf.append(block)
    # A heading that ends the document heads nothing either.
    if blocks and blocks[-1].kind == "heading" and not _sibling_run(blocks, len(blocks) - 1):
        orphan(blocks[-1])
    flush()
    place_orphans()
    return passages
