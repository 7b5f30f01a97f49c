"""Read a release file (.txt, .md, .html, .pdf) into faithful text plus its content hash."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from pathlib import Path

from index.errors import UnreadableRelease
from index.table_layouts import RawTable

logger = logging.getLogger(__name__)

SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf")
_BLOCK_TAGS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "section", "article")


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
    if suffix == ".pdf":
        text = _pdf_text(path, data)
    else:
        text = _decode(path, data)
        if suffix in (".html", ".htm"):
            text = _html_text(text)
    if not text.strip():
        raise UnreadableRelease(f"{path}: no text found")
    return SourceText(path=path, text=text, sha256=hashlib.sha256(data).hexdigest())


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


def _html_text(html: str) -> str:
    """Visible text of an HTML release: scripts dropped, tables as tab-separated rows, headings bold."""
    import re

    from bs4 import BeautifulSoup, NavigableString

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "noscript", "template", "head"]):
        tag.decompose()
    for node in soup.find_all(string=True):  # source line wraps are spaces, as a browser shows them
        if isinstance(node, NavigableString) and not node.find_parent("pre") and "\n" in node:
            node.replace_with(NavigableString(re.sub(r"\s+", " ", str(node))))
    for table in reversed(soup.find_all("table")):  # innermost first
        rows = [[c.get_text(" ", strip=True) for c in row.find_all(["td", "th"], recursive=False)]
                for row in table.find_all("tr")]
        if max((len(r) for r in rows), default=0) < 2:
            continue  # a layout table: its cells stay paragraphs
        lines = ["\t".join(r) for r in rows if any(r)]
        table.replace_with("\n\n" + "\n".join(lines) + "\n\n")
    for heading in soup.find_all(["h1", "h2"]):
        heading.replace_with(f"\n\n**{heading.get_text(' ', strip=True)}**\n\n")
    for tag in soup.find_all(_BLOCK_TAGS):
        tag.insert_before("\n\n" if tag.name != "br" else "\n")
    lines = [" ".join(line.split(" ")).strip(" ") for line in soup.get_text().split("\n")]
    text = "\n".join(line if "\t" in line else " ".join(line.split()) for line in lines)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip() + "\n"


def _pdf_text(path: Path, data: bytes) -> str:
    import io

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnreadableRelease(f"{path}: encrypted PDF (a password is needed)")
        pages = [page.extract_text() or "" for page in reader.pages]
    except UnreadableRelease:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise UnreadableRelease(f"{path}: damaged or truncated PDF ({exc})") from exc
    except Exception as exc:  # pypdf raises assorted errors on broken files
        if "decrypt" in str(exc).lower() or "crypt" in type(exc).__name__.lower():
            raise UnreadableRelease(f"{path}: encrypted PDF ({exc})") from exc
        raise UnreadableRelease(f"{path}: unreadable PDF ({type(exc).__name__}: {exc})") from exc
    return "\n\n".join(p.strip() for p in pages if p.strip()) + "\n"


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
