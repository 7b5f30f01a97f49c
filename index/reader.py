"""Read a release file (.txt, .md, .html, .pdf) into faithful text plus its content hash."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from pathlib import Path

from index.errors import UnreadableRelease
from index.html_reader import read_html
from index.pdf_reader import read_pdf
from index.table_layouts import RawTable

logger = logging.getLogger(__name__)

SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf")


@dataclass(frozen=True)
class SourceText:
    """A release's text as read from disk, and the SHA-256 of the file's bytes.

    ``tables`` are the tables the reader found from the document's structure (HTML DOM, PDF page geometry),
    with offsets into ``text``; tables in plain text are found later from the text's layout.
    ``page_starts`` holds the offset where each page begins (PDF), else it is empty.
    """

    path: Path
    text: str
    sha256: str
    tables: list[RawTable] = field(default_factory=list)
    page_starts: list[int] = field(default_factory=list)


def read_release(path: Path, max_bytes: int | None = None) -> SourceText:
    """Read one release; raise ``UnreadableRelease`` with the reason when it cannot be used."""
    try:
        if max_bytes is not None and path.stat().st_size > max_bytes:
            raise UnreadableRelease(f"{path}: larger than {max_bytes // (1024 * 1024)} MB (QA_MAX_RELEASE_MB)")
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableRelease(f"{path}: cannot read file ({exc.strerror or exc})") from exc
    if not data.strip():
        raise UnreadableRelease(f"{path}: empty file")
    suffix = path.suffix.lower()
    tables: list[RawTable] = []
    page_starts: list[int] = []
    if suffix == ".pdf":
        pdf = read_pdf(path, data)
        text, tables, page_starts = pdf.text, pdf.tables, pdf.page_starts
    else:
        text = _decode(path, data)
        if suffix in (".html", ".htm"):
            html = read_html(text)
            text, tables = html.text, html.tables
    if not text.strip():
        raise UnreadableRelease(f"{path}: no text found")
    return SourceText(path=path, text=text, sha256=hashlib.sha256(data).hexdigest(), tables=tables,
                      page_starts=page_starts)


def _decode(path: Path, data: bytes) -> str:
    if b"\x00" in data[:8192]:
        raise UnreadableRelease(f"{path}: binary content, not a text release")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
        logger.info("%s: not UTF-8, decoded as a Windows/Latin code page", path)
    controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\t\n\r\f")
    if controls > 0.05 * min(len(text), 8192):
        raise UnreadableRelease(f"{path}: binary content, not a text release")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def discover(paths: list[Path]) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Release files under ``paths`` (files or folders, recursively), and paths skipped with a reason."""
    found: list[Path] = []
    skipped: list[tuple[Path, str]] = []
    seen: set[Path] = set()
    for root in paths:
        if not root.exists():
            skipped.append((root, "no such file or folder"))
            continue
        candidates = [root] if root.is_file() else sorted(_walk(root, skipped))
        for path in candidates:
            if path.suffix.lower() not in SUFFIXES:
                if root.is_file():
                    skipped.append((path, f"unsupported file type {path.suffix or '(none)'}"))
                continue
            real = path.resolve()
            if real not in seen:
                seen.add(real)
                found.append(path)
    return found, skipped


def _walk(root: Path, skipped: list[tuple[Path, str]]) -> list[Path]:
    import os

    files: list[Path] = []

    def on_error(err: OSError) -> None:
        skipped.append((Path(err.filename or root), f"cannot list folder ({err.strerror})"))

    for folder, dirs, names in os.walk(root, onerror=on_error, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        files.extend(Path(folder) / n for n in names if not n.startswith("."))
    return files
