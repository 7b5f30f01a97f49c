"""The ``qa eval`` and ``qa train`` commands: score the whole system on gold sets, and fit the answer model."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from qa.command_context import Context, emit


@click.command(name="eval")
@click.option("--gold", type=click.Path(exists=True, dir_okay=False, path_type=Path), help="Gold JSONL file.")
@click.option("--figures", "figures_gold", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help=("Score table figures against this figures gold folder (gold/*.jsonl, split.json) instead of "
                    "questions."))
@click.option("--tatqa", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Measure table figures on this TAT-QA dataset file instead of answering questions.")
@click.option("--predictions", type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the full system's answers, one per line (default: in the results folder).")
@click.option("--systems", default="full", show_default=True,
              help="Comma-separated: bm25, dense, hybrid, hybrid+rerank, full, llamaindex-starter, or 'all'.")
@click.option("--name", default=None, help="Results folder name under eval/results/ (default: the gold file's name).")
@click.option("--results", "results_root", type=click.Path(file_okay=False, path_type=Path),
              default=Path("eval/results"),
              show_default=True, help="Where results folders go.")
@click.option("--corpus", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Ingest this folder into a temporary QA_HOME first and evaluate over it (with --figures: the gold "
                   "documents' folder, default ../shared/data/earnings).")
@click.option("--compare", "baseline", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A committed summary.json to show the difference from.")
@click.option("--export", type=click.Path(file_okay=False, path_type=Path),
              help=("With --tatqa: write its contexts as releases and its questions as a gold set (with "
                    "split.json) here."))
@click.option("--within", metavar="FIELD",
              help=("Answer each question only from the release its gold row's FIELD names (doc_id, or a file "
                    "name field)."))
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.pass_obj
def evaluate(obj: Context, gold: Path | None, figures_gold: Path | None, tatqa: Path | None, predictions: Path | None,
             systems: str, name: str | None, results_root: Path, corpus: Path | None, baseline: Path | None,
             export: Path | None, within: str | None, as_json: bool) -> None:
    """Run every gold question through one or more systems and score them (or score table figures)."""
    import tempfile

    if figures_gold is not None or tatqa is not None:
        _evaluate_tables(figures_gold, tatqa, corpus, results_root, name, as_json, export)
        return
    if gold is None:
        raise click.UsageError("give --gold (questions), --figures (a figures gold folder) or --tatqa (a TAT-QA file)")

    from qa.eval.report import compare, run_system, table, write_results
    from qa.eval.scoring import load_gold, load_splits, write_predictions
    from qa.eval.systems import ALL_SYSTEMS, make_system

    chosen = ALL_SYSTEMS if systems.strip() == "all" else [x.strip() for x in systems.split(",") if x.strip()]
    unknown = [x for x in chosen if x not in ALL_SYSTEMS]
    if unknown:
        raise click.BadParameter(f"unknown system(s) {', '.join(unknown)}; choose from {', '.join(ALL_SYSTEMS)}")
    rows = load_gold(gold)
    scratch = None
    if corpus is not None:
        from index.ingest import ingest as run_ingest

        scratch = tempfile.TemporaryDirectory(prefix="qa-eval-")
        obj.settings = obj.settings.model_copy(update={"home": Path(scratch.name), "chroma_url": None})
        report = run_ingest([corpus], obj.stores(), obj.embedder(), progress=not as_json and sys.stderr.isatty())
        for f in report.failed:
            click.echo(f"  skipped: {f['path']}: {f['reason']}", err=True)
    engine = obj.engine()
    results = {}
    for system_name in chosen:
        system = make_system(system_name, engine)
        results[system_name] = run_system(system, rows, engine.stores.catalog.text, system_name,
                                          progress=not as_json and sys.stderr.isatty(), within=within)
    folder = results_root / (name or gold.stem)
    summary = write_results(folder, rows, results, engine.stores.catalog.text, load_splits(gold))
    main_system = "full" if "full" in results else chosen[0]
    write_predictions(predictions or folder / "predictions.jsonl", rows,
                      [{k: v for k, v in p.items() if k != "retrieved"} for p in results[main_system]])
    if scratch is not None:
        scratch.cleanup()
    if as_json:
        emit(summary[main_system] if len(chosen) == 1 else summary)
        return
    click.echo(table(summary))
    for group in sorted(summary[main_system]):
        if group != "all":
            s = summary[main_system][group]
            click.echo(f"  {main_system} {group:28} n={s['questions']:<4} answer={_pct(s['answer_accuracy'])} "
                       f"cited={_pct(s['correct_and_cited'])} abstain={_pct(s['abstention_accuracy'])} "
                       f"coverage={_pct(s['coverage'])} precision={_pct(s['precision'])}")
    if baseline is not None:
        click.echo(compare(summary, json.loads(baseline.read_text())))
    click.echo(f"results in {folder}/ (summary.json, misses.jsonl, chart.png)")


def _evaluate_tables(figures_gold: Path | None, tatqa: Path | None, corpus: Path | None, results_root: Path,
                     name: str | None, as_json: bool, export: Path | None = None) -> None:
    """``qa eval --figures`` / ``--tatqa``: the figures score and the TAT-QA table measurement."""
    from qa.eval.tables import evaluate_tables

    if export is not None and tatqa is not None:
        from qa.eval.tatqa_answers import export as export_tatqa

        counts = export_tatqa(tatqa, export)
        click.echo(f"wrote {export}/corpus, gold.jsonl ({sum(counts.values())} questions: {counts}) and split.json")
        return
    corpus = corpus or Path("../shared/data/earnings")
    if figures_gold is not None and not corpus.is_dir():
        raise click.BadParameter(f"no corpus folder {corpus}: give --corpus (the gold documents' folder)")
    summary, report = evaluate_tables(figures_gold, tatqa, corpus, results_root, name,
                                      progress=not as_json and sys.stderr.isatty())
    if as_json:
        emit(summary)
    else:
        click.echo(report)


def _pct(value: float | None) -> str:
    return "  -  " if value is None else f"{100 * value:5.1f}"


@click.command()
@click.option("--cache", type=click.Path(file_okay=False, path_type=Path), default=Path(".qa-train"), show_default=True,
              help="Folder for the gold sets' stores and the collected candidates (reused when unchanged).")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Model file to write (default: the one shipped, qa/models/answer_model.json).")
@click.option("--reuse", is_flag=True, help="Refit on the candidates collected last time (no questions run).")
@click.option("--report", "report_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("eval/results/answer_model"), show_default=True, help="Folder for report.md.")
@click.option("--ablation/--no-ablation", default=True, show_default=True, help="Also refit without each signal group.")
@click.option("--ranker", type=click.Choice(["hand", "fitted"]), default="hand", show_default=True,
              help="Sentence ranking the answer model is fitted on and ships with: the hand-set weights, or the "
                   "ranker fitted on fit questions (a second collection; eval/README.md compares them).")
@click.option("--tatqa", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=Path("../shared/data/tatqa/tatqa_dataset_dev.json"), show_default=True, help="TAT-QA dev file.")
@click.pass_obj
def train(obj: Context, cache: Path, out: Path | None, reuse: bool, report_dir: Path, ablation: bool, ranker: str,
          tatqa: Path) -> None:
    """Fit the answer model (and a sentence ranker) on the fit questions of every gold set; report validation
    beside fit."""
    from qa.choice.model import DEFAULT_MODEL
    from qa.training.fit import CANDIDATES, FIRST_PASS, train_and_report

    if reuse and not ((cache / CANDIDATES).is_file() and (cache / FIRST_PASS).is_file()):
        raise click.UsageError(f"no candidates collected in {cache}: run `qa train` without --reuse first")
    report = train_and_report(obj.settings, cache, tatqa, out or DEFAULT_MODEL, report_dir, reuse=reuse,
                              ablation=ablation, progress=sys.stderr.isatty(), fitted_ranker=ranker == "fitted")
    click.echo(report)
    click.echo(f"model in {out or DEFAULT_MODEL}; report in {report_dir / 'report.md'}")
