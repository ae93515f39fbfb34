"""Check that ingest reads exactly what a reference version of the readers read.

    .venv/bin/python scripts/ingest_identity.py [--ref HEAD|sequential] [PATH ...]

Speed work on ``ingest/readers.py`` and ``ingest/pipeline.py`` must not change what is
extracted. This script loads those two files as they are at ``--ref`` (a git revision) beside
the working tree's, runs both over the same files in one process (sharing everything else:
layout, cleaning, splitting, amounts, so that edits elsewhere do not count as differences),
and compares the results field by field: every page's text, every passage (id, text, page,
section, kind, position, years, cells), the document, the amounts and the extras. It prints one
line per file and exits 1 if anything differs. Default paths: ``corpus/`` and ``eval/real/docs/``.

``--ref sequential`` compares with the working tree's own readers reading every page in this
process, one after the other (the pool of PDF worker processes switched off): what the parallel
reading must reproduce, whatever else changed in the readers since a commit.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
import types
from dataclasses import asdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _load_ref(ref: str) -> types.ModuleType:
    """The reference pipeline module (its readers too), from git."""

    def show(path: str) -> str:
        return subprocess.run(
            ["git", "show", f"{ref}:{path}"], cwd=ROOT, check=True, capture_output=True, text=True
        ).stdout

    readers = types.ModuleType("ingest._ref_readers")
    readers.__file__ = str(ROOT / "ingest" / "_ref_readers.py")
    sys.modules[readers.__name__] = readers
    exec(compile(show("ingest/readers.py"), readers.__file__, "exec"), readers.__dict__)
    source = show("ingest/pipeline.py").replace(
        "from ingest.readers import", "from ingest._ref_readers import"
    )
    pipeline = types.ModuleType("ingest._ref_pipeline")
    pipeline.__file__ = str(ROOT / "ingest" / "_ref_pipeline.py")
    sys.modules[pipeline.__name__] = pipeline
    exec(compile(source, pipeline.__file__, "exec"), pipeline.__dict__)
    return pipeline


def _result(parse: Any, read: Any, path: Path) -> tuple[dict[str, Any], float]:
    started = time.perf_counter()
    try:
        parsed = parse(path)
    except Exception as exc:  # noqa: BLE001 - a failure must fail the same way
        return {"error": f"{type(exc).__name__}: {exc}"}, time.perf_counter() - started
    seconds = time.perf_counter() - started  # parse_file alone (it reads the file itself)
    raw = read(path)
    return {
        "pages": [(p.number, p.text) for p in raw.pages],
        "document": asdict(parsed.document),
        "passages": [asdict(p) for p in parsed.passages],
        "amounts": [asdict(a) for a in parsed.amounts],
        "extras": repr(parsed.extras),
    }, seconds


def _first_difference(a: dict[str, Any], b: dict[str, Any]) -> str:
    for key in sorted(set(a) | set(b)):
        if a.get(key) == b.get(key):
            continue
        x, y = a.get(key), b.get(key)
        if isinstance(x, list) and isinstance(y, list):
            if len(x) != len(y):
                return f"{key}: {len(x)} (ref) vs {len(y)} (now)"
            i = next(i for i, (u, v) in enumerate(zip(x, y, strict=True)) if u != v)
            return f"{key}[{i}]: {str(x[i])[:200]!r} (ref) vs {str(y[i])[:200]!r} (now)"
        return f"{key}: {str(x)[:200]!r} (ref) vs {str(y)[:200]!r} (now)"
    return ""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="*", type=Path)
    ap.add_argument("--ref", default="HEAD", help="git revision of the reference readers (default HEAD)")
    args = ap.parse_args()
    import logging

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    from ingest import pipeline, readers

    paths = args.paths or [ROOT / "corpus", ROOT / "eval" / "real" / "docs"]
    files, _ = pipeline.discover(paths)
    differ = 0
    t_ref = t_now = 0.0
    pages = passages = 0
    parallel = readers.PARALLEL_MIN_PAGES
    ref = None if args.ref == "sequential" else _load_ref(args.ref)
    for path in files:
        if ref is None:
            readers.PARALLEL_MIN_PAGES = 10**9
            want, s_ref = _result(pipeline.parse_file, readers.read_file, path)
            readers.PARALLEL_MIN_PAGES = parallel
        else:
            want, s_ref = _result(ref.parse_file, ref.read_file, path)
        got, s_now = _result(pipeline.parse_file, readers.read_file, path)
        t_ref += s_ref
        t_now += s_now
        pages += len(got.get("pages", []))
        passages += len(got.get("passages", []))
        same = want == got
        differ += not same
        verdict = "identical" if same else "DIFFERS: " + _first_difference(want, got)
        print(f"{path.name[:60]:<60} {s_ref:6.2f} s → {s_now:6.2f} s  {verdict}", flush=True)
    print(
        f"{len(files)} files, {pages} pages, {passages} passages: {len(files) - differ} identical, "
        f"{differ} differ; read+parse {t_ref:.1f} s ({args.ref}) → {t_now:.1f} s (now)"
    )
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
