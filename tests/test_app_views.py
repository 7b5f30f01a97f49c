"""The chat message an answer becomes: the answer, its confidence, figures, and sources or closest passages."""

from __future__ import annotations

from qa.app.views import render_answer
from qa.language.records import Answer, Citation


def _citation(text: str) -> Citation:
    return Citation(doc_id="acme", title="Acme results", date="2024-03-01", section="body", text=text, start=0,
                    end=len(text), score=1.0)


def test_an_answer_shows_its_confidence_and_sources() -> None:
    text = "Revenue was $12.5 million."
    html = render_answer(Answer("What was revenue?", "Revenue was $12.5 million. [1]", True,
                                citations=[_citation(text)], confidence=0.874), lambda _doc, a, b: text[a:b])
    assert "Confidence 87%" in html and "<b>Sources</b>" in html and "$12.5 million" in html


def test_a_refusal_shows_the_closest_passages_and_no_confidence() -> None:
    text = "The company opened a plant."
    html = render_answer(Answer("What was revenue?", "The releases do not say.", False,
                                closest=[_citation(text)], confidence=0.2), lambda _doc, a, b: text[a:b])
    assert "Confidence" not in html and "Closest passages found" in html and "do not say" in html


def test_sources_show_release_text_as_a_reader_sees_it() -> None:
    text = r"**RESULTS** Revenue was \$4,421 thousand (CAD\$ 000); see window.__config and https://x.example/a."
    start = text.index("Revenue")
    cited = Citation(doc_id="acme", title="Acme", date="2024-03-01", section="body", text="", start=start,
                     end=len(text), score=1.0)
    html = render_answer(Answer("What was revenue?", "Revenue was $4,421 thousand. [1]", True, citations=[cited],
                                confidence=0.9), lambda _doc, a, b: text[a:b])
    assert "$4,421" in html and "CAD$ 000" in html and "\\$" not in html  # markdown escapes are not shown...
    assert "**" not in html and "RESULTS" in html
    assert "window.&#95;&#95;config" in html and "<a " not in html  # ...names keep their underscores, URLs stay text


def test_metrics_are_named_without_markdown_or_an_empty_unit() -> None:
    from index.records import Figure
    from qa.app.views import figure_rows, metric_names

    cells = [Figure(doc_id="a", table_index=0, caption="", row_label="**Net income**", parent_label=None,
                    column_label=str(year), raw="5", value=5.0, unit=None, scale=1, scale_label=None,
                    period_kind="year_ended", period_end=f"{year}-12-31", fiscal_period=None, row_text="",
                    row_start=0, row_end=0) for year in (2022, 2023)]
    assert metric_names(cells) == ["Net income"]
    assert {row[0] for row in figure_rows(cells, {})} == {"Net income"}
