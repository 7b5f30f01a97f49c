"""The kinds of release: quarterly and annual results, resource updates, and dated events (appointment,
agreement, opening, drilling results). Each sets the release date, adds its tables and questions to the
builder, and returns its lead paragraphs, highlight bullets, tables and file-name subject.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from bench import corpus_text as T
from bench.corpus_build import _DOLLARS, _INCOME, _PRODUCT, Builder
from bench.corpus_model import Company, Release, _a, _label, _months_back, _of, _person, _slug, _word, figure
from bench.corpus_render import Table, fmt_date

Parts = tuple[list[str], list[str], list[Table], str]


def results(b: Builder) -> Parts:
    c, rng, f = b.c, b.rng, b.f
    annual = b.kind == "annual"
    ends = [_months_back(date(y, m, 1), 0) for y in range(2009, 2025) for m in (3, 6, 9, 12)][3:-1]
    ends = [e for e in ends if (((e.month - c.fy_month - 1) % 12) // 3 + 1 == 4) == annual]
    end = rng.choice(ends)
    q = ((end.month - c.fy_month - 1) % 12) // 3 + 1
    fy = _months_back(end, -3 * (4 - q)).year
    b.set_date(end + timedelta(days=rng.randint(45, 85) if annual else rng.randint(25, 55)))
    prior = _months_back(end, 12)
    cols = [(12 if annual else 3, end), (12 if annual else 3, prior)]
    if b.layout != "flattened" and (q > 1 or annual) and rng.random() < 0.5:
        cols = [(3, end), (3, prior), (12, end), (12, prior)] if annual else cols + [(3 * q, end), (3 * q, prior)]
    fiscal = "" if c.fy_month == 12 else "fiscal "
    qword = ("first", "second", "third", "fourth")[q - 1]
    f.update(qword=qword.capitalize(), fy=f"{fiscal.title()}{fy}", units_sentence=(
        f"All amounts are expressed in {_DOLLARS[c.currency]} unless otherwise noted." if rng.random() < 0.5 else ""),
        period=(f"fourth quarter and {fiscal}year ended {fmt_date(end)}" if annual else
                f"{qword} quarter of {fiscal}{fy}, the three months ended {fmt_date(end)}"))
    months = 12 if annual else 3
    rev, rev_prev = (figure(b.seed, c, "revenue", months, d) for d in (end, prior))
    f.update(rev_words=b.money(rev), rev_prev_words=b.money(rev_prev),
             cash_words=b.money(figure(b.seed, c, "cash", 0, end)))
    span = "year" if annual else "quarter"
    bullets = [f"{_label(c, m)} of {b.money(figure(b.seed, c, m, months, end))} for the {span}, compared with "
               f"{b.money(figure(b.seed, c, m, months, prior))} a year earlier." for m in ("revenue", "ni")]
    caption = rng.choice(("Selected financial information", "Financial highlights",
                          "Condensed consolidated statements of operations (unaudited)"))
    metrics = _INCOME.get(c.industry, ("revenue", "gross", "ebitda", "ni", "eps"))
    tables = [b.period_table(caption, metrics, cols, False)]
    if b.layout != "flattened" and rng.random() < 0.6:
        balance = ("cash", "assets", "equity", "stores") if c.industry == "retail" else ("cash", "assets", "equity")
        year_end = prior if annual else _months_back(end, 3 * q)
        tables.append(b.period_table("Selected balance sheet data", balance, [(0, end), (0, year_end)], True))
    askable = [x for x in b.cells
               if x[0] not in ("eps", "costs", "ga", "equity") and abs(x[5]) >= (1 if x[7] == 1_000_000 else 100)]
    current = [x for x in askable if x[3] == end]
    first = rng.choice(current)
    b.fig_question(first)
    others = [x for x in askable if x[0] != first[0]]
    if others:
        b.fig_question(rng.choice(others))
    period = f"{'year' if annual else 'three months'} ended {fmt_date(end)}"
    b.dated(f"resultsdate|{c.index}|{end.isoformat()}",
            f"On what date did {c.short} report its results for the {period}?")
    b.company_question()
    subject = f"fy{fy}-results" if annual else f"q{q}-{fy}-results"
    return [b.lead(), " ".join(T.DETAILS[b.kind]).format(**f)], bullets, tables, subject

def resource(b: Builder) -> Parts:
    c, rng, f = b.c, b.rng, b.f
    b.set_date(date(2010, 1, 1) + timedelta(days=rng.randrange(5475)))
    as_at = b.date - timedelta(days=rng.randint(20, 80))
    noun, gcol, ccol, tcol, grades, tonnages = T.COMMODITIES[c.commodity]
    total, grade = rng.uniform(*tonnages), rng.uniform(*grades)
    parts = {"Measured": (rng.uniform(0.1, 0.3), 1.15), "Indicated": (rng.uniform(0.3, 0.5), 1.0)}
    parts["Inferred"] = (1 - sum(p for p, _ in parts.values()), 0.85)
    factor = {"gold": 32.15, "silver": 1 / 31.1035}.get(c.commodity, 10.0)
    rows: list[list[str]] = []
    values: dict[str, tuple[float, float]] = {}
    for cat, (share, g) in parts.items():
        values[cat] = (round(total * share, 1) if tcol.endswith("(Mt)") else round(total * share), round(grade * g, 2))
    mt = values["Measured"][0] + values["Indicated"][0]
    mi_grade = (values["Measured"][0] * values["Measured"][1] + values["Indicated"][0] * values["Indicated"][1]) / mt
    values = {**dict(list(values.items())[:2]), "Measured + Indicated": (round(mt, 1), round(mi_grade, 2)),
              "Inferred": values["Inferred"]}
    for cat, (t, g) in values.items():
        rows.append([cat, f"{t:,.1f}" if tcol.endswith("(Mt)") else f"{t:,.0f}", f"{g:.2f}", f"{t * g * factor:,.1f}"])
        b.state(f"res|{c.index}|{as_at.isoformat()}|{cat}", "|".join(rows[-1]))
    table = b.fixed_table(f"Mineral Resource Estimate for the {c.asset} Project (as at {fmt_date(as_at)})",
                             ["Category", tcol, gcol, ccol], rows)
    cat = rng.choice(list(values))
    grade_q = rng.random() < 0.4
    raw = rows[list(values).index(cat)][2 if grade_q else 1]
    value = float(raw.replace(",", ""))
    metal = gcol.split()[0]
    if grade_q:
        unit, scale = ("%", 1) if "%" in gcol else ("g/t", 1)
        text = (f"What was the {metal} grade of the {cat} mineral resources at {_of(c.short)} {c.asset} Project "
                f"as at {fmt_date(as_at)}?")
        accept = [f"{raw}%"] if unit == "%" else [f"{raw} g/t", f"{raw} (g/t)"]
    else:
        unit, scale = "tonnes", (1_000_000 if tcol.endswith("(Mt)") else 1000)
        text = (f"What tonnage of {cat} mineral resources did {c.short} report for the {c.asset} Project "
                f"as at {fmt_date(as_at)}?")
        accept = [f"{raw} {'million' if scale == 1_000_000 else 'thousand'} tonnes", f"{raw} {tcol[-3:-1]}"]
    q = b.ask(f"res|{c.index}|{as_at.isoformat()}|{cat}", "|".join(rows[list(values).index(cat)]), text, "number",
                 accept, cat, "figure-table", [value])
    q.check = (cat, "as_at", as_at.isoformat(), value, unit, scale)
    qp = _person(rng)
    f.update(qp=qp, as_at=fmt_date(as_at), holes=rng.randint(20, 240), metres=f"{rng.randint(4, 90) * 1000:,}")
    b.state(f"qp|{c.index}|{as_at.isoformat()}", qp)
    b.ask(f"qp|{c.index}|{as_at.isoformat()}", qp, f"Who prepared the mineral resource estimate for {_of(c.short)} "
             f"{c.asset} Project with an effective date of {fmt_date(as_at)}?", "text", [qp],
             f"prepared by {qp}, P.Geo.", "name")
    b.company_question()
    return [b.lead(), " ".join(T.DETAILS["resource"]).format(**f)], [], [table], f"{_slug(c.asset)}-resource-update"

def event(b: Builder) -> Parts:
    """Appointment, agreement, opening or drilling results: one dated fact and its questions."""
    c, rng, f, kind = b.c, b.rng, b.f, b.kind
    b.set_date(date(2010, 1, 1) + timedelta(days=rng.randrange(5475)))
    spec, d = T.INDUSTRIES[c.industry], b.date
    f.update(year=d.year, pcity=rng.choice(T.CITIES), value_words=b.money(rng.uniform(2000, 250000)))
    tables: list[Table] = []
    if kind == "appointment":
        role, person = rng.choice(spec["roles"]), _person(rng)
        f.update(role=role, person=person, effective=fmt_date(d + timedelta(days=rng.randint(5, 45))),
                 years=rng.randint(12, 30), predecessor=_person(rng), tenure=rng.randint(3, 15),
                 prev_role=rng.choice(("Vice President, Finance", "Senior Vice President, Operations",
                                       "Managing Director", "Vice President, Corporate Development")),
                 prev_sector=rng.choice(("mining", "technology", "energy", "consumer", "healthcare")))
        b.state(f"appoint|{c.index}|{role}", person)
        b.ask(f"appoint|{c.index}|{role}", person, f"Who was appointed {role} of {c.short}?", "text", [person],
                 f"the appointment of {person} as {role}", "name")
        b.dated(f"appointdate|{c.index}|{person}",
                f"On what date did {c.short} announce the appointment of {person} as {role}?")
        subject = f"appoints-{_slug(role)}"
    elif kind == "agreement":
        agreement = rng.choice(spec["agreement"])
        partner = f"{_word(rng)} {rng.choice(T.PARTNER_CORES)} {rng.choice(T.PARTNER_SUFFIXES)}"
        product = T.COMMODITIES[c.commodity][0] if c.commodity else _PRODUCT[c.industry].format(asset=c.asset)
        month = f"{d:%B %Y}"
        f.update(agreement=agreement, agreement_title=agreement.title(), partner=partner, term=rng.randint(2, 10),
                 pdesc=rng.choice(("trading house", "manufacturer", "distributor", "services company")),
                 share=rng.randint(20, 100), product=product, start_month=f"{d + timedelta(days=90):%B %Y}")
        b.state(f"agree|{c.index}|{agreement}|{month}", partner)
        b.ask(f"agree|{c.index}|{agreement}|{month}", partner,
                 f"Which company signed {_a(agreement)} with {c.short} in {month}?", "text",
                 [partner, partner.rsplit(" ", 1)[0]], f"{agreement} with {partner}", "organisation")
        b.dated(f"agreedate|{c.index}|{partner}",
                f"On what date did {c.short} announce its {agreement} with {partner}?")
        subject = _slug(agreement)
    elif kind == "opening":
        facility, site = rng.choice(spec["facility"]), rng.choice(T.CITIES)
        city = site.split(",")[0]
        f.update(facility=facility, facility_title=facility.title(), site=site, site_city=city,
                 sqft=f"{rng.randint(20, 400) * 500:,}", jobs=rng.randint(25, 600))
        b.state(f"open|{c.index}|{facility}|{d.year}", city)
        b.ask(f"open|{c.index}|{facility}|{d.year}", city, f"In which city did {c.short} open a new {facility} in "
                 f"{d.year}?", "text", [city], f"opening of its new {facility} in {site}", "place")
        b.dated(f"opendate|{c.index}|{facility}|{city}", f"On what date did {c.short} announce the opening of its "
                   f"new {facility} in {city}?")
        subject = f"{_slug(facility)}-{_slug(city)}"
    else:
        gcol = T.COMMODITIES[c.commodity][1]
        prefix = "".join(w[0] for w in c.asset.split()).upper() + c.asset[1].upper()
        holes = []
        for n in rng.sample(range(1, 120), rng.randint(5, 8)):
            start, length = rng.uniform(5, 300), rng.uniform(2, 60)
            grade = rng.uniform(*T.COMMODITIES[c.commodity][4]) * rng.uniform(0.5, 3)
            holes.append([f"{prefix}-{d.year % 100:02d}-{n:03d}", f"{start:.1f}", f"{start + length:.1f}",
                          f"{length:.1f}", f"{grade:.2f}"])
        best = max(holes, key=lambda h: float(h[3]) * float(h[4]))
        metal, unit = gcol.split()[0], "g/t" if "g/t" in gcol else "%"
        f.update(holes=len(holes) * rng.randint(3, 9), metres=f"{rng.randint(3, 60) * 1000:,}", best_hole=best[0],
                 best_grade=f"{best[4]} g/t {metal}" if unit == "g/t" else f"{best[4]}% {metal}", best_len=best[3])
        tables.append(b.fixed_table(f"Selected drill results from the {d.year} program at {c.asset}",
                                       ["Hole ID", "From (m)", "To (m)", "Length (m)", gcol], holes))
        b.state(f"drill|{c.index}|{c.asset}|{d.year}", best[0])
        b.ask(f"drill|{c.index}|{c.asset}|{d.year}", best[0], f"Which drill hole did {c.short} highlight in its "
                 f"{d.year} drilling results from the {c.asset} Project?", "text", [best[0]], f"hole {best[0]}", "name")
        subject = f"{_slug(c.asset)}-drilling-results"
    b.company_question()
    return [b.lead(), " ".join(T.DETAILS[kind]).format(**f)], [], tables, subject


def build_release(seed: int, i: int, rng: random.Random, c: Company) -> Release:
    b = Builder(seed, i, rng, c)
    kind = {"quarter": results, "annual": results, "resource": resource}.get(b.kind, event)
    return b.finish(*kind(b))
