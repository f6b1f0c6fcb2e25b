"""``crmselect build``: every document of a project in one run, into ``DIR/out/``.

The RFP and the response workbook (what goes to vendors), the comparison report (once there are
vendors to compare), the test-drive plan and the migration plan — planned for the evaluation's
winner when evaluators have scored. The project is loaded and evaluated once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from crmselect.documents.migration import render_migration
from crmselect.documents.report import render_report
from crmselect.documents.rfp import render_rfp
from crmselect.documents.testdrive import render_testdrive
from crmselect.documents.workbook import write_workbook
from crmselect.project import LoadedProject, load_project


@dataclass
class BuildResult:
    """What :func:`build_documents` wrote, and what it skipped with a message key and why."""

    files: list[Path] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    winner: str | None = None
    #: The first of the ranking (name, total out of 100), when the report was written.
    leader: tuple[str, float] | None = None


def build_documents(project: Path | LoadedProject, lang: str | None = None,
                    template: Path | None = None, method: str | None = None,
                    today: dt.date | None = None) -> BuildResult:
    """Write every document of the project into ``DIR/out/``.

    The comparison report needs vendors; without them it is skipped (``report_no_vendors``)
    and the other documents are still written. Any other problem stops the build.
    """
    lp = project if isinstance(project, LoadedProject) else load_project(project)
    result = BuildResult()
    rfp = render_rfp(lp, lang=lang, template=template)
    result.files += [rfp.docx, rfp.markdown]
    result.files.append(write_workbook(lp, lang=lang).path)
    if lp.vendors:
        report = render_report(lp, lang=lang, method=method, template=template, today=today)
        result.files += [report.docx, report.html, report.json, report.csv]
        if lp.scores.scores:
            result.winner = report.evaluation.winner
        top = next((r for r in report.evaluation.ranking
                    if r.vendor == report.evaluation.winner), None)
        if top is not None:
            result.leader = (top.name, top.total)
    else:
        result.skipped.append(("comparison", "build_no_vendors"))
    drive = render_testdrive(lp, lang=lang, template=template, today=today)
    result.files += [drive.docx, drive.markdown]
    plan = render_migration(lp, lang=lang, vendor=result.winner, template=template,
                            today=today, use_winner=False)
    result.files += [plan.docx, plan.markdown, plan.csv]
    return result
