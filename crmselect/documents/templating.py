"""The Jinja2 environment every text document (Markdown, HTML) is rendered with.

- ``StrictUndefined``: a blank cell in a client's RFP is a bug, so a missing value stops the
  render instead of printing nothing.
- The user's ``DIR/templates/`` comes before the bundled ``templates/``: a company can replace
  any template (or one string file, see :mod:`crmselect.documents.strings`) without forking.
- Filters format dates, numbers and money in the document language and escape user text for
  Markdown, so vendor text cannot break a table or inject markup.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemBytecodeCache,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    TemplateNotFound,
    select_autoescape,
)

from crmselect.bundlecache import private_folder
from crmselect.documents.formatting import (
    format_date,
    format_money,
    format_number,
    format_percent,
    slug_label,
)
from crmselect.documents.strings import load_strings
from crmselect.errors import CrmselectError, Issue
from crmselect.i18n.compat import t
from crmselect.resources import bundled_dir
from crmselect.textsafety import clean_text

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")
_SPACES = re.compile(r"\s+")


def template_dirs(project_root: Path | None = None) -> list[Path]:
    """Template folders in search order: the project's ``templates/`` first, then the bundled."""
    dirs = []
    if project_root is not None and (Path(project_root) / "templates").is_dir():
        dirs.append(Path(project_root) / "templates")
    dirs.append(bundled_dir("templates"))
    return dirs


def md_inline(value: object) -> str:
    """User text as one line of Markdown: cleaned, whitespace collapsed, markup escaped."""
    text = _SPACES.sub(" ", clean_text(str(value))).strip()
    return _MD_SPECIAL.sub(r"\\\1", text)


def md_cell(value: object) -> str:
    """User text for a Markdown table cell: like :func:`md_inline`, line breaks kept as <br>."""
    if isinstance(value, (list, tuple)):
        return "<br>".join(md_cell(v) for v in value)
    lines = [md_inline(line) for line in clean_text(str(value)).splitlines()]
    return "<br>".join(line for line in lines if line) or " "


def _bytecode_cache() -> FileSystemBytecodeCache | None:
    """Compiled templates in the user's cache folder: Jinja checks each against the template's
    source, so a changed template (bundled or the user's) is compiled again."""
    folder = private_folder("jinja")
    return FileSystemBytecodeCache(str(folder)) if folder is not None else None


def jinja_env(lang: str, project_root: Path | None = None) -> Environment:
    """A Jinja2 environment for documents in ``lang`` with the filters and the strings ``s``.

    Filters: ``md`` (inline text), ``md_cell`` (table cell), ``date``, ``number``, ``money``,
    ``percent``. Globals: ``s`` (the document strings), ``lang``, ``label(kind, slug)`` (a
    project slug such as a department, in the document language).
    """
    env = Environment(
        loader=ChoiceLoader([FileSystemLoader(str(d)) for d in template_dirs(project_root)]),
        undefined=StrictUndefined,
        autoescape=select_autoescape(enabled_extensions=("html", "htm", "xml"),
                                     default_for_string=False, default=False),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        bytecode_cache=_bytecode_cache(),
    )
    env.filters.update(
        md=md_inline,
        md_cell=md_cell,
        date=lambda v, empty="—": format_date(v, lang, empty),
        number=lambda v, decimals=0: format_number(v, lang, decimals),
        money=lambda v, currency: format_money(v, currency, lang),
        percent=lambda v, decimals=0: format_percent(v, lang, decimals),
    )
    strings = load_strings(lang, project_root)
    env.globals.update(s=strings, lang=lang,
                       label=lambda kind, slug: slug_label(strings["common"], kind, slug))
    return env


def render_template(name: str, context: dict[str, Any], lang: str,
                    project_root: Path | None = None) -> str:
    """Render template ``name`` with ``context``; template errors become user errors.

    Why: a user's overriding template may refer to a value that does not exist; that is their
    input to fix, reported with the template's file and line, not a traceback.
    """
    env = jinja_env(lang, project_root)
    try:
        template = env.get_template(name)
        return clean_text(template.render(**context))
    except TemplateNotFound as exc:
        searched = ", ".join(str(d) for d in template_dirs(project_root))
        raise CrmselectError(Issue(file=exc.name or name,
                                   message=t("template_not_found", searched=searched))) from None
    except TemplateError as exc:
        raise CrmselectError(_template_issue(name, exc)) from None


def _template_issue(name: str, exc: TemplateError) -> Issue:
    """The template file and line of a render error.

    Why the traceback walk: a syntax error carries its position, but an undefined value does
    not; Jinja rewrites tracebacks so that template frames name the template file and line.
    """
    filename = getattr(exc, "filename", None)
    lineno = getattr(exc, "lineno", None) or 0
    if filename is None:
        tb = exc.__traceback__
        while tb is not None:
            code_file = tb.tb_frame.f_code.co_filename
            if code_file.endswith((".j2", ".jinja", ".html", ".md")):
                filename, lineno = code_file, tb.tb_lineno
            tb = tb.tb_next
    return Issue(file=filename or name, line=lineno,
                 message=t("template_error", detail=exc.message))
