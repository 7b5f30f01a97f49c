"""Uploaded release files: where they are kept under QA_HOME (saved, dropped when no release came from them or
their release is removed), names that cannot leave that folder, and the lower priority and one-thread embedder
of an ingest started by the app, so that questions asked meanwhile stay fast."""

from __future__ import annotations

import filecmp
import hashlib
import logging
import os
import re
import shutil
import threading
from pathlib import Path

from llama_index.core.base.embeddings.base import BaseEmbedding

from index.catalog import CatalogEntry
from index.errors import writing
from index.reader import SUFFIXES
from index.settings import Settings

logger = logging.getLogger(__name__)
UPLOAD_TYPES = SUFFIXES  # whatever ingest reads


def upload_folder(settings: Settings) -> Path:
    return settings.home / "uploads"


def save_uploads(files: list[str], settings: Settings, refused: list[str], targets: list[Path]) -> None:
    """Copy the uploaded files into QA_HOME/uploads, appending each to ``targets`` as it is written (so that an
    upload failing halfway leaves nothing behind that no release comes from) and each file refused, with its
    reason, to ``refused``."""
    folder = upload_folder(settings)
    with writing(settings.home, f"save uploads in {folder}"):
        folder.mkdir(parents=True, exist_ok=True)
        for raw in files:
            source = Path(raw)
            name = safe_name(source.name)
            if source.suffix.lower() not in UPLOAD_TYPES:
                refused.append(f"{name}: not a release file ({', '.join(UPLOAD_TYPES)})")
                continue
            if source.stat().st_size > settings.max_release_mb * 1024 * 1024:
                refused.append(f"{name}: larger than {settings.max_release_mb} MB")
                continue
            target = upload_target(folder, name, source)
            targets.append(target)
            shutil.copyfile(source, target)


def drop_unused(saved: list[Path], entries: list[CatalogEntry]) -> None:
    """Remove the saved uploads no release came from (unreadable, duplicates, an ingest that failed), so that
    failed uploads do not pile up under QA_HOME."""
    used = {Path(e.path).resolve() for e in entries}
    for path in saved:
        if path.resolve() not in used:
            path.unlink(missing_ok=True)


def drop_upload(path: str, settings: Settings) -> bool:
    """Delete the kept copy of a removed release when it is an upload (a file of the user's own folder is never
    touched); whether one was deleted."""
    folder = upload_folder(settings).resolve()
    file = Path(path).resolve()
    if file.parent != folder or not file.is_file():
        return False
    file.unlink()
    return True


def background_priority(niceness: int = 10) -> None:
    """Lower the calling thread's OS priority (Linux sets it per thread), so an ingest yields to questions."""
    try:
        thread = threading.get_native_id()
        os.setpriority(os.PRIO_PROCESS, thread, max(niceness, os.getpriority(os.PRIO_PROCESS, thread)))
    except (AttributeError, OSError) as exc:  # not Linux, or not permitted: ingest at normal priority
        logger.info("could not lower the ingest thread's priority: %s", exc)


def single_thread_embedder(embedder: BaseEmbedding) -> BaseEmbedding:
    """For an ONNX model, a second session with one intra-op thread, so all of an ingest's encoding runs on
    the (lowered) ingest thread instead of onnxruntime's pool at normal priority; otherwise ``embedder``."""
    from index.onnx_embedder import OnnxEmbedder

    if not isinstance(embedder, OnnxEmbedder):
        return embedder
    return OnnxEmbedder(Path(embedder.model_name), Path(embedder.tokenizer_path), batch_size=embedder.embed_batch_size,
                        workers=1)


def safe_name(name: str) -> str:
    """A file name that cannot leave the upload folder (letters of any script kept)."""
    base = Path(name.replace("\\", "/")).name
    cleaned = re.sub(r"[^\w.-]+", "_", base).lstrip(".")
    return cleaned[:120] or "release.txt"


def upload_target(folder: Path, name: str, source: Path) -> Path:
    """Where an upload named ``name`` is kept: under its name, unless an earlier upload of that name holds
    other content; then under its name and its content's hash, so that an upload never replaces a release it
    did not come from (the same file uploaded again is the same release, unchanged)."""
    target = folder / name
    if not target.exists() or filecmp.cmp(target, source, shallow=False):
        return target
    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:12]
    return folder / f"{target.stem}-{digest}{target.suffix}"
