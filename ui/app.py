"""Streamlit chat app: ``planchat ui`` (or ``streamlit run ui/app.py``).

Four pages: **Chatt** (questions with cited passages), **Dokument** (the index, upload,
delete), **Belopp** (extracted amounts) and **Aktiviteter** (activities and their status per
year). One ``Planchat`` per server process and data directory, warmed up once. Document text
is always rendered through :func:`escape_md` as plain markdown; raw-HTML rendering is never
enabled.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import streamlit as st

from ingest.errors import IndexLockedError, PlanchatError
from ingest.models import Document, Passage
from retrieval.answer import Answer, Citation, sentences
from retrieval.search import Hit
from retrieval.service import MAX_QUESTION_CHARS, UPLOAD_SUFFIXES, Planchat
from retrieval.settings import Settings
from ui.auth import token_matches

log = logging.getLogger("planchat.app")

ALL = "Alla"
EXAMPLES = (
    "Vad kostade socialpsykiatriska teamet 2019?",
    "Vilka aktiviteter fortsätter 2020?",
    "Vad är Mina planer?",
    "How many relatives took part in the lecture series in spring 2019?",
)
PAGES = ("Chatt", "Dokument", "Belopp", "Aktiviteter")
# Activity statuses (ingest.activities.STATUSES) as the page and the answer tables show them.
STATUS_SV = {
    "new": "ny",
    "ongoing": "pågående",
    "continues": "fortsätter",
    "planned": "planerad",
    "carried_out": "genomförd",
    "completed": "avslutad",
    "not_started": "inte påbörjad",
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


def quote_spans(text: str, quote: str) -> list[tuple[int, int]]:
    """Where the quoted sentence(s) stand in the passage (non-overlapping, in order)."""
    spans: list[tuple[int, int]] = []
    candidates = [quote.strip()] if quote.strip() in text else sentences(quote)
    for cand in candidates:
        start = text.find(cand)
        if cand and start >= 0 and not any(a < start + len(cand) and start < b for a, b in spans):
            spans.append((start, start + len(cand)))
    return sorted(spans)


def highlight_md(text: str, quote: str) -> str:
    """The passage as safe markdown with the quoted sentence(s) in bold."""
    out_lines: list[str] = [""]
    pos = 0
    segments: list[tuple[str, bool]] = []
    for a, b in quote_spans(text, quote):
        segments += [(text[pos:a], False), (text[a:b], True)]
        pos = b
    segments.append((text[pos:], False))
    for seg, marked in segments:
        for i, piece in enumerate(seg.split("\n")):
            if i:
                out_lines.append("")
            out_lines[-1] += _bold(piece) if marked else escape_md(piece)
    return "  \n".join(line.strip() for line in out_lines if line.strip())


def answer_md(text: str) -> str:
    """Answer text, escaped, with "- " lines as a list and its [n] citation markers in bold."""
    blocks: list[str] = []
    in_list = False
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("- "):
            item = "- " + escape_md(line[2:].strip())
            blocks.append(("\n" if in_list else "\n\n") + item)
            in_list = True
        else:
            blocks.append(("\n\n" if in_list else ("  \n" if blocks else "")) + escape_md(line))
            in_list = False
    # Adjacent markers ("[18][19]") are one bold run: "**[18]****[19]**" would show the asterisks.
    return re.sub(r"((?:\\\[\d+\\\])+)", r"**\1**", "".join(blocks).strip())


def format_kr(value: int | float | None) -> str:
    if value is None:
        return ""
    return f"{int(value):,}".replace(",", "\u00a0") + "\u00a0kr"


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
def _filter_sidebar(svc: Planchat) -> tuple[dict[str, Any], list[str]]:
    """Sidebar filters: the keyword arguments for ask() and a readable list of the active ones."""
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
    labels = []
    if kwargs["year"] is not None:
        labels.append(f"år {kwargs['year']}")
    if kwargs["organisation"]:
        labels.append(f"organisation {kwargs['organisation']}")
    if kwargs["doc_id"]:
        labels.append(f"dokument »{titles.get(kwargs['doc_id'], kwargs['doc_id'])}«")
    return kwargs, labels


def _reset_conversation() -> None:
    st.session_state["messages"] = []
    st.session_state.pop("pending_question", None)


def _ask_example(question: str) -> None:
    st.session_state["pending_question"] = question


def _source_bytes(source: str) -> bytes | None:
    try:
        path = Path(source)
        if path.is_file() and path.stat().st_size <= MAX_DOWNLOAD_BYTES:
            return path.read_bytes()
    except OSError:
        pass
    return None


def _location(doc: Document, p: Passage, with_title: bool = False) -> str:
    parts = [doc.title] if with_title else []
    if doc.diarienummer:
        parts.append(f"Dnr {doc.diarienummer}")
    if p.page is not None:
        parts.append(f"s. {p.page}")
    if p.section:
        parts.append(p.section)
    return " · ".join(parts)


def _render_citation(c: Citation, key: str) -> None:
    with st.container(border=True):
        st.markdown(f"**\\[{c.n}\\] {escape_md(c.document.title)}**")
        loc = _location(c.document, c.passage)
        if loc:
            st.caption(escape_md(loc))
        st.markdown(highlight_md(c.passage.text, c.quote))
        data = _source_bytes(c.document.source)
        if data is not None:
            st.download_button(
                "Ladda ner källdokumentet",
                data=data,
                file_name=Path(c.document.source).name,
                key=key,
                icon=":material/download:",
            )


def _render_related(hits: list[Hit]) -> None:
    st.markdown("##### Närliggande stycken")
    for h in hits:
        with st.container(border=True):
            st.markdown(f"**{escape_md(h.document.title)}**")
            loc = _location(h.document, h.passage)
            if loc:
                st.caption(escape_md(loc))
            text = h.passage.text
            st.markdown(_md_lines(text if len(text) <= 600 else text[:600].rsplit(" ", 1)[0] + " …"))


def _render_amounts(answer: Answer) -> None:
    import pandas as pd

    cite_of = {c.passage.passage_id: c.n for c in answer.citations}
    df = pd.DataFrame(
        [
            {
                "Belopp": format_kr(a.value),
                "Vad": a.label,
                "Vem": a.who or "",
                "År": str(a.year) if a.year else "",
                "Källa": f"[{cite_of[a.passage_id]}]" if a.passage_id in cite_of else "",
                "kr": a.value,
            }
            for a in answer.amounts
        ]
    )
    st.markdown("##### Belopp")
    st.dataframe(df[["Belopp", "Vad", "Vem", "År", "Källa"]], hide_index=True, width="stretch")
    # Bar labels: who, when every row pays for the same thing; otherwise what (and who).
    same_label = df["Vad"].nunique() == 1 and bool((df["Vem"] != "").all())
    posts = [
        r.Vem if same_label else (f"{r.Vem}: {r.Vad}" if r.Vem else r.Vad) for r in df.itertuples(index=False)
    ]
    df["Post"] = [str(p) if len(str(p)) <= 60 else str(p)[:57] + "…" for p in posts]
    chart = df.groupby("Post", sort=False)["kr"].sum().reset_index()
    if len(chart) > 1:
        st.bar_chart(
            chart,
            x="Post",
            y="kr",
            x_label="",
            y_label="kr",
            horizontal=True,
            height=80 + 32 * len(chart),
        )
    total = answer.total if answer.total is not None else sum(a.value for a in answer.amounts)
    st.markdown(f"**Summa: {escape_md(format_kr(total))}**")


def status_sv(status: str | None) -> str:
    return STATUS_SV.get(status or "", status or "")


def answer_activities_frame(activities: list[dict[str, Any]]) -> Any:
    """The activities of a status answer as a table: name, status, year and citation marker."""
    import pandas as pd

    rows = [
        {
            "Aktivitet": str(a.get("name") or ""),
            "Status": status_sv(a.get("status")),
            "År": str(a["year"]) if a.get("year") else "",
            "Källa": f"[{a['citation']}]" if a.get("citation") else "",
        }
        for a in activities
    ]
    return pd.DataFrame(rows, columns=["Aktivitet", "Status", "År", "Källa"])


def render_answer(answer: Answer, filter_labels: list[str], turn: int) -> None:
    if answer.understood_as:
        label = "Understood as" if answer.language == "en" else "Tolkat som"
        st.caption(f"{label}: {escape_md(answer.understood_as)}")
    if answer.answered:
        st.markdown(answer_md(answer.text))
    else:
        st.info(answer.text)
    if answer.amounts:
        _render_amounts(answer)
    if answer.activities:
        st.markdown("##### Aktiviteter")
        st.dataframe(answer_activities_frame(answer.activities), hide_index=True, width="stretch")
    if filter_labels:
        st.caption("Filter: " + escape_md(", ".join(filter_labels)))
    if answer.citations:
        st.markdown("##### Källor")
        for c in answer.citations:
            _render_citation(c, key=f"dl-{turn}-{c.n}")
    cited = {c.passage.passage_id for c in answer.citations}
    related = [h for h in answer.related if h.passage.passage_id not in cited]
    if related and not answer.answered:
        _render_related(related)
    elif related:
        with st.expander("Närliggande stycken"):
            for h in related:
                st.markdown(
                    f"**{escape_md(h.document.title)}** — {escape_md(_location(h.document, h.passage))}"
                )
                st.markdown(_md_lines(h.passage.text[:400]))


def _render_message(msg: dict[str, Any], turn: int) -> None:
    with st.chat_message(msg["role"]):
        if msg["role"] == "user":
            st.markdown(escape_md(msg["content"]))
        elif msg.get("error"):
            st.error(msg["content"])
        else:
            render_answer(msg["answer"], msg.get("filters", []), turn)


def page_chat(svc: Planchat) -> None:
    st.title("Fråga om planer och rapporter")
    filters, filter_labels = _filter_sidebar(svc)
    st.sidebar.button(
        "Ny konversation", on_click=_reset_conversation, icon=":material/add_comment:", key="new_chat"
    )

    messages: list[dict[str, Any]] = st.session_state.setdefault("messages", [])
    prompt = st.chat_input("Ställ en fråga om dokumenten …", max_chars=MAX_QUESTION_CHARS, key="chat_input")
    question = prompt or st.session_state.pop("pending_question", None)

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
        _render_message(msg, turn)

    if not question:
        return
    history = [{"role": m["role"], "content": m["content"]} for m in messages if not m.get("error")]
    user_msg = {"role": "user", "content": question}
    _render_message(user_msg, len(messages))
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
            reply = {"role": "assistant", "content": answer.text, "answer": answer, "filters": filter_labels}
            render_answer(answer, filter_labels, len(messages) + 1)
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
        getattr(st, kind)(text)


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
    files = st.file_uploader(
        f"PDF, Word (.docx), text eller Markdown, högst {settings.max_upload_mb} MB per fil",
        type=[s.lstrip(".") for s in UPLOAD_SUFFIXES],
        accept_multiple_files=True,
        key=f"uploader-{gen}",
    )
    if files and st.button("Indexera", type="primary", key="ingest"):
        with st.status("Indexerar …", expanded=True) as status:
            bar = st.progress(0.0)
            failed = 0
            for i, f in enumerate(files):
                st.write(f"{f.name} …")

                def progress(label: str, done: int, total: int, i: int = i) -> None:
                    frac = (i + (done / total if total else 0.0)) / len(files)
                    bar.progress(min(frac, 1.0), text=label)

                ok, errors = ingest_upload(svc, f.name, f.getvalue(), progress=progress)
                for text in ok:
                    _flash("success", text)
                for text in errors:
                    failed += 1
                    st.error(text)
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
        doc_id = st.selectbox("Dokument", list(titles), format_func=lambda v: titles[v], key="delete_doc")
        confirmed = st.checkbox("Ja, ta bort dokumentet ur indexet", key="delete_confirm")
        if st.button("Ta bort", disabled=not confirmed, key="delete"):
            try:
                doc = svc.delete(doc_id)
            except IndexLockedError:
                st.error(BUSY_SV.capitalize())
            except PlanchatError as err:
                st.error(str(err))
            else:
                _flash("success", f"Borttaget: {doc.title}")
                st.session_state["delete_confirm"] = False
                st.rerun()


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
    st.dataframe(
        view,
        hide_index=True,
        width="stretch",
        column_config={
            "Belopp (kr)": st.column_config.NumberColumn(format="localized"),
            "År": st.column_config.NumberColumn(format="%d"),
        },
    )
    # No sum is computed across rows here: the rows come from several tables and documents, where
    # a grant, its split and the same figures restated would be counted two or three times. The
    # totals shown are the documents' own, with the check of each against its table's rows.
    totals = stated_totals(view)
    if not totals.empty:
        st.markdown("##### Totalsummor enligt dokumenten")
        st.caption("Summeringsrader ur dokumentens tabeller, med kontroll mot tabellens rader.")
        st.dataframe(totals, hide_index=True, width="stretch")
    _csv_download(view, "planchat-belopp.csv", "facts_csv")


def stated_totals(view: Any) -> Any:
    """The total rows the documents themselves state (never a sum made here), readable."""
    import pandas as pd

    totals = view[view["Summarad rad"]].copy()
    totals["Belopp"] = [format_kr(v) for v in totals["Belopp (kr)"]]
    totals["Kontroll"] = [
        "raderna summerar rätt" if c == "ok" else (f"avvikelse: {c}" if isinstance(c, str) and c else "")
        for c in totals["Kontroll"]
    ]
    totals["År"] = [str(int(y)) if pd.notna(y) else "" for y in totals["År"]]
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
            "Status": status_sv(s.get("status")),
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
    st.dataframe(
        view,
        hide_index=True,
        width="stretch",
        column_config={"År": st.column_config.NumberColumn(format="%d")},
    )
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
    st.set_page_config(
        page_title="planchat – Fråga om planer och rapporter", page_icon="📄", layout="centered"
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
            st.set_page_config(layout="wide")
            page_documents(svc)
        elif page == "Belopp":
            st.set_page_config(layout="wide")
            page_amounts(svc)
        elif page == "Aktiviteter":
            st.set_page_config(layout="wide")
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
