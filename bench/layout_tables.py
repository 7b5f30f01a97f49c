"""The tables the layout benchmark draws: period groups in the header forms releases print, change columns,
share-of-sales pairs, body rows, and the settings they are set in; each table with the gold of every cell
(``bench.layouts`` draws, reads back and scores them)."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta

from bench.layout_draw import Head, Layout
from bench.layout_rows import Gold, body_rows

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
QUARTERS = [("Three Months Ended", "three_months_ended"), ("Quarter Ended", "three_months_ended"),
            ("Three months ended", "three_months_ended"), ("Thirteen Weeks Ended", "13_weeks_ended"),
            ("13 Weeks Ended", "13_weeks_ended"), ("12 Weeks Ended", "12_weeks_ended"),
            ("Fourteen Weeks Ended", "14_weeks_ended"), ("Quarters Ended", "three_months_ended")]
LONGER = [("Six Months Ended", "six_months_ended"), ("Nine Months Ended", "nine_months_ended"),
          ("Twelve Months Ended", "year_ended"), ("Year Ended", "year_ended"), ("Fiscal Year Ended", "year_ended"),
          ("Years Ended", "year_ended"), ("26 Weeks Ended", "26_weeks_ended"),
          ("Twenty-Four Weeks Ended", "24_weeks_ended"),
          ("36 Weeks Ended", "36_weeks_ended"), ("Fifty-Two Weeks Ended", "52_weeks_ended"),
          ("Half year ended", "six_months_ended"), ("Six months to", "six_months_ended"), ("Year to", "year_ended")]
DERIVED = [("% Change", "percent_change"), ("Change", "change"), ("Inc/(Dec)", "change"), ("% Chg", "percent_change"),
           ("Increase (Decrease)", "change"), ("Percent Change", "percent_change"), ("B/(W)", "change")]
SCALES = [("(In millions, except per share data)", 1_000_000), ("(Dollars in millions)", 1_000_000),
          ("(in thousands)", 1000), ("($ in millions)", 1_000_000),
          ("(Amounts in thousands, except per share amounts)", 1000),
          ("(Unaudited; in millions)", 1_000_000), ("(In billions)", 1_000_000_000)]


def _date_text(d: date, rng: random.Random, year: bool = True, day_first: bool = False) -> str:
    month = MONTHS[d.month - 1]
    form = rng.choice(("full", "full", "short"))
    name = month if form == "full" else (month[:3] + ("." if len(month) > 4 else ""))
    if day_first:  # "31 March 2023", as releases outside the US date
        return f"{d.day} {month}" + (f" {d.year}" if year else "")
    return f"{name} {d.day}," + (f" {d.year}" if year else "")


def _ends(anchor: date, years: int, retail: bool) -> list[date]:
    """Period ends of consecutive years back from ``anchor``: a retailer's 52 weeks apart, else the same day."""
    if retail:
        return [anchor - timedelta(weeks=52 * k) for k in range(years)]
    return [date(anchor.year - k, anchor.month, anchor.day) for k in range(years)]


def _anchor(rng: random.Random, retail: bool) -> date:
    """The last day the table reports: a retailer's Saturday, or a calendar quarter's last day."""
    y = rng.randint(2015, 2024)
    if retail:
        return date(y, rng.randint(1, 12), rng.randint(1, 28))
    month = rng.choice((3, 6, 9, 12))
    return date(y, month, 31 if month in (3, 12) else 30)


def _group(rng: random.Random, first: int, anchor: date, style: str, kinds: list[tuple[str, str]],
           day_first: bool = False) -> tuple[list[list[Head]], list[Gold], str]:
    """Heads (top to bottom) over the columns of one period group in ``style`` starting at column ``first``
    and the gold period of each of its columns (cells filled in later)."""
    n = rng.choice((2, 2, 2, 3))
    cols = range(first, first + n)
    if style in ("as_of", "dates", "month_over_years"):
        prior = date(anchor.year - 1, anchor.month, anchor.day) if style == "month_over_years" or rng.random() < 0.5 \
            else date(anchor.year - 1, 12, 31)
        ends, n, cols = [anchor, prior], 2, range(first, first + 2)
        if ends[0] == ends[1] or (style != "month_over_years" and prior.month == anchor.month):
            style = "as_of" if style == "month_over_years" else style
        gold = [Gold("", 0, "as_at", e.isoformat(), None, None, "", 0, style) for e in ends]
        dates = [_date_text(e, rng, day_first=day_first) for e in ends]
        if style == "as_of":
            return [[(rng.choice(("As of", "As at")), first, first + 1)], list(zip(dates, cols, cols))], gold, style
        if style == "dates":
            return [list(zip(dates, cols, cols))], gold, style
        return [[(_date_text(ends[0], rng, year=False, day_first=day_first), first, first + 1)],
                [(str(e.year), c, c) for e, c in zip(ends, cols)]], gold, style
    label, kind = rng.choice(kinds)
    retail = "Weeks" in label
    ends = _ends(anchor, n, retail)
    if style == "span_over_years" and retail:
        style = "span_date_line"  # a retailer's days differ from year to year
    if style in ("span_over_years", "span_over_dates", "span_date_line", "per_column"):
        gold = [Gold("", 0, kind, e.isoformat(), None, None, "", 0, style) for e in ends]
        if style == "span_over_years":
            return [[(f"{label} {_date_text(ends[0], rng, year=False, day_first=day_first)}", first, first + n - 1)],
                    [(str(e.year), c, c) for e, c in zip(ends, cols)]], gold, style
        if style == "span_over_dates":
            return [[(label, first, first + n - 1)],
                    [(_date_text(e, rng, day_first=day_first), c, c) for e, c in zip(ends, cols)]], gold, style
        if style == "span_date_line":
            return [[(label, first, first + n - 1)],
                    [(_date_text(e, rng, year=False, day_first=day_first), c, c) for e, c in zip(ends, cols)],
                    [(str(e.year), c, c) for e, c in zip(ends, cols)]], gold, style
        return [[(f"{label} {_date_text(e, rng, day_first=day_first)}", c, c) for e, c in zip(ends, cols)]], gold, style
    year = anchor.year
    if style == "ordinal":
        q = rng.randint(1, 4)
        word = ("First", "Second", "Third", "Fourth")[q - 1]
        top = rng.choice((f"{word} Quarter", f"{word}-Quarter", "Year-to-Date" if q > 1 else f"{word} Quarter"))
        k = "year_to_date" if top == "Year-to-Date" else "three_months_ended"
        gold = [Gold("", 0, k, None, f"Q{q} {year - i}" if k != "year_to_date" else None, None, "", 0, style)
                for i in range(n)]
        return [[(top, first, first + n - 1)], [(str(year - i), c, c) for i, c in enumerate(cols)]], gold, style
    if style == "fiscal_label":
        q = rng.randint(1, 4)
        forms = [lambda y: f"Q{q} {y}", lambda y: f"Q{q}'{y % 100:02d}", lambda y: f"{q}Q{y % 100:02d}",
                 lambda y: f"Q{q} FY{y % 100:02d}", lambda y: f"FY{y % 100:02d}", lambda y: f"Fiscal {y}",
                 lambda y: f"Full Year {y}"]
        i = rng.randrange(len(forms))
        annual = i >= 4
        gold = [Gold("", 0, "year_ended" if annual else "three_months_ended", None,
                     f"FY{year - k}" if annual else f"Q{q} {year - k}", None, "", 0, style) for k in range(n)]
        return [[(forms[i](year - k), c, c) for k, c in enumerate(cols)]], gold, style
    if style == "caption_years":  # "For the Years Ended December 31," said over bare years
        gold = [Gold("", 0, "year_ended", date(year - k, 12, 31).isoformat(), None, None, "", 0, style)
                for k in range(n)]
        return [[(str(year - k), c, c) for k, c in enumerate(cols)]], gold, style
    gold = [Gold("", 0, "year_ended", None, f"FY{year - k}", None, "", 0, style) for k in range(n)]
    return [[(str(year - k), c, c) for k, c in enumerate(cols)]], gold, style


def _narrowest(parts: list[list[list[Head]]], font: float) -> float:
    """The width a column needs for the widest word (or date's day and month) of the heads over one column."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from bench.layout_draw import unbreakable

    return max((stringWidth(word, "Helvetica", font) / (last - first + 1) for part in parts for line in part
                for text, first, last in line for word in unbreakable(text)), default=0.0)


def _with_shares(parts: list[list[list[Head]]], columns: list[Gold], rng: random.Random,
                 ) -> tuple[list[list[list[Head]]], list[Gold]]:
    """Each period column followed by its share of sales ("2023" over "Amount | % of Sales"), the period's heads
    spanning both; change columns stay single."""
    where: list[list[int]] = []
    out: list[Gold] = []
    for column in columns:
        where.append([len(out)] if column.derived else [len(out), len(out) + 1])
        out += [column] if column.derived else [column, replace(column, unit="%")]
    share = rng.choice(("% of Sales", "Percent to Sales", "% of Net Sales", "%"))
    amount = rng.choice(("Amount", "$", ""))
    new_parts = []
    for part in parts:
        lines = [[(text, where[a][0], where[b][-1]) for text, a, b in line] for line in part]
        doubled = sorted({k for line in part for _, a, b in line for k in range(a, b + 1) if len(where[k]) == 2})
        if doubled:
            lines.append([h for k in doubled
                          for h in ((amount, where[k][0], where[k][0]), (share, where[k][1], where[k][1]))
                          if h[0]])
        new_parts.append(lines)
    return new_parts, out


def _merge(parts: list[list[list[Head]]]) -> list[list[Head]]:
    """Groups' head lines side by side, bottom-aligned (a group with fewer lines starts lower)."""
    depth = max(len(p) for p in parts)
    lines: list[list[Head]] = [[] for _ in range(depth)]
    for p in parts:
        for k, line in enumerate(p):
            lines[depth - len(p) + k].extend(line)
    return lines


def layout(rng: random.Random) -> tuple[Layout, list[Gold], list[str]]:
    """One table, the gold of each of its cells and the table's features (for the report)."""
    features: list[str] = []
    balance = rng.random() < 0.2
    retail = rng.random() < 0.3
    anchor = _anchor(rng, retail and not balance)
    day_first = rng.random() < 0.15
    parts, columns, caption_years = _header(rng, balance, retail, anchor, day_first, features)
    scale_line, scale = rng.choice(SCALES)
    caption = [rng.choice(("CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS", "Segment Results",
                           "Selected Financial Data",
                           "CONSOLIDATED BALANCE SHEETS" if balance else "Summary of Results"))]
    if caption_years:
        caption.append(rng.choice(("For the Years Ended December 31,", "Years ended December 31")))
    caption.append(scale_line)
    rows, cells, marks = body_rows(rng, columns, balance, scale, features)
    if rng.random() < 0.15:
        features.append("upper_case")
        parts = [[[(text.upper(), a, b) for text, a, b in line] for line in part] for part in parts]
    font, label_width, width = _fitted(rng, rows, parts, len(columns))
    heads = _merge(parts)
    features += [name for name, on in (("day_first", day_first), ("marks", marks), ("retail", retail),
                                        ("hang", rng.random() < 0.3), ("shade", rng.random() < 0.15),
                                        ("grid", rng.random() < 0.1), ("bold_heads", rng.random() < 0.3),
                                        ("superscripts", marks and rng.random() < 0.5),
                                        ("spacer", rng.random() < 0.2), ("percent_apart", rng.random() < 0.2),
                                        ("top_aligned", rng.random() < 0.15)) if on]
    stub = ""
    if rng.random() < 0.3:  # the scale stated at the left of the lowest header line, not in the caption
        caption.remove(scale_line)
        stub = scale_line
        features.append("stub")
    if rng.random() < 0.1:
        features.append("unaudited")
        heads.insert(0, [("(Unaudited)", 0, len(columns) - 1)])
    table = Layout(caption=caption, heads=heads, rows=rows, label_width=label_width, stub=stub,
                   hang="hang" in features, shade="shade" in features, grid="grid" in features,
                   bold_heads="bold_heads" in features, superscripts="superscripts" in features,
                   spacer=rng.choice((1.0, 1.5, 2.0)) if "spacer" in features else 0.0,
                   percent_apart="percent_apart" in features, top_aligned="top_aligned" in features,
                   column_width=width, font_size=font, underline=rng.random() < 0.6,
                   head_rule=rng.random() < 0.3, align=rng.choice(("centre", "right")),
                   dollar=rng.choice(("apart", "against")), leading=rng.uniform(1.2, 1.6), wrap=True,
                   caption_left=rng.random() < 0.3)
    return table, cells, features


def _header(rng: random.Random, balance: bool, retail: bool, anchor: date, day_first: bool,
            features: list[str]) -> tuple[list[list[list[Head]]], list[Gold], bool]:
    """The period groups over the columns (a quarter, then the year to date), change columns and share pairs;
    the gold of each column; whether the years are in the caption."""
    parts: list[list[list[Head]]] = []
    columns: list[Gold] = []
    if balance:
        styles = [rng.choice(("as_of", "dates", "month_over_years"))]
    else:
        styles = [rng.choice(("span_over_years", "span_over_dates", "span_date_line", "per_column", "ordinal",
                              "fiscal_label", "caption_years", "bare_years"))]
        if styles[0] not in ("caption_years", "bare_years") and rng.random() < 0.6:  # a quarter, then the year to date
            styles.append(styles[0] if rng.random() < 0.7 else rng.choice(
                ("span_over_years", "span_over_dates", "span_date_line", "per_column", "ordinal", "fiscal_label")))
    for k, style in enumerate(styles):
        pool = [p for p in (QUARTERS if k == 0 else LONGER) if ("Weeks" in p[0]) == retail]
        heads, gold, style = _group(rng, len(columns), anchor, style, pool, day_first)
        parts.append(heads)
        columns += gold
        if not balance and rng.random() < 0.35:
            name, derived = rng.choice(DERIVED)
            parts.append([[(name, len(columns), len(columns))]])
            columns.append(Gold("", 0, None, None, None, derived, "%", 1, style))
        elif not balance and rng.random() < 0.15:  # "Change" over "$" and "%"
            features.append("change_pair")
            first = len(columns)
            parts.append([[(rng.choice(("Change", "Increase/(Decrease)", "Variance")), first, first + 1)],
                          [("$", first, first), ("%", first + 1, first + 1)]])
            columns += [Gold("", 0, None, None, None, "change", "", 1, style),
                        Gold("", 0, None, None, None, "percent_change", "%", 1, style)]
    if not balance and rng.random() < 0.15:
        features.append("share_pairs")
        parts, columns = _with_shares(parts, columns, rng)
    return parts, columns, styles == ["caption_years"]


def _fitted(rng: random.Random, rows: list[tuple[str, list[str]]], parts: list[list[list[Head]]],
            n_columns: int) -> tuple[float, float, float]:
    """Font size, label width and column width: a column holds its heads' unbreakable words; a table fits its
    page (narrower labels, then smaller type)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    font = rng.choice((7.0, 8.0, 8.5, 9.0, 10.0))
    label_width, width = rng.uniform(130, 230), rng.uniform(48, 80) * font / 8
    while True:
        widest = max((stringWidth(text, "Helvetica", font) for _, texts in rows for text in texts), default=0.0)
        width = max(width, _narrowest(parts, font) + 1.5 * font + 2, widest + 1.5 * font + 2, 40 * font / 8)
        if label_width + n_columns * width <= 540 or font <= 6.5:
            break
        if label_width > 110:
            label_width = max(110, label_width * 0.9)
        else:
            font, width = font - 0.5, 0.0
    return font, label_width, width
