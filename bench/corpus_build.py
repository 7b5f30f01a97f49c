"""The release builder: fields for the templates, tables in the release's layout, facts it states and the
questions it asks. The kinds of release (``bench.corpus_kinds``) drive it.
"""

from __future__ import annotations

import random
import re
from datetime import date
from typing import Any

from bench import corpus_text as T
from bench.corpus_model import (
    Company,
    Question,
    Release,
    _a,
    _label,
    _md,
    _months_back,
    _of,
    figure,
)
from bench.corpus_render import Table, fmt_date, render

_KINDS = {"quarter": 34, "annual": 14, "resource": 10, "appointment": 13, "agreement": 13, "opening": 9, "drilling": 7}
_PHRASE = {0: "As at", 3: "Three months ended", 6: "Six months ended", 9: "Nine months ended", 12: "Year ended"}
_PERIOD_KIND = {0: "as_at", 3: "three_months_ended", 6: "six_months_ended", 9: "nine_months_ended", 12: "year_ended"}
_SYMBOL = {"CAD": "C$", "USD": "US$", "AUD": "A$"}
_DOLLARS = {"CAD": "Canadian dollars", "USD": "U.S. dollars", "AUD": "Australian dollars"}

_INCOME = {"mining": ("revenue", "costs", "ebitda", "ni", "eps", "prod"),
           "oil_gas": ("revenue", "ffo", "ni", "eps", "prod"),
           "pharma": ("revenue", "rd", "ga", "ni", "eps")}
_PRODUCT = {"oil_gas": "natural gas production", "tech": "{asset} subscriptions",
            "pharma": "commercial supply of {asset}", "retail": "private-label products",
            "industrial": "{asset} units"}
_DATELINES = ("{CITY}, {region}, {date} – ", "{CITY}, {region}, {date} /CNW/ - ",
              "{CITY}, {region}--(BUSINESS WIRE)--{date}-- ", "{CITY}, {region}, {date} (GLOBE NEWSWIRE) -- ")
Cell = tuple[str, str, int, date, str, float, str | None, int]  # metric, label, months, end, raw, value, unit, scale


class Builder:
    """State of one release while it is built."""

    def __init__(self, seed: int, i: int, rng: random.Random, c: Company) -> None:
        self.seed, self.i, self.rng, self.c = seed, i, rng, c
        kinds = [k for k in _KINDS if c.industry == "mining" or k not in ("resource", "drilling")]
        self.kind = rng.choices(kinds, weights=[_KINDS[k] for k in kinds])[0]
        self.fmt = rng.choices(("txt", "md", "html"), (50, 25, 25))[0]
        self.layout = {"md": "pipe", "html": "html"}.get(self.fmt) or rng.choice(("tsv", "tsv", "spaced", "flattened"))
        self.blocks: list[tuple[str, Any]] = []
        self.cells: list[Cell] = []
        self.mentions: dict[str, str] = {}
        self.questions: list[Question] = []
        self.tables = 0
        city, region = c.hq.split(", ")
        spec = T.INDUSTRIES[c.industry]
        self.f: dict[str, Any] = {
            "name": c.name, "short": c.short, "nick": c.nick, "asset": c.asset, "asset_loc": c.asset_loc, "ceo": c.ceo,
            "hq_city": city, "ticker": c.ticker, "slug": c.slug, "desc": spec["desc"][0],
            "countries": 10 + c.index % 30, "exchange_long": T.EXCHANGE_LONG[c.exchange], "CITY": city.upper(),
            "region": region,
            "about_asset": T.ABOUT_ASSET[c.industry].format(asset=c.asset, asset_loc=c.asset_loc,
                                                            countries=10 + c.index % 30),
            "quote": rng.choice(T.QUOTES), "quote2": rng.choice(T.QUOTES2), "year": 0, "nick_s": _of(c.nick)}

    def money(self, thousands: float) -> str:
        sym = _SYMBOL[self.c.currency]
        return f"{sym}{thousands / 1000:,.1f} million" if abs(thousands) >= 1000 else f"{sym}{thousands * 1000:,.0f}"

    def ask(self, key: str, answer: str, question: str, kind: str, accept: list[str], evidence: str,
            category: str, numbers: list[float] | None = None) -> Question:
        q = Question({"id": f"s{self.i:05d}-{len(self.questions) + 1}", "question": question, "answer_type": kind,
                      "accept": accept, "evidence": evidence, "category": category, "doc_id": "", "numbers": numbers,
                      "doc": ""}, key, answer)
        if kind != "none":
            self.state(key, answer)  # a release states the answer to every answerable question it asks
        self.questions.append(q)
        return q

    def state(self, key: str, answer: str) -> None:
        self.mentions[key] = answer

    # -- tables --------------------------------------------------------------------------------
    def cell(self, m: str, months: int, end: date, millions: bool) -> Cell:
        c = self.c
        v = figure(self.seed, c, m, months, end)
        unit: str | None = c.currency
        scale = 1000
        if m == "eps":
            raw, unit, scale = f"{abs(v):.2f}", f"{c.currency}/share", 1
        elif m in ("prod", "stores"):
            raw, scale = f"{abs(v):,.0f}", 1
            unit = ("count" if m == "stores" else "boe/d" if c.industry == "oil_gas"
                    else "oz" if "oz" in _label(c, m) else "tonnes")
        elif millions:
            v, scale = round(v / 1000, 1), 1_000_000
            raw = f"{abs(v):,.1f}"
        else:
            raw = f"{abs(v):,.0f}"
        self.state(f"fig|{c.index}|{m}|{months}|{end.isoformat()}", str(figure(self.seed, c, m, months, end)))
        return m, _label(c, m), months, end, f"({raw})" if v < 0 else raw, v, unit, scale

    def period_table(self, caption: str, metrics: tuple[str, ...], cols: list[tuple[int, date]],
                     balance: bool) -> Table:
        c, rng, lay = self.c, self.rng, self.layout
        millions = lay in ("pipe", "html", "tsv") and c.level > 50000 and rng.random() < 0.4
        units = f"in {'millions' if millions else 'thousands'} of {_DOLLARS[c.currency]}"
        token = f"{_SYMBOL[c.currency]}000"
        cells = [[self.cell(m, mo, e, millions) for mo, e in cols] for m in metrics]
        self.cells += [x for row in cells for x in row]
        rows = [[row[0][1], *[x[4] for x in row]] for row in cells]
        years = ["", *[str(e.year) for _, e in cols]]
        spans = [f"{_PHRASE[mo]} {_md(e)}," for mo, e in cols[::2]]
        if balance:
            full = [f"({units})", *[fmt_date(e) for _, e in cols]]
            heads = [["As at", *[_md(e) + "," for _, e in cols]], years] if lay == "spaced" else [full]
            return Table(f"{caption} as at {fmt_date(cols[0][1])} and {fmt_date(cols[1][1])} ({units})", heads, rows)
        if lay == "flattened":
            words = _PHRASE[cols[0][0]].title()
            heads = [["", words, words], ["", *[_md(e) + "," for _, e in cols]], years, ["", token, token]]
            period = f"{_PHRASE[cols[0][0]].lower()} {fmt_date(cols[0][1])} and {cols[1][1].year}"
            return Table(f"The following table summarizes {c.nick}'s results for the {period}:", heads, rows)
        split = [["", *[x for s in spans for x in (s, "")]], years]
        if lay == "spaced":
            return Table(f"{caption} ({units})", [years], rows, spans)
        if lay == "tsv":
            with_token = not millions and rng.random() < 0.5
            heads = split + ([["", *[token] * len(cols)]] if with_token else [])
            return Table(caption if with_token else f"{caption} ({units})", heads, rows)
        style = rng.choice(("full", "split", "years") if len(cols) == 2 else ("full", "split"))
        if style == "years":
            mo, e = cols[0]
            return Table(caption, [[f"{_PHRASE[mo]} {_md(e)} ({units})", *years[1:]]], rows)
        if style == "split":
            return Table(caption, [split[0], [f"({units})", *years[1:]]], rows)
        return Table(caption, [[f"({units})", *[f"{_PHRASE[mo]} {fmt_date(e)}" for mo, e in cols]]], rows)

    def fixed_table(self, caption: str, heads: list[str], rows: list[list[str]]) -> Table:
        if self.layout == "flattened":
            self.layout = "tsv"  # only period tables read as one flattened run
        return Table(caption, [heads], rows)

    # -- questions -----------------------------------------------------------------------------
    def fig_question(self, cell: Cell) -> None:
        m, label, months, end, raw, v, unit, scale = cell
        short, bare = self.c.short, raw.strip("()")
        period = f"for the {_PHRASE[months].lower()} {fmt_date(end)}" if months else f"as at {fmt_date(end)}"
        if m == "prod":
            text = (f"What was {_of(short)} average production (boe/d) {period}?" if unit == "boe/d" else
                    f"How many {'ounces' if unit == 'oz' else 'tonnes'} of {self.c.commodity} did {short} "
                    f"{'sell' if unit == 'oz' else 'produce'} in the {period[8:]}?")
        elif m == "stores":
            text = f"How many stores did {short} operate {period}?"
        else:
            name = "adjusted EBITDA" if m == "ebitda" else label.lower()
            text = f"What {'were' if m in ('cash', 'assets') else 'was'} {_of(short)} {name} {period}?"
        accept = [f"{bare} million"] if scale == 1_000_000 else [bare]
        if scale == 1000 and abs(v) >= 1000:
            accept.append(f"{abs(v) / 1000:,.1f} million")
        q = self.ask(f"fig|{self.c.index}|{m}|{months}|{end.isoformat()}",
                     str(figure(self.seed, self.c, m, months, end)), text, "number", accept, label, "figure-table", [v])
        q.check = (label, _PERIOD_KIND[months], end.isoformat(), v, unit, scale)

    def company_question(self) -> None:
        c = self.c
        options = ["ceo", "hq"] + (["loc"] if c.industry in ("mining", "oil_gas") else [])
        pick = self.rng.choice(options)
        if pick == "ceo":
            self.ask(f"ceo|{c.index}", c.ceo, f"Who is the President and Chief Executive Officer of {c.short}?", "text",
                     [c.ceo], f"said {c.ceo}, President and Chief Executive Officer of {c.nick}", "name")
        elif pick == "hq":
            city = self.f["hq_city"]
            self.ask(f"hq|{c.index}", city, f"In which city is {c.short} headquartered?", "text", [city],
                     f"{c.name} is a {city}-based", "place")
        else:
            where = "Project" if c.industry == "mining" else "area"
            self.ask(f"loc|{c.index}|{c.asset}", c.asset_loc, f"Where is {_of(c.short)} {c.asset} {where} located?",
                     "text", [c.asset_loc.split(",")[0]], f"located near {c.asset_loc}", "place")

    def unanswerable(self) -> None:
        c, rng, short = self.c, self.rng, self.c.short
        year = rng.randint(2010, 2024)
        pick = rng.randrange(5)
        if pick == 0:
            metric = rng.choice(T.NEVER_METRICS)
            key, text = (f"never|{c.index}|{metric}",
                         f"What was {_of(short)} {metric} for the year ended December 31, {year}?")
        elif pick == 1:
            end = _months_back(date(rng.randint(2004, 2007), rng.choice((3, 6, 9, 12)), 1), 0)
            key = f"fig|{c.index}|revenue|3|{end.isoformat()}"
            text = f"What was {_of(short)} {_label(c, 'revenue').lower()} for the three months ended {fmt_date(end)}?"
        elif pick == 2:
            role = rng.choice(T.NEVER_ROLES)
            key, text = f"appoint|{c.index}|{role}", f"Who was appointed {role} of {short}?"
        elif pick == 3:
            fake = rng.choice(T.FAKE_ASSETS)
            key, text = f"loc|{c.index}|{fake}", f"Where is {_of(short)} {fake} Project located?"
        else:
            agreement = rng.choice(T.INDUSTRIES[c.industry]["agreement"])
            month = f"{date(year, rng.randint(1, 12), 1):%B %Y}"
            key, text = (f"agree|{c.index}|{agreement}|{month}",
                         f"Which company signed {_a(agreement)} with {short} in {month}?")
        self.ask(key, "", text, "none", [], "", "unanswerable")

    def dated(self, key: str, question: str) -> None:
        day = fmt_date(self.date)
        self.ask(key, day, question, "text", [day, self.date.isoformat()], self.dateline.strip(" –-"), "date")

    def set_date(self, d: date) -> None:
        self.date = d
        self.dateline = self.rng.choice(_DATELINES).format(CITY=self.f["CITY"], region=self.f["region"],
                                                           date=fmt_date(d))

    def lead(self) -> str:
        c, f = self.c, self.f
        exchange = {"TSX-V": self.rng.choice(("TSX-V", "TSXV")),
                    "NASDAQ": self.rng.choice(("NASDAQ", "Nasdaq"))}.get(c.exchange, c.exchange)
        return (f'{self.dateline}{c.name} ({exchange}: {c.ticker}) ("{c.nick}" or the "Company") '
                f'{T.LEADS[self.kind].format(**f)}')

    def finish(self, paras: list[str], bullets: list[str], tables: list[Table], subject: str) -> Release:
        """Questions, standing facts and the rendered file, once the kind has added its own."""
        c, rng, f = self.c, self.rng, self.f
        if rng.random() < 0.45:
            self.unanswerable()
        for key, answer in ((f"ceo|{c.index}", c.ceo), (f"hq|{c.index}", f["hq_city"]),
                            (f"loc|{c.index}|{c.asset}", c.asset_loc)):
            self.state(key, answer)
        headline = T.HEADLINES[self.kind].format(**f)
        if self.fmt == "txt" and rng.random() < 0.25 and not re.search(r"\b(?:AG|PLC|LLC|CO\.)", headline.upper()):
            headline = headline.upper()
        blocks: list[tuple[str, Any]] = [("headline", headline), ("para", paras[0])]
        if bullets:
            blocks += [("heading", "Highlights"), ("bullets", bullets)]
        blocks += [("para", paras[1]), ("para", T.QUOTE.format(**f))]
        if tables:
            blocks.append(("heading",
                           "Selected Information" if self.kind != "resource" else "Mineral Resource Estimate"))
            blocks += [("table", t) for t in tables]
        pool = [s.format(**f) for s in T.FILLER["any"] + T.FILLER[c.industry]]
        blocks.append(("heading",
                       rng.choice(("Outlook", "Operations Update", "Corporate Update", "Strategy and Priorities"))))
        for _ in range(rng.randint(3, 6) + (0 if tables else 2)):
            blocks.append(("para", " ".join(rng.sample(pool, rng.randint(2, 4)))))
        phone = f"+{'61 8' if c.exchange == 'ASX' else '1 ' + str(rng.randint(200, 989))} 555 {rng.randint(1000, 9999)}"
        blocks += [("heading", f"About {c.short}"), ("para", T.ABOUT.format(**f)),
                   ("heading", "Forward-Looking Statements"), ("para", rng.choice(T.FORWARD).format(**f)),
                   ("contacts", ["For further information, please contact:",
                                 f"{c.ceo}, President and Chief Executive Officer",
                                 f"{c.ir}, Investor Relations", f"Tel: {phone}", f"Email: ir@{c.slug}.example"])]
        content, rows = render(blocks, self.fmt, self.layout if tables else "none", headline)
        filename = f"{self.i:05d}-{c.slug}-{subject}.{self.fmt}"
        for q in self.questions:
            q.row.update(doc_id=filename.rsplit(".", 1)[0], doc=filename)
            if q.check:
                q.row["evidence"] = rows[q.row["evidence"]]
        return Release(self.i, filename, content, self.kind, self.layout if tables else "none", len(tables), headline,
                       self.date.isoformat(), c, self.mentions, self.questions)
