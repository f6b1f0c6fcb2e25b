"""The ``crmselect`` command line: one click group, thin commands over the core functions.

Each feature area keeps its commands in its own module and is registered in :func:`_register`.
User errors (:class:`~crmselect.errors.CrmselectError`) are printed one per line on stderr and
exit with code 1; usage errors exit with 2 (click's own convention).
"""

from __future__ import annotations

import sys

import click

from crmselect import __version__
from crmselect.cli.language import (
    default_lang_from_command_line,
    install_click_language,
    peek_project_language,
    take_lang_option,
)
from crmselect.errors import CrmselectError
from crmselect.i18n import text
from crmselect.i18n.compat import t
from crmselect.i18n.language import current, set_explicit, set_project


class CrmselectGroup(click.Group):
    """A click group that turns user errors into compiler-style lines and exit code 1.

    ``--lang`` is taken from anywhere on the command line (before or after the subcommand)
    before click parses it, so that help, click's own errors and every message speak it.
    """

    def main(self, args=None, *posargs, **kwargs):  # type: ignore[override]
        args = list(sys.argv[1:] if args is None else args)
        try:
            args, lang = take_lang_option(args)
        except click.UsageError as exc:
            install_click_language(None)
            exc.show()
            sys.exit(exc.exit_code)
        set_explicit(lang)
        set_project(None if lang else peek_project_language(args))
        install_click_language(current())
        try:
            return super().main(args, *posargs, **kwargs)
        finally:  # the next invocation (tests run many in one process) resolves afresh
            set_explicit(None)
            set_project(None)

    def invoke(self, ctx: click.Context):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except CrmselectError as exc:
            report_error(exc)
            ctx.exit(1)
        except KeyboardInterrupt:
            click.echo(t("interrupted"), err=True)
            ctx.exit(130)


def report_error(exc: CrmselectError, lang: str | None = None) -> None:
    """Print every issue of a user error on stderr in ``lang`` (the resolved language), then
    a one-line summary."""
    lang = lang or current()
    for line in exc.lines(lambda message: text(message, lang)):
        click.echo(line, err=True)
    n = len(exc.issues)
    if n < 2:
        return
    if exc.what:
        files = len({i.file for i in exc.issues})
        summary = t("problems_summary", lang, problems=t("count_problems", lang, n=n),
                    files=t("count_files_in", lang, n=files), what=t(exc.what, lang))
    else:
        summary = text(exc.summary, lang) if exc.summary else t("problems", lang, n=n)
    click.echo(f"{t('error', lang)}: {summary}", err=True)


@click.group(cls=CrmselectGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="crmselect")
@click.option("--lang", type=click.Choice(["en", "tr"]), expose_value=False,
              help="Language of every message (default: the project's, else CRMSELECT_LANG, "
              "else the locale). Accepted before or after the subcommand.")
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
    default_lang_from_command_line(main)


_register()

if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
