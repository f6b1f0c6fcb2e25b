"""Helpers of the tests that run a command the way a user does: the CLI in a language with its
error output, and the checksums of a project's files (to show nothing was written).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from click.testing import CliRunner

from crmselect.cli import main


def run(*args: object, lang: str = "en") -> tuple[int, str]:
    """Run the CLI; an exception other than the exit is a traceback, so the test fails."""
    # --lang: the projects here say `language: en`, which outranks CRMSELECT_LANG (issue 12.3)
    result = CliRunner().invoke(main, [*(str(a) for a in args), "--lang", lang],
                                env={"CRMSELECT_LANG": lang})
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stderr


def checksums(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file() and "out" not in p.parts}
