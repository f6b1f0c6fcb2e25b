"""The property tests run without Hypothesis's deadline (tests/conftest.py): a deadline is a
wall-clock limit, and a loaded CI machine exceeded it once. No test sets one back."""

from __future__ import annotations

import ast
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

TESTS = Path(__file__).parent


def test_the_loaded_profile_has_no_deadline() -> None:
    assert settings.default is not None
    assert settings.default.deadline is None
    assert settings().deadline is None


@settings(max_examples=3)
@given(st.integers())
def test_a_test_with_its_own_settings_keeps_no_deadline(value: int) -> None:
    assert settings.default.deadline is None
    assert isinstance(value, int)


def _settings_calls(tree: ast.AST) -> list[ast.Call]:
    return [node for node in ast.walk(tree) if isinstance(node, ast.Call)
            and getattr(node.func, "id", getattr(node.func, "attr", None))
            in {"settings", "register_profile", "load_profile"}]


def test_no_test_sets_a_deadline_or_loads_another_profile() -> None:
    found = []
    for path in sorted(TESTS.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for call in _settings_calls(tree):
            name = getattr(call.func, "id", getattr(call.func, "attr", None))
            if name == "load_profile" and path.name != "conftest.py":
                found.append(f"{path.name}:{call.lineno}: load_profile")
            for keyword in call.keywords:
                if keyword.arg == "deadline" and not (
                        isinstance(keyword.value, ast.Constant) and keyword.value.value is None):
                    found.append(f"{path.name}:{call.lineno}: deadline")
    assert found == []
