"""Streamlit app through ``streamlit.testing.v1.AppTest`` (no browser), plus its safe-rendering helpers."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from retrieval.service import Planchat
from retrieval.settings import Settings
from tests import pdfgen
from tests.ui.conftest import XSS_QUESTION
from ui.app import (
    ALL,
    LABELS,
    STATUS_SV,
    activities_frame,
    activities_table_md,
    answer_activity_rows,
    answer_md,
    escape_md,
    facts_display,
    filter_activities,
    format_kr,
    highlight_md,
    ingest_upload,
    upload_progress,
)

APP = Path(__file__).resolve().parents[2] / "ui" / "app.py"


def _app() -> AppTest:
    return AppTest.from_file(str(APP), default_timeout=120).run()


def _ok(at: AppTest) -> None:
    assert not at.exception
    unexpected = [e.value for e in at.error if "oväntat fel" in e.value]
    assert not unexpected, unexpected


def _texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [i.value for i in at.info] + [e.value for e in at.error]
    return "\n".join(str(p) for p in parts)


def _titles(settings: Settings) -> set[str]:
    return {d.title for d in Planchat(settings).documents()}


# -- helpers (fast) --------------------------------------------------------------------------
def test_upload_progress_gives_vectors_their_own_stretch_of_the_bar() -> None:
    # Reading a file's pages fills the first half; its vectors the second, never back to the start.
    seen = [
        upload_progress("plan.pdf", 0, 0),
        upload_progress("plan.pdf", 5, 10),
        upload_progress("plan.pdf", 10, 10),
        upload_progress("[1/1] plan.pdf", 1, 1),
        upload_progress("vectors", 0, 40),
        upload_progress("vectors", 20, 40),
        upload_progress("vectors", 40, 40),
    ]
    fractions = [f for f, _ in seen]
    assert fractions == sorted(fractions) and fractions[0] == 0.0 and fractions[-1] == 1.0
    assert fractions[4] == 0.5 and fractions[5] == 0.75
    assert seen[5][1] == "Vektorer: 20 av 40 textavsnitt" and seen[1][1] == "plan.pdf"


def test_escape_md_makes_html_and_markdown_inert() -> None:
    raw = (
        "<script>alert(1)</script> <img src=x onerror=alert(1)> **fet** [länk](http://x) $x$ :red[y] # rubrik"
    )
    out = escape_md(raw)
    assert "<script" not in out.replace("\\<script", "")
    assert "\\<script\\>" in out and "\\<img src\\=x onerror\\=alert\\(1\\)\\>" in out
    assert "\\*\\*fet\\*\\*" in out and "\\[länk\\]\\(http\\:" in out and "\\$x\\$" in out
    for ch in "\\`*_[](){}#+-.!<>|~":
        assert escape_md(ch) == "\\" + ch


def test_highlight_marks_the_quote_only() -> None:
    text = "Första meningen. Den <b>citerade</b> meningen.\nTredje rad."
    out = highlight_md(text, "Den <b>citerade</b> meningen.")
    assert out == "Första meningen\\. **Den \\<b\\>citerade\\</b\\> meningen\\.**  \nTredje rad\\."
    assert highlight_md("abc", "not there") == "abc"


def test_highlight_finds_a_table_row_quoted_without_its_column_names() -> None:
    """An amount answer quotes the row as the table shows it; the passage stores it with its
    column names. The row is still marked, and only that row."""
    text = (
        "Verksamhet Belopp 2019 (kr) Ansvarig\n"
        "Mottagningsteamet Fosie Belopp 2019 (kr): 1 759 000 Ansvarig: Avdelning Mottagning\n"
        "Brukarinflytande Belopp 2019 (kr): 1 500 000 Ansvarig: Avdelning Stöd"
    )
    out = highlight_md(text, "Mottagningsteamet Fosie 1 759 000 Avdelning Mottagning", join_lines=False)
    bold = [line for line in out.split("  \n") if line.startswith("**")]
    assert len(bold) == 1 and "Fosie" in bold[0] and bold[0].endswith("Mottagning**")
    assert "**" not in out.split("  \n")[2]


def test_answer_md_lists_and_markers() -> None:
    out = answer_md("Totalt 2019: 10 kr (2 rader):\n- Norr: 5 kr [1]\n- Söder: 5 kr [2]")
    assert (
        out
        == "Totalt 2019\\: 10 kr \\(2 rader\\)\\:\n\n- Norr\\: 5 kr **\\[1\\]**\n- Söder\\: 5 kr **\\[2\\]**"
    )


def test_citation_markers_link_to_their_cards() -> None:
    out = answer_md("Enligt planen »x« [1][2], och »y« [3].", turn=5, cited={1, 2})
    assert "**[\\[1\\]](#src-5-1)[\\[2\\]](#src-5-2)**" in out  # one bold run, each its own link
    assert "**\\[3\\]**" in out and "#src-5-3" not in out  # no card, no link
    assert "****" not in out
    # Without the list (an activity answer shows its items as a table instead).
    assert (
        answer_md("Rubrik (2 st):\n- a [1]\n- b [2]", turn=1, cited={1, 2}, lists=False)
        == "Rubrik \\(2 st\\)\\:"
    )


def test_activity_answer_table_is_compact_and_links_sources() -> None:
    rows = answer_activity_rows(
        [
            {"name": "Hälsocirkel", "status": "continues", "year": 2020, "citation": 3},
            {"name": "Aktivitets|katalog", "status": "not_started", "year": None, "citation": 1},
        ],
        "en",
    )
    md = activities_table_md(rows, LABELS["en"], turn=1, cited={1, 3})
    lines = md.splitlines()
    assert lines[0] == "| Activity | Status | Year | Source |"
    assert lines[2] == "| Hälsocirkel | continues | 2020 | **[\\[3\\]](#src-1-3)** |"
    assert (
        lines[3] == "| Aktivitets\\|katalog | not started |  | **[\\[1\\]](#src-1-1)** |"
    )  # a pipe stays text


def test_amounts_show_in_swedish_format_and_no_none() -> None:
    import pandas as pd

    assert format_kr(3_250_000) == "3\u00a0250\u00a0000\u00a0kr"
    view = pd.DataFrame(
        {
            "Belopp (kr)": [3_250_000, 650_000],
            "Vad": ["Totalt", "Team"],
            "Vem": [None, "Norr"],
            "År": pd.array([2019, None], dtype="Int64"),
            "Organisation": ["Malmö stad", None],
            "Dokument": ["Plan", "Plan"],
            "Diarienummer": [None, None],
            "Som skrivet": ["3 250 000", "650 000"],
            "Summarad rad": [True, False],
            "Kontroll": ["ok", None],
        }
    )
    styled = facts_display(view)
    shown = styled.data
    assert shown["Belopp (kr)"].tolist() == [3_250_000, 650_000]  # sorted as numbers
    html = styled.to_html()
    assert (
        "3\u00a0250\u00a0000\u00a0kr" in html
        and "None" not in html
        and "<NA>" not in html
        and "nan" not in html
    )
    assert shown["År"].tolist() == ["2019", ""] and shown["Kontroll"].tolist() == [
        "raderna summerar rätt",
        "",
    ]


# -- the app (slow: loads the model and the corpus index) -------------------------------------
def _answer_md(at: AppTest) -> str:
    """The answer's own markdown (the one that carries the citation markers)."""
    return next(m.value for m in at.markdown if "](#src-" in m.value or "\\[1\\]" in m.value)


@pytest.mark.slow
def test_question_renders_answer_with_folded_sources(ui_env: Settings) -> None:
    at = _app()
    _ok(at)
    assert at.title[0].value == "Fråga om planer och rapporter"
    at.chat_input(key="chat_input").set_value("Vad är Mina planer?").run()
    _ok(at)
    answer = at.session_state["messages"][-1]["answer"]
    assert answer.answered and answer.citations
    # Sources fold into "Källor (n)", closed: the answer comes first.
    (sources,) = [e for e in at.expander if e.label.startswith("Källor")]
    assert sources.label == f"Källor ({len(answer.citations)})" and not sources.proto.expanded
    # Each [n] in the answer links to its card, and there is one card per citation.
    md = _answer_md(at)
    for c in answer.citations:
        if f"[{c.n}]" in answer.text:
            assert f"[\\[{c.n}\\]](#src-1-{c.n})" in md
    cards = [h.value for h in at.subheader if h.value.startswith("\\[")]
    assert cards == [f"\\[{c.n}\\] {escape_md(c.document.title)}" for c in answer.citations]
    assert any("Dnr " in c.value for c in at.caption)  # diarienummer in the source line
    # A text document's passage shows in its section, the quote in bold.
    first = answer.citations[0]
    assert first.passage.page is None
    quoted = " ".join(answer.to_json()["citations"][0]["quote"].split()[:3])
    bold = [
        " ".join(re.sub(r"\\(.)", r"\1", run).split())  # as the reader sees it: unescaped
        for m in sources.markdown
        for run in re.findall(r"(?<!\\)\*\*(.+?)(?<!\\)\*\*", m.value)
    ]
    assert any(quoted in run for run in bold), (quoted, bold)
    # One download per document, however often it is cited.
    docs = {c.document.doc_id for c in answer.citations}
    assert len(at.download_button) == len(docs)


@pytest.mark.slow
def test_amount_answer_states_the_total_once_and_follow_up_says_how_it_was_read(ui_env: Settings) -> None:
    at = _app()
    at.button(key="example-0").click().run()
    _ok(at)
    answer = at.session_state["messages"][-1]["answer"]
    md = _answer_md(at)
    assert re.search(r"Totalt 2019\\: 3\s250\s000\skr", md), md[:300]
    # No sum made by the page: the total stands once, in the answer the library checked.
    texts = _texts(at)
    assert "Summa" not in texts and texts.count("3\u00a0250\u00a0000") + texts.count("3 250 000") == 1
    (chart,) = at.get("vega_lite_chart")
    assert "replace(format(datum.value" in chart.proto.spec  # Swedish thousands on the axis
    assert len(answer.amounts) == 5
    at.chat_input(key="chat_input").set_value("och Unga-vuxna-mottagning?").run()
    _ok(at)
    assert len(at.session_state["messages"]) == 4
    follow = at.session_state["messages"][-1]["answer"]
    assert follow.understood_as
    assert any(c.value == f"Tolkat som: {escape_md(follow.understood_as)}" for c in at.caption)
    at.sidebar.button(key="new_chat").click().run()
    assert at.session_state["messages"] == []
    assert at.button(key="example-0").label.startswith("Vad kostade")


@pytest.mark.slow
def test_english_question_gets_english_labels(ui_env: Settings) -> None:
    at = _app()
    at.button(key="example-3").click().run()
    _ok(at)
    answer = at.session_state["messages"][-1]["answer"]
    assert answer.language == "en" and answer.answered
    labels = [e.label for e in at.expander]
    assert f"Sources ({len(answer.citations)})" in labels
    assert not [x for x in labels if x.startswith(("Källor", "Närliggande"))]
    assert all(b.label.startswith("Download ") for b in at.download_button)


@pytest.mark.slow
def test_nonsense_question_renders_not_found_with_related_folded(ui_env: Settings) -> None:
    at = _app()
    at.chat_input(key="chat_input").set_value("Vem äter blåbärspaj på månen?").run()
    _ok(at)
    assert any("framgår inte av dokumenten" in i.value for i in at.info)
    (related,) = [e for e in at.expander if e.label.startswith("Närliggande stycken")]
    assert not related.proto.expanded  # unrelated passages are not laid open
    assert not [e for e in at.expander if e.label.startswith("Källor")]


@pytest.mark.slow
def test_year_filter_changes_result_and_is_shown(ui_env: Settings) -> None:
    question = "Vad är Mina planer?"
    at = _app()
    at.chat_input(key="chat_input").set_value(question).run()
    unfiltered = at.session_state["messages"][-1]["answer"]

    at = _app()
    at.sidebar.selectbox(key="f_year").set_value(2014).run()
    at.chat_input(key="chat_input").set_value(question).run()
    _ok(at)
    assert any(c.value == "Filter: år 2014" for c in at.caption)
    filtered = at.session_state["messages"][-1]["answer"]
    assert filtered.filters.year == 2014
    assert filtered.text != unfiltered.text
    for c in filtered.citations:
        assert 2014 in c.passage.years or 2014 in c.document.years


@pytest.mark.slow
def test_documents_page_lists_corpus(ui_env: Settings) -> None:
    at = _app()
    at.sidebar.radio(key="page").set_value("Dokument").run()
    _ok(at)
    df = at.dataframe[0].value
    assert len(df) == 4
    assert set(df["Titel"]) == _titles(ui_env)
    assert {"Diarienummer", "Stycken", "År"} <= set(df.columns)
    assert (df["Stycken"] > 0).all()
    assert len(at.file_uploader) == 1
    assert at.button(key="delete").disabled  # needs the confirmation first
    at.checkbox(key="delete_confirm").check().run()
    assert not at.button(key="delete").disabled


@pytest.mark.slow
def test_uploaded_pdf_is_cited_at_its_page_and_deleted_with_its_file(
    ui_env: Settings, tmp_path: Path
) -> None:
    title = "Uppföljning av stimulansmedel i Fosie 2019"
    pdf = pdfgen.make_report_pdf(tmp_path / "uppfoljning.pdf", title=title)
    at = _app()
    at.sidebar.radio(key="page").set_value("Dokument").run()
    at.file_uploader[0].set_value(("uppfoljning.pdf", pdf.read_bytes(), "application/pdf")).run()
    at.button(key="ingest").click().run()
    _ok(at)
    assert title in _titles(ui_env)
    (stored,) = (Path(ui_env.data_dir) / "uploads").glob("*-uppfoljning.pdf")

    at.sidebar.radio(key="page").set_value("Chatt").run()
    at.chat_input(key="chat_input").set_value(
        "Hur många nya ärenden tog mottagningsteamet i Fosie emot?"
    ).run()
    _ok(at)
    answer = at.session_state["messages"][-1]["answer"]
    (cite,) = [c for c in answer.citations if c.document.title == title]
    assert cite.passage.page == 2 and "412 nya ärenden" in cite.quote
    # The card shows page 2 as an image with the quote marked, and opens the original there.
    captions = [cap for img in at.image for cap in img.captions]
    assert "Sidan 2 i uppfoljning.pdf (utdrag). Det citerade är markerat." in captions
    (opener,) = [b for b in at.link_button if b.value == "Öppna originalet på sidan 2"]
    assert opener.proto.url.endswith(".pdf#page=2")
    assert f"Ladda ner {escape_md('uppfoljning.pdf')}" in [b.label for b in at.download_button]

    at.sidebar.radio(key="page").set_value("Dokument").run()
    doc_id = next(d.doc_id for d in Planchat(ui_env).documents() if d.title == title)
    at.selectbox(key="delete_doc").set_value(doc_id).run()
    at.checkbox(key="delete_confirm").check().run()
    at.button(key="delete").click().run()
    _ok(at)
    assert [s.value for s in at.success] == [
        escape_md(f"Borttaget: {title}. Den uppladdade filen uppfoljning.pdf är också borttagen.")
    ]
    assert title not in set(at.dataframe[0].value["Titel"])  # the table no longer lists it
    assert title not in _titles(ui_env) and not stored.exists()
    assert not at.checkbox(key="delete_confirm").value
    assert at.selectbox(key="delete_doc").value in {d.doc_id for d in Planchat(ui_env).documents()}


@pytest.mark.slow
def test_bad_upload_shows_error_and_keeps_documents(ui_env: Settings) -> None:
    before = _titles(ui_env)
    at = _app()
    at.sidebar.radio(key="page").set_value("Dokument").run()
    at.file_uploader[0].set_value(("trasig.pdf", os.urandom(3000), "application/pdf")).run()
    at.button(key="ingest").click().run()
    _ok(at)
    errors = [e.value for e in at.error]
    assert len(errors) == 1 and errors[0].startswith(escape_md("trasig.pdf: ")), errors  # shown as text
    assert _titles(ui_env) == before
    assert len(at.dataframe[0].value) == 4

    # The helper the page uses, directly: the same message, nothing indexed, nothing kept.
    ok, errs = ingest_upload(Planchat(ui_env), "trasig.pdf", os.urandom(3000))
    assert ok == [] and len(errs) == 1 and errs[0].startswith("trasig.pdf: ")
    assert _titles(ui_env) == before
    uploads = Path(ui_env.data_dir) / "uploads"
    assert not list(uploads.glob("*trasig.pdf"))  # a failed file is not kept


@pytest.mark.slow
def test_uploads_disabled_hides_upload_and_delete(ui_env: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANCHAT_UPLOADS_ENABLED", "false")
    at = _app()
    at.sidebar.radio(key="page").set_value("Dokument").run()
    _ok(at)
    assert len(at.file_uploader) == 0
    assert not [b for b in at.button if b.key == "delete"]
    assert any("avstängda" in c.value for c in at.caption)


@pytest.mark.slow
def test_writes_closed_without_a_token_say_why(ui_env: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PLANCHAT_OPEN_WRITES")
    at = _app()
    at.sidebar.radio(key="page").set_value("Dokument").run()
    _ok(at)
    assert len(at.dataframe[0].value) == 4  # reading is open
    assert len(at.file_uploader) == 0
    assert not [b for b in at.button if b.key in ("delete", "ingest")]
    assert any("stängda" in c.value and "PLANCHAT_API_TOKEN" in c.value for c in at.caption)


@pytest.mark.slow
def test_api_token_unlocks_upload_and_delete(ui_env: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    token = "app-token-for-the-tests-012345"
    monkeypatch.delenv("PLANCHAT_OPEN_WRITES")
    monkeypatch.setenv("PLANCHAT_API_TOKEN", token)
    at = _app()
    at.sidebar.radio(key="page").set_value("Dokument").run()
    _ok(at)
    assert len(at.file_uploader) == 0 and any("API-nyckeln" in c.value for c in at.caption)
    at.text_input(key="write_token").input("fel nyckel").run()
    assert len(at.file_uploader) == 0
    assert any("stämmer inte" in e.value for e in at.error)
    at.text_input(key="write_token").input(token).run()
    _ok(at)
    assert len(at.file_uploader) == 1 and [b for b in at.button if b.key == "delete"]
    assert not at.error


@pytest.mark.slow
def test_read_token_gates_the_app(ui_env: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    token = "read-token-for-the-app-012345"
    monkeypatch.setenv("PLANCHAT_READ_TOKEN", token)
    at = _app()
    _ok(at)
    assert not at.chat_input and not at.dataframe
    assert any("PLANCHAT_READ_TOKEN" in i.value for i in at.info)
    at.sidebar.text_input(key="read_token").input(token).run()
    _ok(at)
    at.chat_input(key="chat_input").set_value("Vad är Mina planer?").run()
    _ok(at)
    assert at.session_state["messages"][-1]["answer"].answered


@pytest.mark.slow
def test_amounts_page(ui_env: Settings) -> None:
    at = _app()
    at.sidebar.radio(key="page").set_value("Belopp").run()
    _ok(at)
    df = at.dataframe[0].value
    assert len(df) > 0 and "Belopp (kr)" in df.columns
    at.selectbox(key="facts_year").set_value(2019).run()
    _ok(at)
    assert set(at.dataframe[0].value["År"]) == {"2019"}
    at.text_input(key="facts_q").input("socialpsykiatriskt").run()
    _ok(at)
    assert 0 < len(at.dataframe[0].value) < len(df)


@pytest.mark.slow
def test_amounts_page_shows_no_sum_above_the_real_grant(ui_env: Settings) -> None:
    """The 2019 grant was 11 608 000 kr (FSN table total). The page once added the grant, its split
    and the same figures from a second document (45.6 million); no figure on it may exceed the grant."""
    at = _app()
    at.sidebar.radio(key="page").set_value("Belopp").run()
    _ok(at)
    at.selectbox(key="facts_year").set_value(2019).run()
    _ok(at)
    shown = [int(v) for v in at.dataframe[0].value["Belopp (kr)"]]
    assert max(shown) <= 11_608_737
    assert not at.get("vega_lite_chart")  # no computed per-year chart
    texts = " ".join(str(m.value) for m in [*at.markdown, *at.caption])
    assert "Summa per år" not in texts
    # The documents' own totals, as written, checked against their rows.
    totals = at.table[0].value
    assert all(str(v).endswith("\u00a0kr") for v in totals["Belopp"])
    assert "11\u00a0608\u00a0000\u00a0kr" in set(totals["Belopp"])
    assert "None" not in totals.to_string()


@pytest.mark.slow
def test_xss_passage_renders_inert(xss_settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    passages = Planchat(xss_settings).index.all_passages()
    raw = " ".join(p.text for p in passages)
    assert "<script>alert(1)</script>" in raw and "<img src=x onerror=alert(1)>" in raw  # the test is real

    monkeypatch.setenv("PLANCHAT_DATA_DIR", str(xss_settings.data_dir))
    at = _app()
    at.chat_input(key="chat_input").set_value(XSS_QUESTION).run()
    _ok(at)
    rendered = [m for m in at.markdown] + [c for c in at.caption]
    with_payload = [m for m in rendered if "script" in m.value or "onerror" in m.value]
    assert with_payload, "the passage was not rendered"
    for m in rendered:
        assert not m.proto.allow_html, m.value
        unescaped = m.value.replace("\\<", "")
        assert "<script" not in unescaped and "<img" not in unescaped, m.value
    assert any("\\<script\\>alert\\(1\\)\\</script\\>" in m.value for m in with_payload)
    assert any("\\<img src\\=x onerror\\=alert\\(1\\)\\>" in m.value for m in with_payload)


def test_answer_activity_rows_are_readable() -> None:
    rows = [
        {
            "name": "Hälsocirkel",
            "status": "continues",
            "year": 2020,
            "evidence": "Framöver kommer hälsocirkeln vara ett återkommande inslag.",
            "citation": 3,
            "document": "Återrapportering 2019",
            "statements": [{"name": "Hälsocirkel", "year": 2019, "status": "new"}],
        },
        {"name": "Aktivitetskatalog", "status": "not_started", "year": None, "citation": 1, "statements": []},
    ]
    assert answer_activity_rows(rows) == [
        {"name": "Hälsocirkel", "status": "fortsätter", "year": "2020", "citation": 3},
        {"name": "Aktivitetskatalog", "status": "inte påbörjad", "year": "", "citation": 1},
    ]


def test_activities_frame_one_row_per_statement_and_filters() -> None:
    acts = [
        {
            "name": "Återhämtningsskola",
            "years": [2019, 2020],
            "statements": [
                {"year": 2019, "status": "new", "evidence": "Återhämtningsskola", "title": "Plan A"},
                {"year": 2020, "status": "ongoing", "evidence": "Kursen fortsätter", "title": "Plan B"},
            ],
        },
        {
            "name": "Hälsocirkel",
            "years": [2019],
            "statements": [
                {"year": 2019, "status": "carried_out", "evidence": "Genomförd", "title": "Plan A"}
            ],
        },
    ]
    df = activities_frame(acts)
    assert list(df.columns) == ["Aktivitet", "År", "Status", "Dokument", "Diarienummer", "Underlag"]
    assert len(df) == 3 and set(df["Status"]) == {"ny", "pågående", "genomförd"}
    assert list(filter_activities(df, 2020, [], "")["Aktivitet"]) == ["Återhämtningsskola"]
    assert list(filter_activities(df, ALL, ["genomförd"], "")["Aktivitet"]) == ["Hälsocirkel"]
    assert len(filter_activities(df, ALL, [], "återhämtning")) == 2
    assert len(filter_activities(df, 2019, ["ny", "genomförd"], "plan a")) == 2


@pytest.mark.slow
def test_activities_page(ui_env: Settings) -> None:
    at = _app()
    at.sidebar.radio(key="page").set_value("Aktiviteter").run()
    _ok(at)
    assert at.title[0].value == "Aktiviteter"
    df = at.dataframe[0].value
    assert list(df.columns) == ["Aktivitet", "År", "Status", "Dokument", "Diarienummer", "Underlag"]
    assert "Återhämtningsskola" in set(df["Aktivitet"])
    assert set(df["Status"]) <= set(STATUS_SV.values()) and "pågående" in set(df["Status"])
    assert set(df["Dokument"]) <= _titles(ui_env)
    at.selectbox(key="act_year").set_value(2020).run()
    at.multiselect(key="act_status").set_value(["pågående"]).run()
    _ok(at)
    view = at.dataframe[0].value
    assert 0 < len(view) < len(df)
    assert set(view["År"]) == {"2020"} and set(view["Status"]) == {"pågående"}
    assert "Återhämtningsskola" in set(view["Aktivitet"])
    at.text_input(key="act_q").input("återhämtningsskola").run()
    _ok(at)
    assert set(at.dataframe[0].value["Aktivitet"]) == {"Återhämtningsskola"}


@pytest.mark.slow
def test_activity_question_shows_one_compact_table(ui_env: Settings) -> None:
    at = _app()
    at.chat_input(key="chat_input").set_value("Vilka aktiviteter fortsätter 2020?").run()
    _ok(at)
    answer = at.session_state["messages"][-1]["answer"]
    md = _answer_md(at)
    assert md.startswith("Aktiviteter som fortsätter 2020")
    assert "\n- " not in md  # the items are not listed a second time above the table
    (table,) = [m.value for m in at.markdown if m.value.startswith("| Aktivitet | Status | År | Källa |")]
    rows = [line.split(" | ") for line in table.splitlines()[2:]]
    assert len(rows) == len(answer.activities)
    names = {r[0].lstrip("| ") for r in rows}
    assert "Återhämtningsskola" in names
    assert {r[1] for r in rows} <= set(STATUS_SV.values())
    cards = {c.n for c in answer.citations}
    for r in rows:
        (n,) = re.findall(r"#src-1-(\d+)", r[3])
        assert int(n) in cards
    assert not at.dataframe and "'statements'" not in _texts(at)
    # One download per document, not one per citation.
    assert (
        len(answer.citations) > len(at.download_button) == len({c.document.doc_id for c in answer.citations})
    )


def test_adjacent_citation_markers_render_as_one_bold_run() -> None:
    from ui.app import answer_md

    md = answer_md("Aktiviteten fortsätter [18][19] och avslutas [3].")
    assert "****" not in md
    assert "**\\[18\\]\\[19\\]**" in md and "**\\[3\\]**" in md
