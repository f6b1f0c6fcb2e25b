"""Commands that write the evaluation's documents: report, testdrive, migration, build.

Results (the paths written) go to stdout, one per line, or as JSON with ``--format json``;
notes go to stderr.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from crmselect.i18n.compat import current_language, t
from crmselect.projectlock import locks_project

if TYPE_CHECKING:
    from crmselect.scoring.results import Evaluation

LANG = click.Choice(["en", "tr"])
METHOD = click.Choice(["wsm", "topsis"])
FORMAT = click.Choice(["table", "json"])
PROJECT_DIR = click.Path(file_okay=False, path_type=Path)
TEMPLATE = click.Path(dir_okay=False, exists=True, path_type=Path)
TEMPLATE_HELP = "Your corporate Word file: its styles, header, footer and logo are kept."
PDF_HELP = "Also write a PDF beside each .docx (needs LibreOffice)."


def _emit(paths: list[Path], fmt: str, **extra: object) -> None:
    if fmt == "json":
        import json

        click.echo(json.dumps({"files": [str(p) for p in paths], **extra}, ensure_ascii=False,
                              indent=2))
        return
    for path in paths:
        click.echo(str(path))


@click.command()
@click.argument("directory", default=".", type=PROJECT_DIR)
@click.option("--lang", type=LANG, help="Language of the report (default: the project's).")
@click.option("--method", type=METHOD, help="Ranking method (default: the project's, else wsm).")
@click.option("--template", type=TEMPLATE, help=TEMPLATE_HELP)
@click.option("--out-dir", type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the four files. Default: DIR/out")
@click.option("--format", "fmt", type=FORMAT, default="table", show_default=True)
@click.option("--force", is_flag=True,
              help="Replace an --out file that is not a document of this kind.")
@click.option("--pdf", is_flag=True, help=PDF_HELP)
@locks_project
def report(directory: Path, lang: str | None, method: str | None, template: Path | None,
           out_dir: Path | None, fmt: str, force: bool, pdf: bool) -> None:
    """Write the comparison report: comparison.docx, .html, .json and .csv.

    The HTML file is self-contained (charts inline, no network); the JSON is the whole
    evaluation; the CSV has one row per vendor and requirement.

    \b
    Examples:
      crmselect report acme
      crmselect report acme --lang tr --method topsis
    """
    from crmselect.documents.output import check_out
    from crmselect.documents.render_pdf import require_soffice, write_pdfs
    from crmselect.documents.report import render_report
    from crmselect.documents.workers import default_workers

    if out_dir is not None:
        check_out(out_dir / "comparison.docx", [".docx", ".html", ".json", ".csv"], force)
    if pdf:
        require_soffice()
    # The four charts, most of the report's time, are drawn side by side where cores allow.
    files = render_report(directory, lang=lang, method=method, template=template,
                          out_dir=out_dir, workers=default_workers(4))
    ev = files.evaluation
    paths = [files.docx, files.html, files.json, files.csv]
    if pdf:
        paths += write_pdfs([files.docx])
    _emit(paths, fmt, winner=ev.winner)
    if fmt != "json":
        click.echo(_headline(ev), err=True)


@click.command()
@click.argument("directory", default=".", type=PROJECT_DIR)
@click.option("--lang", type=LANG, help="Language of the plan (default: the project's).")
@click.option("--vendor", "vendors", multiple=True,
              help="Plan sessions for these vendors only (repeat the option); default: all.")
@click.option("--template", type=TEMPLATE, help=TEMPLATE_HELP)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the .docx (the .md goes beside it). "
                   "Default: DIR/out/testdrive-plan.docx")
@click.option("--format", "fmt", type=FORMAT, default="table", show_default=True)
@click.option("--force", is_flag=True,
              help="Replace an --out file that is not a document of this kind.")
@click.option("--pdf", is_flag=True, help=PDF_HELP)
@locks_project
def testdrive(directory: Path, lang: str | None, vendors: tuple[str, ...],
              template: Path | None, out: Path | None, fmt: str, force: bool,
              pdf: bool) -> None:
    """Write the test-drive plan: schedule, participants, scripts and scoring sheets.

    The vendors demo our scenarios with our data, in our order; evaluators score each step
    and mark each linked requirement as shown live, on slides only, or not shown.

    \b
    Examples:
      crmselect testdrive acme
      crmselect testdrive acme --vendor odoo --vendor suitecrm --lang tr
    """
    from crmselect.documents.output import check_out
    from crmselect.documents.render_pdf import require_soffice, write_pdfs
    from crmselect.documents.testdrive import render_testdrive
    from crmselect.project import load_project
    from crmselect.reporting.migration_context import resolve_vendor

    check_out(out, [".docx", ".md"], force)
    if pdf:
        require_soffice()
    lp = load_project(directory)
    for vendor in vendors:
        resolve_vendor(lp, vendor)
    files = render_testdrive(lp, lang=lang, template=template, out=out,
                             vendors=list(vendors) or None)
    pdfs = write_pdfs([files.docx]) if pdf else []
    _emit([files.docx, files.markdown, *pdfs], fmt, scenarios=files.scenarios,
          sessions=files.sessions)


@click.command()
@click.argument("directory", default=".", type=PROJECT_DIR)
@click.option("--vendor", help="Plan for this vendor (default: the evaluation's winner when "
                               "evaluators have scored, else no vendor).")
@click.option("--lang", type=LANG, help="Language of the plan (default: the project's).")
@click.option("--template", type=TEMPLATE, help=TEMPLATE_HELP)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Where to write the .docx (.md and .csv go beside it). "
                   "Default: DIR/out/migration-plan.docx")
@click.option("--format", "fmt", type=FORMAT, default="table", show_default=True)
@click.option("--force", is_flag=True,
              help="Replace an --out file that is not a document of this kind.")
@click.option("--pdf", is_flag=True, help=PDF_HELP)
@locks_project
def migration(directory: Path, vendor: str | None, lang: str | None, template: Path | None,
              out: Path | None, fmt: str, force: bool, pdf: bool) -> None:
    """Write the migration plan: docx, a Markdown checklist and a CSV for project tools.

    Phases from project team to monitoring, with tasks for each migrated entity, integration,
    user role and KPI, owners from the evaluators' departments and dates from the timeline.
    The CSV imports into Asana, Microsoft Project or Jira.

    \b
    Examples:
      crmselect migration acme
      crmselect migration acme --vendor odoo --lang tr
    """
    from crmselect.documents.migration import render_migration
    from crmselect.documents.output import check_out
    from crmselect.documents.render_pdf import require_soffice, write_pdfs

    check_out(out, [".docx", ".md", ".csv"], force)
    if pdf:
        require_soffice()
    files = render_migration(directory, lang=lang, vendor=vendor, template=template, out=out)
    pdfs = write_pdfs([files.docx]) if pdf else []
    _emit([files.docx, files.markdown, files.csv, *pdfs], fmt, vendor=files.vendor,
          tasks=files.tasks)
    if fmt != "json":
        click.echo(t("migration_vendor", name=files.vendor_name or files.vendor) if files.vendor
                   else t("migration_no_vendor"), err=True)


@click.command()
@click.argument("directory", default=".", type=PROJECT_DIR)
@click.option("--lang", type=LANG, help="Language of the documents (default: the project's).")
@click.option("--method", type=METHOD, help="Ranking method (default: the project's, else wsm).")
@click.option("--template", type=TEMPLATE, help=TEMPLATE_HELP)
@click.option("--format", "fmt", type=FORMAT, default="table", show_default=True)
@click.option("--pdf", is_flag=True,
              help="Also write a PDF of each Word document (skipped with a warning when "
                   "LibreOffice is not installed).")
@locks_project
def build(directory: Path, lang: str | None, method: str | None, template: Path | None,
          fmt: str, pdf: bool) -> None:
    """Write every document of the project into DIR/out/ and list the files.

    The RFP (Word, Markdown), the response workbook (Excel), the comparison report (Word,
    HTML, JSON, CSV), the test-drive plan and the migration plan (for the winner).

    \b
    Examples:
      crmselect build acme
      crmselect build acme --lang tr --format json
    """
    from crmselect.documents.build import DOCUMENTS, build_documents
    from crmselect.documents.workers import default_workers

    # The documents are written side by side, one worker process per core.
    result = build_documents(directory, lang=lang, template=template, method=method, pdf=pdf,
                             workers=default_workers(len(DOCUMENTS)))
    for _, key in result.skipped:
        click.echo(t(key), err=True)
    from crmselect.cli.documents import warn_days_off

    warn_days_off(result.days_off)  # the RFP written shows these dates as they are
    _emit(result.files, fmt, winner=result.winner,
          skipped=[name for name, _ in result.skipped])
    if fmt != "json":
        click.echo(t("build_written", n=len(result.files), folder=directory / "out"), err=True)
        if result.evaluation is not None and result.evaluation.winner is not None:
            click.echo(_headline(result.evaluation), err=True)


def _headline(ev: Evaluation) -> str:
    """The evaluation's verdict in one line, as the report words it: a tie, a lead too close
    to call, a first vendor nobody scored beside scored ones, or the winner."""
    from crmselect.scoring.verdict import verdict

    said = verdict(ev)
    if said.code == "no_winner":
        return t("report_no_winner")
    top = ev.vendors[said.first[0]]
    runner_up = ev.vendors[said.warning.params["runner_up"]] if said.warning else None
    if said.code == "tie":
        return t("report_tie", names=", ".join(ev.vendors[v].name for v in said.first),
                 total=_points(top.total))
    if said.code == "too_close":
        return t("report_too_close", name=top.name, total=_points(top.total),
                 runner_up=runner_up.name, runner_up_total=_points(runner_up.total))
    if said.code == "lead_within_disagreements":
        return t("report_lead_within_disagreements", name=top.name, total=_points(top.total),
                 runner_up=runner_up.name)
    if said.code == "unscored":
        return t("report_unscored", name=top.name, total=_points(top.total))
    if said.code == "illustrative":
        return t("report_illustrative", name=top.name, total=_points(top.total))
    if runner_up is not None:  # a winner by a narrow lead (no_clear_winner)
        return t("report_winner_narrow", name=top.name, total=_points(top.total),
                 runner_up=runner_up.name, runner_up_total=_points(runner_up.total))
    return t("report_winner", name=top.name, total=_points(top.total))


def _points(total: float) -> str:
    """A total in the message language's number format (59,6 in Turkish)."""
    from crmselect.documents.formatting import format_number

    return format_number(total, current_language(), 1)


COMMANDS: list[click.Command] = [report, testdrive, migration, build]
