"""User-facing errors. Each names the file or field and the reason in one line.

The edges translate them: the CLI prints the message and exits non-zero, the API
answers 4xx, the Streamlit app shows ``st.error``. Nothing here is a traceback.
"""

from __future__ import annotations

from pathlib import Path


class PlanchatError(Exception):
    """Base for every error a user may see. ``str(err)`` is the whole message."""


class IngestError(PlanchatError):
    """A file could not be read or turned into passages."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{self.path.name}: {reason}")


class IndexLockedError(PlanchatError):
    """Another process is writing to the same data directory."""


class IndexMismatchError(PlanchatError):
    """The index on disk was built with another embedding model (or schema)."""


class IndexMissingError(PlanchatError):
    """No index in the data directory yet."""


class DocumentNotFoundError(PlanchatError):
    """No document with that id is in the index."""


class InputError(PlanchatError):
    """A bad argument or field from the user (query, filter, history file)."""


class PoolTimeout(BaseException):
    """The deadline passed while PDF worker processes were reading (a BaseException, like the
    reader's alarm, so that no ``except Exception`` swallows it)."""
