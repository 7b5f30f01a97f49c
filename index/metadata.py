"""A release's metadata: who issued it (and its ticker), when, and the period it reports.

Each is read from where real releases and filings print it, the most telling place first: an SEC filing's cover
(``index.filing_cover``), then the release's own text: its dateline or a date at its top
(``index.release_date``), the issuer its lead, headline or "About" section names (``index.issuer``), the ticker
the text attaches to that issuer (``index.listing``), the period ended it reports (``index.reporting_period``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from index.cleaner import display
from index.filing_cover import read_cover
from index.issuer import issuer
from index.listing import listing

# re-exported: the parser splits and classifies paragraphs with these date patterns
from index.release_date import DATELINE as DATELINE
from index.release_date import ISO_HEADER as ISO_HEADER
from index.release_date import LONG_DATE as LONG_DATE
from index.release_date import MONTH as MONTH
from index.release_date import issue_date
from index.reporting_period import reporting_period


class Block(Protocol):
    """A paragraph as the parser classifies it (``index.parser.Paragraph``)."""

    text: str
    section_kind: str


@dataclass
class Metadata:
    """What a release says about itself: issue date (ISO), issuer, listing, and the period it reports."""

    date: str | None = None
    company: str | None = None
    ticker: str | None = None
    exchange: str | None = None
    reporting_period: str | None = None


def read_metadata(text: str, title: str, paras: Sequence[Block]) -> Metadata:
    """The metadata of a release, from its text, its headline and its classified paragraphs."""
    cover = read_cover(text)
    issued = cover.issued or issue_date(text, [p.text for p in paras])
    company = cover.company or issuer(text, title)
    ticker, exchange = (cover.ticker, cover.exchange) if cover.ticker else listing(text, company)
    body = " ".join(display(p.text) for p in paras if p.section_kind == "body")
    return Metadata(date=issued.isoformat() if issued else None, company=company, ticker=ticker, exchange=exchange,
                    reporting_period=reporting_period(body, title))
