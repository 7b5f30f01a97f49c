"""Sentence cues: what counts as an answer of the kind asked, and where it stands."""

from __future__ import annotations

import json

from llama_index.core.schema import NodeWithScore, TextNode

from qa.choice.model import AnswerModel
from qa.language.elements import elements_written
from qa.language.glossary import expand
from qa.language.lexicon import Lexicon
from qa.language.profile import ReleaseProfile
from qa.language.question import Question, stems
from qa.text.answerer import Answerer
from qa.text.candidates import candidates, near
from qa.text.ranker import SentenceRanker
from qa.text.scorer import SentenceScorer

RELEASE = ("The open pit resource is reported above a cut-off grade of 0.25% copper equivalent. Silver grades "
           "average 4.1 g/t Ag. The estimate was prepared by Adam Wheeler, an independent mining consultant. "
           "Mr. Wheeler is a qualified person. Contact Dennis Logan, Chief Financial Officer, "
           "at dennis.logan@acme.com.")


def _spans(question: str, sentence: str) -> list[str]:
    found = candidates(Question.parse(question), sentence, ReleaseProfile.of(RELEASE, {}))
    assert found is not None
    return [sentence[a:b] for a, b in found[1]] if found else []


def test_a_grade_of_another_element_is_no_candidate() -> None:
    copper = "The open pit resource is reported above a cut-off grade of 0.25% copper equivalent."
    assert _spans("What silver grade is reported for the resource?", copper) == []
    assert _spans("What copper grade is the resource reported above?", copper) == ["0.25%"]
    assert _spans("What silver grade do the resources average?", "Silver grades average 4.1 g/t Ag.") == ["4.1"]


def test_people_are_names_not_job_titles_and_an_address_does_not_unmake_a_name() -> None:
    contact = "Contact Dennis Logan, Chief Financial Officer, at dennis.logan@acme.com."
    assert [s for s in _spans("Who is the company's contact?", contact) if "Dennis Logan" in s]
    assert _spans("Who is Dennis Logan?", contact) == []  # the name asked about is not an answer to it
    assert _spans("Who is the CFO?", "The CFO role is held by the Chief Financial Officer.") == []


def test_an_organisation_the_question_names_is_not_new() -> None:
    lead = "Northcairn Energy Ltd. is pleased to announce the appointment of a new CFO."
    assert _spans("Who did Northcairn Energy appoint as CFO?", lead) == []
    assert "Goldcrest Partners" in _spans("Which firm advises Northcairn Energy?",
                                          "Goldcrest Partners advises Northcairn Energy Ltd.")


def test_a_candidate_next_to_what_is_asked_is_near() -> None:
    question = Question.parse("Who prepared the reserve estimate?")
    close = "The estimate was prepared by Adam Wheeler, an independent mining consultant."
    far = ('"We are very pleased with the upgraded resource and the prepared plan for the mine life," '
           'commented Lewis Black.')
    assert near(question, close, [(close.index("Adam"), close.index("Adam") + 11)])
    assert not near(question, far, [(far.index("Lewis"), far.index("Lewis") + 11)])


def test_currency_codes_match_their_spelled_out_names() -> None:
    assert {"canadian", "dollar"} <= expand("converted to CAD$ from Euros", set(stems("converted to CAD$ from Euros")))
    assert "cad" in expand("in thousands of Canadian dollars", set(stems("in thousands of Canadian dollars")))


def test_the_release_date_answers_only_a_question_about_the_release() -> None:
    lead = "CALGARY, Aug. 8, 2024 - Acme Energy Ltd. announced the appointment of a CFO, effective September 3, 2024."
    profile = ReleaseProfile.of(lead, {"date": "2024-08-08"})

    def dates(question: str) -> list[str]:
        found = candidates(Question.parse(question), lead, profile)
        assert found
        return [lead[a:b] for a, b in found[1]]

    assert dates("When does the CFO appointment take effect?") == ["September 3, 2024"]
    assert dates("When was the appointment announced?") == ["Aug. 8, 2024", "September 3, 2024"]


def test_a_choice_is_answered_by_a_sentence_naming_one_of_the_options() -> None:
    question = "Are the measured and indicated resources inclusive or exclusive of reserves?"
    assert _spans(question, "The measured and indicated resources are inclusive of reserves.") == ["inclusive"]
    assert _spans(question, "The Measured and Indicated Resource gives planning visibility.") == []


def test_a_long_sentence_is_quoted_around_its_answer() -> None:
    text = ("The results reflect the operations of the mine before the company acquired control of it and include "
            "the separate results for the now terminated off-take agreement with Global Tungsten & Powders, and in "
            "connection with acquiring control of the mine the company has entered into a new multi-year off-take "
            "agreement (see press release dated September 28, 2011) with a new buyer for all of its concentrate.")
    clipped = Answerer(Lexicon(None), max_chars=200)._clip(text, 1, "September 28, 2011")
    assert "September 28, 2011" in clipped and clipped.startswith("…") and len(clipped) <= 200
    assert clipped.rstrip("…").split()[-1] in text.split()  # cut at a word boundary
    head = Answerer(Lexicon(None), max_chars=200)._clip(text, 1, None)
    assert head.startswith("The results") and head.endswith("…") and len(head) <= 200


def test_a_year_is_the_whole_answer_to_what_year() -> None:
    profile = ReleaseProfile.of(RELEASE, {})
    sentence = "The mine has been in production since 2008."
    strong_year = candidates(Question.parse("Since what year has the mine been in production?"), sentence, profile)
    weak_year = candidates(Question.parse("When did the mine start production?"), sentence, profile)
    assert strong_year and strong_year[0] is True
    assert weak_year and weak_year[0] is False  # "when" wants a full date; a year is a partial answer


def test_a_release_knows_its_people_by_title_or_role() -> None:
    text = ("Mr. Wheeler is a qualified person. Dennis Logan – Director & CFO. Jane Roe, Chief Executive Officer. "
            "Marisol Okafor, Senior Vice President, joins. The Los Santos Mine, located in Spain.")
    assert ReleaseProfile.of(text, {}).people == {"wheeler", "logan", "roe", "okafor"}


def test_the_text_ranks_above_its_footnote_when_both_say_it(fake_embedder) -> None:
    text = ("The pits contain 355,000 tonnes of inferred resources.\n"
            "¹ The pits contain 355,000 tonnes of inferred resources.")
    cut = text.index("¹")
    node = TextNode(text=text, metadata={"doc_id": "r", "kind": "text", "section_kind": "body", "section": "body",
                                         "sentences": json.dumps([[[0, cut - 1]], [[cut, len(text)]]])})
    scorer = SentenceScorer(fake_embedder, Lexicon(None), lambda doc_id: text)
    question = Question.parse("How many tonnes of inferred resources do the pits contain?")
    body, note = scorer.score(question, fake_embedder.get_query_embedding(question.text), [NodeWithScore(node=node)])
    assert not body.text.startswith("¹") and note.text.startswith("¹")
    assert body.signals["footnote"] == 0.0 and note.signals["footnote"] == 1.0
    assert body.score > note.score


def test_the_shipped_ranker_ranks_an_answer_of_the_kind_asked_first() -> None:
    ranker = AnswerModel.load().ranker
    assert SentenceRanker.from_dict(ranker.as_dict()) == ranker
    held = {"cosine": 0.6, "lexical": 0.8, "focus": 1.0, "first_passage": 1.0, "held": 1.0, "held_near": 1.0}
    missing = {**held, "held": 0.0, "held_near": 0.0, "missing": 1.0}
    assert ranker.score(missing) < ranker.score(held)


def test_an_unnamed_agent_next_to_what_is_asked_answers_who() -> None:
    question = "Who originally commissioned the mine in July 2010?"
    assert _spans(question, "The mine was opened in 2008 and commissioned in July 2010 by its former owner.") == [
        "its former owner"]
    assert _spans(question,
                  "The mine was sold by its former owner in 2011 after a long dispute over water rights.") == []


def test_a_where_question_is_answered_by_a_location_in_words_too() -> None:
    question = "Where did the company plan to focus its drilling?"
    assert _spans(question, "Drilling will focus on underground targets via the existing galleries.") == [
        "underground", "via the existing galleries"]
    assert _spans(question, "Drilling will go on through the year and within the budget.") == []
    assert _spans(question, "The mine is located 50 kilometres from Salamanca.") == ["located", "kilometres"]
    assert _spans(question, "Drilling will start next year.") == []


def test_element_symbols_in_running_text_are_written_as_chemistry_writes_them() -> None:
    assert elements_written("a grade of 0.25% Cu and 4.1 g/t Ag") == {"cu", "ag"}
    assert elements_written("pursuant to NI 43-101, Acme Co. and Brennwald AG will lead the work") == frozenset()
    assert elements_written("What silver grade is reported?") == {"ag"}
    copper = "The resource is reported above a cut-off grade of 0.25% copper equivalent."
    assert _spans("How many tonnes does the NI 43-101 estimate report?", "The estimate holds 1,880,000 tonnes.") == [
        "1,880,000"]
    assert _spans("What silver grade is reported?", copper) == []
