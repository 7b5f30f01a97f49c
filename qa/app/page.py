"""The Gradio page: Ask (scoped chat with cited sources), Figures (table, CSV, chart), Releases (list, upload,
remove, re-ingest), and the wiring that refreshes every view when the library changes or the page loads."""

from __future__ import annotations

import gradio as gr

from index.uploads import UPLOAD_TYPES
from qa.app.api import ask_endpoint
from qa.app.handlers import ReleaseApp, scope_text
from qa.app.library import ALL_RELEASES
from qa.app.views import FIGURE_COLUMNS, RELEASE_COLUMNS
from qa.engine import Engine

CSS = """
.qa-source summary { cursor: pointer; } .qa-context { font-size: 0.9em; color: #444; }
.qa-figures { border-collapse: collapse; margin: 6px 0; } \
.qa-figures td, .qa-figures th { border: 1px solid #ccc; padding: 2px 6px; }
.qa-figures td, .qa-figures th, .qa-number { white-space: nowrap; } \
.qa-table-scroll { overflow-x: auto; max-width: 100%; }
mark { background: #fff3a8; } .qa-cited-row { background: #fff8cc; } \
.qa-viewer-table mark { background: #ffc94d; font-weight: 600; } \
.qa-viewer-text { max-height: 420px; overflow-y: auto; }
.qa-viewer-table caption { text-align: left; font-style: italic; }
"""
# the viewer's text box scrolled to the cited passage (the page itself stays where it is)
SCROLL_TO_CITED = """() => { const m = document.getElementById('qa-cited'); \
const box = m && m.closest('.qa-viewer-text');
  if (box) { box.scrollTop = m.offsetTop - box.offsetTop - 60; } }"""


def build_app(engine: Engine) -> gr.Blocks:
    app = ReleaseApp(engine)
    with gr.Blocks(title="Release QA", analytics_enabled=False) as demo:  # nothing is sent to gradio.app
        gr.Markdown("## Release QA\nAsk questions of the ingested press releases. "
                    "Answers quote the releases and cite them.")
        # HTML of escaped text: markdown would link a name like www.x.com
        summary = gr.HTML(elem_id="library-summary", padding=False)
        with gr.Tabs():
            with gr.Tab("Ask", id="ask"):
                scope = gr.Accordion("Scope: all releases (choose which may answer)", open=False, elem_id="scope")
                with scope, gr.Row():
                    company = gr.Dropdown(choices=[("All companies", "")], value="", label="Company",
                                          elem_id="scope-company", scale=2)
                    scope_doc = gr.Dropdown(choices=[(ALL_RELEASES, "")], value="", label="Release",
                                            elem_id="scope-release", scale=3)
                    since = gr.Textbox(label="Since", placeholder="YYYY, YYYY-MM or YYYY-MM-DD", scale=1)
                    until = gr.Textbox(label="Until", placeholder="YYYY, YYYY-MM or YYYY-MM-DD", scale=1)
                # messages are HTML made here, release text escaped: no markdown (no code blocks from indented
                # table lines, no links made from a release's URLs), no LaTeX from dollar signs
                chat = gr.Chatbot(label="Conversation", height=None, min_height=320, elem_id="chat", sanitize_html=True,
                                  allow_tags=False, feedback_options=None, render_markdown=False, latex_delimiters=[])
                turns = gr.State([])
                with gr.Row():
                    box = gr.Textbox(placeholder="e.g. What was net loss in the latest quarter?", show_label=False,
                                     elem_id="question", scale=8, max_lines=3)
                    send = gr.Button("Ask", variant="primary", elem_id="ask-button", scale=1, min_width=80)
                    fresh = gr.Button("New conversation", elem_id="new-conversation", scale=1, min_width=120)
                examples = gr.Dataset(components=[box], samples=[], label="Examples", elem_id="examples")
                with gr.Accordion("Sources, in their releases", open=True, elem_id="viewer"):
                    cited = gr.State([])
                    source_pick = gr.Dropdown(choices=[], label="Source of the last answer", elem_id="source-pick")
                    source_view = gr.HTML("<p>Ask a question: its sources open here, in their releases.</p>",
                                          elem_id="source-view")
                    page = gr.Image(visible=False, interactive=False, elem_id="source-page", type="pil")
            with gr.Tab("Figures", id="figures", elem_id="figures-tab"):
                with gr.Row():
                    metric_filter = gr.Textbox(label="Filter by metric", scale=3, elem_id="metric-filter")
                    doc_filter = gr.Dropdown(choices=[(ALL_RELEASES, "")], value="", label="Release", scale=3,
                                             elem_id="figures-release")
                    download = gr.DownloadButton("Download CSV", scale=1, elem_id="download-csv")
                table = gr.Dataframe(headers=list(FIGURE_COLUMNS), interactive=False, elem_id="figures-table",
                                     max_height=360, wrap=False)
                with gr.Row():
                    metric_pick = gr.Dropdown(choices=[], label="Chart a metric over periods", elem_id="chart-metric",
                                              scale=3)
                    others = gr.Dropdown(choices=[], value=[], multiselect=True, elem_id="chart-others", scale=2,
                                         label="With it (the same line item named otherwise)")
                version = gr.State(0)  # the library's version in this page: the chart is drawn again when it changes

                @gr.render(inputs=[metric_pick, others, version],
                           triggers=[metric_pick.change, others.change, version.change])
                def chart_view(metric: str | None, beside: list[str] | None, _version: int) -> None:
                    # drawn anew each time: gradio's plots keep their first series' colours through updates
                    frame, y_title = app.chart_data(metric or "", beside)
                    single = frame.empty or int(frame.groupby("series").size().max()) < 2
                    plot = gr.ScatterPlot if single else gr.LinePlot
                    title = " with ".join([metric or "No metric chosen", *(beside or [])])
                    plot(value=frame, x="period", y="value", color="series", title=title, y_title=y_title,
                         elem_id="figure-chart", height=300, tooltip=list(frame.columns),
                         key=f"chart {title} {_version}")  # a new plot for new series, never the old one updated
                    with gr.Accordion("The chart's points as a table", open=False):
                        gr.Dataframe(value=frame, interactive=False, elem_id="chart-table")
            with gr.Tab("Releases", id="releases"):
                releases = gr.Dataframe(headers=list(RELEASE_COLUMNS), interactive=False, elem_id="releases-table",
                                        wrap=True, column_widths=["11%", "17%", "8%", "38%", "8%", "8%", "10%"])
                files = gr.File(file_count="multiple", label=f"Add releases ({' '.join(UPLOAD_TYPES)})",
                                elem_id="release-files")
                add = gr.Button("Ingest uploaded releases", elem_id="ingest-button")
                report = gr.HTML(elem_id="ingest-report")
                with gr.Row():
                    release_pick = gr.Dropdown(choices=[], label="A release", elem_id="release-pick", scale=4)
                    drop = gr.Button("Remove release", variant="stop", elem_id="remove-button", scale=1)
                    again = gr.Button("Re-ingest release", elem_id="reingest-button", scale=1)

        views = [summary, examples, company, scope_doc, doc_filter, table, download, metric_pick, version, releases,
                 release_pick, others]
        kept = [metric_filter, doc_filter, metric_pick, company, scope_doc, version, others, release_pick]
        demo.load(app.refresh, kept, views, api_visibility="private")
        asked = [box, chat, turns, scope_doc, company, since, until]
        answered = [chat, turns, box, cited, source_pick]
        for trigger in (send.click, box.submit):
            trigger(app.chat, asked, answered, api_visibility="private").then(
                app.view, [source_pick, cited], [source_view, page], api_visibility="private").then(
                None, js=SCROLL_TO_CITED)
        source_pick.input(app.view, [source_pick, cited], [source_view, page], api_visibility="private").then(
            None, js=SCROLL_TO_CITED)
        forget = [chat, turns, box, cited, source_pick]
        for trigger in (fresh.click, chat.clear):  # a new conversation, or the chat's own clear button
            trigger(lambda: ([], [], "", [], gr.Dropdown(choices=[], value=None)), None, forget,
                    api_visibility="private").then(
                app.view, [source_pick, cited], [source_view, page], api_visibility="private")
        examples.click(lambda sample: sample[0], examples, box, api_visibility="private")
        for trigger in (metric_filter.change, doc_filter.change):
            trigger(app.figure_table, [metric_filter, doc_filter], [table, download], api_visibility="private")
        metric_pick.input(app.metric_chosen, metric_pick, others, api_visibility="private")
        for part in (company, scope_doc, since, until):  # the scope shown while the accordion is closed
            part.change(lambda c, d, s, u: gr.Accordion(label=f"Scope: {scope_text(d, c, s, u)}"),
                        [company, scope_doc, since, until], scope, api_visibility="private")
        confirm = "(d) => (d && confirm('Remove ' + d + ' from every store? This cannot be undone.')) ? d : null"
        for button, change, given, js in ((add, app.upload, files, None),
                                          (drop, app.remove_release, release_pick, confirm),
                                          (again, app.reingest_release, release_pick, None)):
            button.click(change, given, report, js=js, api_visibility="private").then(
                lambda: None, None, files, api_visibility="private").then(  # the upload box emptied once ingested
                app.refresh, kept, views, api_visibility="private").then(  # the viewer too: its release may be gone
                app.view, [source_pick, cited], [source_view, page], api_visibility="private")
        gr.api(ask_endpoint(app.ask_api), api_name="ask")
    return demo
