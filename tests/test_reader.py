"""Reading release files of every supported kind, and finding them on disk."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from index.errors import UnreadableRelease
from index.parser import parse_release
from index.reader import discover, read_release

DATELINE = "TORONTO, March 3, 2024 - Acme Mining Corp. (TSX-V: ACME) reports record quarterly output."
PARAGRAPH = "Production rose to 12,500 tonnes of concentrate during the quarter."


def _pdf(path: Path, lines: list[str], encrypt: str | None = None) -> Path:
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=letter, encrypt=encrypt)
    y = 720
    for line in lines:
        c.drawString(72, y, line)
        y -= 20
    c.showPage()
    c.save()
    return path


# --- text files ------------------------------------------------------------------------


def test_utf8_text_is_read_verbatim_with_hash(tmp_path: Path) -> None:
    body = "**Acme Announces Results**\n\nMarch 3, 2024 – Acme Inc. said “hello” to São Paulo.\n"
    path = tmp_path / "r.txt"
    path.write_text(body, encoding="utf-8")
    source = read_release(path)
    assert source.text == body
    assert source.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_utf8_bom_and_crlf_are_normalised(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_bytes("\ufeffFirst line\r\n\r\nSecond line\r\n".encode())
    assert read_release(path).text == "First line\n\nSecond line\n"


def test_markdown_is_read_as_text(tmp_path: Path) -> None:
    path = tmp_path / "r.md"
    path.write_text("# Heading\n\nSome *markdown* text.\n", encoding="utf-8")
    assert read_release(path).text == "# Heading\n\nSome *markdown* text.\n"


def test_cp1252_curly_quotes_are_decoded(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_bytes(b"The CEO said \x93we are pleased\x94 \x96 it\x92s a caf\xe9.\n")
    text = read_release(path).text
    assert text == "The CEO said “we are pleased” – it’s a café.\n"


def test_latin1_bytes_are_decoded(tmp_path: Path) -> None:
    # 0x81 and 0x8d are undefined in cp1252, so only latin-1 can decode this file.
    path = tmp_path / "r.txt"
    path.write_bytes(b"Montr\xe9al \xa9 2024 \x81 r\xe9sum\xe9\n")
    text = read_release(path).text
    assert "Montréal" in text and "©" in text and "résumé" in text


# --- HTML ------------------------------------------------------------------------------

HTML = """<!doctype html>
<html><head><title>Page title not body</title>
<style>body { color: red; } .secret-style {}</style>
<script>var secretScript = "do not index";</script></head>
<body>
<h1>Acme Reports Record Quarter</h1>
<p>TORONTO, March 3, 2024 &ndash; Acme Mining Corp. (TSX-V: ACME) &amp; partners
reported &ldquo;record&rdquo; output.</p>
<table>
<tr><th>Metric</th><th>Q1 2024</th><th>Q1 2023</th></tr>
<tr><td>Revenue</td><td>1,234</td><td>987</td></tr>
<tr><td>Net income</td><td>(12)</td><td>34</td></tr>
</table>
<noscript>enable javascript</noscript>
<p>About Acme<br>Acme mines tungsten.</p>
</body></html>
"""


@pytest.fixture
def html_text(tmp_path: Path) -> str:
    path = tmp_path / "release.html"
    path.write_text(HTML, encoding="utf-8")
    return read_release(path).text


def test_html_tags_stripped_and_entities_decoded(html_text: str) -> None:
    assert "<" not in html_text and "&amp;" not in html_text and "&ndash;" not in html_text
    assert "TORONTO, March 3, 2024 – Acme Mining Corp. (TSX-V: ACME) & partners reported “record” output." in html_text


def test_html_script_style_and_head_are_dropped(html_text: str) -> None:
    for hidden in ("secretScript", "do not index", "color: red", "secret-style", "Page title not body"):
        assert hidden not in html_text


def test_html_table_becomes_tab_separated_rows(html_text: str) -> None:
    # the rows stay together as one block, so the chunker sees one table
    assert "\n\nMetric\tQ1 2024\tQ1 2023\nRevenue\t1,234\t987\nNet income\t(12)\t34\n\n" in html_text
    from index.chunker import chunk_release

    release, paras = parse_release("h", "release.html", "0", html_text)
    tables = [c for c in chunk_release(release, paras) if c.kind == "table"]
    assert len(tables) == 1 and "Net income\t(12)\t34" in tables[0].text


def test_html_layout_table_keeps_its_paragraphs(tmp_path: Path) -> None:
    path = tmp_path / "layout.html"
    path.write_text(
        "<table><tr><td><p>First paragraph of the\nrelease.</p><p>Second paragraph.</p></td></tr></table>",
        encoding="utf-8",
    )
    assert read_release(path).text == "First paragraph of the release.\n\nSecond paragraph.\n"


def test_html_h1_becomes_bold_headline_paragraph(html_text: str) -> None:
    assert html_text.startswith("**Acme Reports Record Quarter**\n\n")
    release, _ = parse_release("h", "release.html", "0", html_text)
    assert release.title == "Acme Reports Record Quarter"
    assert release.date == "2024-03-03"
    assert release.ticker == "ACME"


def test_html_br_splits_lines(html_text: str) -> None:
    assert "About Acme\nAcme mines tungsten." in html_text


# --- PDF -------------------------------------------------------------------------------


def test_pdf_text_is_extracted(tmp_path: Path) -> None:
    path = _pdf(tmp_path / "r.pdf", [DATELINE, PARAGRAPH])
    text = read_release(path).text
    assert " ".join(text.split()) == f"{DATELINE} {PARAGRAPH}"
    release, _ = parse_release("p", str(path), "0", text)
    assert release.date == "2024-03-03"
    assert release.ticker == "ACME"


def test_truncated_pdf_is_unreadable(tmp_path: Path) -> None:
    whole = _pdf(tmp_path / "whole.pdf", [DATELINE, PARAGRAPH])
    path = tmp_path / "cut.pdf"
    path.write_bytes(whole.read_bytes()[:200])
    with pytest.raises(UnreadableRelease, match="cut.pdf"):
        read_release(path)


def test_encrypted_pdf_is_unreadable(tmp_path: Path) -> None:
    path = _pdf(tmp_path / "locked.pdf", [DATELINE, PARAGRAPH], encrypt="s3cret")
    with pytest.raises(UnreadableRelease, match="(?i)encrypted"):
        read_release(path)


def test_pdf_that_is_not_a_pdf_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "fake.pdf"
    path.write_text("this is plain text, not a PDF at all\n", encoding="utf-8")
    with pytest.raises(UnreadableRelease):
        read_release(path)


# --- unusable files --------------------------------------------------------------------


@pytest.mark.parametrize("content", [b"", b"  \n\n\t \r\n"])
def test_empty_file_is_unreadable(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    with pytest.raises(UnreadableRelease, match="empty"):
        read_release(path)


def test_binary_file_named_txt_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    with pytest.raises(UnreadableRelease, match="binary"):
        read_release(path)


def test_binary_without_nul_bytes_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(range(1, 32)) * 50)
    with pytest.raises(UnreadableRelease, match="binary"):
        read_release(path)


def test_html_without_visible_text_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "blank.html"
    path.write_text("<html><head><script>var x = 1;</script></head><body> </body></html>", encoding="utf-8")
    with pytest.raises(UnreadableRelease, match="no text"):
        read_release(path)


def test_directory_named_like_a_release_is_unreadable(tmp_path: Path) -> None:
    folder = tmp_path / "x.txt"
    folder.mkdir()
    with pytest.raises(UnreadableRelease, match="a folder"):
        read_release(folder)


def test_missing_file_is_unreadable(tmp_path: Path) -> None:
    with pytest.raises(UnreadableRelease, match="cannot read"):
        read_release(tmp_path / "gone.txt")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can read any file")
def test_file_without_read_permission_is_reported_not_raised(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Readable release.\n", encoding="utf-8")
    locked = tmp_path / "locked.txt"
    locked.write_text("Secret release.\n", encoding="utf-8")
    locked.chmod(0)
    try:
        files, skipped, _ = discover([tmp_path])
        read, failed = [], []
        for path in files:
            try:
                read.append(read_release(path).path)
            except UnreadableRelease as exc:
                failed.append((path, str(exc)))
        assert read == [good]
        assert [p for p, _ in failed] == [locked]
        assert "cannot read" in failed[0][1]
    finally:
        locked.chmod(0o644)


# --- discover ----------------------------------------------------------------------------


def _tree(root: Path) -> dict[str, Path]:
    (root / "a" / "b").mkdir(parents=True)
    files = {
        "top": root / "top.txt",
        "md": root / "a" / "note.md",
        "html": root / "a" / "b" / "deep.HTML",
        "pdf": root / "a" / "b" / "deck.pdf",
    }
    for path in files.values():
        path.write_text("x\n", encoding="utf-8")
    (root / "a" / "data.csv").write_text("1,2\n", encoding="utf-8")
    (root / "a" / "b" / "image.png").write_bytes(b"\x89PNG")
    (root / ".hidden").mkdir()
    (root / ".hidden" / "secret.txt").write_text("x\n", encoding="utf-8")
    return files


def test_discover_recurses_and_names_what_is_not_a_release(tmp_path: Path) -> None:
    files = _tree(tmp_path)
    found, skipped, ignored = discover([tmp_path])
    assert sorted(found) == sorted(files.values())
    assert skipped == []
    assert dict(ignored) == {tmp_path / ".hidden": "hidden folder",
                             tmp_path / "a" / "data.csv": "unsupported file type .csv",
                             tmp_path / "a" / "b" / "image.png": "unsupported file type .png"}


def test_discover_reports_explicit_unsupported_file_and_missing_path(tmp_path: Path) -> None:
    sheet = tmp_path / "data.csv"
    sheet.write_text("1,2\n", encoding="utf-8")
    good = tmp_path / "r.txt"
    good.write_text("x\n", encoding="utf-8")
    missing = tmp_path / "nope.txt"
    found, skipped, _ = discover([sheet, missing, good])
    assert found == [good]
    reasons = dict(skipped)
    assert set(reasons) == {sheet, missing}
    assert "unsupported" in reasons[sheet] and ".csv" in reasons[sheet]
    assert "no such file" in reasons[missing]


def test_discover_does_not_hang_on_symlink_loop(tmp_path: Path) -> None:
    folder = tmp_path / "releases"
    folder.mkdir()
    release = folder / "r.txt"
    release.write_text("x\n", encoding="utf-8")
    os.symlink(folder, folder / "loop")
    found, skipped, _ = discover([folder])
    assert found == [release]
    assert skipped == []


def test_discover_dedupes_same_file_reached_twice(tmp_path: Path) -> None:
    folder = tmp_path / "releases"
    folder.mkdir()
    release = folder / "r.txt"
    release.write_text("x\n", encoding="utf-8")
    alias = tmp_path / "alias.txt"
    os.symlink(release, alias)
    found, _, _ = discover([folder, release, folder / ".." / "releases" / "r.txt", alias])
    assert found == [release]


def test_discover_skips_folder_named_like_a_release(tmp_path: Path) -> None:
    (tmp_path / "x.txt").mkdir()
    (tmp_path / "x.txt" / "inner.md").write_text("x\n", encoding="utf-8")
    found, skipped, _ = discover([tmp_path])
    assert found == [tmp_path / "x.txt" / "inner.md"]
    assert skipped == []
