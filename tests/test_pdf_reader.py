"""PDF releases: text, tables from page geometry, pages, ligatures and unreadable PDFs."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.errors import UnreadableRelease
from index.figures import extract_figures
from index.ligatures import UNMAPPED, spell_out
from index.reader import read_release
from index.records import Figure

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "earnings"


def _statement(path: Path, pages: int = 1) -> Path:
    """An income statement laid out as releases print one: a spanning period header over two date
    columns, right-aligned numbers, ``$`` apart from its number, negatives in parentheses, a wrapped label,
    a percentage column, and the table going on to a second page under no header."""
    from reportlab.lib.pagesizes import letter
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=letter)
    c.setFont("Helvetica", 9)
    c.drawString(72, 740, "Northwind Retail, Inc. reports first quarter results.")
    c.drawCentredString(306, 700, "Consolidated Statements of Income")
    c.drawCentredString(306, 688, "(In thousands, except per share data)")
    c.drawCentredString(430, 660, "13 Weeks Ended")
    c.drawRightString(400, 648, "April 29,")
    c.drawRightString(500, 648, "April 30,")
    c.drawRightString(400, 636, "2023")
    c.drawRightString(500, 636, "2022")
    rows = [
        ("Net sales", "$", "2,634,263", "$", "2,345,901"),
        ("Cost of sales", "", "1,579,406", "", "1,404,875"),
        ("Interest (income) expense,", "", "", "", ""),
        ("net", "", "(7,348)", "", "401"),
        ("Net income per common share:", "", "", "", ""),
        ("Diluted", "$", "6.88", "$", "6.30"),
    ]
    y = 620
    for label, cur1, v1, cur2, v2 in rows:
        c.drawString(72 if label[:1].isupper() else 80, y, label)
        for cur, value, right in ((cur1, v1, 400), (cur2, v2, 500)):
            if cur:
                c.drawString(right - 70, y, cur)
            if value:
                c.drawRightString(right, y, value)
        y -= 12
    for _ in range(pages - 1):
        c.showPage()
        c.setFont("Helvetica", 9)
        y = 700
        for label, v1, v2 in (("Operating income", "442,070", "437,708"), ("Income tax expense", "102,367", "105,912")):
            c.drawString(72, y, label)
            c.drawRightString(400, y, v1)
            c.drawRightString(500, y, v2)
            y -= 12
    c.showPage()
    c.save()
    return path


def _cells(figures: list[Figure]) -> dict[tuple[str, str], Figure]:
    return {(f.row_label, f.period_end or ""): f for f in figures}


def test_statement_columns_headers_and_values_from_geometry(tmp_path: Path) -> None:
    source = read_release(_statement(tmp_path / "q1.pdf"))
    figures = _cells(extract_figures(source.text, "q1", source.tables, source.page_starts))
    sales = figures[("Net sales", "2023-04-29")]
    assert (sales.value, sales.period_kind, sales.page) == (2634263.0, "13_weeks_ended", 1)
    assert sales.column_label == "13 Weeks Ended April 29, 2023"
    assert figures[("Net sales", "2022-04-30")].value == 2345901.0
    wrapped = figures[("Interest (income) expense, net", "2023-04-29")]
    assert wrapped.value == -7348.0
    assert figures[("Diluted", "2023-04-29")].parent_label == "Net income per common share"
    assert source.text[sales.row_start:sales.row_end].startswith("Net sales\t")


def test_a_table_going_on_to_the_next_page_keeps_its_header(tmp_path: Path) -> None:
    source = read_release(_statement(tmp_path / "q1.pdf", pages=2))
    assert len(source.page_starts) == 2
    figures = _cells(extract_figures(source.text, "q1", source.tables, source.page_starts))
    tax = figures[("Income tax expense", "2023-04-29")]
    assert (tax.value, tax.page, tax.period_kind) == (102367.0, 2, "13_weeks_ended")
    assert figures[("Income tax expense", "2022-04-30")].value == 105912.0


def test_prose_keeps_its_lines_and_paragraphs(tmp_path: Path) -> None:
    source = read_release(_statement(tmp_path / "q1.pdf"))
    first = source.text.split("\n\n")[0]
    assert first == "Northwind Retail, Inc. reports first quarter results."


def test_image_only_pdf_is_reported_unreadable(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(path))
    c.rect(72, 72, 400, 600, fill=1)  # a page with no text at all, as a scan
    c.showPage()
    c.save()
    with pytest.raises(UnreadableRelease, match="no readable text"):
        read_release(path)


def test_glyph_codes_are_reported_not_indexed(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "encoded.pdf"
    c = canvas.Canvas(str(path))
    for i in range(30):  # what a font without a character map leaves: glyph numbers, not letters
        c.drawString(72, 760 - 20 * i, " ".join(f"/{n}" for n in range(i, i + 12)))
    c.showPage()
    c.save()
    with pytest.raises(UnreadableRelease, match="no readable text: scanned or encoded PDF"):
        read_release(path)


def test_truncated_pdf_is_reported_damaged(tmp_path: Path) -> None:
    whole = _statement(tmp_path / "whole.pdf").read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(whole[: len(whole) // 3])
    with pytest.raises(UnreadableRelease, match="damaged or truncated PDF"):
        read_release(path)


@pytest.mark.parametrize(
    ("word", "widths", "expected"),
    [
        (f"{UNMAPPED}nancial", [5.7], "financial"),
        (f"O{UNMAPPED}cer", [8.6], "Officer"),
        (f"signi{UNMAPPED}cant", [5.7], "significant"),
        (f"long{UNMAPPED}", [3.0], "long-"),
    ],
)
def test_unmapped_ligatures_are_spelled_out(word: str, widths: list[float], expected: str) -> None:
    assert spell_out(word, widths, 9.8) == expected


@pytest.mark.skipif(not SHARED.is_dir(), reason="shared earnings PDFs not beside the checkout")
def test_real_release_with_unmapped_ligatures_reads_clean() -> None:
    text = read_release(SHARED / "EBAY_2023Q1_EARNINGS.pdf").text
    assert "financial results for its first quarter" in text
    assert "Chief Financial Officer" in text
    assert UNMAPPED not in text and "\x00" not in text


@pytest.mark.skipif(not SHARED.is_dir(), reason="shared earnings PDFs not beside the checkout")
def test_real_release_one_cell_per_line_in_pdf_text_gives_figures() -> None:
    source = read_release(SHARED / "ULTABEAUTY_2023Q1_EARNINGS.pdf")
    figures = extract_figures(source.text, "ulta", source.tables, source.page_starts)
    sales = [f for f in figures
             if f.row_label == "Net sales" and f.period_end == "2023-04-29" and f.raw.endswith("263")]
    assert sales and sales[0].value == 2634263.0 and sales[0].period_kind == "13_weeks_ended"
    assert sales[0].scale == 1000 and sales[0].page == 5


@pytest.mark.skipif(not SHARED.is_dir(), reason="shared earnings PDFs not beside the checkout")
def test_truncated_real_filing_is_reported_damaged() -> None:
    with pytest.raises(UnreadableRelease, match="damaged or truncated PDF"):
        read_release(SHARED / "INTEL_2023_8K_dated-2023-02-10.pdf")


def test_a_page_of_tables_only_is_readable(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "supplement.pdf"
    c = canvas.Canvas(str(path))
    for i in range(10):  # numbers, dollar signs and short labels: no prose at all, and still a release
        c.drawString(72, 700 - 14 * i, f"Segment {i}")
        c.drawRightString(400, 700 - 14 * i, f"$ {1000 + 37 * i:,}")
        c.drawRightString(480, 700 - 14 * i, f"{900 + 41 * i:,}")
    c.showPage()
    c.save()
    assert len(read_release(path).tables) == 1


def test_landscape_page_drawn_rotated_reads_as_shown(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "landscape.pdf"
    c = canvas.Canvas(str(path), pagesize=(612, 792))
    c.setPageRotation(90)  # a portrait page shown turned, its table drawn upright for the reader
    c.translate(612, 0)
    c.rotate(90)
    y = 560.0
    for label, a, b in [("Net sales", "1,234", "1,100"), ("Cost of sales", "(800)", "(700)")]:
        c.drawString(50, y, label)
        c.drawRightString(400, y, a)
        c.drawRightString(500, y, b)
        y -= 14
    c.showPage()
    c.save()
    source = read_release(path)
    assert "Cost of sales\t(800)\t(700)" in source.text
    values = {(f.row_label, f.value) for f in extract_figures(source.text, "x", source.tables, source.page_starts)}
    assert ("Cost of sales", -800.0) in values


def test_a_headerless_table_after_prose_takes_no_earlier_header(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    path = tmp_path / "guidance.pdf"
    c = canvas.Canvas(str(path))
    c.setFont("Helvetica", 9)
    c.drawCentredString(430, 700, "Three Months Ended March 31,")
    c.drawRightString(400, 688, "2023")
    c.drawRightString(500, 688, "2022")
    for i, label in enumerate(("Revenue", "Operating income")):
        c.drawString(72, 676 - 12 * i, label)
        c.drawRightString(400, 676 - 12 * i, f"{500 + i}")
        c.drawRightString(500, 676 - 12 * i, f"{400 + i}")
    for i in range(6):  # a paragraph of prose, then a table of guidance with no header of its own
        c.drawString(72, 600 - 12 * i,
                     "For the full year the company expects capital spending within the range given below.")
    for i, label in enumerate(("Capital expenditures", "Depreciation")):
        c.drawString(72, 500 - 12 * i, label)
        c.drawRightString(400, 500 - 12 * i, f"{450 + i}")
        c.drawRightString(500, 500 - 12 * i, f"{480 + i}")
    c.showPage()
    c.save()
    source = read_release(path)
    figures = extract_figures(source.text, "x", source.tables, source.page_starts)
    assert {f.period_end for f in figures if f.row_label == "Revenue"} == {"2023-03-31", "2022-03-31"}
    capex = [f for f in figures if f.row_label == "Capital expenditures"]
    assert len(capex) == 2 and all(f.period_end is None and f.column_label == "" for f in capex)


def test_another_statement_title_between_two_tables_keeps_them_apart() -> None:
    from index.pdf_reader import _furniture

    assert _furniture("Acme/Page 9\nAcme Corporation\n")  # a folio and a running head: the table goes on
    assert _furniture("Page 9\nConsolidated Statements of Income (continued)\n")
    assert not _furniture("Acme/Page 9\nAcme Corporation\nConsolidated Balance Sheets\n")
    assert not _furniture("The quarter was strong.\n")
