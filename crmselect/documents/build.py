"""``crmselect build``: every document of a project in one run, into ``DIR/out/``.

The RFP and the response workbook (what goes to vendors), the comparison report (once there are
vendors to compare), the test-drive plan and the migration plan — planned for the evaluation's
winner when evaluators have scored. The project is loaded and evaluated once.

All or nothing: the documents are written into a temporary folder inside ``out/`` and moved
into ``out/`` only when every one of them has been written, so a failure half-way leaves the
previous documents as they were. With ``workers`` > 1 the documents are written side by side
in forked processes (:mod:`~crmselect.documents.workers`), after the project has been loaded
and evaluated once; the comparison report's charts (most of its time) are drawn there side by
side too, and the report is put together in this process as soon as they are. The command
line does so on a machine with two cores or more. ``validate`` runs
:func:`~crmselect.reporting.buildcheck.check_buildable`, so that a project it passes does not
then fail to build.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from crmselect.atomicfile import make_folder, write_error
from crmselect.documents.migration import render_migration
from crmselect.documents.output import OUT_DIR
from crmselect.documents.report import plan_report, write_report
from crmselect.documents.rfp import render_rfp
from crmselect.documents.testdrive import render_testdrive
from crmselect.documents.workers import run_tasks
from crmselect.errors import Issue
from crmselect.project import LoadedProject, load_project
from crmselect.reporting.timelinedays import timeline_day_issues

if TYPE_CHECKING:
    from crmselect.scoring.results import Evaluation


@dataclass
class BuildResult:
    """What :func:`build_documents` wrote, and what it skipped with a message key and why."""

    files: list[Path] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    winner: str | None = None
    #: The first of the ranking (name, total out of 100), when the report was written.
    leader: tuple[str, float] | None = None
    #: The evaluation the report shows (None when there was nothing to rank).
    evaluation: Evaluation | None = None
    #: Timeline milestones on a weekend or public holiday: the RFP shows them as written.
    days_off: list[Issue] = field(default_factory=list)


def build_documents(project: Path | LoadedProject, lang: str | None = None,
                    template: Path | None = None, method: str | None = None,
                    today: dt.date | None = None, pdf: bool = False,
                    workers: int = 1) -> BuildResult:
    """Write every document of the project into ``DIR/out/``, all of them or none.

    The comparison report needs vendors; without them it is skipped (``report_no_vendors``)
    and the other documents are still written. Any other problem stops the build, and
    ``out/`` is left as it was. With ``pdf``, each Word document also gets a PDF when
    LibreOffice is installed; without it the PDFs are skipped (``build_pdf_skipped``).
    ``workers``: processes writing documents at once (:func:`default_workers` gives one per
    core); 1 writes them one after another in this process, which a threaded caller wants.
    """
    lp = project if isinstance(project, LoadedProject) else load_project(project)
    out = make_folder(lp.root / OUT_DIR)
    try:
        staging = Path(tempfile.mkdtemp(prefix=".build-", dir=out))
    except OSError as exc:
        raise write_error(out, exc) from None
    try:
        result = _build_into(lp, staging, lang, template, method, today, workers)
        if pdf:
            _add_pdfs(result)
        final = []
        for path in result.files:
            target = out / path.name
            try:
                os.replace(path, target)
            except OSError as exc:
                raise write_error(target, exc) from None
            final.append(target)
        result.files = final
        result.days_off = timeline_day_issues(lp, lang or lp.language)
        return result
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _add_pdfs(result: BuildResult) -> None:
    """A PDF beside every Word document of the build, or a warning without LibreOffice."""
    from crmselect.documents.render_pdf import soffice, write_pdfs

    if soffice() is None:
        result.skipped.append(("pdf", "build_pdf_skipped"))
        return
    result.files += write_pdfs([p for p in result.files if p.suffix == ".docx"])


def warm_for_workers(lang: str, root: Path | None = None) -> None:
    """Work out once, before the workers are forked, what every document works out the first
    time it runs in a process, so that each worker inherits it instead of doing it again.

    What the five documents each did in a fresh worker (``build`` of the sample, each task in
    a fork of the parent): the common strings file read and checked, Babel imported (with its
    ``dates`` module, which looks the local time zone up through ``pytz``) and the language's
    locale data merged (for English: ``root``, ``en``, ``en_001``, ``en_GB``), and matplotlib's
    Agg backend (the two documents that draw charts) and SVG backend (the comparison report).
    The longest document, the comparison report, needs all of them, so the longest chain of
    work is not made longer; the other worker no longer repeats them.
    """
    import matplotlib.backends.backend_agg  # noqa: F401 - the PNG renderer of every chart
    import matplotlib.backends.backend_svg  # noqa: F401 - the comparison report's SVG

    from crmselect.documents.formatting import format_date
    from crmselect.documents.strings import load_strings

    load_strings(lang, root)["common"]
    format_date(dt.date(2000, 1, 1), lang)


#: The documents in the order their files are listed.
DOCUMENTS = ("rfp", "workbook", "comparison", "testdrive", "migration")
#: The tasks started first: the comparison report's charts (the report is put together in this
#: process once they are drawn, while the workers write the rest), then the longest documents.
#: A chart's task is named ``chart <name>``.
FIRST = ("chart ranking", "chart areas", "chart cost", "chart tco", "migration", "rfp")


def _build_into(lp: LoadedProject, folder: Path, lang: str | None, template: Path | None,
                method: str | None, today: dt.date | None, workers: int = 1) -> BuildResult:
    from crmselect.scoring import evaluate_project
    from crmselect.scoring.evaluation import something_to_rank

    result = BuildResult()
    # Evaluated once, before the documents are written (side by side): the report shows it
    # and the migration plan is planned for its winner.
    evaluation = (evaluate_project(lp, method=method) if lp.vendors and something_to_rank(lp)
                  else None)
    result.evaluation = evaluation
    if evaluation is not None:
        if lp.scores.scores:
            result.winner = evaluation.winner
        top = next((r for r in evaluation.ranking if r.vendor == evaluation.winner), None)
        if top is not None:
            result.leader = (top.name, top.total)
    else:
        result.skipped.append(("comparison", "build_no_vendors" if not lp.vendors
                               else "build_no_responses"))

    def rfp() -> list[Path]:
        files = render_rfp(lp, lang=lang, template=template, out=folder / "rfp.docx")
        return [files.docx, files.markdown]

    def workbook() -> list[Path]:
        # openpyxl only here: with workers, only the worker writing the workbook imports it
        # (0.1 s), instead of the parent before the others can start.
        from crmselect.documents.workbook import write_workbook

        paths = [write_workbook(lp, lang=lang, out=folder / "response-workbook.xlsx").path]
        if lp.project.evaluation.two_envelopes:  # the price offer's workbook, sent separately
            paths.append(write_workbook(lp, lang=lang, pricing=True,
                                        out=folder / "response-workbook-pricing.xlsx").path)
        return paths

    def testdrive() -> list[Path]:
        drive = render_testdrive(lp, lang=lang, template=template, today=today,
                                 out=folder / "testdrive-plan.docx")
        return [drive.docx, drive.markdown]

    def migration() -> list[Path]:
        plan = render_migration(lp, lang=lang, vendor=result.winner, template=template,
                                today=today, use_winner=False,
                                out=folder / "migration-plan.docx")
        return [plan.docx, plan.markdown, plan.csv]

    tasks: dict[str, Callable[[], Any]] = {"rfp": rfp, "workbook": workbook,
                                           "testdrive": testdrive, "migration": migration}
    then: dict[str, tuple[list[str], Callable[[dict[str, Any]], list[Path]]]] = {}
    if evaluation is not None:
        # The report's charts are tasks of their own: drawn side by side, not one after another.
        plan = plan_report(lp, lang, method, today, evaluation)
        charts = {f"chart {name}": draw for name, draw in plan.charts.items()}
        tasks.update(charts)

        def comparison(drawn: dict[str, Any]) -> list[Path]:
            report = write_report(plan, {name.removeprefix("chart "): chart
                                         for name, chart in drawn.items()}, template, folder)
            return [report.docx, report.html, report.json, report.csv]

        then["comparison"] = (list(charts), comparison)
    if workers > 1:
        warm_for_workers(lang or lp.language, lp.root)
    written = run_tasks(tasks, workers, start_first=FIRST, then=then)
    for name in DOCUMENTS:
        result.files += written.get(name, [])
    return result
