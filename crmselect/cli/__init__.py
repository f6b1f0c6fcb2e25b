"""The ``crmselect`` command line: one click group, thin commands over the core functions.

Each feature area keeps its commands in its own module and is registered in :func:`_register`.
User errors (:class:`~crmselect.errors.CrmselectError`) are printed one per line on stderr and
exit with code 1; usage errors exit with 2 (click's own convention).
"""

from __future__ import annotations

import sys

import click

from crmselect.errors import CrmselectError
from crmselect.messages import t


class CrmselectGroup(click.Group):
    """A click group that turns user errors into compiler-style lines and exit code 1."""

    def invoke(self, ctx: click.Context):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except CrmselectError as exc:
            report_error(exc)
            ctx.exit(1)
        except KeyboardInterrupt:
            click.echo(t("interrupted"), err=True)
            ctx.exit(130)


def report_error(exc: CrmselectError) -> None:
    """Print every issue of a user error on stderr, then a one-line summary."""
    for line in exc.lines():
        click.echo(line, err=True)
    n = len(exc.issues)
    if n < 2:
        return
    if exc.what:
        files = len({i.file for i in exc.issues})
        summary = t("problems_summary", n=n, s="s", files=files, fs="s" if files > 1 else "",
                    what=t(exc.what))
    else:
        summary = exc.summary or t("problems", n=n)
    click.echo(f"{t('error')}: {summary}", err=True)


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    """``--version``: the package metadata is only read when it is asked for."""
    if not value or ctx.resilient_parsing:
        return
    from crmselect import __version__

    click.echo(f"crmselect, version {__version__}")
    ctx.exit()


@click.group(cls=CrmselectGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--version", is_flag=True, expose_value=False, is_eager=True,
              callback=_print_version, help="Show the version and exit.")
def main() -> None:
    """crmselect — reproducible, auditable CRM selection from a project folder.

    \b
    Quick start:
      crmselect init acme --sample     # write the sample project into ./acme
      crmselect validate acme          # check every file, report every problem
      crmselect catalog list --area operational
    """


def _register() -> None:
    from crmselect.cli import project as project_cli

    for command in project_cli.COMMANDS:
        main.add_command(command)
    from crmselect.cli.kpi import kpi as kpi_group
    main.add_command(kpi_group)
    from crmselect.cli import web as web_cli
    list(map(main.add_command, web_cli.COMMANDS))
    from crmselect.cli import documents as documents_cli
    list(map(main.add_command, documents_cli.COMMANDS))
    from crmselect.cli import scoring as scoring_cli
    list(map(main.add_command, scoring_cli.COMMANDS))
    from crmselect.cli import reports as reports_cli
    list(map(main.add_command, reports_cli.COMMANDS))


_register()

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
