"""The ``crmselect`` command line: one click group, thin commands over the core functions.

Each feature area keeps its commands in its own module and is registered in :func:`_register`.
User errors (:class:`~crmselect.errors.CrmselectError`) are printed one per line on stderr and
exit with code 1; usage errors exit with 2 (click's own convention).
"""

from __future__ import annotations

import errno
import gc
import os
import sys
import types
from collections import Counter

import click

from crmselect import dataclasscode
from crmselect.cli.language import (
    default_lang_from_command_line,
    install_click_language,
    localize_help,
    peek_project_language,
    take_lang_option,
)
from crmselect.errors import CrmselectError, Issue, msg
from crmselect.i18n import text, translations
from crmselect.i18n.compat import t
from crmselect.i18n.language import current, set_explicit, set_project


def _without_pydantic_plugins() -> None:
    """The first time pydantic builds a validator it looks for plugins among the installed
    packages' entry points, which imports ``importlib.metadata`` (about 30 ms, an eighth of a
    command's start-up). The command line uses no pydantic plugin: an empty loader stands in."""
    name = "pydantic.plugin._loader"
    if name not in sys.modules:
        loader = types.ModuleType(name)
        loader.get_plugins = lambda: ()  # type: ignore[attr-defined]
        sys.modules[name] = loader


_without_pydantic_plugins()


def _one_blas_thread() -> None:
    """numpy's OpenBLAS starts a thread per core when numpy is imported, and each spins for a
    while waiting for work. A command's matrices are small: the largest evaluation
    (``benchmarks/bench_scoring.py``, 1,000 requirements × 30 vendors × 15 evaluators, 10,000
    Monte Carlo samples) took 0.58 and 0.54 s on one thread, 0.58 and 0.68 s with OpenBLAS's
    own threads, and the spinning thread only took a core from the command itself, from
    ``build``'s workers and from other programs: on a busy two-core machine ``score`` of the
    sample took 12% less wall time and 11% less CPU time with one thread (15 runs each,
    interleaved). So the command line asks
    OpenBLAS for one thread, unless the user has set its thread count already (OpenBLAS reads
    ``OPENBLAS_NUM_THREADS``, then ``GOTO_NUM_THREADS``, then ``OMP_NUM_THREADS``). Asked
    when a command starts; too late when numpy is loaded already (a program that imported it
    before calling :func:`main`), which is then left as it is.
    """
    if "numpy" not in sys.modules and not any(
            os.environ.get(name) for name in ("OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS",
                                              "OMP_NUM_THREADS")):
        os.environ["OPENBLAS_NUM_THREADS"] = "1"

#: Command → the module of ``crmselect.cli`` that defines it: a command imports only its own
#: module. A command missing here is still found (every module is then imported).
_MODULES = {
    "init": "project", "validate": "project", "catalog": "project",
    "vendors": ("project", "scoring"),  # `vendors compare` is defined with the scoring commands
    "schema": "project", "status": "project", "kpi": "kpi", "serve": "web", "invite": "web",
    "rfp": "documents",
    "workbook": "documents", "responses": "documents", "score": "scoring",
    "sensitivity": "scoring", "ahp": "scoring", "scores": "scoring", "report": "reports",
    "testdrive": "reports", "migration": "reports", "build": "reports",
}
#: Every command module, in the order their commands were registered.
_ORDER = ("project", "kpi", "web", "documents", "scoring", "reports")
#: Commands that read a project, compute, print and end: they run without the cycle collector.
#: What they make (models, the project, the evaluation) lives until they end and reference
#: counting frees what does not, so the collector's passes over every object pydantic, numpy
#: and the project made are pure cost: 0.07–0.12 s of CPU of `score` on the sample project
#: (about 0.7 s; measured with the collector turned off, 9 runs each). ``build`` and ``rfp``
#: too: their libraries leave cycles behind (each chart's figure), but a run makes few of them
#: and ends; without the collector the sample's build takes 0.4–0.5 s less CPU (3.9 → 3.4 s,
#: most of it the collector's last pass as the process ends) for a peak 30 MB higher (170 →
#: 200 MB; 168 → 190 MB for a 1,000-requirement project). Not the web form, which stays up.
_WITHOUT_CYCLE_COLLECTOR = frozenset({"validate", "score", "sensitivity", "build", "rfp"})


class CrmselectGroup(click.Group):
    """A click group that turns user errors into compiler-style lines and exit code 1.

    Its commands are registered when first needed (see :data:`_MODULES`), so that a command
    does not import the modules of all the others.

    ``--lang`` is taken from anywhere on the command line (before or after the subcommand)
    before click parses it, so that help, click's own errors and every message speak it.
    """

    def main(self, args=None, *posargs, **kwargs):  # type: ignore[override]
        _one_blas_thread()
        dataclasscode.install()
        args = list(sys.argv[1:] if args is None else args)
        try:
            args, lang = take_lang_option(args)
        except click.UsageError as exc:
            install_click_language(getattr(exc, "lang", None))
            exc.show()
            sys.exit(exc.exit_code)
        set_explicit(lang)
        set_project(None if lang else peek_project_language(args))
        install_click_language(current())
        localize_help(self, current())
        _thaw()
        collecting = gc.isenabled()
        try:
            return super().main(args, *posargs, **kwargs)
        finally:  # the next invocation (tests run many in one process) resolves afresh
            set_explicit(None)
            set_project(None)
            if collecting and not gc.isenabled():
                _freeze_and_collect_again()

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in _WITHOUT_CYCLE_COLLECTOR and not ctx.resilient_parsing:
            gc.disable()  # turned back on when main() ends
        if cmd_name in _MODULES:
            modules = _MODULES[cmd_name]
            for module in (modules,) if isinstance(modules, str) else modules:
                _register(module)
        if cmd_name not in self.commands:  # a command added since, or a mistyped name
            _register_all()
        return super().get_command(ctx, cmd_name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        _register_all()
        return super().list_commands(ctx)

    def invoke(self, ctx: click.Context):  # type: ignore[override]
        try:
            try:
                os.getcwd()  # every relative path, and every path a message shows, starts here
            except FileNotFoundError:
                raise CrmselectError(Issue(file="", message=msg("cli_cwd_gone"))) from None
            return super().invoke(ctx)
        except CrmselectError as exc:
            report_error(exc)
            ctx.exit(1)
        except OSError as exc:
            # Why: a name longer than the file system holds (255 bytes) is typed by the user;
            # every first look at it (Path.exists, is_file) raises, in every command alike.
            if exc.errno != errno.ENAMETOOLONG or not exc.filename:
                raise  # anything else is a bug, and keeps its traceback
            from crmselect.oserrors import os_reason

            report_error(CrmselectError(Issue(file=os.fsdecode(exc.filename),
                                              message=os_reason(exc))))
            ctx.exit(1)
        except KeyboardInterrupt:
            click.echo(t("interrupted"), err=True)
            ctx.exit(130)


_frozen = False


def _freeze_and_collect_again() -> None:
    """Turn the cycle collector back on after a command that ran without it. What the command
    made is first set aside (``gc.freeze``): the collector's next pass would otherwise go over
    every one of those objects (20–27 ms of CPU after ``score``, as the process ends)."""
    global _frozen
    gc.freeze()
    _frozen = True
    gc.enable()


def _thaw() -> None:
    """Give the objects an earlier command of this process set aside back to the collector
    (tests run many commands in one process; a real process runs one)."""
    global _frozen
    if _frozen:
        gc.unfreeze()
        _frozen = False


def report_error(exc: CrmselectError, lang: str | None = None) -> None:
    """Print every issue of a user error on stderr in ``lang`` (the resolved language), then
    a one-line summary."""
    lang = lang or current()
    for line in _listed(exc, lang):
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


#: Problems listed per file; the rest of a file's are counted on one line after them (a
#: vendor taken out of project.yaml makes each of its 1,200 scores a problem of scores.yaml).
LISTED_PER_FILE = 50


def _listed(exc: CrmselectError, lang: str) -> list[str]:
    """The lines of ``exc``'s issues: the first :data:`LISTED_PER_FILE` of each file, then
    "and N more" for that file; the summary line after them counts them all."""
    def render(message: object) -> str:
        return text(message, lang)

    per_file = Counter(issue.file for issue in exc.issues)
    shown: Counter[str] = Counter()
    lines = []
    for issue, line in zip(exc.issues, exc.lines(render), strict=True):
        shown[issue.file] += 1
        if shown[issue.file] <= LISTED_PER_FILE or not issue.file:
            lines.append(line)
        elif shown[issue.file] == per_file[issue.file]:  # the file's last: say how many
            more = per_file[issue.file] - LISTED_PER_FILE
            lines.append(Issue(file=issue.file, message=msg("problems_more_in_file", n=more))
                         .format(render))
    return lines


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    """``--version``: the package metadata is only read when it is asked for."""
    if not value or ctx.resilient_parsing:
        return
    from crmselect import __version__

    click.echo(translations(current()).gettext("%(prog)s, version %(version)s")
               % {"prog": "crmselect", "version": __version__})
    ctx.exit()


@click.group(cls=CrmselectGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--version", is_flag=True, expose_value=False, is_eager=True,
              callback=_print_version, help="Show the version and exit.")
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


_registered: set[str] = set()


def _register(module: str) -> None:
    """Add the commands of ``crmselect.cli.<module>`` to :func:`main`."""
    if module in _registered:
        return
    _registered.add(module)
    if module == "kpi":
        from crmselect.cli.kpi import kpi as kpi_group

        main.add_command(kpi_group)
        default_lang_from_command_line(main)
        localize_help(main, current())
        return
    from importlib import import_module

    for command in import_module(f"crmselect.cli.{module}").COMMANDS:
        main.add_command(command)
    # a module may add subcommands to another's group (vendors compare): the whole tree
    default_lang_from_command_line(main)
    localize_help(main, current())


def _register_all() -> None:
    for module in _ORDER:
        _register(module)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
