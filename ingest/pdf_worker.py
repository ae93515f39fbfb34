"""Read the pages of one PDF in several processes: pypdf is pure Python, one process reads one page
at a time, and a report of 40 pages spends most of its ingest there.

``POOL.extract(data, count)`` returns the text of every page, each read in a worker exactly as
``ingest.layout.page_text`` reads it in this process (so the result is the same, byte for byte),
or None when the pool cannot help (one CPU, or a worker failed or died: the caller then reads the
file itself, and a damaged page fails exactly as it would have). The workers are plain child
processes (``python -m ingest.pdf_worker``) that talk over their stdin/stdout: unlike
``multiprocessing`` they never re-import the caller's main script and never inherit its threads
(a server's, or the embedding engine's). They are started on first use, kept for the life of the
process, and exit when it does (their stdin closes). Only one PDF is read through the pool at a
time; another thread's PDF waits its turn.
"""

from __future__ import annotations

import atexit
import hashlib
import io
import logging
import os
import pickle
import selectors
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from ingest.errors import PoolTimeout

# Pages per task: small enough to share out pages of uneven cost, large enough that a task is
# worth a round trip.
PAGES_PER_TASK = 2
MAX_WORKERS = 4
_HEADER = struct.Struct("!Q")


def workers_wanted() -> int:
    """The CPUs this process may use, at most MAX_WORKERS."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    return max(1, min(MAX_WORKERS, cpus))


def _send(stream: IO[bytes], obj: Any) -> None:
    payload = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(payload)) + payload)
    stream.flush()


def _read_exact(stream: IO[bytes], n: int) -> bytes:
    chunks = []
    while n:
        chunk = stream.read(n)
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        n -= len(chunk)
    return b"".join(chunks)


def _receive(stream: IO[bytes]) -> Any:
    (size,) = _HEADER.unpack(_read_exact(stream, _HEADER.size))
    return pickle.loads(_read_exact(stream, size))


class _Worker:
    def __init__(self) -> None:
        root = str(Path(__file__).resolve().parent.parent)
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join([root, *filter(None, [env.get("PYTHONPATH")])])
        # One thread of numeric libraries per worker: they only read PDFs.
        env.setdefault("OMP_NUM_THREADS", "1")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "ingest.pdf_worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env=env,
            # From the package's own folder: "-m" puts the working folder first on the path, where
            # another checkout's ``ingest`` would be read instead of this one.
            cwd=root,
        )
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.stdin: IO[bytes] = self.proc.stdin
        self.stdout: IO[bytes] = self.proc.stdout
        self.has: bytes | None = None  # digest of the PDF this worker holds
        self.task: tuple[int, int] | None = None

    def send(self, digest: bytes, data: bytes, first: int, stop: int, level: int) -> None:
        self.task = (first, stop)
        _send(self.stdin, (digest, None if self.has == digest else data, first, stop, level))
        self.has = digest

    def kill(self) -> None:
        self.proc.kill()
        self.proc.wait()


class PagePool:
    def __init__(self) -> None:
        self._workers: list[_Worker] = []
        self._lock = threading.Lock()

    def close(self) -> None:
        with self._lock:
            self._kill()

    def _kill(self) -> None:
        for w in self._workers:
            w.kill()
        self._workers = []

    def extract(
        self,
        data: bytes,
        count: int,
        workers: int | None = None,
        deadline: float | None = None,
        on_page: Callable[[int, int], None] | None = None,
    ) -> list[str] | None:
        """The text of pages 1..count, or None (read them yourself). Past ``deadline``
        (time.monotonic) the workers are stopped and PoolTimeout is raised. ``on_page(done,
        total)`` is called as pages come back."""
        n = min(workers or workers_wanted(), (count + PAGES_PER_TASK - 1) // PAGES_PER_TASK)
        if n < 2:
            return None
        with self._lock:
            try:
                return self._extract(data, count, n, deadline, on_page)
            except (OSError, EOFError, pickle.PickleError):  # a worker died: read it in-process
                self._kill()
                return None
            except BaseException:  # the time limit, an interrupt: stop the workers' pages too
                self._kill()
                raise

    def _extract(
        self,
        data: bytes,
        count: int,
        n: int,
        deadline: float | None,
        on_page: Callable[[int, int], None] | None,
    ) -> list[str] | None:
        while len(self._workers) < n:
            self._workers.append(_Worker())
        workers = self._workers[:n]
        digest = hashlib.sha256(data).digest()
        level = logging.getLogger("pypdf").getEffectiveLevel()
        todo = [(first, min(first + PAGES_PER_TASK, count)) for first in range(0, count, PAGES_PER_TASK)]
        todo.reverse()
        texts: list[str | None] = [None] * count
        busy = done = 0
        with selectors.DefaultSelector() as sel:
            for w in workers:
                sel.register(w.stdout, selectors.EVENT_READ, w)
                if todo:
                    w.send(digest, data, *todo.pop(), level)
                    busy += 1
            while busy:
                timeout = None if deadline is None else deadline - time.monotonic()
                if timeout is not None and timeout <= 0:
                    raise PoolTimeout
                events = sel.select(timeout)
                for key, _ in events:
                    w = key.data
                    status, result = _receive(w.stdout)
                    busy -= 1
                    if status != "ok":
                        # A page the worker could not read: the caller reads the file itself and
                        # fails (or not) exactly as it would without the pool. Workers still busy
                        # are stopped, so none is left with an answer nobody reads.
                        self._kill()
                        return None
                    assert w.task is not None
                    first, stop = w.task
                    texts[first:stop] = result
                    done += stop - first
                    w.task = None
                    if on_page is not None:
                        on_page(done, count)
                    if todo:
                        w.send(digest, data, *todo.pop(), level)
                        busy += 1
        return [t if t is not None else "" for t in texts]


POOL = PagePool()
atexit.register(POOL.close)


def main() -> None:
    """A worker: read (digest, data or None, first, stop, log level) requests, answer with the
    pages' text. The PDF of the last request is kept open for the next."""
    from pypdf import PdfReader

    from ingest.layout import page_text

    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing but answers on the answer channel
    held: tuple[bytes, Any] | None = None
    while True:
        try:
            digest, data, first, stop, level = _receive(stdin)
        except EOFError:
            return
        logging.getLogger("pypdf").setLevel(level)
        try:
            if held is None or held[0] != digest:
                reader = PdfReader(io.BytesIO(data), strict=False)
                if reader.is_encrypted:
                    reader.decrypt("")  # the parent opened it with the empty password already
                held = (digest, reader)
            pages = held[1].pages
            answer: tuple[str, Any] = ("ok", [page_text(pages[i]) for i in range(first, stop)])
        except Exception as exc:  # noqa: BLE001 - reported; the parent reads the file itself
            held = None
            answer = ("error", f"{type(exc).__name__}: {exc}")
        _send(stdout, answer)


if __name__ == "__main__":
    main()
