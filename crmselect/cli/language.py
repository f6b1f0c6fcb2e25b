"""The CLI's language: ``--lang`` taken from anywhere on the command line, and click's own
messages (Usage, Error, No such option, --help) translated through the crmselect catalog."""

from __future__ import annotations

import gettext as _gettext

import click

from crmselect.i18n import translations
from crmselect.i18n.compat import t
from crmselect.i18n.language import resolve

LANGUAGES = ("en", "tr")
_CLICK_MODULES = ("click.core", "click.exceptions", "click.formatting", "click.decorators",
                  "click.types", "click.parser", "click.termui", "click.utils")


def take_lang_option(args: list[str]) -> tuple[list[str], str | None]:
    """``args`` without any ``--lang X`` / ``--lang=X`` (before ``--``), and the last X."""
    out: list[str] = []
    lang: str | None = None
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--":
            out.extend(args[i:])
            break
        if arg == "--lang" or arg.startswith("--lang="):
            if arg == "--lang":
                if i + 1 >= len(args):
                    raise _lang_value_error(args)
                value, i = args[i + 1], i + 2
            else:
                value, i = arg.split("=", 1)[1], i + 1
            if value not in LANGUAGES:
                raise _lang_value_error(args)
            lang = value
            continue
        out.append(arg)
        i += 1
    return out, lang


class LangValueError(click.UsageError):
    """A bad ``--lang`` value, told in the language the rest of the line resolves to (the
    project named, ``CRMSELECT_LANG``, a ``tr_…``/``en_…`` locale), or in both languages
    when nothing says which; ``lang`` is the language click's own "Error:" should speak."""

    def __init__(self, message: str, lang: str) -> None:
        super().__init__(message)
        self.lang = lang


def _known_language(args: list[str]) -> str | None:
    """The reader's language when something besides ``--lang`` tells it, else None."""
    import os

    project = peek_project_language(args)
    if project:
        return project
    for var in ("CRMSELECT_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "").lower()
        if value.startswith(("tr", "en")):
            return value[:2]
        if var == "CRMSELECT_LANG" and value:
            return resolve(None)
    return None


def _lang_value_error(args: list[str]) -> LangValueError:
    choices = ", ".join(LANGUAGES)
    lang = _known_language(args)
    if lang:
        return LangValueError(t("cli_lang_value", lang, choices=choices), lang)
    return LangValueError(" / ".join(t("cli_lang_value", each, choices=choices)
                                     for each in LANGUAGES), "en")


def install_click_language(lang: str | None) -> None:
    """Make click's own strings speak ``lang`` (resolved as the CLI resolves it)."""
    import importlib

    catalog = translations(lang or resolve(None))
    for name in _CLICK_MODULES:
        try:
            module = importlib.import_module(name)
        except ImportError:  # pragma: no cover - a click without this module
            continue
        if hasattr(module, "_"):
            module._ = catalog.gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = catalog.ngettext  # type: ignore[attr-defined]


__all__ = ["LANGUAGES", "install_click_language", "take_lang_option", "_gettext"]


def peek_project_language(args: list[str]) -> str | None:
    """The ``language:`` of the first project folder (or project file) named on the command
    line, read without loading it, so that even its load errors speak its language."""
    import re
    from pathlib import Path

    for arg in args:
        if arg.startswith("-") or len(arg) > 4096:
            continue
        try:
            path = Path(arg)
            candidates = [path / "project.yaml"] if path.is_dir() else (
                [path] if path.name == "project.yaml" and path.is_file() else [])
            for candidate in candidates:
                if candidate.is_file():
                    # the head only: a file too big to load is refused in its language too
                    with candidate.open("rb") as handle:
                        raw = handle.read(1_000_000)
                    # a file saved as UTF-16 (with or without its BOM) is refused by the loader,
                    # in the language it names: so read it here in every way it may be written
                    codings = ("utf-8", "utf-16-le", "utf-16-be") if b"\x00" in raw else (
                        "utf-8",)
                    for coding in codings:
                        head = raw.decode(coding, errors="replace")
                        match = re.search(r"^\ufeff?language:\s*[\"']?(en|tr)\b", head,
                                          re.MULTILINE)
                        if match:
                            return match.group(1)
        except OSError:
            continue
    return None


def default_lang_from_command_line(command: click.Command) -> None:
    """Every ``--lang`` option of ``command`` and its subcommands defaults to the ``--lang``
    taken from the command line (wherever it was written)."""
    from crmselect.i18n.language import explicit

    for param in command.params:
        if param.name == "lang":
            param.default = explicit
    for sub in getattr(command, "commands", {}).values():
        default_lang_from_command_line(sub)


#: The option types whose name click writes after an option in --help ("--host TEXT"), each
#: translated as an argument's name is (msgctxt "argument").
_TYPE_NAMES = frozenset({"text", "integer", "float", "integer range", "float range", "path",
                         "directory", "file"})


def localize_help(command: click.Command, lang: str, path: str = "crmselect") -> None:
    """Give ``command`` (and its subcommands) their --help text in ``lang`` from the catalog
    (msgctxt ``help:<command path>`` for the text, ``option`` for option help); a text with no
    translation stays English as a whole. The English originals are kept for the next run."""
    import inspect

    catalog = translations(lang)
    original = command.__dict__.setdefault("_crmselect_help", command.help)
    if original:
        source = inspect.cleandoc(original)
        translated = catalog.pgettext(f"help:{path}", source)
        command.help = original if translated == source else translated
        if command.short_help is None or getattr(command, "_crmselect_short", False):
            command.short_help = None
    # click writes "[OPTIONS]" in the usage line as a constant, not through its catalog
    options = command.__dict__.setdefault("_crmselect_options_metavar", command.options_metavar)
    if options == "[OPTIONS]":
        command.options_metavar = catalog.gettext(options)
    if isinstance(command, click.Group):
        commands = command.__dict__.setdefault("_crmselect_subcommand_metavar",
                                               command.subcommand_metavar)
        command.subcommand_metavar = catalog.gettext(commands) if commands else commands
    if hasattr(command, "_help_option"):  # click builds it once, in the language of that run
        command._help_option = None
    for param in command.params:
        if isinstance(param, click.Argument):  # DIRECTORY is KLASÖR in a Turkish usage line
            english = param.__dict__.setdefault("_crmselect_metavar", param.metavar)
            name = english or (param.name or "").upper()
            translated = catalog.pgettext("argument", name)
            if translated == name:
                param.metavar = english
                continue
            # a metavar of its own is written as it is: the brackets and dots click adds
            optional = "" if param.required else "[]"
            param.metavar = (f"{optional[:1]}{translated}{optional[1:]}"
                             + ("..." if param.nargs != 1 else ""))
            continue
        if not isinstance(param, click.Option):
            continue
        if param.__dict__.setdefault("_crmselect_metavar", param.metavar) is None \
                and param.type.name in _TYPE_NAMES and not param.is_flag:
            # "--host TEXT" is "--host METİN" in Turkish (click writes the type's name)
            name = param.type.name.upper()
            translated = catalog.pgettext("argument", name)
            param.metavar = None if translated == name else translated
        english = param.__dict__.setdefault("_crmselect_help", param.help)
        if english:
            param.help = catalog.pgettext("option", english)
    for name, sub in getattr(command, "commands", {}).items():
        localize_help(sub, lang, f"{path} {name}")
