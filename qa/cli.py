"""The ``qa`` command line: ingest, remove, ask, sources, figures, eval, train, serve, settings."""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path

import click

from index.errors import EmptyStore, ReleaseQAError
from index.settings import Settings, bundled_releases, describe
from qa.command_context import Context, emit
from qa.evaluation_commands import evaluate, train


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--home", type=click.Path(file_okay=False, path_type=Path), help="Stores folder (overrides QA_HOME).")
@click.option("--chroma-url", help="Chroma server URL (overrides QA_CHROMA_URL).")
@click.option("-v", "--verbose", count=True, help="Log more (-v info, -vv debug).")
@click.pass_context
def cli(ctx: click.Context, home: Path | None, chroma_url: str | None, verbose: int) -> None:
    """Ask questions of a company's press releases, with cited answers."""
    logging.basicConfig(level=[logging.WARNING, logging.INFO, logging.DEBUG][min(verbose, 2)],
                        format="%(levelname)s %(name)s: %(message)s")
    quiet = ("httpx", "chromadb", "sentence_transformers", "bm25s", "transformers")
    for handler in logging.getLogger().handlers:  # libraries that set their own loggers' levels stay quiet too
        handler.addFilter(lambda r: verbose >= 2 or r.levelno >= logging.WARNING or not r.name.startswith(quiet))
    ctx.obj = Context(Settings.from_env(home=home, chroma_url=chroma_url))


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.pass_obj
def ingest(obj: Context, paths: tuple[Path, ...], as_json: bool) -> None:
    """Ingest release files or folders (default: the bundled sample releases)."""
    from index.ingest import ingest as run_ingest

    targets = list(paths) or [bundled_releases()]
    started = time.perf_counter()
    report = run_ingest(targets, obj.stores(), obj.embedder(), progress=not as_json and sys.stderr.isatty())
    seconds = round(time.perf_counter() - started, 2)
    entries = obj.stores().catalog.entries() if report.undated or report.unattributed else []
    if as_json:
        emit({**report.as_dict(), "seconds": seconds})
    else:
        click.echo(f"added {len(report.added)}, replaced {len(report.replaced)}, unchanged {len(report.unchanged)}, "
                   f"duplicates {len(report.duplicates)}, failed {len(report.failed)}; "
                   f"{report.chunks} chunks in {seconds}s")
        for d in report.duplicates:
            click.echo(f"  duplicate: {d['path']} (same content as {d['same_as']})")
        where = {e.doc_id: e.path for e in entries}
        for label, doc_ids in (("undated", report.undated), ("issuer not found", report.unattributed)):
            for doc_id in doc_ids:
                click.echo(f"  {label}: {doc_id} ({where[doc_id]})")
        for f in report.failed:
            click.echo(f"  skipped: {f['path']}: {f['reason']}", err=True)
        for f in report.ignored:
            click.echo(f"  not a release: {f['path']} ({f['reason']})", err=True)
    if not report.ok:
        sys.exit(1)


@cli.command()
@click.argument("question")
@click.option("--doc", help="Answer only from this release (its doc id or file name).")
@click.option("--company", help="Answer only from this company's releases (a name or ticker).")
@click.option("--since", help="Only releases dated on or after this day (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--until", help="Only releases dated on or before this day (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--json", "as_json", is_flag=True, help="Print the answer object as JSON.")
@click.pass_obj
def ask(obj: Context, question: str, doc: str | None, company: str | None, since: str | None, until: str | None,
        as_json: bool) -> None:
    """Answer QUESTION from the ingested releases, with citations."""
    from qa.retrieval.filters import AskFilters

    answer = obj.engine().ask(question, filters=AskFilters.parse(doc, company, since, until))
    if as_json:
        emit(answer.as_dict())
        return
    click.echo(answer.answer)
    for i, c in enumerate(answer.citations, 1):
        page = f"p. {c.page}; " if c.page else ""
        click.echo(f"  [{i}] {c.title} ({c.date or 'undated'}; {page}{c.section}) chars {c.start}-{c.end}")
    if not answer.found and answer.closest:
        click.echo("  Closest passages found:")
        for c in answer.closest:
            page = f", p. {c.page}" if c.page else ""
            click.echo(f"   - {c.title} ({c.date or 'undated'}{page}): {c.text[:160]}")


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@click.pass_obj
def sources(obj: Context, as_json: bool) -> None:
    """List the ingested releases with date, issuer, title and chunk count; say which lack a date or an issuer."""
    try:
        entries = obj.stores(create=False).catalog.entries()
    except EmptyStore:
        entries = []
    if as_json:
        emit([{"doc_id": e.doc_id, "date": e.date, "title": e.title, "company": e.company, "ticker": e.ticker,
                "reporting_period": e.reporting_period, "chunks": e.chunk_count, "path": e.path,
                "undated": not e.date, "unattributed": not e.company} for e in entries])
        return
    if not entries:
        click.echo("no releases ingested yet: run `qa ingest`")
    for e in entries:
        listing = f" ({e.exchange + ': ' if e.exchange else ''}{e.ticker})" if e.ticker else ""
        click.echo(f"{e.date or 'undated':10}  {e.chunk_count:4} chunks  {e.doc_id}  {e.company or 'issuer not found'}"
                   f"{listing}\n            {e.title[:110]}")
    for label, missing in (("undated", [e.doc_id for e in entries if not e.date]),
                           ("issuer not found", [e.doc_id for e in entries if not e.company])):
        if missing:
            click.echo(f"{label}: {', '.join(missing)}")


@cli.command()
@click.argument("doc_ids", nargs=-1, required=True)
@click.pass_obj
def remove(obj: Context, doc_ids: tuple[str, ...]) -> None:
    """Remove releases (by doc id, as `qa sources` lists them): their chunks, figures and lexical entries."""
    from index.removal import remove as run_remove

    report = run_remove(list(doc_ids), obj.stores())
    click.echo(f"removed {', '.join(report.removed)}: {report.chunks} chunks, {report.figures} figures")


@cli.command()
@click.argument("doc_id")
@click.pass_obj
def reingest(obj: Context, doc_id: str) -> None:
    """Read a release again from the file it was ingested from (after a parser update, or to redo it)."""
    from index.removal import reingest as run_reingest

    report = run_reingest(doc_id, obj.stores(), obj.embedder())
    click.echo(f"re-ingested {', '.join(report.added) or 'nothing'}; {report.chunks} chunks, {report.figures} figures")
    for f in report.failed:
        click.echo(f"  skipped: {f['path']}: {f['reason']}", err=True)
    if not report.ok:
        sys.exit(1)


@cli.command()
@click.option("--metric", help="Row label contains this text (case-insensitive).")
@click.option("--period", help="Period end (YYYY, YYYY-MM or YYYY-MM-DD) or fiscal period (Q1 2017).")
@click.option("--doc", "doc_id", help="Only this release (doc_id).")
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
@click.option("--csv", "as_csv", is_flag=True, help="Print as CSV.")
@click.pass_obj
def figures(obj: Context, metric: str | None, period: str | None, doc_id: str | None, as_json: bool,
            as_csv: bool) -> None:
    """List the table figures in the store, filtered by metric, period or release."""
    import csv

    from qa.figures.wording import describe_period, describe_value, figure_dict, spreadsheet_cell

    try:
        stored = obj.stores(create=False).figures.all(doc_id)
    except EmptyStore:
        stored = []
    rows = [f for f in stored
            if (not metric or metric.lower() in f.label.lower())
            and (not period or (f.period_end or "").startswith(period)
                 or (f.fiscal_period or "").lower() == period.lower())]
    records = [figure_dict(f) for f in rows]
    if as_json:
        emit(records)
    elif as_csv:
        out = csv.writer(sys.stdout)
        out.writerow(["doc_id", "metric", "column", "value", "unit", "scale", "period_kind", "period_end", "fiscal",
                      "source_text"])
        for r in records:
            out.writerow([spreadsheet_cell(r[k]) for k in ("doc_id", "metric", "column", "value", "unit", "scale",
                                                           "period_kind", "period_end", "fiscal_period",
                                                           "source_text")])
    else:
        for f in rows:
            click.echo(f"{f.doc_id[:28]:28}  {f.row_label[:40]:40}  {describe_period(f)[:48]:48}  {describe_value(f)}")


@cli.command()
@click.option("--host", help="Address to bind (default QA_HOST or 127.0.0.1).")
@click.option("--port", type=click.IntRange(1, 65535), help="Port (default QA_PORT or 7860).")
@click.pass_obj
def serve(obj: Context, host: str | None, port: int | None) -> None:
    """Open the chat app; on an empty store, ingest the bundled releases first."""
    settings = obj.settings
    stores = obj.stores()
    engine = obj.engine()
    if not stores.catalog.entries():
        from index.ingest import ingest as run_ingest

        click.echo("empty store: ingesting the bundled sample releases first", err=True)
        report = run_ingest([bundled_releases()], stores, engine.embedder, progress=True)
        click.echo(f"ingested {len(report.added)} releases, {report.chunks} passages, {report.figures} figures",
                   err=True)
    from qa.app.page import CSS, build_app
    from qa.app.serving import Login, allowed_hosts, app_kwargs, warnings_for

    login = Login.parse(settings.auth) if settings.auth else None
    bind = host or settings.host
    hosts = allowed_hosts(bind, settings.allowed_hosts)
    for warning in warnings_for(bind, login, hosts):
        click.echo(f"warning: {warning}", err=True)
    engine.warm()
    demo = build_app(engine)
    demo.queue(default_concurrency_limit=4)
    demo.launch(server_name=bind, server_port=port or settings.port, app_kwargs=app_kwargs(hosts),
                auth=login.check if login else None,  # type: ignore[arg-type]  # gradio awaits a coroutine function
                max_file_size=f"{settings.max_release_mb}mb", show_error=False, quiet=False, css=CSS)


@cli.command(name="settings")
def show_settings() -> None:
    """List every setting: environment variable, default and meaning."""
    for env, default, help_text in describe():
        click.echo(f"{env:22} {default:28} {help_text}")


cli.add_command(evaluate)
cli.add_command(train)


def main() -> None:
    try:
        cli(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except ReleaseQAError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    except OSError as exc:
        click.echo(f"error: {exc.strerror or exc}: {exc.filename or ''}", err=True)
        sys.exit(2)
