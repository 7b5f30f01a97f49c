"""HTML releases: tables read from the DOM (spans, header rows, spacer cells, nesting) with exact offsets."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.figures import extract_figures
from index.html_reader import HtmlText, read_html
from index.reader import read_release
from index.table_layouts import RawTable
from index.tables import find_tables

# An SEC-style statement as financial printers write it: a "$" cell before each value, ")" and "%" cells after
# it, blank padding cells between the periods, a period header spanning all of them, nesting by padding-left.
SEC_STATEMENT = """<html><head><title>Acme 8-K</title></head><body>
<p><b>Acme Corporation Reports First Quarter 2023 Results</b></p>
<p>SAN JOSE, Calif., April 27, 2023 /PRNewswire/ -- Acme Corporation (NASDAQ: ACME) today reported revenue
of $5.0 billion for the first quarter.</p>
<div style="display:none"><ix:header><ix:hidden>dei:EntityRegistrantName hidden fact</ix:hidden></ix:header></div>
<p style="text-align:center"><b>ACME CORPORATION</b><br>CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS<br>
(in millions, except per share data)</p>
<table style="border-collapse:collapse;width:100%">
<tr>
  <td style="width:52%">&#160;</td>
  <td colspan="7" style="text-align:center;border-bottom:1px solid #000"><b>Three Months Ended March 31,</b></td>
  <td>&#160;</td>
  <td colspan="3" style="text-align:center"><b>%</b></td>
</tr>
<tr>
  <td>&#160;</td>
  <td colspan="3" style="text-align:center"><b>2023</b></td>
  <td>&#160;</td>
  <td colspan="3" style="text-align:center"><b>2022</b></td>
  <td>&#160;</td>
  <td colspan="3" style="text-align:center"><b>Change</b></td>
</tr>
<tr>
  <td style="padding-left:0pt">Revenue:</td>
  <td colspan="11">&#160;</td>
</tr>
<tr>
  <td style="padding-left:10pt">Product</td>
  <td>$</td><td style="text-align:right">4,120</td><td>&#160;</td><td>&#160;</td>
  <td>$</td><td style="text-align:right">3,675</td><td>&#160;</td><td>&#160;</td>
  <td>&#160;</td><td style="text-align:right">12.1</td><td>%</td>
</tr>
<tr>
  <td style="padding-left:10pt">Services</td>
  <td colspan="2" style="text-align:right">880</td><td>&#160;</td><td>&#160;</td>
  <td>&#160;</td><td style="text-align:right">925</td><td>&#160;</td><td>&#160;</td>
  <td>&#160;</td><td style="text-align:right">(4.9</td><td>)%</td>
</tr>
<tr>
  <td style="padding-left:20pt">Total revenue</td>
  <td>$</td><td style="text-align:right">5,000</td><td>&#160;</td><td>&#160;</td>
  <td>$</td><td style="text-align:right">4,600</td><td>&#160;</td><td>&#160;</td>
  <td>&#160;</td><td style="text-align:right">8.7</td><td>%</td>
</tr>
<tr>
  <td style="padding-left:0pt">Operating income (loss)</td>
  <td>$</td><td style="text-align:right">312</td><td>&#160;</td><td>&#160;</td>
  <td>$</td><td style="text-align:right">(45</td><td>)</td><td>&#160;</td>
  <td>&#160;</td><td style="text-align:right">n/m</td><td>&#160;</td>
</tr>
<tr>
  <td style="padding-left:0pt">Operating margin</td>
  <td>&#160;</td><td style="text-align:right">6.2</td><td>%</td><td>&#160;</td>
  <td>&#160;</td><td style="text-align:right">(1.0</td><td>)%</td><td>&#160;</td>
  <td>&#160;</td><td style="text-align:right">720</td><td>bps</td>
</tr>
<tr>
  <td style="padding-left:0pt">Net loss per share &#8212; diluted</td>
  <td>$</td><td style="text-align:right">(0.05</td><td>)</td><td>&#160;</td>
  <td>$</td><td style="text-align:right">(0.14</td><td>)</td><td>&#160;</td>
  <td>&#160;</td><td>&#160;</td><td>&#160;</td>
</tr>
</table>
<p>About Acme<br>Acme makes widgets.</p>
</body></html>
"""

STATEMENT_ROWS = (
    "\tThree Months Ended March 31,\t\t%\n"
    "\t2023\t2022\tChange\n"
    "Revenue:\t\t\t\n"
    "Product\t$4,120\t$3,675\t12.1%\n"
    "Services\t880\t925\t(4.9)%\n"
    "Total revenue\t$5,000\t$4,600\t8.7%\n"
    "Operating income (loss)\t$312\t$(45)\tn/m\n"
    "Operating margin\t6.2%\t(1.0)%\t720 bps\n"
    "Net loss per share — diluted\t$(0.05)\t$(0.14)\t\n"
)

ROWSPAN = """<table>
<thead>
<tr><th rowspan="2">(in thousands)</th><th colspan="2">Six Months Ended June 30,</th><th rowspan="2">Change</th></tr>
<tr><th>2024</th><th>2023</th></tr>
</thead>
<tbody>
<tr><td>Subscription</td><td>10,500</td><td>9,000</td><td rowspan="2">n/a</td></tr>
<tr><td>Licence</td><td>4,500</td><td>5,000</td></tr>
</tbody>
</table>"""


def _read(html: str) -> HtmlText:
    """Read ``html`` and check every field of every table against the text it points into."""
    result = read_html(html)
    for table in result.tables:
        assert result.text[table.start : table.end] == "\n".join(result.text[r.start : r.end] for r in table.rows)
        for row in table.rows:
            line = result.text[row.start : row.end]
            assert "\n" not in line
            for f in (row.label, *row.cells):
                assert result.text[f.start : f.end] == f.text
            assert line.split("\t")[0] == row.label.text
    return result


def _cells(table: RawTable) -> list[list[str]]:
    return [[r.label.text, *(c.text for c in r.cells)] for r in table.rows]


# --- the grid ------------------------------------------------------------------------------------


def test_sec_statement_spacer_cells_merged_into_their_values() -> None:
    result = _read(SEC_STATEMENT)
    (table,) = result.tables
    assert "\n\n" + STATEMENT_ROWS.rstrip("\n") + "\n\n" in result.text
    assert table.layout == "html" and table.header_count == 2
    rows = _cells(table)
    assert rows[3] == ["Product", "$4,120", "$3,675", "12.1%"]  # "$" + "4,120", "12.1" + "%"
    assert rows[4] == ["Services", "880", "925", "(4.9)%"]  # "(4.9" + ")%"; 880 spans the "$" column
    assert rows[6] == ["Operating income (loss)", "$312", "$(45)", "n/m"]  # "$" + "(45" + ")"
    assert rows[7] == ["Operating margin", "6.2%", "(1.0)%", "720 bps"]


def test_colspan_header_is_one_field_over_every_column_it_spans() -> None:
    (table,) = _read(SEC_STATEMENT).tables
    period, _, change = table.rows[0].cells
    assert period is table.rows[0].cells[1]  # the same field over both periods, printed once
    assert period.text == "Three Months Ended March 31," and change.text == "%"
    (block,) = find_tables(_read(SEC_STATEMENT).text, [table])
    assert block.columns == ("Three Months Ended March 31, 2023", "Three Months Ended March 31, 2022", "% Change")


def test_rowspan_header_counts_once_and_body_rowspan_repeats() -> None:
    result = _read(ROWSPAN)
    (table,) = result.tables
    assert table.header_count == 2
    assert _cells(table)[2:] == [["Subscription", "10,500", "9,000", "n/a"], ["Licence", "4,500", "5,000", "n/a"]]
    assert "Licence\t4,500\t5,000\tn/a" in result.text  # the spanned cell is quoted with each row it covers
    (block,) = find_tables(result.text, result.tables)
    assert block.columns == ("Six Months Ended June 30, 2024", "Six Months Ended June 30, 2023", "Change")
    assert block.stub == "(in thousands)"


def test_spanning_header_stays_over_the_columns_it_spans() -> None:
    html = """<table>
<tr><td>(in thousands)</td><td colspan="5">Three Months Ended</td><td></td><td></td></tr>
<tr><td></td><td colspan="2">2023</td><td></td><td colspan="2">2022</td><td></td><td>% Change</td></tr>
<tr><td>Revenue</td><td>$</td><td>1,234</td><td></td><td>$</td><td>1,100</td><td></td><td>12 %</td></tr>
</table>"""
    (block,) = find_tables(*_text_and_tables(html))
    assert block.columns == ("Three Months Ended 2023", "Three Months Ended 2022", "% Change")
    assert block.stub == "(in thousands)"


@pytest.mark.parametrize(
    "header",
    [
        "<thead><tr><th></th><th>Fiscal 2023</th><th>Fiscal 2022</th></tr></thead>",
        "<tr><th></th><th>Fiscal 2023</th><th>Fiscal 2022</th></tr>",
        "<tr><td></td><td><b>Fiscal 2023</b></td><td><b>Fiscal 2022</b></td></tr>",
    ],
    ids=["thead", "th", "td"],
)
def test_header_row_with_or_without_th(header: str) -> None:
    html = f"<table>{header}<tr><td>Net sales</td><td>1,200</td><td>1,100</td></tr></table>"
    result = _read(html)
    (table,) = result.tables
    assert table.header_count == 1
    assert result.text == "\tFiscal 2023\tFiscal 2022\nNet sales\t1,200\t1,100\n"
    (block,) = find_tables(result.text, result.tables)
    assert block.columns == ("Fiscal 2023", "Fiscal 2022")
    assert [(r.label, [c.raw for c in r.cells]) for r in block.rows] == [("Net sales", ["1,200", "1,100"])]


def test_numeric_th_header_row() -> None:
    html = ("<table><tr><th>Weeks in fiscal year</th><th>52</th><th>53</th></tr>"
            "<tr><td>Comparable sales growth</td><td>4.1%</td><td>2.0%</td></tr></table>")
    (table,) = _read(html).tables
    assert table.header_count == 1


def test_layout_tables_stay_paragraphs() -> None:
    html = """
<table><tr><td><p>First paragraph of the
release.</p><p>Second paragraph.</p></td></tr></table>
<table><tr><td>(1)</td><td>Excludes restructuring charges.</td></tr>
<tr><td>&#8226;</td><td>Record revenue of $1.2 billion.</td></tr></table>
<table><tr><td>Media:</td><td>Jane Doe</td><td>+1 408 555 0100</td></tr></table>
"""
    result = _read(html)
    assert result.tables == []
    assert result.text == (
        "First paragraph of the release.\n\nSecond paragraph.\n\n(1) Excludes restructuring charges.\n\n"
        "• Record revenue of $1.2 billion.\n\nMedia: Jane Doe +1 408 555 0100\n"
    )


def test_data_table_nested_in_a_layout_table() -> None:
    html = f"<table><tr><td><p>Highlights of the quarter.</p>{ROWSPAN}</td><td>Sidebar text.</td></tr></table>"
    result = _read(html)
    (table,) = result.tables
    assert result.text.startswith("Highlights of the quarter.\n\n(in thousands)\tSix Months Ended June 30,")
    assert result.text.endswith("Licence\t4,500\t5,000\tn/a\n\nSidebar text.\n")
    assert len(table.rows) == 4


def test_hidden_elements_scripts_and_comments_are_not_text() -> None:
    html = ('<p>Visible.</p><div style="display: none">hidden fact</div><script>var x;</script>'
            "<!-- a\nmultiline comment -->")
    assert _read(html).text == "Visible.\n"


# --- nesting, captions ---------------------------------------------------------------------------


def test_nesting_from_padding_left() -> None:
    (table,) = _read(SEC_STATEMENT).tables
    assert table.explicit_parents
    parents = {r.label.text: r.parent for r in table.rows[table.header_count :]}
    assert parents == {
        "Revenue:": None,
        "Product": "Revenue",
        "Services": "Revenue",
        "Total revenue": "Revenue",  # a total, indented deeper, closes the group it sums
        "Operating income (loss)": None,
        "Operating margin": None,
        "Net loss per share — diluted": None,
    }


def test_nesting_from_nbsp_and_from_labels_pushed_right() -> None:
    html = """<table>
<tr><td colspan="2">Mine production</td><td></td><td></td></tr>
<tr><td colspan="2"></td><td>Q1 2024</td><td>Q1 2023</td></tr>
<tr><td colspan="2">Gold (koz)</td><td></td><td></td></tr>
<tr><td></td><td>Mine A</td><td>12.1</td><td>11.0</td></tr>
<tr><td></td><td>Mine B</td><td>3.2</td><td>3.0</td></tr>
<tr><td colspan="2">Copper (Mlb)</td><td></td><td></td></tr>
<tr><td colspan="2">&nbsp;&nbsp;&nbsp;Mine A</td><td>40.5</td><td>38.0</td></tr>
<tr><td colspan="2">Tonnes milled (kt)</td><td>910</td><td>870</td></tr>
</table>"""
    result = _read(html)
    (table,) = result.tables
    assert result.text.startswith("Mine production\n\n\tQ1 2024\tQ1 2023\n")  # a title row is the caption
    assert [(r.label.text, r.parent) for r in table.rows[1:]] == [
        ("Gold (koz)", None),
        ("Mine A", "Gold (koz)"),
        ("Mine B", "Gold (koz)"),
        ("Copper (Mlb)", None),
        ("Mine A", "Copper (Mlb)"),
        ("Tonnes milled (kt)", None),  # back at the heading's indent after its indented rows: not under it
    ]
    (block,) = find_tables(result.text, result.tables)
    assert block.caption is not None and block.caption.text == "Mine production"


def test_without_indentation_parents_are_left_to_the_table_parser() -> None:
    html = """<table><tr><td></td><td>2023</td><td>2022</td></tr>
<tr><td>Non-interest income:</td><td></td><td></td></tr>
<tr><td>Card fees</td><td>4,120</td><td>3,980</td></tr>
<tr><td>Total non-interest income</td><td>4,120</td><td>3,980</td></tr>
<tr><td>Provision for credit losses</td><td>(3,100)</td><td>(2,450)</td></tr></table>"""
    result = _read(html)
    assert not result.tables[0].explicit_parents
    (block,) = find_tables(result.text, result.tables)
    parents = {r.label: r.parent_label for r in block.rows}
    assert parents["Card fees"] == parents["Total non-interest income"] == "Non-interest income"
    assert parents["Provision for credit losses"] is None


def test_caption_paragraph_and_caption_element() -> None:
    (block,) = find_tables(*_text_and_tables(SEC_STATEMENT))
    assert block.caption is not None
    assert block.caption.text == (
        "ACME CORPORATION\nCONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS\n(in millions, except per share data)"
    )
    html = "<table><caption>Key figures (€ million)</caption>" + ROWSPAN.removeprefix("<table>")
    (block,) = find_tables(*_text_and_tables(html))
    assert block.caption is not None and block.caption.text == "Key figures (€ million)"


def _text_and_tables(html: str) -> tuple[str, list[RawTable]]:
    result = _read(html)
    return result.text, result.tables


# --- end to end ----------------------------------------------------------------------------------


def test_html_release_figures_end_to_end(tmp_path: Path) -> None:
    path = tmp_path / "acme-q1-2023.html"
    path.write_text(SEC_STATEMENT, encoding="utf-8")
    source = read_release(path)
    assert "hidden fact" not in source.text and "Acme makes widgets." in source.text
    assert len(source.tables) == 1
    figures = extract_figures(source.text, "acme", source.tables)
    got = {(f.row_label, f.column_label): f for f in figures}
    assert {f.column_label for f in figures} == {
        "Three Months Ended March 31, 2023",
        "Three Months Ended March 31, 2022",
        "% Change",
    }
    product = got[("Product", "Three Months Ended March 31, 2023")]
    assert (product.raw, product.value, product.scale, product.parent_label) == ("$4,120", 4120.0, 1_000_000, "Revenue")
    assert (product.period_kind, product.period_end) == ("three_months_ended", "2023-03-31")
    assert product.row_text == "Product\t$4,120\t$3,675\t12.1%"
    assert got[("Services", "% Change")].value == -4.9
    assert got[("Services", "% Change")].period_end is None
    assert got[("Total revenue", "Three Months Ended March 31, 2022")].value == 4600.0
    loss = got[("Operating income (loss)", "Three Months Ended March 31, 2022")]
    assert (loss.raw, loss.value, loss.period_end) == ("$(45)", -45.0, "2022-03-31")
    eps = got[("Net loss per share — diluted", "Three Months Ended March 31, 2023")]
    assert (eps.value, eps.scale) == (-0.05, 1)
    assert ("Revenue", "Three Months Ended March 31, 2023") not in got  # a label-only row has no figure
    assert got[("Operating margin", "Three Months Ended March 31, 2022")].value == -1.0
    assert len(figures) == 17  # 6 rows with values, the last without a change
    for f in figures:
        assert source.text[f.row_start : f.row_end] == f.row_text and f.raw in f.row_text


def test_html_table_is_one_chunk_with_its_caption(tmp_path: Path) -> None:
    from index.chunker import chunk_release
    from index.parser import parse_release

    release, paras = parse_release("acme", "acme.html", "0", _read(SEC_STATEMENT).text)
    (table,) = [c for c in chunk_release(release, paras) if c.kind == "table"]
    assert "(in millions, except per share data)" in table.text
    assert "Product\t$4,120\t$3,675\t12.1%" in table.text and "Net loss per share — diluted" in table.text


def test_cells_left_unclosed_as_html_allows() -> None:
    html = ("<p>Acme Corp. (NYSE: ACM) reports.</p><table><tr><th>$ millions<th>2023<th>2022"
            "<tr><td>Revenue<td>1,234<td>1,100<tr><td>Net income<td>150<td>120</table>")
    read = read_html(html)
    (table,) = read.tables
    assert [(r.label.text, [c.text for c in r.cells]) for r in table.rows[1:]] == [
        ("Revenue", ["1,234", "1,100"]), ("Net income", ["150", "120"])]
    assert "Revenue\t1,234\t1,100" in read.text
