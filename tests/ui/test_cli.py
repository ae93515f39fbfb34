"""The command-line contract used by checks: JSON shapes, batch mode, exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def _run(args: list[str], settings, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PLANCHAT_DATA_DIR": str(settings.data_dir)}
    return subprocess.run(
        [sys.executable, "-m", "ui.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


def test_search_json_shape(corpus_index) -> None:
    r = _run(["search", "Kraftbudet", "--json", "--k", "3"], corpus_index)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["query"] == "Kraftbudet" and len(out["results"]) == 3
    first = out["results"][0]
    assert {"rank", "doc_id", "title", "source", "page", "section", "text", "score"} <= set(first)
    assert "Kraftbudet" in first["text"] and first["rank"] == 1


def test_ask_batch_mode_reads_stdin_one_json_per_line(corpus_index) -> None:
    questions = "Vad är Kraftbudet?\nVad kostar ett månadskort för bussen i Malmö?\n"
    r = _run(["ask", "--json"], corpus_index, stdin=questions)
    assert r.returncode == 0, r.stderr
    lines = [json.loads(x) for x in r.stdout.splitlines()]
    assert [x["question"] for x in lines] == questions.split("\n")[:2]
    assert lines[0]["answered"] is True and lines[0]["citations"]
    c = lines[0]["citations"][0]
    assert {"n", "doc_id", "title", "source", "page", "section", "text", "quote", "score"} <= set(c)
    assert lines[1]["answered"] is False


def test_history_file_for_follow_up(corpus_index, tmp_path: Path) -> None:
    hist = tmp_path / "h.json"
    hist.write_text(
        json.dumps([{"role": "user", "content": "Vem är förvaltningschef på funktionsstödsförvaltningen?"}])
    )
    r = _run(
        ["ask", "och på arbetsmarknads- och socialförvaltningen?", "--json", "--history", str(hist)],
        corpus_index,
    )
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    # The same question about the other förvaltning: its chef, not a sentence about both.
    assert out["answered"] is True and "Britt-Marie Pettersson" in out["answer"], out["answer"]
    assert "arbetsmarknads- och socialförvaltningen" in out["understood_as"]
    assert "funktionsstöd" not in out["understood_as"]


def test_bad_history_file_is_a_clear_message(corpus_index, tmp_path: Path) -> None:
    bad = tmp_path / "h.json"
    bad.write_text("{not json")
    r = _run(["ask", "x", "--history", str(bad)], corpus_index)
    assert r.returncode == 2 and "h.json" in r.stderr and "Traceback" not in r.stderr


def test_search_without_index_says_how_to_build_one(tmp_path: Path) -> None:
    class S:
        data_dir = tmp_path / "empty"

    r = _run(["search", "x"], S)
    assert r.returncode == 2 and "planchat ingest" in r.stderr and "Traceback" not in r.stderr


def test_help_is_instant_and_lists_commands() -> None:
    r = subprocess.run([sys.executable, "-m", "ui.cli", "--help"], capture_output=True, text=True, timeout=30)
    assert r.returncode == 0 and "ingest" in r.stdout and "ask" in r.stdout


def test_activities_json_by_year_and_status(corpus_index) -> None:
    r = _run(["activities", "--json", "--year", "2020", "--status", "ongoing"], corpus_index)
    assert r.returncode == 0, r.stderr
    activities = json.loads(r.stdout)["activities"]
    names = [a["name"] for a in activities]
    assert "Återhämtningsskola" in names, names
    for a in activities:
        assert {"name", "years", "statements"} <= set(a) and 2020 in a["years"]
        assert any(s["year"] == 2020 and s["status"] == "ongoing" for s in a["statements"]), a["name"]
        for s in a["statements"]:
            assert s["passage_id"] and s["title"] and s["evidence"], s


def test_activities_text_lists_statements_with_document(corpus_index) -> None:
    r = _run(["activities", "--query", "Återhämtningsskola"], corpus_index)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert "Återhämtningsskola  (2019, 2020)" in lines, r.stdout[:2000]
    block = lines[lines.index("Återhämtningsskola  (2019, 2020)") + 1 :]
    block = block[: block.index("")] if "" in block else block
    assert any(line.startswith("  2020 ongoing: ") for line in block), block
    assert all(line.startswith("  ") and line.endswith(")") for line in block), block
    assert "{" not in r.stdout


def test_activities_unknown_status_is_a_clear_message(corpus_index) -> None:
    r = _run(["activities", "--status", "bogus"], corpus_index)
    assert r.returncode == 2 and r.stdout == ""
    assert "status" in r.stderr and "bogus" in r.stderr and "ongoing" in r.stderr
    assert "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_follow_up_over_the_cli_answers_for_the_new_name(corpus_index, tmp_path: Path) -> None:
    hist = tmp_path / "h.json"
    hist.write_text(
        json.dumps(
            [
                {
                    "role": "user",
                    "content": "Hur mycket fick avdelning Norr för socialpsykiatriska teamet 2019?",
                }
            ]
        )
    )
    r = _run(["ask", "och Söder?", "--json", "--history", str(hist)], corpus_index)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["answered"] is True and out["total"] == 650_000
    assert "Söder" in out["understood_as"]
    row = out["amounts"][0]
    assert row["who"] == "Söder" and row["value"] == 650_000
    cited = out["citations"][row["citation"] - 1]
    assert "Söder" in cited["text"] and "650 000" in cited["text"]


@pytest.mark.parametrize("k", [1, 3])
def test_ask_k_bounds_citations(corpus_index, k: int) -> None:
    r = _run(["ask", "Vad är Mina planer för något?", "--json", "--k", str(k)], corpus_index)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["answered"] is True and 1 <= len(out["citations"]) <= k


def test_make_run_rebuilds_an_index_of_another_model(corpus_index, tmp_path: Path) -> None:
    """Switching the default model must not leave `make run` with an index it cannot read."""
    import shutil

    from retrieval.settings import MINILM

    data = tmp_path / "index"
    shutil.copytree(corpus_index.data_dir, data, ignore=shutil.ignore_patterns("write.lock"))
    env = {**os.environ, "PLANCHAT_DATA_DIR": str(data), "PLANCHAT_MODEL": MINILM}
    corpus = str(Path(__file__).resolve().parents[2] / "corpus")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        cmd = [sys.executable, "-m", "ui.cli", *args]
        return subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=600)

    plain = run("ingest", corpus)
    assert plain.returncode == 2 and "re-ingest" in plain.stderr and "--rebuild" in plain.stderr
    rebuilt = run("ingest", corpus, "--prune", "--rebuild-if-model-changed")
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert "rebuilding" in rebuilt.stderr and "4 added" in rebuilt.stderr
    answer = json.loads(run("ask", "Vad är Kraftbudet?", "--json").stdout)
    assert answer["answered"] is True


# -- who may write in `planchat ui` (make run) -------------------------------------------------
@pytest.mark.parametrize(
    ("host", "env", "opened"),
    [
        ("127.0.0.1", {}, True),  # make run: a local single-user run may upload
        ("localhost", {}, True),
        ("::1", {}, True),
        ("0.0.0.0", {}, False),  # on the network: closed until a token is configured
        ("10.1.2.3", {}, False),
        ("127.0.0.1", {"PLANCHAT_OPEN_WRITES": "false"}, False),  # an explicit choice is kept
        ("127.0.0.1", {"PLANCHAT_API_TOKEN": "a-token-of-sixteen-chars"}, False),  # the app asks for it
    ],
)
def test_ui_opens_writes_only_for_a_local_run_without_a_token(
    host: str, env: dict[str, str], opened: bool, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from retrieval.settings import Settings
    from ui.cli import ui_environment

    for name in ("PLANCHAT_OPEN_WRITES", "PLANCHAT_API_TOKEN", "PLANCHAT_UPLOADS_ENABLED"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.chdir(tmp_path)  # no .env file from the developer's checkout
    settings = Settings(data_dir=tmp_path / "idx")
    child, note = ui_environment(settings, host, 8501, dict(os.environ))
    assert child["PLANCHAT_DATA_DIR"] == str(tmp_path / "idx")
    for name, value in child.items():  # what the app's process will see
        if name.startswith("PLANCHAT_"):
            monkeypatch.setenv(name, value)
    app_settings = Settings()
    assert (app_settings.write_access() == "open") is opened, (note, app_settings.write_access())
    assert ("open to anyone" in note) is opened, note
    assert note.startswith("planchat: ")


def test_ui_command_passes_the_environment_to_streamlit(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import ui.cli

    calls: list[dict[str, str]] = []
    monkeypatch.delenv("PLANCHAT_OPEN_WRITES", raising=False)
    monkeypatch.delenv("PLANCHAT_API_TOKEN", raising=False)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(subprocess, "call", lambda cmd, env: calls.append(env) or 0)
    with pytest.raises(SystemExit) as exit_:
        ui.cli.main(["--data-dir", str(tmp_path / "idx"), "ui", "--port", "8599"])
    assert exit_.value.code == 0
    (env,) = calls
    assert env["PLANCHAT_OPEN_WRITES"] == "true" and env["PLANCHAT_DATA_DIR"] == str(tmp_path / "idx")


def test_eval_names_a_missing_document_and_scores_a_set(corpus_index, tmp_path: Path) -> None:
    qfile = tmp_path / "set.jsonl"
    good = {"id": "a", "lang": "sv", "kind": "lookup", "q": "Vad är Kraftbudet?", "keys": ["Kraftbudet"],
            "facts": [["digital"]]}  # fmt: skip
    qfile.write_text(json.dumps(good, ensure_ascii=False) + "\n", encoding="utf-8")
    data = ["--data-dir", str(corpus_index.data_dir)]  # eval's own index is the (read-only) corpus index
    r = _run(
        [*data, "eval", "--questions", str(qfile), "--no-ingest", "--systems", "hybrid", "--json"],
        corpus_index,
    )
    assert r.returncode == 0, r.stderr
    hybrid = json.loads(r.stdout)["systems"]["hybrid"]
    assert hybrid["recall_at_k"] == 1.0 and hybrid["answer_accuracy"] == 1.0 and hybrid["misses"] == []

    missing = {**good, "id": "b", "doc": "finns-inte.pdf"}
    qfile.write_text(json.dumps(missing, ensure_ascii=False) + "\n", encoding="utf-8")
    r = _run([*data, "eval", "--questions", str(qfile), "--no-ingest", "--docs", str(tmp_path)], corpus_index)
    assert r.returncode == 2 and "finns-inte.pdf" in r.stderr and "SOURCES.md" in r.stderr


def test_eval_compares_four_systems_by_default_and_bench_takes_its_options() -> None:
    from ui.cli import build_parser

    args = build_parser().parse_args(["eval"])
    assert args.systems.split(",") == ["hybrid", "lexical", "dense", "naive"]
    args = build_parser().parse_args(
        ["bench", "--json", "--scale", "10000", "100000", "--readme", "README.md"]
    )
    assert args.json and args.scale == [10000, 100000] and args.readme == "README.md" and args.pdfs is None
