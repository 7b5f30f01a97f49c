"""The vocabulary comes from maintained lists (ISO 4217, CLDR, ISO 10383, cleanco, dateutil, periodictable), and the
readers built on it find currencies, listings, legal forms, months and elements no sample names."""

from __future__ import annotations

import re

import pytest

from index.company_names import _LEGAL_WORD
from index.currencies import currency_in, listed_currency
from index.filing_cover import _exchange_code
from index.listing import listing
from index.periods import find_dates
from index.sentences import sentence_spans
from index.vocabulary import (
    CURRENCY_CODES,
    CURRENCY_SYMBOLS,
    EXCHANGES,
    MONTH_NAMES,
    currency_sign,
    exchange_named,
    oxide_element,
    territory_currency,
)
from qa.language.elements import elements_in, elements_written
from qa.language.glossary import expand


def test_a_currency_is_printed_with_its_sign_or_after_the_amount() -> None:
    signs = {code: currency_sign(code) for code in ("USD", "CAD", "AUD", "EUR", "GBP", "HKD", "$", "JPY", "CNY",
                                                    "NOK", "PLN", "kr", "tonnes")}
    assert signs == {"USD": "US$", "CAD": "C$", "AUD": "AU$", "EUR": "€", "GBP": "£", "HKD": "HK$", "$": "$",
                     "JPY": None, "CNY": "CN¥", "NOK": None, "PLN": None, "kr": None, "tonnes": None}


def test_currencies_are_iso_4217_with_cldr_symbols() -> None:
    assert {"USD", "EUR", "JPY", "CHF", "ZAR", "KES"} <= CURRENCY_CODES
    assert "XAU" not in CURRENCY_CODES  # gold is not a reporting currency
    assert CURRENCY_SYMBOLS["₹"] == "INR" and CURRENCY_SYMBOLS["CA$"] == "CAD" and CURRENCY_SYMBOLS["US$"] == "USD"
    assert "$" not in CURRENCY_SYMBOLS  # ambiguous: the release or its listing settles it
    assert territory_currency("ZA") == "ZAR" and territory_currency("") is None
    assert currency_in("revenue of ₦2.1 billion") == "NGN"
    assert currency_in("in thousands of Kenyan shillings") == "KES"


@pytest.mark.parametrize(
    ("text", "currency"),
    [
        ("Acme Mining Ltd. (TSX: ACM) today", "CAD"),
        ("Acme Mining Ltd. (TSXV: ACM) today", "CAD"),
        ("Acme Resources (ASX: ACR) today", "AUD"),
        ("Acme plc (LSE: ACP) today", "GBP"),
        ("Acme Ltd (JSE: ACJ) today", "ZAR"),
        ("Acme Inc. (NYSE: ACM; TSX: ACM) today", None),  # either could be meant
        ("Acme Inc. (Nasdaq: ACME) today", "USD"),
        ("no listing here", None),
    ],
)
def test_a_listing_implies_its_countrys_currency(text: str, currency: str | None) -> None:
    assert listed_currency(text) == currency


def test_exchanges_are_iso_10383_markets() -> None:
    assert EXCHANGES["TSX"].mic == "XTSE" and EXCHANGES["TSXV"].code == "TSX-V"
    assert EXCHANGES["NASDAQ"].country == "US"
    assert EXCHANGES["XETRA"].currency == "EUR"
    assert _exchange_code("New York Stock Exchange") == "NYSE"
    assert _exchange_code("The Nasdaq Stock Market LLC") == "NASDAQ"
    assert _exchange_code("Johannesburg Stock Exchange") == "JSE"
    assert exchange_named("Nowhere Exchange of Elsewhere") is None
    assert listing("Acme Gold Ltd. (JSE: AGL) reports", "Acme Gold Ltd.") == ("AGL", "JSE")


@pytest.mark.parametrize("form", ["Inc.", "Corp", "PLC", "plc", "S.A.", "S.p.A.", "GmbH", "Oyj", "N.V.", "LLC", "AG",
                                  "Pty"])
def test_legal_forms_come_from_cleanco(form: str) -> None:
    assert _LEGAL_WORD.fullmatch(form)


@pytest.mark.parametrize("word", ["As", "Holdings", "Results", "Ag"])
def test_words_that_are_not_legal_forms(word: str) -> None:
    assert not _LEGAL_WORD.fullmatch(word)


def test_months_and_dates_through_dateutil() -> None:
    assert MONTH_NAMES[8] == "september"
    found = [d.isoformat() for d, _, _ in find_dates("on 31-Dec-16, on Sept. 30, 2019, not 30 February 2019")]
    assert found == ["2016-12-31", "2019-09-30"]


def test_elements_by_name_symbol_and_oxide() -> None:
    assert oxide_element("WO3") == "w" and oxide_element("U₃O₈") == "u" and oxide_element("Li2O") == "li"
    assert oxide_element("NO") is None
    assert elements_in("Mo (%)") == {"mo"} and elements_in("Zinc grade") == {"zn"}
    assert elements_written("0.8 g/t Pt and 1.1 g/t Pd") == {"pt", "pd"}
    assert elements_written("He said the cobalt grade rose") == {"co"}  # "He" is a pronoun here
    assert elements_written("In 2023, As noted") == frozenset()


def test_codes_and_names_expand_both_ways() -> None:
    assert {"johannesburg", "stock", "exchang"} <= expand("Is it listed on the JSE?", set())
    assert "chf" in expand("in Swiss francs", {"swiss", "franc"})


def test_a_long_paragraph_splits_at_each_sentence() -> None:
    paragraph = " ".join(f"Sentence number {i} ends here." for i in range(20_000))
    spans = sentence_spans(paragraph)
    assert len(spans) == 20_000
    assert re.fullmatch(r"Sentence number 19999 ends here\.", paragraph[spans[-1][0]:spans[-1][1]])
