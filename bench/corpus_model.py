"""Companies and their figures for the synthetic corpus: a fixed pool per seed, and each figure a pure
function of (seed, company, metric, period), so that every release stating a figure states the same value.
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Any

from bench import corpus_text as T

POOL_SIZE = 2000
_SUFFIXES = {"CA": ("Corp.", "Inc.", "Ltd."), "US": ("Inc.", "Corporation", "Inc."), "AU": ("Limited", "Ltd.")}
_CURRENCY = {"CA": "CAD", "US": "USD", "AU": "AUD"}


@dataclass(frozen=True)
class Company:
    """Facts fixed for a company across every release that names it."""

    index: int
    name: str
    short: str
    nick: str
    slug: str
    ticker: str
    exchange: str
    industry: str
    hq: str
    ceo: str
    ir: str
    currency: str
    fy_month: int
    asset: str
    asset_loc: str
    commodity: str
    level: float  # quarterly revenue, thousands
    growth: float
    margins: tuple[float, float, float]  # gross, EBITDA, net
    shares: int


@dataclass
class Question:
    """A gold row, the fact key it asks about, and (for figures) what the figure store must hold."""

    row: dict[str, Any]
    key: str
    answer: str = ""  # canonical answer, compared across releases stating the same key
    # label, kind, end, value, unit, scale
    check: tuple[str, str | None, str | None, float, str | None, int] | None = None


@dataclass
class Release:
    index: int
    filename: str
    content: str
    kind: str
    layout: str
    tables: int
    title: str
    date: str
    company: Company
    mentions: dict[str, str] = field(default_factory=dict)
    questions: list[Question] = field(default_factory=list)


def _u(*parts: object) -> float:
    """A deterministic uniform number in [0, 1) for ``parts``."""
    digest = hashlib.blake2b(repr(parts).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") / 2**64


def _word(rng: random.Random) -> str:
    if rng.random() < 0.35:
        return rng.choice(T.COMPOUND_A) + rng.choice(T.COMPOUND_B)
    return (rng.choice(T.ONSETS) + rng.choice(T.MIDS) + rng.choice(T.ENDS)).capitalize()


def _ticker(rng: random.Random, short: str, exchange: str, taken: set[str]) -> str:
    n = {"TSX-V": rng.choice((2, 3)), "NASDAQ": 4, "NYSE": rng.choice((2, 3))}.get(exchange, 3)
    letters = "".join(ch for ch in short.upper() if ch.isalpha())
    for candidate in [letters[:n], letters[0] + letters[-(n - 1):]]:
        if candidate not in taken:
            return candidate
    for attempt in range(1000):
        candidate = "".join(rng.choice("ABCDEFGHIJKLMNOPRSTUVWXZ") for _ in range(n + attempt // 100))
        if candidate not in taken:
            return candidate
    raise RuntimeError("no free ticker")


@lru_cache(maxsize=8)
def company_pool(seed: int, size: int = POOL_SIZE) -> tuple[Company, ...]:
    """``size`` companies with unique names, nicknames, tickers and asset names; depends only on ``seed``."""
    rng = random.Random(f"{seed}:companies")
    words: set[str] = set()
    tickers: set[str] = set()
    pool: list[Company] = []
    while len(pool) < size:
        industry = rng.choices(list(T.INDUSTRIES), weights=(30, 15, 18, 15, 10, 12))[0]
        nick, asset_word = _word(rng), _word(rng)
        if nick in words or asset_word in words or nick == asset_word:
            continue
        words.update((nick, asset_word))
        spec = T.INDUSTRIES[industry]
        resource = industry in ("mining", "oil_gas")
        region = ("AU" if industry == "mining" and rng.random() < 0.15
                  else "CA" if rng.random() < (0.85 if resource else 0.35) else "US")
        exchange = {"AU": "ASX", "CA": rng.choice(("TSX", "TSX", "TSX-V")),
                    "US": rng.choice(("NASDAQ", "NASDAQ", "NYSE"))}[region]
        if rng.random() < 0.3:
            name = short = f"{nick} {rng.choice(spec['plain'])}"
        else:
            short = f"{nick} {rng.choice(spec['cores'])}"
            name = f"{short} {rng.choice(_SUFFIXES[region])}"
        ticker = _ticker(rng, short, exchange, tickers)
        tickers.add(ticker)
        core = short.split()[-1].lower()
        commodity = (core if core in T.COMMODITIES else rng.choice(list(T.COMMODITIES))) if industry == "mining" else ""
        if resource:
            asset = f"{asset_word} {rng.choice(T.LANDFORMS)}"
        elif industry == "pharma":
            asset = f"{ticker[:3]}-{rng.randint(101, 989)}"
        else:
            asset = asset_word
        small = exchange == "TSX-V"
        level = rng.uniform(800, 12000) if small else rng.uniform(8000, 600000) * (0.1 if industry == "pharma" else 1)
        margins = (rng.uniform(0.25, 0.6), rng.uniform(-0.05, 0.35), rng.uniform(-0.2, 0.18))
        currency = "USD" if industry == "mining" and region == "CA" and rng.random() < 0.3 else _CURRENCY[region]
        pool.append(Company(
            index=len(pool), name=name, short=short, nick=nick, slug=short.lower().replace(" ", "-"), ticker=ticker,
            exchange=exchange, industry=industry, hq=rng.choice(T.HQ[region]), ceo=_person(rng), ir=_person(rng),
            currency=currency, fy_month=rng.choice((12, 12, 12, 12, 12, 6, 9, 3)), asset=asset,
            asset_loc=rng.choice(T.SITES), commodity=commodity, level=level, growth=rng.uniform(-0.01, 0.04),
            margins=margins, shares=rng.randint(20, 900) * 1_000_000,
        ))
    return tuple(pool)


def _person(rng: random.Random) -> str:
    return f"{rng.choice(T.FIRST)} {rng.choice(T.LAST)}"


# --- figures: a pure function of (seed, company, period) ---------------------------------------

_PROD = {"gold": 0.6, "silver": 25.0, "oil_gas": 0.22}  # units per thousand of revenue
_FLOW = ("revenue", "costs", "gross", "ebitda", "ni", "rd", "ga", "ffo", "prod")
_STOCK = ("cash", "assets", "equity", "stores")


def _quarter(seed: int, c: Company, end: date) -> dict[str, int]:
    t = end.year * 4 + (end.month - 1) // 3 - 2005 * 4
    u = [_u(seed, c.index, end.toordinal(), k) for k in range(8)]
    rev = c.level * (1 + c.growth) ** t * (0.85 + 0.3 * u[0])
    gross = rev * (c.margins[0] + 0.06 * (u[1] - 0.5))
    rd, ga = c.level * 2.5 * (0.8 + 0.4 * u[2]), c.level * 0.8 * (0.8 + 0.4 * u[3])
    ni = rev - rd - ga if c.industry == "pharma" else rev * (c.margins[2] + 0.1 * (u[4] - 0.5))
    assets = c.level * (8 + 4 * u[6])
    out = {"revenue": rev, "costs": rev - gross, "gross": gross, "ebitda": rev * (c.margins[1] + 0.06 * (u[5] - 0.5)),
           "ni": ni, "rd": rd, "ga": ga, "ffo": rev * (0.3 + 0.2 * u[7]), "cash": c.level * (0.8 + 2 * u[7]),
           "assets": assets, "equity": assets * (0.4 + 0.3 * u[1]), "stores": 40 + c.index % 200 + t,
           "prod": rev * _PROD.get(c.commodity or c.industry, 0.12) * (0.9 + 0.2 * u[2])}
    return {k: round(v) for k, v in out.items()}


def _months_back(d: date, months: int) -> date:
    y, m = divmod(d.year * 12 + d.month - 1 - months, 12)
    first_next = date(y + (m + 1) // 12, (m + 1) % 12 + 1, 1)
    return first_next - timedelta(days=1)


def figure(seed: int, c: Company, metric: str, months: int, end: date) -> float:
    """A company's metric for the ``months`` ending ``end`` (0: as at ``end``), in thousands or units."""
    if metric == "eps":
        return round(figure(seed, c, "ni", months, end) * 1000 / c.shares, 2)
    quarters = [_quarter(seed, c, _months_back(end, 3 * k))[metric] for k in range(max(1, months // 3))]
    if metric in _STOCK:
        return quarters[0]
    if metric == "prod" and c.industry == "oil_gas":  # a daily rate: averaged, not summed
        return round(sum(quarters) / len(quarters))
    return sum(quarters)


_LABELS = {"revenue": "Revenue", "costs": "Cost of sales", "gross": "Gross profit", "ebitda": "Adjusted EBITDA",
           "ni": "Net income (loss)", "eps": "Net income (loss) per share – basic", "rd": "Research and development",
           "ga": "General and administrative", "ffo": "Funds flow from operations", "cash": "Cash and cash equivalents",
           "assets": "Total assets", "equity": "Shareholders' equity", "stores": "Number of stores"}
_OVERRIDES = {("oil_gas", "revenue"): "Petroleum and natural gas revenue",
              ("pharma", "revenue"): "Collaboration revenue", ("pharma", "ni"): "Net loss",
              ("pharma", "eps"): "Net loss per share – basic and diluted",
              ("retail", "revenue"): "Net sales", ("oil_gas", "prod"): "Average production (boe/d)"}


def _slug(text: str) -> str:
    return "-".join("".join(ch if ch.isalnum() else " " for ch in text.lower()).split())


def _of(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def _a(noun: str) -> str:
    return f"{'an' if noun[0] in 'aeiou' else 'a'} {noun}"


def _md(d: date) -> str:
    return f"{d:%B} {d.day}"


def _label(c: Company, m: str) -> str:
    if m == "prod" and c.industry == "mining":
        unit = "sold (oz)" if c.commodity in ("gold", "silver") else "produced (tonnes)"
        return f"{c.commodity.capitalize()} {unit}"
    return _OVERRIDES.get((c.industry, m)) or _LABELS[m]
