"""Load test against a running planchat API on this machine (loopback only).

    .venv/bin/python scripts/load.py --clients 8 --seconds 30
    PLANCHAT_API_TOKEN=… .venv/bin/python scripts/load.py --clients 8 --seconds 30 --writers 1

N askers post questions to /ask for T seconds; with ``--writers W``, W more clients upload a small
Markdown document and delete it again, in a loop (that needs the server's write token in
PLANCHAT_API_TOKEN, or a server started with PLANCHAT_OPEN_WRITES=true). Prints, per kind of request,
the number of requests, errors (by status), p50 and p95 latency. Exit status 1 if any request failed.

The target must be a loopback address: this is a tool for measuring your own server, not anyone
else's.
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import statistics
import sys
import threading
import time
from collections import Counter, defaultdict
from urllib.parse import urlsplit

import httpx

QUESTIONS = (
    "Vad kostade socialpsykiatriska teamet 2019?",
    "Vilka aktiviteter fortsätter 2020?",
    "Vad är Mina planer?",
    "How many relatives took part in the lecture series in spring 2019?",
    "Vem äter blåbärspaj på månen?",
)
DOC = "# Lasttest {n}\n\nCykelbanorna i Lasttestby ska byggas ut med {n} kilometer under 2030.\n"


def loopback_url(url: str) -> str:
    host = urlsplit(url).hostname or ""
    try:
        loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        loopback = False
    if not loopback:
        raise SystemExit(
            f"load.py: --url {url}: only a loopback address (127.0.0.1, ::1, localhost) is allowed"
        )
    return url.rstrip("/")


class Results:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.times: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, Counter[str]] = defaultdict(Counter)

    def add(self, kind: str, seconds: float, error: str | None) -> None:
        with self.lock:
            self.times[kind].append(seconds)
            if error:
                self.errors[kind][error] += 1


def _timed(results: Results, kind: str, send: object, ok: tuple[int, ...] = (200,)) -> httpx.Response | None:
    started = time.perf_counter()
    try:
        r: httpx.Response = send()  # type: ignore[operator]
    except httpx.HTTPError as exc:
        results.add(kind, time.perf_counter() - started, type(exc).__name__)
        return None
    results.add(kind, time.perf_counter() - started, None if r.status_code in ok else str(r.status_code))
    return r


def asker(client: httpx.Client, results: Results, deadline: float, offset: int) -> None:
    i = offset
    while time.monotonic() < deadline:
        question = QUESTIONS[i % len(QUESTIONS)]
        _timed(results, "ask", lambda q=question: client.post("/ask", json={"question": q}))
        i += 1


def writer(client: httpx.Client, results: Results, deadline: float, n: int, headers: dict[str, str]) -> None:
    round_ = 0
    while time.monotonic() < deadline:
        text = DOC.format(n=f"{n}{round_}").encode()
        files = {"file": (f"lasttest-{n}-{round_}.md", text, "text/markdown")}
        r = _timed(  # 201: added; 200: the same bytes were indexed already
            results,
            "upload",
            lambda f=files: client.post("/documents", files=f, headers=headers),
            ok=(200, 201),
        )
        round_ += 1
        if r is None or r.status_code not in (200, 201):
            time.sleep(1)
            continue
        doc_id = r.json()["results"][0]["doc_id"]
        _timed(
            results, "delete", lambda d=doc_id: client.delete(f"/documents/{d}", headers=headers), ok=(204,)
        )


def percentile(values: list[float], q: float) -> float:
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--url", default="http://127.0.0.1:8000", help="the API (loopback only)")
    p.add_argument("--clients", type=int, default=4, help="concurrent askers")
    p.add_argument("--seconds", type=float, default=20.0, help="how long to run")
    p.add_argument("--writers", type=int, default=0, help="concurrent upload/delete loops")
    p.add_argument("--timeout", type=float, default=120.0, help="per request, seconds")
    args = p.parse_args(argv)
    if args.clients < 0 or args.writers < 0 or args.clients + args.writers == 0 or args.seconds <= 0:
        p.error("--clients/--writers: at least one client, --seconds: more than 0")
    base = loopback_url(args.url)
    token = os.environ.get("PLANCHAT_API_TOKEN")
    write_headers = {"Authorization": f"Bearer {token}"} if token else {}
    read_token = os.environ.get("PLANCHAT_READ_TOKEN") or token
    read_headers = {"Authorization": f"Bearer {read_token}"} if read_token else {}

    with httpx.Client(base_url=base, timeout=args.timeout, headers=read_headers) as probe:
        try:
            health = probe.get("/health").json()
        except httpx.HTTPError as exc:
            raise SystemExit(
                f"load.py: {base}/health: {type(exc).__name__}; is `planchat serve` running?"
            ) from None
    print(f"{base}: {health.get('documents')} documents; {args.clients} askers, {args.writers} writers, "
          f"{args.seconds:g} s")  # fmt: skip

    results = Results()
    deadline = time.monotonic() + args.seconds
    threads = []
    clients = [httpx.Client(base_url=base, timeout=args.timeout, headers=read_headers)
               for _ in range(args.clients + args.writers)]  # fmt: skip
    for i in range(args.clients):
        threads.append(threading.Thread(target=asker, args=(clients[i], results, deadline, i)))
    for w in range(args.writers):
        client = clients[args.clients + w]
        threads.append(threading.Thread(target=writer, args=(client, results, deadline, w, write_headers)))
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    for c in clients:
        c.close()

    failed = 0
    print(f"{'kind':<8}{'requests':>10}{'errors':>8}{'p50 ms':>10}{'p95 ms':>10}  errors by status")
    for kind in ("ask", "upload", "delete"):
        times = results.times.get(kind)
        if not times:
            continue
        errors = results.errors.get(kind, Counter())
        failed += sum(errors.values())
        detail = ", ".join(f"{k}: {v}" for k, v in errors.most_common()) or "-"
        print(f"{kind:<8}{len(times):>10}{sum(errors.values()):>8}{percentile(times, 50) * 1000:>10.0f}"
              f"{percentile(times, 95) * 1000:>10.0f}  {detail}")  # fmt: skip
    total = sum(len(v) for v in results.times.values())
    print(f"{total} requests in {elapsed:.1f} s ({total / elapsed:.1f}/s), {failed} errors")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
