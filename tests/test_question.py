"""Question parsing: the kind of answer wanted, what is asked for, and what a number must count."""

from __future__ import annotations

import re

import pytest

from qa.language.question import Question
from qa.text.candidates import of_unit


@pytest.mark.parametrize(("text", "wants"), [
    ("Which Northcairn executive is retiring as CFO?", "person"),
    ("Which law firm represents Corvalis in the transaction?", "person"),
    ("What was the director paid?", "fact"),
    ("What was the date of the press release on the off-take agreement?", "date"),
    ("What cut-off grade was used for the open pits?", "number"),
    ("What share of production was under fixed-price contracts?", "number"),
    ("Which exchange rates were used to convert the figures?", "fact"),
])
def test_kind_of_answer(text: str, wants: str) -> None:
    assert Question.parse(text).wants == wants


def test_focus_finds_a_late_question_word_and_drops_answer_kinds() -> None:
    assert Question.parse("In December 2013, Almonty held an option to acquire which tin-tungsten project?").focus == [
        "tin", "tungsten", "project"]
    assert Question.parse("What title did Lewis Black hold?").focus == ["lewi", "black", "hold"]
    assert "compani" not in Question.parse("Which company was the counterparty to the agreement?").focus


@pytest.mark.parametrize(("text", "unit"), [
    ("How many tonnes of proven and probable reserves does the mine have?", "tonn"),
    ("How many stock options did the director receive?", "option"),
    ("How much did the milling optimization project cost?", "$"),
    ("What price is Lumivex paying for Corvalis Data?", "$"),
    ("By what percentage did reserves increase?", "%"),
    ("How many MTU make up one tonne?", None),
    ("For how long can the options be exercised?", "time"),
    ("What tungsten recovery rate did the mill achieve?", "rate"),
    ("What was the tungsten (APT) price per MTU in 2016?", "$"),
])
def test_what_a_number_counts(text: str, unit: str | None) -> None:
    assert Question.parse(text).unit == unit


def test_a_number_of_another_unit_does_not_answer() -> None:
    def of(unit: str, text: str, number: str) -> bool:
        match = re.search(re.escape(number), text)
        assert match is not None
        return of_unit(unit, text, match)

    assert of("tonn", "contain 1,880,000 tonnes of reserves", "1,880,000")
    assert not of("tonn", "located 260 kilometres from Lisbon", "260")
    assert of("$", "for $845 million in cash", "845")
    assert of("$", "revenue of 4.2 million USD", "4.2")
    assert not of("$", "in production since 1896 and employs 450 people", "450")
    assert of("%", "reserves rose 6.30% in the year", "6.30%")
    assert of("%", "80 per cent of production", "80")
    assert not of("%", "a period of 10 years", "10")
    assert not of("$", "we anticipate producing over 7,800 MTU in March", "7,800")  # MTU is no currency
    assert of("time", "for a period of 10 years from today", "10")
    assert not of("time", "granted 100,000 options to a director", "100,000")
    assert of("$", "investments of RMB3,550 million", "3,550")  # any ISO code or sign (index.currencies)
    assert of("$", "an exercise price of DKK 93.6", "93.6")
    assert of("$", "invested 3.0 million Euro", "3.0")
    assert of("$", "NOK kr 12 per share", "12")
    assert not of("$", "it won 3 awards", "3")  # a currency's one-word name that is also a word
    assert not of("$", "in the period 3 rand drills", "3")
    assert not of("$", "Ukr 5 plant", "5")  # "kr" only as a word
    assert not of("$", "from 2018 $19.6 million", "2018")  # a sign after a number starts the next amount
    assert of("rate", "recoveries of 92% in the quarter", "92%")
    assert of("rate", "average production of 26,012 boe/d", "26,012")
    assert not of("rate", "drilled 14 wells", "14")


def test_the_focus_leaves_out_the_company_asked_about_and_share_of() -> None:
    companies = frozenset({"northcairn", "energi", "ltd"})
    assert Question.parse("Who did Northcairn Energy appoint as its new CFO?", companies).focus == [
        "appoint", "new", "cfo"]
    assert Question.parse("What share of Almonty's production was under fixed-price contracts?").focus == [
        "almonti", "product"]


def test_a_question_that_asks_to_choose_names_its_options() -> None:
    q = Question.parse("Are the measured and indicated resources inclusive or exclusive of reserves?")
    assert q.wants == "choice" and q.options == ["inclus", "exclus"]
    assert Question.parse("Who is the CEO or the CFO?").options == []  # not a yes/no question
    assert Question.parse("What is the date of the release?").options == []


def test_dates_qualify_a_question_but_are_not_its_focus() -> None:
    assert Question.parse("For how long can the May 2013 director options be exercised?").focus == [
        "director", "option", "exercis"]


def test_a_state_asked_about_is_the_focus_not_the_subject() -> None:
    assert Question.parse("Since what year has the Los Santos mine been in production?").focus == ["product"]
    assert Question.parse("Who has been appointed CFO?").focus == ["appoint", "cfo"]
    assert Question.parse("What two benefits did the CEO expect?").focus == ["benefit", "ceo", "expect"]
