"""HTTP API over the ``Planchat`` facade: ``uvicorn ui.api:create_app --factory``.

One ``Planchat`` per app, created and warmed up at startup (or lazily on the first request
when the lifespan did not run). Every user-facing failure is a ``PlanchatError`` and becomes a
4xx/5xx JSON ``{"detail": "..."}``; a traceback never reaches a client, nor does a server path
(``source`` is the file name).

Access (``ui.auth``): uploads and deletes need ``Authorization: Bearer <PLANCHAT_API_TOKEN>``
(refused with 403 when no token is configured, unless PLANCHAT_OPEN_WRITES); reads are open unless
PLANCHAT_READ_TOKEN is set. /health is always open.

"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, Literal, TypeVar, cast

from fastapi import FastAPI, File, Query, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from ingest.errors import (
    DocumentNotFoundError,
    IndexLockedError,
    IndexMismatchError,
    IndexMissingError,
    PlanchatError,
)
from retrieval.service import MAX_QUESTION_CHARS, UPLOAD_SUFFIXES, Planchat, safe_filename
from retrieval.settings import Settings
from ui.auth import CLOSED_WRITES, DISABLED_WRITES, may_read, may_write

log = logging.getLogger("planchat.api")

MAX_HISTORY_TURNS = 50
T = TypeVar("T")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


# -- request bodies --------------------------------------------------------------------------
class _Filters(BaseModel):
    model_config = ConfigDict(extra="forbid")

    k: int | None = Field(default=None, ge=1, le=50)
    year: int | None = Field(default=None, ge=1900, le=2100)
    doc_id: str | None = Field(default=None, min_length=1, max_length=64)
    organisation: str | None = Field(default=None, min_length=1, max_length=200)


class SearchRequest(_Filters):
    query: str = Field(min_length=1, max_length=MAX_QUESTION_CHARS)


class Turn(BaseModel):
    model_config = ConfigDict(extra="ignore")

    role: Literal["user", "assistant"] = "user"
    content: str = Field(max_length=20_000)


class AskRequest(_Filters):
    question: str = Field(min_length=1, max_length=MAX_QUESTION_CHARS)
    history: list[Turn] = Field(default_factory=list, max_length=MAX_HISTORY_TURNS)


# -- errors ----------------------------------------------------------------------------------
RETRY_AFTER_S = 5


def status_for(err: PlanchatError) -> int:
    if isinstance(err, DocumentNotFoundError):
        return 404
    if isinstance(err, IndexMismatchError):
        return 409
    if isinstance(err, IndexMissingError | IndexLockedError):
        return 503
    return 400


class SafeJSONResponse(JSONResponse):
    """JSON that always encodes: a lone surrogate that slipped into a value becomes U+FFFD rather
    than a 500 while the response is written."""

    def render(self, content: Any) -> bytes:
        text = json.dumps(content, ensure_ascii=False, allow_nan=False, indent=None, separators=(",", ":"))
        return text.encode("utf-8", "replace")


def validation_detail(exc: RequestValidationError) -> str:
    """One line naming each bad field and why, without echoing the input back."""
    parts = []
    for err in exc.errors():
        loc = [str(x) for x in err.get("loc", ())]
        if loc and loc[0] in ("body", "query", "path", "header"):
            loc = loc[1:]
        field = ".".join(loc) or "body"
        if err.get("type") == "string_unicode":
            msg = "not valid text (a lone UTF-16 surrogate such as \\ud800 is no character)"
        elif err.get("type") == "json_invalid":
            msg = f"not valid JSON ({err.get('ctx', {}).get('error', 'parse error')})"
        else:
            msg = str(err.get("msg", "invalid"))
        parts.append(f"{field}: {msg}")
    return "; ".join(parts) or "invalid request"


def public_source(value: str) -> str:
    """A document's ``source`` as a client sees it: the file name, never the server's path."""
    return Path(value).name if value else value


def public(obj: T) -> T:
    """``obj`` with every ``source`` value reduced to its file name (the CLI keeps full paths)."""
    if isinstance(obj, dict):
        return cast(
            T,
            {
                k: public_source(v) if k == "source" and isinstance(v, str) else public(v)
                for k, v in obj.items()
            },
        )
    if isinstance(obj, list):
        return cast(T, [public(v) for v in obj])
    return obj


def upload_entry(
    svc: Planchat, path: str, status: str, reason: str, doc_id: str | None, passages: int
) -> dict[str, Any]:
    """One file of an upload: what happened to it, and the document's registry entry (``doc_id``,
    ``title``, ``pages``, ``passages``, …; ``source`` reduced to a file name) when it is indexed."""
    entry: dict[str, Any] = {
        "file": Path(path).name,  # the stored name (<sha256 prefix>-<name>), not the server path
        "status": status,
        "reason": reason,
        "doc_id": doc_id,
        "title": None,
        "pages": None,
        "passages": passages,
    }
    doc = svc.document_json(doc_id) if doc_id and status != "failed" else None
    if doc is not None:
        entry.update(public(doc))
    return entry


class BodyTooLarge(HTTPException):
    def __init__(self, limit: int) -> None:
        super().__init__(413, f"request body too large (limit {_human_bytes(limit)})")


def _human_bytes(n: int) -> str:
    return f"{n // (1024 * 1024)} MB" if n >= 1024 * 1024 and n % (1024 * 1024) == 0 else f"{n // 1024} kB"


class BodyLimitMiddleware:
    """Reject request bodies above a limit with 413 before they are read into memory.

    The declared Content-Length is checked first; chunked or lying clients are caught while
    the body streams in (the count is kept in ``receive``).
    """

    def __init__(
        self, app: ASGIApp, json_limit: int, upload_limit: int, upload_paths: tuple[str, ...]
    ) -> None:
        self.app = app
        self.json_limit = json_limit
        self.upload_limit = upload_limit
        self.upload_paths = upload_paths

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        upload = scope["method"] == "POST" and scope["path"] in self.upload_paths
        limit = self.upload_limit if upload else self.json_limit
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None:
            try:
                too_big = int(declared) > limit
            except ValueError:
                too_big = False
            if too_big:
                await self._reject(scope, receive, send, limit)
                return

        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except BodyTooLarge:
            if not started:
                await self._reject(scope, receive, send, limit)

    @staticmethod
    async def _reject(scope: Scope, receive: Receive, send: Send, limit: int) -> None:
        response = JSONResponse(
            {"detail": f"request body too large (limit {_human_bytes(limit)})"},
            status_code=413,
            headers={"Connection": "close"},
        )
        await response(scope, receive, send)


# -- access ----------------------------------------------------------------------------------
READ_ROUTES = {("POST", "/search"), ("POST", "/ask")}  # reads sent as POST (a JSON body)
OPEN_PATHS = {"/health"}


class AuthMiddleware:
    """Check the bearer token before anything else (no body is read for a refused request).

    A write is any request but GET/HEAD/OPTIONS and the POSTs in ``READ_ROUTES``, so a route added
    later is a write until it is listed as a read.
    """

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in OPEN_PATHS:
            await self.app(scope, receive, send)
            return
        method, path = scope["method"], scope["path"]
        header = dict(scope.get("headers") or []).get(b"authorization")
        refusal: tuple[int, str] | None = None
        if method in ("GET", "HEAD", "OPTIONS") or (method, path) in READ_ROUTES:
            if not may_read(self.settings, header):
                refusal = self._unauthorised(header, "PLANCHAT_READ_TOKEN")
        else:
            access = self.settings.write_access()
            if access == "disabled":
                refusal = (403, DISABLED_WRITES)
            elif access == "closed":
                refusal = (403, CLOSED_WRITES)
            elif not may_write(self.settings, header) or not may_read(self.settings, header):
                refusal = self._unauthorised(header, "PLANCHAT_API_TOKEN")
        if refusal is None:
            await self.app(scope, receive, send)
            return
        status, detail = refusal
        headers = {"Connection": "close"}
        if status == 401:
            error = ', error="invalid_token"' if header else ""
            headers["WWW-Authenticate"] = f'Bearer realm="planchat"{error}'
        await SafeJSONResponse({"detail": detail}, status_code=status, headers=headers)(scope, receive, send)

    @staticmethod
    def _unauthorised(header: bytes | None, setting: str) -> tuple[int, str]:
        if not header:
            return (
                401,
                f"Authorization: missing; send 'Authorization: Bearer <token>' (the server's {setting})",
            )
        return 401, "Authorization: the bearer token is wrong or not a bearer token"


# -- the app ---------------------------------------------------------------------------------
class _ServiceHolder:
    """One Planchat per app, created on first use (thread-safe)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._svc: Planchat | None = None
        self._lock = threading.Lock()

    def get(self) -> Planchat:
        if self._svc is None:
            with self._lock:
                if self._svc is None:
                    self._svc = Planchat(self.settings)
        return self._svc


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    # Concurrent uploads and deletes queue behind the one writer for a bounded time, then get 503.
    settings = settings.model_copy(
        update={"write_wait_s": max(settings.write_wait_s, settings.api_write_wait_s)}
    )
    holder = _ServiceHolder(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        svc = holder.get()
        try:
            await run_in_threadpool(svc.warm_up)
        except PlanchatError as err:  # e.g. no index yet: the app still serves /health and uploads
            log.warning("planchat: warm-up skipped: %s", err)
        yield

    app = FastAPI(
        title="planchat",
        summary="Cited answers over Swedish municipal plan and report documents.",
        version="0.1.0",
        lifespan=lifespan,
        default_response_class=SafeJSONResponse,
    )
    app.state.planchat = holder
    app.add_middleware(
        BodyLimitMiddleware,
        json_limit=settings.max_request_kb * 1024,
        upload_limit=settings.max_upload_mb * 1024 * 1024,
        upload_paths=("/documents",),
    )
    app.add_middleware(AuthMiddleware, settings=settings)  # added last: runs first

    @app.exception_handler(PlanchatError)
    async def _planchat_error(request: Request, exc: PlanchatError) -> JSONResponse:
        if isinstance(exc, IndexLockedError):  # the lock's message names the server's folder and pid
            wait = settings.write_wait_s
            return SafeJSONResponse(
                {"detail": f"the index is busy with another upload or delete (waited {wait:g} s); try again"},
                status_code=503,
                headers={"Retry-After": str(RETRY_AFTER_S)},
            )
        if isinstance(exc, IndexMissingError):  # the library's message names the server's folder
            detail = "no index on this server yet; run: planchat ingest <folder> (or upload a document)"
            return SafeJSONResponse({"detail": detail}, status_code=503)
        return SafeJSONResponse({"detail": str(exc)}, status_code=status_for(exc))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        return SafeJSONResponse({"detail": validation_detail(exc)}, status_code=422)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("planchat: unexpected error on %s %s", request.method, request.url.path)
        return SafeJSONResponse(
            {"detail": f"internal error ({type(exc).__name__}); see the server log"}, status_code=500
        )

    def svc() -> Planchat:
        return holder.get()

    @app.get("/health")
    def health() -> dict[str, Any]:
        return {"status": "ok", "documents": len(svc().documents())}

    @app.get("/documents")
    def documents() -> dict[str, Any]:
        return public(svc().documents_json())

    @app.post("/search")
    def search(body: SearchRequest) -> dict[str, Any]:
        s = svc()
        hits = s.search(
            body.query, k=body.k, year=body.year, doc_id=body.doc_id, organisation=body.organisation
        )
        return public(s.search_json(body.query, hits))

    @app.post("/ask")
    def ask(body: AskRequest) -> dict[str, Any]:
        history = [{"role": t.role, "content": t.content} for t in body.history]
        answer = svc().ask(
            body.question,
            history=history,
            k=body.k,
            year=body.year,
            doc_id=body.doc_id,
            organisation=body.organisation,
        )
        return public(answer.to_json())

    @app.get("/facts")
    def facts(
        year: int | None = Query(default=None, ge=1900, le=2100),
        query: str | None = Query(default=None, max_length=200),
    ) -> Any:
        return public({"facts": svc().facts(year=year, query=query or None)})

    @app.get("/activities")
    def activities(
        year: int | None = Query(default=None, ge=1900, le=2100),
        status: str | None = Query(default=None, min_length=1, max_length=40),
        query: str | None = Query(default=None, max_length=200),
    ) -> dict[str, Any]:
        # An unknown status is an InputError from the service ("status: 'x' is not one of …") → 400.
        return public({"activities": svc().activities(year=year, status=status, query=query or None)})

    @app.post("/documents", status_code=201)
    def upload(file: UploadFile = File(...)) -> Any:  # noqa: B008 - FastAPI's declaration style
        # Who may write is checked before the body is read (AuthMiddleware).
        name = file.filename or ""
        shown = safe_filename(name) if name else "file"
        suffix = Path(name).suffix.lower()
        if suffix not in UPLOAD_SUFFIXES:
            what = f"'{suffix.encode('utf-8', 'replace').decode()}'" if suffix else "(no suffix)"
            raise HTTPException(
                415, f"{shown}: unsupported file type {what} (supported: {', '.join(UPLOAD_SUFFIXES)})"
            )
        limit = settings.max_upload_mb * 1024 * 1024
        data = file.file.read(limit + 1)
        if len(data) > limit:
            raise HTTPException(413, f"{shown}: larger than {settings.max_upload_mb} MB")
        s = svc()
        report = s.upload(name, data)
        results = [upload_entry(s, r.path, r.status, r.reason, r.doc_id, r.passages) for r in report.results]
        payload = {"results": results}
        if report.failed:
            return SafeJSONResponse(
                {"detail": f"{shown}: {report.failed[0].reason}", **payload}, status_code=422
            )
        # 201 when the upload indexed a new document; 200 when its bytes were already indexed.
        created = any(r.status in ("added", "updated") for r in report.results)
        return SafeJSONResponse(payload, status_code=201 if created else 200)

    @app.delete("/documents/{doc_id}", status_code=204, response_class=Response)
    def delete(doc_id: str) -> Response:
        svc().delete(doc_id)  # an unknown (or already deleted) id is DocumentNotFoundError → 404
        return Response(status_code=204)

    return app
