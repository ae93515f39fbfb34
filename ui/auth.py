"""Who may read and write through the HTTP API and the app: bearer tokens from the settings.

Writes (upload, delete) need ``PLANCHAT_API_TOKEN``; with no token configured they are refused
unless ``PLANCHAT_OPEN_WRITES`` opens them for a local single-user run. Reads are open unless
``PLANCHAT_READ_TOKEN`` is set (the write token reads too). Tokens are compared in constant time.
"""

from __future__ import annotations

import secrets

from retrieval.settings import Settings

CLOSED_WRITES = (
    "uploads and deletes need a token, and this server has none: set PLANCHAT_API_TOKEN on the server "
    "(or PLANCHAT_OPEN_WRITES=true for a local single-user run)"
)
DISABLED_WRITES = "uploads and deletes are disabled on this server (PLANCHAT_UPLOADS_ENABLED=false)"


def token_matches(given: str | bytes | None, *expected: str | None) -> bool:
    """True when ``given`` equals one of the configured tokens (constant-time compare)."""
    if not given:
        return False
    raw = given if isinstance(given, bytes) else given.encode("utf-8", "surrogateescape")
    ok = False
    for token in expected:
        if token:  # compare against every configured token: the time does not tell which one
            ok |= secrets.compare_digest(raw, token.encode("utf-8"))
    return ok


def bearer(header: bytes | str | None) -> bytes | None:
    """The token of an ``Authorization: Bearer <token>`` header value (None: no bearer token)."""
    if header is None:
        return None
    raw = header if isinstance(header, bytes) else header.encode("latin-1", "replace")
    scheme, _, token = raw.strip().partition(b" ")
    if scheme.lower() != b"bearer" or not token.strip():
        return None
    return token.strip()


def may_read(settings: Settings, header: bytes | str | None) -> bool:
    if not settings.read_token:
        return True
    return token_matches(bearer(header), settings.read_token, settings.api_token)


def may_write(settings: Settings, header: bytes | str | None) -> bool:
    """Only meaningful when ``settings.write_access()`` is 'token' or 'open'."""
    access = settings.write_access()
    if access == "open":
        return True
    return access == "token" and token_matches(bearer(header), settings.api_token)
