"""Whether a table cell's period is the one a question asks for: dates, months, fiscal or ordinal quarters,
years, the kind of period (three, six, nine months, year), and "a year earlier"."""

from __future__ import annotations

import re
from datetime import date

from index.column_periods import months_kind, period_kind_of
from index.periods import counted_end
from index.records import Figure
from index.vocabulary import YEAR_DIGITS
from qa.language.question import Question

_EARLIER = re.compile(r"\b(a|one) year (earlier|before|prior)\b|\b(prior|previous|preceding) year\b"
                      r"|\b(same|comparable) (quarter|period) (a year earlier|last year|of the prior year)\b", re.I)
_KINDS = [
    (re.compile(r"\b(nine|9)[- ]months?\b", re.I), "nine_months_ended"),
    (re.compile(r"\b(six|6)[- ]months?\b|\bhalf[- ]year\b", re.I), "six_months_ended"),
    (re.compile(r"\b(three|3)[- ]months?\b|\bquarter\b|\bq[1-4]\b", re.I), "three_months_ended"),
    (re.compile(r"\b(full|fiscal|calendar)[- ](?:\d{4} )?(?:calendar |fiscal )?year\b|\byear ended\b|\bannual\b"
                r"|\b(twelve|12)[- ]months?\b", re.I), "year_ended"),
]
# weeks that are a quarter, a half, nine months or a year ("52 weeks ended", "thirteen weeks"); others name no
# kind asked here
_WEEK_SPANS = {*range(12, 18), *range(24, 29), *range(36, 42), 52, 53}
# "fiscal 2023", "FY23": the year, unless the question names a shorter span of it ("the first 36 weeks of
# fiscal 2023", "the second quarter of fiscal 2023")
_FISCAL_YEAR_NAMED = re.compile(rf"\bfiscal\s+{YEAR_DIGITS}\b|\bFY\s?'?\d\d(?:\d\d)?\b", re.I)
_FY = re.compile(rf"\bFY\s?'?({YEAR_DIGITS}|\d\d)\b", re.I)
_SHORTER = re.compile(r"\b\d{1,2}[- ]weeks?\b|\bmonths?\b|\bquarters?\b|\bhalf\b|\bQ[1-4]\b|\bH[12]\b|\bytd\b"
                      r"|year[- ]to[- ]date", re.I)
_FISCAL = re.compile(r"\b(Q[1-4])\s*(?:FY)?\s*'?(\d{4})\b", re.I)
_ORDINAL_QUARTER = re.compile(r"\b(first|second|third|fourth|1st|2nd|3rd|4th)\s+(?:fiscal\s+)?quarter(?:\s+of)?"
                              r"(?:\s+(?:fiscal\s+)?(\d{4}))?", re.I)
_YEAR = re.compile(YEAR_DIGITS)
_ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}


def period_fits(f: Figure, question: Question) -> bool:
    """The figure's period is one the question names (any of them, so comparisons get both);
    "a year earlier" adds the same period one year before."""
    end = f.period_end or ""
    text = question.text
    back = 1 if _EARLIER.search(text) else 0
    dates = {d.isoformat() for d in question.dates} | {_year_before(d.isoformat()) for d in question.dates if back}
    if question.dates and end not in dates:
        return False
    months = {f"{y:04d}-{m:02d}" for y, m in question.month_years} | {
        f"{y - 1:04d}-{m:02d}" for y, m in question.month_years if back}
    if question.month_years and end[:7] not in months:
        return False
    fiscal = [f"{q.upper()} {y}" for q, y in _FISCAL.findall(text)]
    fiscal += [f"Q{_ORDINALS[o.lower()]} {y}".strip() for o, y in _ORDINAL_QUARTER.findall(text)]
    if fiscal and not any(_same_quarter(f, q) for q in fiscal):
        return False
    # a full date decides: a year named beside it ("fiscal 2022 (52 weeks ended January 28, 2023)") names the
    # same period as the company counts it
    named = [*question.years, *(y for y in _fy_years(text) if y not in question.years)]  # "FY2023", "FY23" too
    years = [] if question.dates else [
        y for y in named if not any(my[0] == y for my in question.month_years)
        and not any(fy.endswith(str(y)) for fy in fiscal)]
    if years and _FISCAL_YEAR_NAMED.search(text) and (f.fiscal_period or _named_by_either_year(f)):
        # "fiscal 2022": the release's own label says which; a year ending January 29, 2022 without one is
        # 2021's or 2022's as the company counts
        if not any(str(y) in _YEAR.findall(f.fiscal_period or "") for y in years):
            return False
    elif years and not any(figure_year(f) == str(y) for y in years):
        return False
    kinds = [k for rule, k in _KINDS if rule.search(text)]
    if (weeks := period_kind_of(text)) and weeks.endswith("_weeks_ended") and int(weeks.split("_")[0]) in _WEEK_SPANS:
        kinds.append(months_kind(weeks) or weeks)
    if not kinds and _FISCAL_YEAR_NAMED.search(text) and not _SHORTER.search(text):
        kinds = ["year_ended"]
    kind = months_kind(f.period_kind)
    return not (kinds and kind and kind != "as_at" and kind not in kinds)


def _fy_years(text: str) -> list[int]:
    """Years written "FY2023", "FY23", "FY'23" (the question's own years miss them: no word boundary)."""
    return [int(y) if len(y) == 4 else 2000 + int(y) for y in _FY.findall(text)]


def _named_by_either_year(f: Figure) -> bool:
    """A year (or a quarter of one) ending in January or February that the release gives no fiscal label:
    companies name such a year by the year it starts in or by the one it ends in, so a fiscal year named in
    a question cannot be matched to it by its end date."""
    return bool(f.period_end and not f.fiscal_period and date.fromisoformat(f.period_end).month <= 2
                and f.period_kind != "as_at")


def figure_year(f: Figure) -> str:
    """The year of a cell's period: its end date's (a week earlier for a span: a 52/53-week year or quarter
    ending January 1, 2023 is 2022's), else its fiscal label's (a bare-year column, "2019" or "FY2019", may
    have no end date); "" when it has neither."""
    if not f.period_end:
        return next(iter(_YEAR.findall(f.fiscal_period or "")), "")
    end = date.fromisoformat(f.period_end)
    return str(counted_end(end).year if f.period_kind not in (None, "as_at") else end.year)


def _year_before(iso: str) -> str:
    year, rest = iso.split("-", 1)
    return f"{int(year) - 1}-{rest}" if rest != "02-29" else f"{int(year) - 1}-02-28"


def _same_quarter(f: Figure, asked: str) -> bool:
    """``asked`` is "Q2 2024" or "Q2" (no year); compare with the figure's fiscal quarter, else its calendar quarter."""
    quarter, _, year = asked.partition(" ")
    if f.fiscal_period:
        own_q, _, own_y = f.fiscal_period.partition(" ")
        return own_q == quarter and (not year or own_y == year)
    if months_kind(f.period_kind) == "three_months_ended" and f.period_end:
        end = date.fromisoformat(f.period_end)
        return f"Q{(end.month - 1) // 3 + 1}" == quarter and (not year or str(end.year) == year)
    return False


def states_period(question: Question, sentence: str) -> bool:
    """A sentence answers for the period a question asks: it names every year the question names, and the
    kind of period asked (a quarter, the year, six or nine months) is the kind it names, if it names one. A
    text answer that stands in for a table's "not reported for that period" must pass this."""
    if any(str(y) not in sentence for y in question.years):
        return False
    asked = {kind for rx, kind in _KINDS if rx.search(question.text)}
    said = {kind for rx, kind in _KINDS if rx.search(sentence)}
    fiscal = {int(q[1]) for q, _ in _FISCAL.findall(question.text)} | {
        _ORDINALS[o.lower()] for o, _ in _ORDINAL_QUARTER.findall(question.text)}
    named = {int(q[1]) for q, _ in _FISCAL.findall(sentence)} | {
        _ORDINALS[o.lower()] for o, _ in _ORDINAL_QUARTER.findall(sentence)}
    if fiscal and named and not fiscal & named:
        return False
    return not said or not asked or bool(asked & said)

