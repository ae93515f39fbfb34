"""Clean extracted page text: headers/footers, bullets, hyphenation, markup.

Works on lines so that the splitter can still see structure (headings, bullets, table rows).
"""

from __future__ import annotations

import html
import os
import re
from collections import Counter

from ingest.layout import SIGNED_NAME_RE
from ingest.models import Page

# Bullets seen in PDF text: the Symbol-font bullet U+F0B7 and friends, plus typographic ones.
BULLET_CHARS = "\uf0b7\uf0a7\uf076\uf0d8\uf0fc\u2022\u25aa\u25cf\u25e6\u2023\u2043\u25a0\u25a1\u2219\u00b7"
_BULLET_RE = re.compile(rf"^\s*[{BULLET_CHARS}]\s*")
_PAGE_NO_RE = re.compile(
    r"^\s*((sidan?|page|s\.)\s*\d+(\s*(av:?|of|\()\s*\d+\)?)?|\d+\s*(\(\d+\)|/\s*\d+|av\s+\d+)?|-\s*\d+\s*-)\s*$",
    re.IGNORECASE,
)
# "Sidan 4 av 34" is a page number wherever extraction puts it (mid-page in a two-column layout).
_PAGE_OF_RE = re.compile(r"^\s*(sidan?|sid|page)\s*\d+\s*((av|of):?\s*\d+|\(\d+\))\s*$", re.IGNORECASE)
# The page marker that ends a running line, digits folded ("… sid # (#)", "… sidan # av #").
_PAGE_MARK_END_RE = re.compile(r"[\s:]*\b(sidan?|sid|page|s\.)\s*#\s*(\(#\)|(av|of):?\s*#)\s*$")
# Words that follow a suspended hyphen ("arbetsmarknads- och socialförvaltningen"): keep the hyphen.
_SUSPENDED_NEXT = {"och", "eller", "samt", "respektive", "resp", "som", "till", "men", "utan", "and", "or"}
SWEDISH_MONTHS = (
    "januari", "februari", "mars", "april", "maj", "juni",
    "juli", "augusti", "september", "oktober", "november", "december",
)  # fmt: skip
# "17 oktober 2023": a day's date written out.
FULL_DATE_RE = re.compile(rf"\b(\d{{1,2}})\s+((?i:{'|'.join(SWEDISH_MONTHS)}))\s+((?:19|20)\d\d)\b")
# A line that ends in a day's date ("Göteborg den 17 oktober 2023", "Dagvattenutredning Sweco, 20
# augusti 2019", "Datum 2023-03-31") signs a letter or lists a document: never a heading.
DATE_END_RE = re.compile(rf"(?:{FULL_DATE_RE.pattern}|\b(?:19|20)\d\d-\d\d-\d\d)\s*$")
# A protokoll's paragraph marker at the start of a line: "§ 77: Dnr 2020/91", "§ 95  2026.016 KS",
# "§108", "§ 77 forts: Dnr 2020/91" (the same § continued on a new page), "§ 12 Val av justerare".
# ("§ 3 Fortsatt behandling av …" is a title, not a continuation.)
PARAGRAPH_RE = re.compile(
    r"^\s*§\s*(?P<no>\d{1,4})\b(?P<forts>\s*(?i:forts(?:ättning)?)\b\.?)?\s*[:.\-–]?\s*(?P<rest>.*)$"
)
# The case number that may follow it: "Dnr KS 2024/118", "2026.016 KS", "Ärendenummer SFF-2025- 00571".
# Only the label is read in any case: the agency code is capitals ("KS"), not any short word.
_CASE_LABEL = r"(?i:dnr|diarienr|diarienummer|ärendenr|ärendenummer)\.?:?\s*"
CASE_NO_RE = re.compile(
    rf"^(?:{_CASE_LABEL})?(?:[A-ZÅÄÖ]{{2,5}}[-\s]?)?\d{{2,4}}\s*[./-]\s*[\d.\s/-]*\d"
    rf"(?:\s+[A-ZÅÄÖ]{{1,4}}\b)?\s*[:.\-–]?\s*|^{_CASE_LABEL}\S*\d\S*\s*"
)


# A protokoll's heading names the body that met, the word "Protokoll" and the meeting's date
# ("Kommunstyrelsen / Protokoll / 2026-06-01", "Samhällsplaneringsnämnden Sammanträdesprotokoll
# 2024-04-25", "HÖGSBY KOMMUN Protokoll 1(14) / Kommunstyrelsen / Sammanträdesdatum 2007-01-08"),
# within its first PROTOKOLL_LINES lines.
PROTOKOLL_LINES = 8
# The word stands as a heading: capitalised, on a short line ("Enligt protokoll från …" is text).
_PROTOKOLL_RE = re.compile(
    r"(?<![\w-])(?:Sammanträdesprotokoll|SAMMANTRÄDESPROTOKOLL|Protokoll|PROTOKOLL)(?![\w-])"
)
PROTOKOLL_LINE_WORDS = 6


def heads_protokoll(lines: list[str]) -> bool:
    """Does one of these opening lines head a protokoll: the word "Protokoll" capitalised on a
    short line?"""
    return any(_PROTOKOLL_RE.search(line) and len(line.split()) <= PROTOKOLL_LINE_WORDS for line in lines)


def is_protokoll(pages: list[Page]) -> bool:
    """Paragraph markers numbered in a run at the start of lines (§ 66, § 67, § 68 …): a protokoll.
    Extracts quoted in another document (§ 64, § 45, § 27 in an audit report) or a reference to a
    § are not. An extract of one § ("§ 85  2026.019 KS" over its title) is one too when its first
    page opens as a protokoll does (``heads_protokoll``)."""
    numbers = set()
    with_case_no = False
    for page in pages:
        for line in page.text.splitlines():
            m = PARAGRAPH_RE.match(line)
            if m and not m.group("forts"):
                numbers.add(int(m.group("no")))
                with_case_no = with_case_no or bool(CASE_NO_RE.fullmatch(m.group("rest").strip()))
    if sum(1 for n in numbers if n + 1 in numbers) >= 2:
        return True
    if not with_case_no or not pages:
        return False
    return heads_protokoll([ln.strip() for ln in pages[0].text.splitlines() if ln.strip()][:PROTOKOLL_LINES])


_WS_RE = re.compile(r"[ \t\u00a0\u2009\u202f]+")


def _norm_for_repeat(line: str) -> str:
    """Header/footer lines differ by page number only: compare with digits folded."""
    return re.sub(r"\d+", "#", _WS_RE.sub(" ", line.strip().lower()))


def remove_headers_footers(pages: list[Page], window: int = 3, protokoll: bool | None = None) -> list[Page]:
    """Drop lines repeated at the top or bottom of most pages, and lone page numbers.

    A line counts as a header/footer when (digits folded) it stands within the first or last
    ``window`` non-blank lines of at least half of the pages (and of at least two pages).
    """
    if len(pages) < 2:
        return [Page(p.number, _drop_page_numbers(p.text)) for p in pages]
    counts: Counter[str] = Counter()
    for page in pages:
        lines = [ln for ln in page.text.splitlines() if ln.strip()]
        edge = set(_norm_for_repeat(ln) for ln in lines[:window] + lines[-window:])
        counts.update(edge)
    need = max(2, (len(pages) + 1) // 2)
    if protokoll is None:
        protokoll = is_protokoll(pages)
    repeated = {key for key, n in counts.items() if n >= need and len(key) > 1}
    # The same running line with its page number, set elsewhere on a page by the layout ("… .DOCX
    # SID 25 (25)" mid-page while "… .DOCX" ends the others): a repeated line plus a page marker.
    marked = {_PAGE_MARK_END_RE.sub("", key) for key in repeated} | repeated
    marked = {key for key in marked if len(key) >= 12}

    def running(line: str, at_edge: bool) -> bool:
        if _PAGE_OF_RE.match(line):
            return True
        norm = _norm_for_repeat(line)
        unmarked = _PAGE_MARK_END_RE.sub("", norm)
        if unmarked != norm and unmarked in marked:
            return True
        # A protokoll's "§ 77: Dnr 2020/91" at the top of each page is its structure, not a
        # running header.
        return (
            at_edge
            and (norm in repeated or bool(_PAGE_NO_RE.match(line)))
            and not (protokoll and PARAGRAPH_RE.match(line))
        )

    stamps = _stamps(pages)
    cleaned = []
    for page in pages:
        lines = (
            [_unstamped(ln, stamps) for ln in page.text.splitlines()] if stamps else page.text.splitlines()
        )
        nonblank = [i for i, ln in enumerate(lines) if ln.strip()]
        edge_idx = set(nonblank[:window] + nonblank[-window:])
        kept = [ln for i, ln in enumerate(lines) if not running(ln, i in edge_idx)]
        cleaned.append(Page(page.number, "\n".join(kept)))
    return cleaned


# An e-signing service's stamp ("Penneo dokumentnyckel: J2B6Z-ANS32-C4PS0-…", "DocuSign Envelope
# ID: 3F2A…") runs up a page's margin: the layout reading sets it anywhere on the page, even glued
# to a line of text ("…-NZEA2Bedömning:"). It carries a code of letters and digits in groups.
_CODE_RE = re.compile(r"\b(?=[\w-]*\d)(?=[\w-]*[A-Za-z])((?:[A-Za-z0-9]{4,}-){2,})([A-Za-z0-9]{3,})")


def _stamps(pages: list[Page]) -> list[str]:
    """Text with a code that stands, the same, on most pages (at least three)."""
    lasts: dict[str, list[str]] = {}
    for page in pages:
        for first, last in {m.group(1): m.group(2) for m in _CODE_RE.finditer(page.text)}.items():
            lasts.setdefault(first, []).append(last)
    need = max(3, (len(pages) * 3 + 4) // 5)
    out = []
    for head, tails in lasts.items():
        # The code's last group as every page has it: a word glued on differs from page to page.
        code = head + os.path.commonprefix(tails)
        if len(tails) < need or len(code) - len(head) < 3:
            continue
        # With its label ("Penneo dokumentnyckel:"), as most pages set it.
        labels: Counter[str] = Counter()
        for page in pages:
            for m in re.finditer(
                r"(?:[A-ZÅÄÖ][\w-]*(?:[ \t]+[\w-]+){0,3}:[ \t]*)?" + re.escape(code), page.text
            ):
                labels[m.group(0)] += 1
        out.append(labels.most_common(1)[0][0] if labels else code)
    return sorted(out, key=len, reverse=True)


def _unstamped(line: str, stamps: list[str]) -> str:
    for stamp in stamps:
        if stamp in line:
            line = line.replace(stamp, " ").rstrip()
    return line


# A signature field: a label, a dotted line to sign on, and the name printed under it
# ("Sekreterare: ......……" / "Magdalena Tavakol", "Ordförande ………" / "Ewa Engdahl"). Read apart,
# the name looks like a heading over the next label, and "Ordförande" ends up under the secretary.
_SIGNATURE_RE = re.compile(
    r"^[ \t]*([A-ZÅÄÖ][\wåäöÅÄÖ ]{2,30}?):?[ \t]*[.…_]{5,}[.…_ \t]*\n(?:[ \t]*\n)*"
    rf"[ \t]*((?:{SIGNED_NAME_RE.pattern})(?: \([A-ZÅÄÖa-zåäö]{{1,4}}\))?(?:: .{{2,40}})?)[ \t]*$",
    re.MULTILINE,
)


def join_signature_fields(text: str) -> str:
    """Each signature field as one line "Label: Name": "Sekreterare: Magdalena Tavakol"."""
    return _SIGNATURE_RE.sub(lambda m: f"{m.group(1)}: {m.group(2)}", text)


def _drop_page_numbers(text: str) -> str:
    return "\n".join(ln for ln in text.splitlines() if not re.match(r"^\s*(sidan?|page)\s+\d+", ln, re.I))


# An ISO date that extraction spaced apart by kerning: "2025 -08- 25", "2026-04 -0 9".
_SPACED_DATE_RE = re.compile(r"\b((?:19|20)\d\d) ?- ?([01]) ?(\d) ?- ?([0-3]) ?(\d)\b(?! ?\d)")


def normalise_line(line: str) -> str:
    """Bullets to "- ", runs of spaces to one, trimmed."""
    # A soft hyphen where the line ends breaks a word there (the line below goes on with it, as
    # after a hyphen); anywhere else it is not shown. (Tune one answer fewer: a word count shifted
    # by the joined words moves which of two sentences of a passage comes second; heldout and
    # unseen unchanged.)
    line = line.rstrip()
    if line.endswith("\u00ad"):
        line = line[:-1] + "-"
    line = line.replace("\u00ad", "")
    m = _BULLET_RE.match(line)
    if m:
        line = "- " + line[m.end() :]
    line = _SPACED_DATE_RE.sub(r"\1-\2\3-\4\5", line)
    return _WS_RE.sub(" ", line).strip()


def join_hyphenated(prev: str, nxt: str) -> str | None:
    """Join ``prev`` ending in a line-end hyphen with ``nxt``; None when they are not one word.

    "social-" + "psykiatrin" -> "socialpsykiatrin"; "arbetsmarknads-" + "och social…" stays apart;
    "SPiSS-" + "webbutbildning" keeps the hyphen (abbreviation); "intresse-" + "/bruk…" keeps it.
    """
    m = re.search(r"(\w+)-$", prev)
    if not m or not nxt:
        return None
    first = nxt.split(" ", 1)[0]
    if first.lower().strip(",.;:") in _SUSPENDED_NEXT:
        return None
    if not nxt[0].isalpha():
        return prev + nxt
    word = m.group(1)
    if not nxt[0].islower() or word.isdigit():
        return None
    if word[-1].isupper():  # "IPS-specialist", "SPiSS-webbutbildning"
        return prev + nxt
    return prev[:-1] + nxt


_SUP_RE = re.compile(r"<sup>.*?</sup>", re.IGNORECASE | re.DOTALL)
_TAG_RE = re.compile(r"</?[a-zA-Z][^>]*>")
_MD_LINK_RE = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MD_EMPH_RE = re.compile(r"(\*\*|__)(.+?)\1|(?<![\w*])\*(?!\s)([^*\n]+?)(?<!\s)\*(?![\w*])")


def strip_inline_markup(text: str) -> str:
    """Unescape entities, then remove footnote markers, HTML tags and Markdown emphasis/links.

    Entities are decoded first, so "&lt;script&gt;" is a tag like "<script>" and is removed too:
    the text returned never holds a tag that was written as entities.
    """
    text = html.unescape(text)
    text = _SUP_RE.sub("", text)
    text = _TAG_RE.sub(" ", text)
    text = _MD_LINK_RE.sub(r"\1", text)
    for _ in range(2):
        text = _MD_EMPH_RE.sub(lambda m: m.group(2) or m.group(3) or "", text)
    text = text.replace("\\*", "*").replace("\\_", "_").replace("\\#", "#")
    return _WS_RE.sub(" ", text).strip()
