"""Put the real-document dev set's files in eval/real/docs/ from mirrored repositories.

The documents are other people's public files and are not committed. eval/real/SOURCES.md
names, for each, the repository, the path, the commit and the sha256. Given a folder of
git mirrors named ``owner+name`` (as the tool library's fetch makes them), this copies each
file out of its commit and checks its sha256. Files already present with the right hash are
left alone; a missing repository or a wrong hash is reported by file name, and the script
exits non-zero if any file could not be placed.

    python scripts/fetch_eval_docs.py /work/.mirror
"""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "eval" / "real" / "SOURCES.md"
DOCS = ROOT / "eval" / "real" / "docs"


def rows() -> list[tuple[str, str, str, str, str]]:
    """(file, repo, path, commit, sha256) for every table row naming a document."""
    out = []
    for line in SOURCES.read_text(encoding="utf-8").splitlines():
        if not line.startswith("| "):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split(" | ")]
        if len(cells) < 5 or not cells[0].endswith((".pdf", ".docx")):
            continue
        sha, commit, path, repo = cells[-1], cells[-2], cells[-3], cells[-4]
        # A path cell may end in a note in brackets ("(removed from later commits)").
        path = re.sub(r" \([^()]*\)$", "", path)
        if len(sha) == 64 and len(commit) == 40:
            out.append((cells[0], repo, path, commit, sha))
    return out


def git_dir(mirrors: Path, repo: str) -> Path | None:
    base = mirrors / repo.replace("/", "+")
    for cand in (base / "repo", base / "repo" / ".git", base):
        if (cand / "HEAD").exists() or (cand / "objects").exists():
            return cand
    return None


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    mirrors = Path(sys.argv[1])
    DOCS.mkdir(parents=True, exist_ok=True)
    failed = 0
    for name, repo, path, commit, sha in rows():
        target = DOCS / name
        if target.exists() and hashlib.sha256(target.read_bytes()).hexdigest() == sha:
            continue
        gd = git_dir(mirrors, repo)
        if gd is None:
            print(f"{name}: no mirror of {repo} under {mirrors}")
            failed += 1
            continue
        res = subprocess.run(["git", f"--git-dir={gd}", "show", f"{commit}:{path}"], capture_output=True)
        if res.returncode != 0:
            print(f"{name}: {repo} has no {path} at {commit[:10]}")
            failed += 1
            continue
        if hashlib.sha256(res.stdout).hexdigest() != sha:
            print(f"{name}: sha256 differs from SOURCES.md; not written")
            failed += 1
            continue
        target.write_bytes(res.stdout)
        print(f"{name}: written")
    print(f"{len(rows())} documents listed, {failed} not placed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
