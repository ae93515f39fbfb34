"""HTTP API over the ``Planchat`` facade: ``uvicorn ui.api:create_app --factory``.

One ``Planchat`` per app, created and warmed up at startup (or lazily on the first request
when the lifespan did not run). Every user-facing failure is a ``PlanchatError`` and becomes a
4xx/5xx JSON ``{"detail": "..."}``; a traceback never reaches a client.

"""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, Literal

from fastapi import FastAPI, File, Query, Request, UploadFile
from fastapi.responses import JSONResponse
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
from retrieval.service import MAX_QUESTION_CHARS, UPLOAD_SUFFIXES, Planchat
from retrieval.settings import Settings

log = logging.getLogger("planchat.api")

MAX_HISTORY_TURNS = 50

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
def status_for(err: PlanchatError) -> int:
    if isinstance(err, DocumentNotFoundError):
        return 404
    if isinstance(err, IndexLockedError | IndexMismatchError):
        return 409
    if isinstance(err, IndexMissingError):
        return 503
    return 400


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
    )
    app.state.planchat = holder
    app.add_middleware(
        BodyLimitMiddleware,
        json_limit=settings.max_request_kb * 1024,
        upload_limit=settings.max_upload_mb * 1024 * 1024,
        upload_paths=("/documents",),
    )

    @app.exception_handler(PlanchatError)
    async def _planchat_error(request: Request, exc: PlanchatError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=status_for(exc))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("planchat: unexpected error on %s %s", request.method, request.url.path)
        return JSONResponse(
            {"detail": f"internal error ({type(exc).__name__}); see the server log"}, status_code=500
        )

    def svc() -> Planchat:
        return holder.get()

    @app.get("/health")
    def health() -> dict[str, Any]:
        return {"status": "ok", "documents": len(svc().documents())}

    @app.get("/documents")
    def documents() -> dict[str, Any]:
        return svc().documents_json()

    @app.post("/search")
    def search(body: SearchRequest) -> dict[str, Any]:
        s = svc()
        hits = s.search(
            body.query, k=body.k, year=body.year, doc_id=body.doc_id, organisation=body.organisation
        )
        return s.search_json(body.query, hits)

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
        return answer.to_json()

    @app.get("/facts")
    def facts(
        year: int | None = Query(default=None, ge=1900, le=2100),
        query: str | None = Query(default=None, max_length=200),
    ) -> Any:
        return {"facts": svc().facts(year=year, query=query or None)}

    @app.get("/activities")
    def activities(
        year: int | None = Query(default=None, ge=1900, le=2100),
        status: str | None = Query(default=None, min_length=1, max_length=40),
        query: str | None = Query(default=None, max_length=200),
    ) -> dict[str, Any]:
        # An unknown status is an InputError from the service ("status: 'x' is not one of …") → 400.
        return {"activities": svc().activities(year=year, status=status, query=query or None)}

    @app.post("/documents")
    def upload(file: UploadFile = File(...)) -> Any:  # noqa: B008 - FastAPI's declaration style
        if not settings.uploads_enabled:
            raise HTTPException(403, "uploads are disabled on this server")
        name = file.filename or ""
        suffix = Path(name).suffix.lower()
        if suffix not in UPLOAD_SUFFIXES:
            shown = f"'{suffix}'" if suffix else "(no suffix)"
            raise HTTPException(
                415,
                f"{name or 'file'}: unsupported file type {shown} (supported: {', '.join(UPLOAD_SUFFIXES)})",
            )
        limit = settings.max_upload_mb * 1024 * 1024
        data = file.file.read(limit + 1)
        if len(data) > limit:
            raise HTTPException(413, f"{name}: larger than {settings.max_upload_mb} MB")
        report = svc().upload(name, data)
        results = [{"path": r.path, "status": r.status, "reason": r.reason} for r in report.results]
        payload = {"results": results}
        if report.failed:
            return JSONResponse({"detail": f"{name}: {report.failed[0].reason}", **payload}, status_code=422)
        return payload

    @app.delete("/documents/{doc_id}")
    def delete(doc_id: str) -> dict[str, Any]:
        if not settings.uploads_enabled:
            raise HTTPException(403, "deleting documents is disabled on this server")
        doc = svc().delete(doc_id)
        return {"deleted": doc.doc_id, "title": doc.title}

    return app
