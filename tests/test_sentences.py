"""Sentence boundaries with exact offsets."""

from __future__ import annotations

import pytest

from index.sentences import sentence_spans


def _split(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text)]


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("Acme Inc. reported results. Mr. Smith said so.", ["Acme Inc. reported results.", "Mr. Smith said so."]),
        ("Acme Corp. and Beta Ltd. merged. The deal closed.", ["Acme Corp. and Beta Ltd. merged.", "The deal closed."]),
        ("Sales in the U.S. rose 5%. Costs fell.", ["Sales in the U.S. rose 5%.", "Costs fell."]),
        ("The price was $1.07 per share. It rose.", ["The price was $1.07 per share.", "It rose."]),
        ("Revenue was 3.5 million. Profit was 1.2 million!  Why? Because.",
         ["Revenue was 3.5 million.", "Profit was 1.2 million!", "Why?", "Because."]),
        ("J. R. Smith joined the board. He is great.", ["J. R. Smith joined the board.", "He is great."]),
        ("Mr. J. Smith, e.g. the CEO, spoke. Next.", ["Mr. J. Smith, e.g. the CEO, spoke.", "Next."]),
        ('He said "we are pleased." Then he left.', ['He said "we are pleased."', "Then he left."]),
        ("He said “we are pleased.” Then he left.", ["He said “we are pleased.”", "Then he left."]),
        ("He said “we are pleased.” “We will grow,” he added.",
         ["He said “we are pleased.”", "“We will grow,” he added."]),
        ("The company (Acme) grew. (This is a note.) Next one.",
         ["The company (Acme) grew.", "(This is a note.)", "Next one."]),
        ("It ended Sept. 30, 2016. Done.", ["It ended Sept. 30, 2016.", "Done."]),
        ("See Fig. 3 for details. Done.", ["See Fig. 3 for details.", "Done."]),
        ("He holds a Ph.D. in geology. He joined in 2019.", ["He holds a Ph.D. in geology.", "He joined in 2019."]),
        ("Acme produced 12,000 tonnes. 2024 will be better.", ["Acme produced 12,000 tonnes.", "2024 will be better."]),
        ("Results are in. ¹ The footnote follows.", ["Results are in.", "¹ The footnote follows."]),
        ("The grade is 0.32% WO₃ at site no. 4 in the pit. Good.",
         ["The grade is 0.32% WO₃ at site no. 4 in the pit.", "Good."]),
        ("No full stop at the end", ["No full stop at the end"]),
    ],
)
def test_sentences(text: str, sentences: list[str]) -> None:
    assert _split(text) == sentences


def test_offsets_are_exact_and_whitespace_trimmed() -> None:
    text = "  Leading space.\n\nSecond  line here.   Third.  \n"
    spans = sentence_spans(text)
    assert spans == [(2, 16), (18, 36), (39, 45)]
    assert [text[s:e] for s, e in spans] == ["Leading space.", "Second  line here.", "Third."]


def test_offset_shifts_spans() -> None:
    text = "Hi there. Bye."
    assert sentence_spans(text, offset=10) == [(10, 19), (20, 24)]
    padded = "x" * 10 + text
    assert [padded[s:e] for s, e in sentence_spans(text, offset=10)] == ["Hi there.", "Bye."]


@pytest.mark.parametrize("text", ["", "   ", "\n\n"])
def test_empty_text_has_no_sentences(text: str) -> None:
    assert sentence_spans(text) == []


def test_spans_cover_all_words_in_order() -> None:
    text = ("Almonty Industries Inc. (“Almonty”) (TSX-V: AII) announced results. Revenue was $7.06 million, "
            "down from $8.18 million. Mr. Black said: “We are pleased.” The U.S. dollar rose.")
    spans = sentence_spans(text)
    assert len(spans) == 4
    assert all(a[1] < b[0] for a, b in zip(spans, spans[1:], strict=False))
    assert " ".join(text[s:e] for s, e in spans) == text


@pytest.mark.parametrize(("text", "expected"), [
    ("The agreement with Global Tungsten & Powders Corp. In connection with it, a new one was signed.",
     ["The agreement with Global Tungsten & Powders Corp.", "In connection with it, a new one was signed."]),
    ("It bought Woulfe Mining Corp. Almonty owns the rest.",
     ["It bought Woulfe Mining Corp.", "Almonty owns the rest."]),
    ("Almonty Industries Inc. (TSX-V: AII) announced results.",
     ["Almonty Industries Inc. (TSX-V: AII) announced results."]),
    ("Acme Co. Ltd. reported. Then it rose.", ["Acme Co. Ltd. reported.", "Then it rose."]),
    ("Shares of Acme Inc. rose 5%.", ["Shares of Acme Inc. rose 5%."]),
    ("Zijin Mining Group Co. Limited reported.", ["Zijin Mining Group Co. Limited reported."]),
    ("Acme Corp. Chief Executive Officer Jane Doe said so.", ["Acme Corp. Chief Executive Officer Jane Doe said so."]),
])
def test_a_company_suffix_ends_a_sentence_only_before_a_capitalised_word(text: str, expected: list[str]) -> None:
    assert [text[s:e] for s, e in sentence_spans(text)] == expected
