"""Read a release file (.txt, .md, .html, .pdf) into faithful text plus its content hash."""

from __future__ import annotations

import codecs
import errno
import hashlib
import logging
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from index.errors import UnreadableRelease
from index.html_reader import read_html
from index.pdf_reader import read_pdf
from index.table_layouts import RawTable

logger = logging.getLogger(__name__)

SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf")
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
         (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


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
    """Read one release; raise ``UnreadableRelease`` with the reason when it cannot be used. The size limit is
    measured by reading at most one byte past it (a device or a pipe reports no size); only regular files
    are read."""
    return decode_release(path, read_bytes(path, max_bytes))


def read_bytes(path: Path, max_bytes: int | None = None) -> bytes:
    """A release file's bytes (at most the limit), before any parsing: enough to tell an unchanged file."""
    try:
        if (odd := odd_file(path)) is not None:
            raise UnreadableRelease(f"{path}: {odd}")
        with path.open("rb") as f:
            data = f.read() if max_bytes is None else f.read(max_bytes + 1)
        if max_bytes is not None and len(data) > max_bytes:
            raise UnreadableRelease(f"{path}: larger than {max_bytes // (1024 * 1024)} MB (QA_MAX_RELEASE_MB)")
    except OSError as exc:
        raise UnreadableRelease(f"{path}: cannot read file ({exc.strerror or exc})") from exc
    if not data.strip():
        raise UnreadableRelease(f"{path}: empty file")
    return data


def decode_release(path: Path, data: bytes) -> SourceText:
    """The release in ``data`` (the bytes of ``path``), parsed by its type."""
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
    for bom, codec in _BOMS:  # UTF-32 before UTF-16: its little-endian mark starts with UTF-16's
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec).replace("\r\n", "\n").replace("\r", "\n")
            except UnicodeDecodeError as exc:
                raise UnreadableRelease(f"{path}: marked {codec.upper()} but not valid {codec.upper()}") from exc
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


def discover(paths: list[Path]) -> tuple[list[Path], list[tuple[Path, str]], list[tuple[Path, str]]]:
    """Release files under ``paths`` (files or folders, recursively); paths that cannot be ingested, with the
    reason (a link loop, a name that is not UTF-8, a pipe or a device, an unsupported type named outright);
    and files a folder holds that are not releases (hidden files, other types), with the reason."""
    found: list[Path] = []
    skipped: list[tuple[Path, str]] = []
    ignored: list[tuple[Path, str]] = []
    seen: set[Path] = set()
    for root in paths:
        if not root.exists() and not root.is_symlink():
            skipped.append((root, "no such file or folder"))
            continue
        named = not root.is_dir()
        candidates = [root] if named else sorted(_walk(root, skipped, ignored))
        for path in candidates:
            if path.suffix.lower() not in SUFFIXES:
                (skipped if named else ignored).append((path, f"unsupported file type {path.suffix or '(none)'}"))
                continue
            if (odd := odd_file(path)) is not None:
                skipped.append((path, odd))
                continue
            real = path.resolve()
            if real not in seen:
                seen.add(real)
                found.append(path)
    return found, skipped, ignored


def odd_file(path: Path) -> str | None:
    """Why ``path`` cannot be read as a release file, or None: a name that is not UTF-8, a link that loops or
    leads nowhere, anything but a regular file (a pipe, a device, a socket)."""
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        return "file name is not valid UTF-8 (rename the file)"
    try:
        mode = path.stat().st_mode
    except RuntimeError:
        return "symbolic link loop"
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop"
        return "broken link" if path.is_symlink() else f"cannot read file ({exc.strerror or exc})"
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder, not a file"
    kinds = ((stat.S_ISFIFO, "a pipe"), (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"),
             (stat.S_ISSOCK, "a socket"))
    return f"not a regular file ({next((k for test, k in kinds if test(mode)), 'not a file')})"


def _walk(root: Path, skipped: list[tuple[Path, str]], ignored: list[tuple[Path, str]]) -> list[Path]:
    files: list[Path] = []

    def on_error(err: OSError) -> None:
        skipped.append((Path(err.filename or root), f"cannot list folder ({err.strerror})"))

    for folder, dirs, names in os.walk(root, onerror=on_error, followlinks=False):
        ignored.extend((Path(folder) / d, "hidden folder") for d in sorted(dirs) if d.startswith("."))
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        ignored.extend((Path(folder) / n, "hidden file") for n in sorted(names) if n.startswith("."))
        files.extend(Path(folder) / n for n in sorted(names) if not n.startswith("."))
    return files
