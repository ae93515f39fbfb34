"""Streamlit app through ``streamlit.testing.v1.AppTest`` (no browser), plus its safe-rendering helpers."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from retrieval.service import Planchat
from retrieval.settings import Settings
from tests.ui.conftest import XSS_QUESTION
from ui.app import (
    ALL,
    STATUS_SV,
    activities_frame,
    answer_activities_frame,
    answer_md,
    escape_md,
    filter_activities,
    highlight_md,
    ingest_upload,
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


def test_answer_md_lists_and_markers() -> None:
    out = answer_md("Totalt 2019: 10 kr (2 rader):\n- Norr: 5 kr [1]\n- Söder: 5 kr [2]")
    assert (
        out
        == "Totalt 2019\\: 10 kr \\(2 rader\\)\\:\n\n- Norr\\: 5 kr **\\[1\\]**\n- Söder\\: 5 kr **\\[2\\]**"
    )


# -- the app (slow: loads the model and the corpus index) -------------------------------------
@pytest.mark.slow
def test_question_renders_answer_with_citation(ui_env: Settings) -> None:
    at = _app()
    _ok(at)
    assert at.title[0].value == "Fråga om planer och rapporter"
    at.chat_input(key="chat_input").set_value("Vad är Mina planer?").run()
    _ok(at)
    text = _texts(at)
    assert "##### Källor" in text
    assert any(escape_md(t) in text for t in _titles(ui_env)), text[:2000]
    assert "**\\[1\\]**" in text  # the citation marker in the answer
    assert "Dnr " in text  # diarienummer in the source line
    assert at.session_state["messages"][-1]["answer"].answered


@pytest.mark.slow
def test_example_button_and_follow_up_use_history(ui_env: Settings) -> None:
    at = _app()
    at.button(key="example-0").click().run()
    _ok(at)
    assert "##### Belopp" in _texts(at)  # the amounts breakdown of the first example
    assert "Summa" in _texts(at)
    at.chat_input(key="chat_input").set_value("och Unga-vuxna-mottagning?").run()
    assert len(at.session_state["messages"]) == 4
    at.sidebar.button(key="new_chat").click().run()
    assert at.session_state["messages"] == []
    assert at.button(key="example-0").label.startswith("Vad kostade")


@pytest.mark.slow
def test_nonsense_question_renders_not_found(ui_env: Settings) -> None:
    at = _app()
    at.chat_input(key="chat_input").set_value("Vem äter blåbärspaj på månen?").run()
    _ok(at)
    assert any("framgår inte av dokumenten" in i.value for i in at.info)
    assert "##### Närliggande stycken" in _texts(at)


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
def test_bad_upload_shows_error_and_keeps_documents(ui_env: Settings) -> None:
    before = _titles(ui_env)
    at = _app()
    at.sidebar.radio(key="page").set_value("Dokument").run()
    at.file_uploader[0].set_value(("trasig.pdf", os.urandom(3000), "application/pdf")).run()
    at.button(key="ingest").click().run()
    _ok(at)
    errors = [e.value for e in at.error]
    assert len(errors) == 1 and errors[0].startswith("trasig.pdf: "), errors
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
    assert set(at.dataframe[0].value["År"]) == {2019}
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
    assert not at.get("arrow_vega_lite_chart")  # no computed per-year chart
    texts = " ".join(str(m.value) for m in [*at.markdown, *at.caption])
    assert "Summa per år" not in texts
    if len(at.dataframe) > 1:  # the documents' own totals, as written, checked against their rows
        totals = at.dataframe[1].value
        assert all("kr" in str(v) and "None" not in str(v) for v in totals["Belopp"])
        assert "11\u00a0608\u00a0000\u00a0kr" in set(totals["Belopp"])


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


def test_answer_activities_frame_is_readable() -> None:
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
    df = answer_activities_frame(rows)
    assert list(df.columns) == ["Aktivitet", "Status", "År", "Källa"]
    assert df.to_dict("records") == [
        {"Aktivitet": "Hälsocirkel", "Status": "fortsätter", "År": "2020", "Källa": "[3]"},
        {"Aktivitet": "Aktivitetskatalog", "Status": "inte påbörjad", "År": "", "Källa": "[1]"},
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
    assert set(view["År"]) == {2020} and set(view["Status"]) == {"pågående"}
    assert "Återhämtningsskola" in set(view["Aktivitet"])
    at.text_input(key="act_q").input("återhämtningsskola").run()
    _ok(at)
    assert set(at.dataframe[0].value["Aktivitet"]) == {"Återhämtningsskola"}


@pytest.mark.slow
def test_activity_question_shows_answer_and_table(ui_env: Settings) -> None:
    at = _app()
    at.chat_input(key="chat_input").set_value("Vilka aktiviteter fortsätter 2020?").run()
    _ok(at)
    text = _texts(at)
    assert "Aktiviteter som fortsätter 2020" in text
    assert "##### Aktiviteter" in text and "##### Källor" in text
    assert "'statements'" not in text and "'passage_id'" not in text
    (table,) = at.dataframe
    df = table.value
    assert list(df.columns) == ["Aktivitet", "Status", "År", "Källa"]
    assert "Återhämtningsskola" in set(df["Aktivitet"])
    assert set(df["Status"]) <= set(STATUS_SV.values())
    assert all(str(v).isdigit() or v == "" for v in df["År"])
    answer = at.session_state["messages"][-1]["answer"]
    cited = {f"[{c.n}]" for c in answer.citations}
    assert set(df["Källa"]) <= cited
    for value in df.to_numpy().ravel():
        assert isinstance(value, str) and "{" not in value and "[{" not in value


def test_adjacent_citation_markers_render_as_one_bold_run() -> None:
    from ui.app import answer_md

    md = answer_md("Aktiviteten fortsätter [18][19] och avslutas [3].")
    assert "****" not in md
    assert "**\\[18\\]\\[19\\]**" in md and "**\\[3\\]**" in md
