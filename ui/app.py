"""Streamlit chat app: ``planchat ui`` (or ``streamlit run ui/app.py``).

Four pages: **Chatt** (questions with cited passages), **Dokument** (the index, upload,
delete), **Belopp** (extracted amounts) and **Aktiviteter** (activities and their status per
year). One ``Planchat`` per server process and data directory, warmed up once.

An answer is what the reader sees first: after a question the view is put at the start of the
new answer, its sources fold into "Källor (n)", each [n] in the answer links to its source card,
and a card shows the cited PDF page with the quote marked (``ui.pages``), or a text passage in
its section. Document text is always rendered through :func:`escape_md` as plain markdown;
the only HTML the app sends is its own constant style sheet and scroll script.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import streamlit as st

from ingest.errors import IndexLockedError, PlanchatError
from ingest.models import Document, Passage
from retrieval.answer import Answer, Citation
from retrieval.search import Hit
from retrieval.service import MAX_QUESTION_CHARS, UPLOAD_SUFFIXES, Planchat
from retrieval.settings import Settings
from ui.auth import token_matches
from ui.pages import PageImage, is_pdf, quote_spans, render_page

log = logging.getLogger("planchat.app")

ALL = "Alla"
EXAMPLES = (
    "Vad kostade socialpsykiatriska teamet 2019?",
    "Vilka aktiviteter fortsätter 2020?",
    "Vad är Mina planer?",
    "How many relatives took part in the lecture series in spring 2019?",
)
PAGES = ("Chatt", "Dokument", "Belopp", "Aktiviteter")
# Activity statuses (ingest.activities.STATUSES) as the pages and the answer tables show them.
STATUS_SV = {
    "new": "ny",
    "ongoing": "pågående",
    "continues": "fortsätter",
    "planned": "planerad",
    "carried_out": "genomförd",
    "completed": "avslutad",
    "not_started": "inte påbörjad",
}
STATUS_EN = {status: status.replace("_", " ") for status in STATUS_SV}
# The chat page's own words, by the language of the answer: an English question gets English
# labels (the quoted document text stays Swedish).
LABELS: dict[str, dict[str, str]] = {
    "sv": {
        "understood": "Tolkat som",
        "filters": "Filter",
        "sources": "Källor ({n})",
        "related": "Närliggande stycken ({n})",
        "page": "s. {page}",
        "page_marked": "Sidan {page} i {file}. Det citerade är markerat.",
        "band_marked": "Sidan {page} i {file} (utdrag). Det citerade är markerat.",
        "page_unmarked": "Sidan {page} i {file}. Citatet kunde inte hittas i sidans text; se stycket nedan.",
        "open_page": "Öppna originalet på sidan {page}",
        "documents": "Dokument",
        "download": "Ladda ner {file}",
        "activity": "Aktivitet",
        "status": "Status",
        "year": "År",
        "source": "Källa",
        "post": "Post",
        "amount": "Belopp",
        "year_filter": "år {value}",
        "org_filter": "organisation {value}",
        "doc_filter": "dokument »{value}«",
    },
    "en": {
        "understood": "Understood as",
        "filters": "Filters",
        "sources": "Sources ({n})",
        "related": "Related passages ({n})",
        "page": "p. {page}",
        "page_marked": "Page {page} of {file}. The cited text is marked.",
        "band_marked": "Page {page} of {file} (excerpt). The cited text is marked.",
        "page_unmarked": "Page {page} of {file}. The quote was not found in the page's text; see the passage below.",
        "open_page": "Open the original at page {page}",
        "documents": "Documents",
        "download": "Download {file}",
        "activity": "Activity",
        "status": "Status",
        "year": "Year",
        "source": "Source",
        "post": "Item",
        "amount": "Amount",
        "year_filter": "year {value}",
        "org_filter": "organisation {value}",
        "doc_filter": "document »{value}«",
    },
}
MAX_DOWNLOAD_BYTES = 100 * 1024 * 1024

# -- safe rendering --------------------------------------------------------------------------
# Every ASCII character markdown, HTML, LaTeX ($), emoji shortcodes (:) or Streamlit's
# colour directives could interpret. A backslash before ASCII punctuation is always literal.
_MD_SPECIAL = set("\\`*_[](){}#+-.!<>|~$:=&\"'")


def escape_md(text: str) -> str:
    """Text safe to pass to ``st.markdown``: shows literally, never becomes markup or HTML."""
    return "".join("\\" + ch if ch in _MD_SPECIAL else ch for ch in text)


def _md_lines(text: str) -> str:
    """Escaped text with its line breaks kept (markdown would join single lines)."""
    lines = [escape_md(line.strip()) for line in text.splitlines()]
    return "  \n".join(line for line in lines if line)


def _bold(piece: str) -> str:
    """Escaped ``piece`` in bold, whitespace kept outside the markers."""
    core = piece.strip()
    if not core:
        return piece
    lead = piece[: len(piece) - len(piece.lstrip())]
    trail = piece[len(piece.rstrip()) :]
    return f"{lead}**{escape_md(core)}**{trail}"


def highlight_md(text: str, quote: str, *, join_lines: bool = True) -> str:
    """The passage as safe markdown with the quoted sentence(s) or row(s) in bold.

    The quote is found as ``ui.pages.quote_spans`` finds it on a PDF page (by its letters and
    digits, so a table row quoted without its column names is still found); ``join_lines``
    off for a table, whose lines are rows.
    """
    out_lines: list[str] = [""]
    pos = 0
    segments: list[tuple[str, bool]] = []
    for a, b in quote_spans(text, quote, join_lines=join_lines):
        segments += [(text[pos:a], False), (text[a:b], True)]
        pos = b
    segments.append((text[pos:], False))
    for seg, marked in segments:
        for i, piece in enumerate(seg.split("\n")):
            if i:
                out_lines.append("")
            out_lines[-1] += _bold(piece) if marked else escape_md(piece)
    return "  \n".join(line.strip() for line in out_lines if line.strip())


_MARKERS_RE = re.compile(r"(?:\\\[\d+\\\])+")


def source_anchor(turn: int, n: int) -> str:
    """The id of citation ``n``'s card in the answer of turn ``turn`` (the target of its [n])."""
    return f"src-{turn}-{n}"


def answer_md(
    text: str, turn: int | None = None, cited: set[int] | None = None, *, lists: bool = True
) -> str:
    """Answer text, escaped, with "- " lines as a list and its [n] citation markers in bold.

    With ``turn``, each marker of a citation in ``cited`` links to its source card. Without
    ``lists`` the "- " lines are left out (an activity answer shows them as a table instead).
    """
    blocks: list[str] = []
    in_list = False
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("- "):
            if not lists:
                continue
            item = "- " + escape_md(line[2:].strip())
            blocks.append(("\n" if in_list else "\n\n") + item)
            in_list = True
        else:
            blocks.append(("\n\n" if in_list else ("  \n" if blocks else "")) + escape_md(line))
            in_list = False
    return _marker_links("".join(blocks).strip(), turn, cited)


def _marker_links(md: str, turn: int | None, cited: set[int] | None) -> str:
    """Citation markers of escaped markdown in bold, adjacent ones ("[18][19]") as one bold run
    ("**[18]****[19]**" would show the asterisks); with ``turn``, each a link to its card."""

    def link(m: re.Match[str]) -> str:
        run = m.group(0)
        if turn is None:
            return f"**{run}**"
        parts = []
        for n in re.findall(r"\d+", run):
            mark = f"\\[{n}\\]"
            known = cited is None or int(n) in cited
            parts.append(f"[{mark}](#{source_anchor(turn, int(n))})" if known else mark)
        return "**" + "".join(parts) + "**"

    return _MARKERS_RE.sub(link, md)


def format_kr(value: int | float | None) -> str:
    """Swedish money format: 3 250 000 kr (no-break spaces); "" for no value."""
    if value is None:
        return ""
    return f"{int(value):,}".replace(",", "\u00a0") + "\u00a0kr"


def labels_for(language: str) -> dict[str, str]:
    return LABELS.get(language, LABELS["sv"])


# The question box held at the foot of the view (the page's background colour filled in).
_ASK_BOX_STYLE = """<style>
div:has(> .st-key-ask_box) {
  position: sticky; bottom: 0; z-index: 50; background: {background}; padding: 0.75rem 0 1.5rem;
}
</style>"""

# Own style sheet (no document text): source card titles as small headings.
_STYLE = """<style>
div[class*="st-key-src-"] h3 { font-size: 1rem; padding: 0; line-height: 1.4; }
</style>"""

# Puts an element at the top of the view, again for a moment while charts, tables and images
# above or in it still draw, until the reader scrolls, clicks or types.
_PLACE_JS = """
const planchatPlace = (find, times) => {
  let moved = false;
  const events = ["wheel", "touchstart", "keydown", "pointerdown"];
  const stop = () => { moved = true; };
  for (const name of events) window.addEventListener(name, stop, { capture: true, passive: true });
  let tries = 0;
  const place = () => {
    const el = find();
    if (el && !moved) {
      el.style.scrollMarginTop = "4.5rem";
      el.scrollIntoView({ block: "start" });
    }
    if (!moved && ++tries < times) {
      setTimeout(place, 100);
    } else {
      for (const name of events) window.removeEventListener(name, stop, { capture: true });
    }
  };
  setTimeout(place, 30);
};
"""

# Puts the view at the start of the new answer (constant; only the key varies, made of digits).
_SCROLL_JS = (
    "<script>(() => {"
    + _PLACE_JS
    + """planchatPlace(() => document.querySelector(".st-key-%s"), 25);
})();</script>"""
)

# A citation marker [n] opens "Källor" and puts its card at the top of the view (a plain
# "#src-…" link opens the folded section too, but not always with the card at the top).
# Installed once per browser page; constant, no document text.
_SOURCES_JS = (
    "<script>(() => {"
    + _PLACE_JS
    + """
if (window.planchatSourceLinks) return;
window.planchatSourceLinks = true;
document.addEventListener("click", (ev) => {
  const link = ev.target.closest ? ev.target.closest('a[href^="#src-"]') : null;
  if (!link) return;
  const id = link.getAttribute("href").slice(1);
  const card = document.querySelector(".st-key-" + CSS.escape(id));
  if (!card) return;
  ev.preventDefault();
  const details = card.closest("details");
  if (details && !details.open) {
    const summary = details.querySelector("summary");
    if (summary) summary.click();
  }
  planchatPlace(() => card, 15);
}, true);
})();</script>"""
)


def _scroll_to(key: str) -> None:
    if not re.fullmatch(r"[\w-]+", key):
        raise ValueError(key)
    st.html(_SCROLL_JS % key, unsafe_allow_javascript=True, width="content")


# -- the service -----------------------------------------------------------------------------
@st.cache_resource(show_spinner="Laddar språkmodell och index …")
def get_service(settings_json: str) -> Planchat:
    """One Planchat per server process and configuration, warmed up once."""
    svc = Planchat(Settings.model_validate_json(settings_json))
    try:
        svc.warm_up()
    except PlanchatError as err:  # no index yet: the pages say so when used
        log.warning("planchat: warm-up skipped: %s", err)
    return svc


def current_settings() -> Settings:
    return Settings()


# -- uploads ---------------------------------------------------------------------------------
BUSY_SV = "indexet är upptaget av en annan uppladdning eller borttagning; försök igen om en stund"


# Share of one file's stretch of the progress bar for reading it; its vectors take the rest.
READ_SHARE = 0.5


def upload_progress(label: str, done: int, total: int) -> tuple[float, str]:
    """(how far one file's ingest is, 0–1, the text under the bar) from ``Index.ingest``'s progress
    callback: reading the file fills the first READ_SHARE of its stretch, the "vectors" stage
    (passages embedded of passages to embed) the rest, rather than starting the bar over."""
    share = done / total if total else 0.0
    if label == "vectors":
        return READ_SHARE + (1 - READ_SHARE) * share, f"Vektorer: {done} av {total} textavsnitt"
    return READ_SHARE * share, label


def ingest_upload(
    svc: Planchat, name: str, data: bytes, progress: Callable[[str, int, int], None] | None = None
) -> tuple[list[str], list[str]]:
    """Save and index one uploaded file: (messages for what worked, error messages)."""
    settings = svc.settings
    if Path(name).suffix.lower() not in UPLOAD_SUFFIXES:
        return [], [f"{name}: filtypen stöds inte (tillåtna: {', '.join(UPLOAD_SUFFIXES)})"]
    if len(data) > settings.max_upload_mb * 1024 * 1024:
        return [], [f"{name}: filen är större än {settings.max_upload_mb} MB"]
    try:
        report = svc.upload(name, data, progress=progress)
    except IndexLockedError:
        return [], [f"{name}: {BUSY_SV}"]
    except PlanchatError as err:
        return [], [f"{name}: {err}"]
    ok: list[str] = []
    errors: list[str] = []
    labels = {"added": "tillagd", "updated": "uppdaterad", "unchanged": "oförändrad (redan indexerad)"}
    for r in report.results:
        if r.status == "failed":
            errors.append(f"{name}: {r.reason}")
        else:
            ok.append(f"{name}: {labels.get(r.status, r.status)}")
    return ok, errors


# -- chat page -------------------------------------------------------------------------------
def _filter_sidebar(svc: Planchat) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """Sidebar filters: the keyword arguments for ask() and the active ones as (kind, value)."""
    docs = svc.documents()
    titles = {d.doc_id: d.title for d in docs}
    orgs = sorted({d.organisation for d in docs if d.organisation})
    years = sorted({y for d in docs for y in d.years})
    st.sidebar.subheader("Filter")
    doc_id = st.sidebar.selectbox(
        "Dokument", [ALL, *titles], format_func=lambda v: titles.get(v, v), key="f_doc"
    )
    organisation = st.sidebar.selectbox("Organisation", [ALL, *orgs], key="f_org")
    year = st.sidebar.selectbox("År", [ALL, *years], key="f_year")
    kwargs: dict[str, Any] = {
        "doc_id": None if doc_id == ALL else doc_id,
        "organisation": None if organisation == ALL else organisation,
        "year": year if isinstance(year, int) else None,
    }
    active: list[tuple[str, str]] = []
    if kwargs["year"] is not None:
        active.append(("year_filter", str(kwargs["year"])))
    if kwargs["organisation"]:
        active.append(("org_filter", kwargs["organisation"]))
    if kwargs["doc_id"]:
        active.append(("doc_filter", titles.get(kwargs["doc_id"], kwargs["doc_id"])))
    return kwargs, active


def _reset_conversation() -> None:
    st.session_state["messages"] = []
    st.session_state.pop("pending_question", None)


def _ask_example(question: str) -> None:
    st.session_state["pending_question"] = question


def _readable_file(source: str) -> Path | None:
    """The document's file when it is there to be offered (not too large to hand out)."""
    try:
        path = Path(source)
        if path.is_file() and path.stat().st_size <= MAX_DOWNLOAD_BYTES:
            return path
    except OSError:
        pass
    return None


def _location(doc: Document, p: Passage, lab: dict[str, str] | None = None) -> str:
    lab = lab or LABELS["sv"]
    parts = []
    if doc.diarienummer:
        parts.append(f"Dnr {doc.diarienummer}")
    if p.page is not None:
        parts.append(lab["page"].format(page=p.page))
    if p.section:
        parts.append(p.section)
    return " · ".join(parts)


@st.cache_data(max_entries=128, show_spinner=False)
def _page_image(source: str, stamp: tuple[int, int], page: int, quote: str) -> PageImage | None:
    """``ui.pages.render_page``, cached per file version (``stamp``: size and mtime), page and quote."""
    return render_page(source, page, quote)


def page_image(source: str, page: int, quote: str) -> PageImage | None:
    path = _readable_file(source)
    if path is None or not is_pdf(path):
        return None
    stat = path.stat()
    return _page_image(str(path), (stat.st_size, stat.st_mtime_ns), page, quote)


def _inline_url(path: Path, key: str) -> str | None:
    """A URL of this Streamlit server that shows the file inline (a PDF opens in the browser's
    viewer, so "#page=N" opens it at a page). Served from Streamlit's media store while the answer
    is the session's latest (re-added on each rerun); no network, no folder of the server exposed."""
    from streamlit import runtime

    if not runtime.exists():
        return None
    try:
        url = runtime.get_instance().media_file_mgr.add(str(path), "application/pdf", key)
    except (OSError, RuntimeError) as err:
        log.warning("planchat: cannot offer %s inline: %s", path.name, err)
        return None
    base = str(st.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{base}{url}" if base else url


def _render_citation(
    svc: Planchat, c: Citation, turn: int, lab: dict[str, str], urls: dict[str, str]
) -> None:
    p, doc = c.passage, c.document
    with st.container(border=True, key=source_anchor(turn, c.n)):
        st.subheader(f"\\[{c.n}\\] {escape_md(doc.title)}", anchor=source_anchor(turn, c.n))
        loc = _location(doc, p, lab)
        if loc:
            st.caption(escape_md(loc))
        marked = False
        if p.page is not None:
            image = page_image(doc.source, p.page, c.quote)
            if image is not None:
                marked = image.marked > 0
                which = (
                    "page_unmarked" if not marked else ("page_marked" if image.whole_page else "band_marked")
                )
                st.image(
                    image.png,
                    caption=lab[which].format(page=p.page, file=svc.display_name(doc.source)),
                    output_format="PNG",
                )
            url = urls.get(doc.doc_id)
            if url:
                st.link_button(
                    lab["open_page"].format(page=p.page),
                    f"{url}#page={p.page}",
                    icon=":material/open_in_new:",
                )
        if not marked:
            _render_in_section(svc, c)


def _clip(text: str, limit: int = 400) -> str:
    """``text`` cut at a word to at most ``limit`` characters (and " …"); its lines kept."""
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + " …"


def _render_in_section(svc: Planchat, c: Citation) -> None:
    """The cited passage with the quote in bold, between its neighbours in the same section."""
    try:
        around = svc.passage_in_section(c.passage.passage_id)
    except PlanchatError:
        around = []
    for q in around or [c.passage]:
        if q.passage_id == c.passage.passage_id:
            st.markdown(highlight_md(q.text, c.quote, join_lines=q.kind != "table"))
        else:
            st.caption(_md_lines(_clip(q.text)))


def _render_sources(svc: Planchat, answer: Answer, turn: int, lab: dict[str, str], latest: bool) -> None:
    docs: dict[str, Document] = {}
    for c in answer.citations:
        docs.setdefault(c.document.doc_id, c.document)
    files = {doc_id: _readable_file(d.source) for doc_id, d in docs.items()}
    # "Open the original at page n" for the latest answer only: the media store reads the whole
    # file on every rerun, so not every PDF cited in the conversation each time.
    urls: dict[str, str] = {}
    if latest:
        for doc_id, path in files.items():
            if path is not None and is_pdf(path):
                url = _inline_url(path, f"planchat-source-{turn}-{doc_id}")
                if url:
                    urls[doc_id] = url
    with st.expander(lab["sources"].format(n=len(answer.citations))):
        for c in answer.citations:
            _render_citation(svc, c, turn, lab, urls)
        offered = [(docs[doc_id], path) for doc_id, path in files.items() if path is not None]
        if offered:
            st.markdown(f"**{escape_md(lab['documents'])}**")
            for doc, path in offered:  # one download per document, however often it is cited
                name = svc.display_name(str(path))
                st.download_button(
                    lab["download"].format(file=escape_md(name)),  # a label is markdown
                    data=functools.partial(path.read_bytes),
                    file_name=name,
                    key=f"dl-{turn}-{doc.doc_id}",
                    icon=":material/download:",
                    on_click="ignore",
                    help=escape_md(doc.title),
                )


def _render_related(hits: list[Hit], lab: dict[str, str]) -> None:
    with st.expander(lab["related"].format(n=len(hits))):
        for h in hits:
            loc = _location(h.document, h.passage, lab)
            st.markdown(f"**{escape_md(h.document.title)}**" + (f" — {escape_md(loc)}" if loc else ""))
            st.caption(_md_lines(_clip(h.passage.text)))


def _render_amount_chart(answer: Answer, lab: dict[str, str]) -> None:
    """The amounts of the answer as bars, axis and tooltips in Swedish number format. No sum is
    made here: the answer's text states the total the library added up (rows of one table)."""
    rows: dict[str, int] = {}
    labels = {a.label for a in answer.amounts}
    for a in answer.amounts:
        # Bar labels: who, when every row pays for the same thing; otherwise what (and who).
        post = a.who if len(labels) == 1 and a.who else (f"{a.who}: {a.label}" if a.who else a.label)
        post = post if len(post) <= 60 else post[:57] + "…"
        rows[post] = rows.get(post, 0) + a.value  # the same item in two rows of the table
    if len(rows) < 2:
        return
    values = [{"post": k, "kr": v, "belopp": format_kr(v)} for k, v in rows.items()]
    spec = {
        "data": {"values": values},
        "mark": {"type": "bar"},
        "height": {"step": 30},
        "encoding": {
            "y": {
                "field": "post",
                "type": "nominal",
                "sort": None,
                "title": None,
                "axis": {"labelLimit": 320},
            },
            "x": {
                "field": "kr",
                "type": "quantitative",
                "title": "kr",
                # d3's "," groups thousands with commas; Swedish writes a space (3 250 000).
                "axis": {"labelExpr": "replace(format(datum.value, ',d'), regexp(',', 'g'), ' ')"},
            },
            "tooltip": [
                {"field": "post", "title": lab["post"]},
                {"field": "belopp", "title": lab["amount"]},
            ],
        },
    }
    st.vega_lite_chart(spec, width="stretch")


def status_label(status: str | None, language: str = "sv") -> str:
    names = STATUS_EN if language == "en" else STATUS_SV
    return names.get(status or "", status or "")


def answer_activity_rows(activities: list[dict[str, Any]], language: str = "sv") -> list[dict[str, Any]]:
    """The activities of a status answer as rows: name, status, year and citation number."""
    return [
        {
            "name": " ".join(str(a.get("name") or "").split()),
            "status": status_label(a.get("status"), language),
            "year": str(a["year"]) if a.get("year") else "",
            "citation": a.get("citation"),
        }
        for a in activities
    ]


def activities_table_md(rows: list[dict[str, Any]], lab: dict[str, str], turn: int, cited: set[int]) -> str:
    """One compact markdown table (activity, status, year, source); each source links to its card."""
    head = [lab["activity"], lab["status"], lab["year"], lab["source"]]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in rows:
        n = r["citation"]
        source = _marker_links(f"\\[{n}\\]", turn, cited) if n else ""
        cells = [escape_md(r["name"]), escape_md(r["status"]), escape_md(r["year"]), source]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def render_answer(
    svc: Planchat, answer: Answer, filters: list[tuple[str, str]], turn: int, *, latest: bool = True
) -> None:
    """One answer; ``latest``: the conversation's last, the only one whose cited PDFs the reader
    can open at their page from here."""
    lab = labels_for(answer.language)
    cited = {c.n for c in answer.citations}
    with st.container(key=f"answer-{turn}"):
        if answer.understood_as:
            st.caption(f"{lab['understood']}: {escape_md(answer.understood_as)}")
        if answer.answered:
            st.markdown(answer_md(answer.text, turn, cited, lists=not answer.activities))
        else:
            st.info(_md_lines(answer.text))
        if answer.activities:
            rows = answer_activity_rows(answer.activities, answer.language)
            st.markdown(activities_table_md(rows, lab, turn, cited))
        if answer.amounts:
            _render_amount_chart(answer, lab)
        if filters:
            shown = ", ".join(lab[kind].format(value=value) for kind, value in filters)
            st.caption(f"{lab['filters']}: " + escape_md(shown))
    if answer.citations:
        _render_sources(svc, answer, turn, lab, latest)
    cited_ids = {c.passage.passage_id for c in answer.citations}
    related = [h for h in answer.related if h.passage.passage_id not in cited_ids]
    if related:
        _render_related(related, lab)


def _render_message(svc: Planchat, msg: dict[str, Any], turn: int, *, latest: bool = False) -> None:
    with st.chat_message(msg["role"]):
        if msg["role"] == "user":
            st.markdown(escape_md(msg["content"]))
        elif msg.get("error"):
            st.error(msg["content"])
        else:
            render_answer(svc, msg["answer"], msg.get("filters", []), turn, latest=latest)


def _ask_box_style() -> str:
    """The question box stays at the foot of the view, over the page's own background."""
    theme = st.get_option("theme.backgroundColor")
    if not theme:
        dark = getattr(getattr(st.context, "theme", None), "type", "light") == "dark"
        theme = "#0e1117" if dark else "#ffffff"
    if not re.fullmatch(r"#[0-9a-fA-F]{3,8}|[a-zA-Z]+", str(theme)):
        theme = "#ffffff"
    return _ASK_BOX_STYLE.replace("{background}", str(theme))


def page_chat(svc: Planchat) -> None:
    st.title("Fråga om planer och rapporter")
    st.sidebar.html(_STYLE + _ask_box_style() + _SOURCES_JS, unsafe_allow_javascript=True)
    filters, active_filters = _filter_sidebar(svc)
    st.sidebar.button(
        "Ny konversation", on_click=_reset_conversation, icon=":material/add_comment:", key="new_chat"
    )

    messages: list[dict[str, Any]] = st.session_state.setdefault("messages", [])
    # The question box is in the page, after the conversation (held at the foot of the view by
    # the style sheet), not pinned by Streamlit: a pinned box makes Streamlit keep the page
    # scrolled to its bottom, away from the start of the answer.
    conversation = st.container()
    prompt = st.container(key="ask_box").chat_input(
        "Ställ en fråga om dokumenten …", max_chars=MAX_QUESTION_CHARS, key="chat_input"
    )
    question = prompt or st.session_state.pop("pending_question", None)
    with conversation:
        _conversation(svc, messages, question, filters, active_filters)


def _conversation(
    svc: Planchat,
    messages: list[dict[str, Any]],
    question: str | None,
    filters: dict[str, Any],
    active_filters: list[tuple[str, str]],
) -> None:
    if not messages and not question:
        st.caption(
            "Svaren hämtas ordagrant ur de indexerade dokumenten, med källhänvisningar. "
            "Frågor på engelska går också bra. Prova till exempel:"
        )
        for i, example in enumerate(EXAMPLES):
            st.button(example, key=f"example-{i}", on_click=_ask_example, args=(example,))
        if not svc.documents():
            st.info(
                "Inga dokument är indexerade ännu. Lägg till dokument på sidan Dokument eller kör: planchat ingest corpus/"
            )

    for turn, msg in enumerate(messages):
        _render_message(svc, msg, turn, latest=not question and turn == len(messages) - 1)

    if not question:
        return
    history = [{"role": m["role"], "content": m["content"]} for m in messages if not m.get("error")]
    user_msg = {"role": "user", "content": question}
    _render_message(svc, user_msg, len(messages))
    turn = len(messages) + 1
    with st.chat_message("assistant"):
        try:
            with st.spinner("Söker i dokumenten …"):
                answer = svc.ask(question, history=history, **filters)
        except PlanchatError as err:
            reply: dict[str, Any] = {"role": "assistant", "content": str(err), "error": True}
            st.error(str(err))
        except Exception as exc:  # noqa: BLE001 - never a traceback in the page
            log.exception("planchat: ask failed")
            reply = {
                "role": "assistant",
                "content": f"Ett oväntat fel inträffade ({type(exc).__name__}); se serverloggen.",
                "error": True,
            }
            st.error(reply["content"])
        else:
            reply = {"role": "assistant", "content": answer.text, "answer": answer, "filters": active_filters}
            render_answer(svc, answer, active_filters, turn)
            _scroll_to(f"answer-{turn}")
    messages.extend([user_msg, reply])


# -- documents page --------------------------------------------------------------------------
WRITES_DISABLED_SV = (
    "Uppladdning och borttagning är avstängda på den här servern (inställningen PLANCHAT_UPLOADS_ENABLED)."
)
WRITES_CLOSED_SV = (
    "Uppladdning och borttagning är stängda: servern har ingen API-nyckel. Sätt PLANCHAT_API_TOKEN "
    "(då frågar appen efter nyckeln här) eller, bara för en lokal körning med en enda användare, "
    "PLANCHAT_OPEN_WRITES=true. Kommandot planchat ui på 127.0.0.1 gör det senare själv."
)


def may_write_here(settings: Settings) -> bool:
    """May this session upload and delete? Says why not (in Swedish) when it may not.

    The same rule as the API: uploads_enabled at all, then the API token (asked for here), or
    open writes for a local single-user run; with neither, writes are closed.
    """
    access = settings.write_access()
    if access == "open":
        return True
    if access == "disabled":
        st.caption(WRITES_DISABLED_SV)
        return False
    if access == "closed":
        st.caption(WRITES_CLOSED_SV)
        return False
    given = st.text_input(
        "API-nyckel för att lägga till och ta bort dokument",
        type="password",
        key="write_token",
        help="Nyckeln som servern har i PLANCHAT_API_TOKEN.",
    )
    if not given:
        st.caption("Ange API-nyckeln (PLANCHAT_API_TOKEN) för att lägga till eller ta bort dokument.")
        return False
    if not token_matches(given, settings.api_token):
        st.error("API-nyckeln stämmer inte; uppladdning och borttagning är stängda.")
        return False
    return True


def _flash(kind: str, text: str) -> None:
    st.session_state.setdefault("flash", []).append((kind, text))


def _show_flash() -> None:
    for kind, text in st.session_state.pop("flash", []):
        getattr(st, kind)(escape_md(text))


# Streamlit's uploader has no setting for its own words ("Upload", "50MB per file • PDF"): the
# app's style sheet writes them in Swedish over the English ones. Constant text plus the limit.
_UPLOADER_STYLE = """<style>
.st-key-uploader_box [data-testid="stFileUploaderDropzoneInstructions"] span { font-size: 0; }
.st-key-uploader_box [data-testid="stFileUploaderDropzoneInstructions"] span::after {
  content: "{limit}"; font-size: 0.875rem;
}
.st-key-uploader_box [data-testid="stFileUploaderDropzone"] button p { font-size: 0; }
.st-key-uploader_box [data-testid="stFileUploaderDropzone"] button p::after {
  content: "Välj filer"; font-size: 0.875rem;
}
</style>"""


def page_documents(svc: Planchat) -> None:
    import pandas as pd

    settings = svc.settings
    st.title("Dokument")
    _show_flash()
    docs = svc.documents()
    if docs:
        df = pd.DataFrame(
            [
                {
                    "Titel": d.title,
                    "Typ": d.kind,
                    "Organisation": d.organisation or "",
                    "Nämnd": d.nämnd or "",
                    "Förvaltning": d.förvaltning or "",
                    "Diarienummer": d.diarienummer or "",
                    "Datum": d.date or "",
                    "År": ", ".join(str(y) for y in d.years),
                    "Sidor": d.pages,
                    "Stycken": d.passages,
                    "Fil": Path(d.source).name,
                    "Id": d.doc_id,
                }
                for d in docs
            ]
        )
        st.caption(f"{len(docs)} dokument, {sum(d.passages for d in docs)} stycken i indexet.")
        st.dataframe(df, hide_index=True, width="stretch")
    else:
        st.info("Inga dokument är indexerade ännu.")

    if not may_write_here(settings):
        return

    st.subheader("Lägg till dokument")
    gen = st.session_state.setdefault("uploader_gen", 0)
    kinds = ", ".join(s.lstrip(".").upper() for s in UPLOAD_SUFFIXES)
    st.html(_UPLOADER_STYLE.replace("{limit}", f"högst {int(settings.max_upload_mb)} MB per fil · {kinds}"))
    files = st.container(key="uploader_box").file_uploader(
        f"PDF, Word (.docx), text eller Markdown, högst {settings.max_upload_mb} MB per fil",
        type=[s.lstrip(".") for s in UPLOAD_SUFFIXES],
        accept_multiple_files=True,
        key=f"uploader-{gen}",
        max_upload_size=settings.max_upload_mb,
    )
    if files and st.button("Indexera", type="primary", key="ingest"):
        with st.status("Indexerar …", expanded=True) as status:
            bar = st.progress(0.0)
            failed = 0
            for i, f in enumerate(files):
                st.write(f"{f.name} …")

                def progress(label: str, done: int, total: int, i: int = i) -> None:
                    frac, text = upload_progress(label, done, total)
                    bar.progress(min((i + frac) / len(files), 1.0), text=text)

                ok, errors = ingest_upload(svc, f.name, f.getvalue(), progress=progress)
                for text in ok:
                    _flash("success", text)
                for text in errors:
                    failed += 1
                    st.error(escape_md(text))
                    _flash("error", text)
            bar.progress(1.0)
            status.update(
                label="Klart" if not failed else f"Klart, {failed} fil(er) misslyckades",
                state="error" if failed else "complete",
            )
        st.session_state["uploader_gen"] = gen + 1
        st.rerun()

    if docs:
        st.subheader("Ta bort dokument")
        titles = {d.doc_id: d.title for d in docs}
        st.selectbox("Dokument", list(titles), format_func=lambda v: titles[v], key="delete_doc")
        confirmed = st.checkbox("Ja, ta bort dokumentet ur indexet", key="delete_confirm")
        # The delete runs in the button's callback, before the page is drawn again: the table
        # above no longer lists the document, and the confirmation can be reset.
        st.button(
            "Ta bort",
            disabled=not confirmed,
            key="delete",
            on_click=_delete_selected,
            args=(svc,),
            type="primary",
        )


def _delete_selected(svc: Planchat) -> None:
    """Callback of "Ta bort": delete the chosen document and say what became of its file."""
    doc_id = st.session_state.get("delete_doc")
    st.session_state["delete_confirm"] = False
    if not doc_id:
        return
    try:
        doc = svc.delete(doc_id)
    except IndexLockedError:
        _flash("error", BUSY_SV.capitalize())
        return
    except PlanchatError as err:
        _flash("error", str(err))
        return
    remaining = svc.documents()  # the choice moves to a document that is still there
    if remaining:
        st.session_state["delete_doc"] = remaining[0].doc_id
    else:
        st.session_state.pop("delete_doc", None)
    name = svc.display_name(doc.source)
    if svc.uploaded_file(doc.source) is not None and not Path(doc.source).exists():
        _flash("success", f"Borttaget: {doc.title}. Den uppladdade filen {name} är också borttagen.")
    else:
        _flash(
            "success",
            f"Borttaget ur indexet: {doc.title}. Filen {name} ligger kvar i dokumentmappen och läses in "
            "igen vid nästa planchat ingest av den mappen, om den inte tas bort där.",
        )


# -- amounts page ----------------------------------------------------------------------------
_FACT_COLUMNS = {
    "value": "Belopp (kr)",
    "label": "Vad",
    "who": "Vem",
    "year": "År",
    "organisation": "Organisation",
    "title": "Dokument",
    "diarienummer": "Diarienummer",
    "raw": "Som skrivet",
    "is_total": "Summarad rad",
    "check": "Kontroll",
}


def _facts_frame(facts: list[dict[str, Any]]) -> Any:
    import pandas as pd

    df = pd.DataFrame(facts)
    for col in _FACT_COLUMNS:
        if col not in df.columns:
            df[col] = None
    df = df[list(_FACT_COLUMNS)].rename(columns=_FACT_COLUMNS)
    df["År"] = df["År"].astype("Int64")
    df["Summarad rad"] = df["Summarad rad"].fillna(False).astype(bool)
    return df


def _filter_year_and_text(view: Any, year: Any, search: str) -> Any:
    """Rows of one year (unless "Alla") whose shown values contain the search text."""
    import pandas as pd

    if isinstance(year, int):
        view = view[view["År"] == year]
    if search.strip():
        needle = search.strip().lower()
        hay = view.apply(lambda row: " ".join(str(v) for v in row if pd.notna(v)).lower(), axis=1)
        view = view[[needle in h for h in hay]]
    return view


def _csv_download(view: Any, file_name: str, key: str) -> None:
    st.download_button(
        "Ladda ner som CSV",
        data=view.to_csv(index=False).encode("utf-8-sig"),
        file_name=file_name,
        mime="text/csv",
        key=key,
        icon=":material/download:",
    )


def filter_facts(df: Any, year: Any, organisations: list[str], whos: list[str], search: str) -> Any:
    view = df
    if organisations:
        view = view[view["Organisation"].astype(str).isin(organisations)]
    if whos:
        view = view[view["Vem"].astype(str).isin(whos)]
    return _filter_year_and_text(view, year, search)


def page_amounts(svc: Planchat) -> None:
    st.title("Belopp")
    st.caption("Belopp som lästs ut ur dokumentens tabeller och text, med källa.")
    try:
        facts = svc.facts()
    except PlanchatError as err:
        st.error(str(err))
        return
    if not facts:
        st.info("Inga belopp har hittats i de indexerade dokumenten.")
        return
    df = _facts_frame(facts)

    c1, c2, c3, c4 = st.columns([1, 2, 2, 2])
    years = sorted({int(y) for y in df["År"].dropna()})
    year = c1.selectbox("År", [ALL, *years], key="facts_year")
    orgs = c2.multiselect(
        "Organisation",
        sorted({str(o) for o in df["Organisation"].dropna()}),
        key="facts_org",
        placeholder="Välj organisation",
    )
    whos = c3.multiselect(
        "Vem", sorted({str(w) for w in df["Vem"].dropna()}), key="facts_who", placeholder="Välj mottagare"
    )
    search = c4.text_input("Sök", key="facts_q", placeholder="t.ex. team, utbildning")
    view = filter_facts(df, year, orgs, whos, search)

    st.caption(f"{len(view)} av {len(df)} belopp")
    st.dataframe(facts_display(view), hide_index=True, width="stretch")
    # No sum is computed across rows here: the rows come from several tables and documents, where
    # a grant, its split and the same figures restated would be counted two or three times. The
    # totals shown are the documents' own, with the check of each against its table's rows.
    totals = stated_totals(view)
    if not totals.empty:
        st.markdown("##### Totalsummor enligt dokumenten")
        st.caption("Summeringsrader ur dokumentens tabeller, med kontroll mot tabellens rader.")
        st.table(totals, hide_index=True)
    _csv_download(view, "planchat-belopp.csv", "facts_csv")


def _check_sv(check: Any) -> str:
    return (
        "raderna summerar rätt"
        if check == "ok"
        else (f"avvikelse: {check}" if isinstance(check, str) and check else "")
    )


def _year_text(years: Any) -> list[str]:
    """A column of years as text: an unknown year is empty, not "None" or "<NA>"."""
    import pandas as pd

    return [str(int(y)) if pd.notna(y) else "" for y in years]


def facts_display(view: Any) -> Any:
    """The amounts as the page shows them: Swedish number format (3 250 000 kr), sorted by the
    numbers beneath; empty cells empty, never "None"."""
    shown = view.copy()
    for col in shown.columns:
        if col not in ("Belopp (kr)", "Summarad rad", "År"):
            shown[col] = shown[col].astype(object).where(shown[col].notna(), "")
    shown["År"] = _year_text(shown["År"])
    shown["Kontroll"] = [_check_sv(c) for c in shown["Kontroll"]]
    return shown.style.format({"Belopp (kr)": format_kr})


def stated_totals(view: Any) -> Any:
    """The total rows the documents themselves state (never a sum made here), readable."""
    totals = view[view["Summarad rad"]].copy()
    totals["Belopp"] = [format_kr(v) for v in totals["Belopp (kr)"]]
    totals["Kontroll"] = [_check_sv(c) for c in totals["Kontroll"]]
    totals["År"] = _year_text(totals["År"])
    return totals[["Belopp", "Vad", "År", "Dokument", "Kontroll"]].fillna("")


# -- activities page -------------------------------------------------------------------------
ACTIVITY_COLUMNS = ["Aktivitet", "År", "Status", "Dokument", "Diarienummer", "Underlag"]


def activities_frame(activities: list[dict[str, Any]]) -> Any:
    """One row per statement of each linked activity (Planchat.activities())."""
    import pandas as pd

    rows = [
        {
            "Aktivitet": a["name"],
            "År": s.get("year"),
            "Status": status_label(s.get("status")),
            "Dokument": s.get("title") or "",
            "Diarienummer": s.get("diarienummer") or "",
            "Underlag": s.get("evidence") or "",
        }
        for a in activities
        for s in a.get("statements", [])
    ]
    df = pd.DataFrame(rows, columns=ACTIVITY_COLUMNS)
    df["År"] = df["År"].astype("Int64")
    return df


def filter_activities(df: Any, year: Any, statuses: list[str], search: str) -> Any:
    view = df
    if statuses:
        view = view[view["Status"].isin(statuses)]
    return _filter_year_and_text(view, year, search)


def page_activities(svc: Planchat) -> None:
    st.title("Aktiviteter")
    st.caption(
        "Aktiviteter ur handlingsplaner och återrapporteringar, kopplade över dokument och år. "
        "En rad per uppgift om aktivitetens status, med underlaget ordagrant ur dokumentet."
    )
    try:
        activities = svc.activities()
    except PlanchatError as err:
        st.error(str(err))
        return
    if not activities:
        st.info("Inga aktiviteter har hittats i de indexerade dokumenten.")
        return
    df = activities_frame(activities)

    c1, c2, c3 = st.columns([1, 2, 2])
    years = sorted({int(y) for y in df["År"].dropna()})
    year = c1.selectbox("År", [ALL, *years], key="act_year")
    present = set(df["Status"])
    statuses = c2.multiselect(
        "Status", [v for v in STATUS_SV.values() if v in present], key="act_status", placeholder="Välj status"
    )
    search = c3.text_input("Sök", key="act_q", placeholder="t.ex. återhämtning, anhöriga")
    view = filter_activities(df, year, statuses, search)

    st.caption(f"{view['Aktivitet'].nunique()} av {df['Aktivitet'].nunique()} aktiviteter, {len(view)} rader")
    shown = view.copy()  # years as text: an unknown year is empty, not "None"
    shown["År"] = _year_text(shown["År"])
    st.dataframe(shown, hide_index=True, width="stretch")
    _csv_download(view, "planchat-aktiviteter.csv", "act_csv")


# -- main ------------------------------------------------------------------------------------
def _may_read_here(settings: Settings) -> bool:
    """With PLANCHAT_READ_TOKEN set, the app asks for that key (or the API key) before anything else."""
    given = st.sidebar.text_input("Nyckel", type="password", key="read_token", help="PLANCHAT_READ_TOKEN")
    if given and token_matches(given, settings.read_token, settings.api_token):
        return True
    st.title("planchat")
    if given:
        st.error("Nyckeln stämmer inte.")
    else:
        st.info("Den här servern kräver en nyckel för att läsa (PLANCHAT_READ_TOKEN). Ange den i sidofältet.")
    return False


def main() -> None:
    # The chat reads best narrow, the tables of the other pages wide (the page chosen is in the
    # session state before the script runs).
    chat = st.session_state.get("page", PAGES[0]) == PAGES[0]
    st.set_page_config(
        page_title="planchat – Fråga om planer och rapporter",
        page_icon="📄",
        layout="centered" if chat else "wide",
    )
    settings = current_settings()
    # Uploads and deletes from several sessions queue behind the one writer for a bounded time.
    settings = settings.model_copy(
        update={"write_wait_s": max(settings.write_wait_s, settings.api_write_wait_s)}
    )
    if settings.read_token and not _may_read_here(settings):
        return
    svc = get_service(settings.model_dump_json())
    st.sidebar.title("planchat")
    page = st.sidebar.radio("Sida", PAGES, key="page", label_visibility="collapsed")
    try:
        if page == "Dokument":
            page_documents(svc)
        elif page == "Belopp":
            page_amounts(svc)
        elif page == "Aktiviteter":
            page_activities(svc)
        else:
            page_chat(svc)
    except PlanchatError as err:
        st.error(str(err))
    except Exception as exc:  # noqa: BLE001 - never a traceback in the page (st.rerun is a BaseException)
        log.exception("planchat: page %s failed", page)
        st.error(f"Ett oväntat fel inträffade ({type(exc).__name__}); se serverloggen.")


if __name__ == "__main__":
    main()
