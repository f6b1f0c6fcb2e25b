"""The compiled methods of dataclasses kept from one run to the next (crmselect/dataclasscode.py,
issue 15): a class made with kept code is the class ``dataclasses`` makes, the codes are read
back by the next process, and a damaged, foreign or oversized file is never trusted."""

from __future__ import annotations

import builtins
import dataclasses
import marshal
import os
import subprocess
import sys
from pathlib import Path

import pytest

from crmselect import dataclasscode

#: Dataclasses with every option that changes the methods dataclasses writes. The module has
#: string annotations (``from __future__``), as crmselect's own modules do.
CLASSES = '''
from __future__ import annotations
import dataclasses
from dataclasses import InitVar, dataclass, field
from typing import ClassVar

@dataclass
class Plain:
    name: str
    count: int = 0
    tags: list[str] = field(default_factory=list)
    kind: ClassVar[str] = "plain"

@dataclass(frozen=True, order=True, slots=True)
class Frozen:
    a: int
    b: float = 1.5

@dataclass(kw_only=True, unsafe_hash=True, repr=False)
class KeywordOnly:
    x: int
    y: str = "y"
    hidden: int = field(default=3, compare=False)

@dataclass
class WithPostInit:
    base: int
    scale: InitVar[int] = 2
    total: int = field(init=False, default=0)

    def __post_init__(self, scale):
        self.total = self.base * scale
'''


def _methods(namespace: dict) -> dict[str, object]:
    found = {}
    for cls_name in ("Plain", "Frozen", "KeywordOnly", "WithPostInit"):
        cls = namespace[cls_name]
        for name, value in vars(cls).items():
            code = getattr(value, "__code__", None)
            if code is not None and value.__module__ == "made":
                found[f"{cls_name}.{name}"] = (
                    code.co_code, code.co_consts, code.co_names, code.co_varnames,
                    code.co_filename, code.co_flags, value.__annotations__,
                    value.__defaults__, value.__kwdefaults__, value.__qualname__)
    return found


def _make(exec_function) -> dict:
    namespace: dict = {"__name__": "made"}
    sys.modules["made"] = type(sys)("made")  # dataclasses looks the module up for annotations
    sys.modules["made"].__dict__.update(namespace)
    saved = dataclasses.__dict__.get("exec")
    dataclasses.exec = exec_function  # type: ignore[attr-defined]
    try:
        builtins.exec(compile(CLASSES, "made.py", "exec"), sys.modules["made"].__dict__)
    finally:
        if saved is None:
            del dataclasses.exec  # type: ignore[attr-defined]
        else:
            dataclasses.exec = saved  # type: ignore[attr-defined]
        namespace = dict(sys.modules.pop("made").__dict__)
    return namespace


def test_a_class_made_with_kept_code_is_the_class_dataclasses_makes(monkeypatch):
    monkeypatch.setattr(dataclasscode, "_codes", {})
    monkeypatch.setattr(dataclasscode, "_used", set())
    monkeypatch.setattr(dataclasscode, "_new", False)
    plain = _make(builtins.exec)
    compiled = _make(dataclasscode._exec)  # compiles every text once and keeps it
    kept = len(dataclasscode._codes)
    assert kept >= 10 and dataclasscode._new
    from_kept = _make(dataclasscode._exec)  # every text is found among the kept codes
    assert len(dataclasscode._codes) == kept
    assert _methods(plain) == _methods(compiled) == _methods(from_kept)
    # annotations are objects, not strings: no __future__ flag of dataclasscode.py leaked in
    assert from_kept["Plain"].__init__.__annotations__["return"] is None
    for made in (plain, from_kept):
        assert repr(made["Plain"]("a")) == "Plain(name='a', count=0, tags=[])"
        assert made["Frozen"](1) < made["Frozen"](2)
        with pytest.raises(dataclasses.FrozenInstanceError):
            made["Frozen"](1).a = 3
        assert hash(made["KeywordOnly"](x=1)) == hash(made["KeywordOnly"](x=1, hidden=9))
        assert made["WithPostInit"](4, 3).total == 12


RUN = """
import dataclasses, sys
from crmselect import dataclasscode
dataclasscode.install()
@dataclasses.dataclass(frozen=True)
class Point:
    x: int
    y: int = 0
assert Point(1) == Point(1, 0) and repr(Point(2, 3)) == "Point(x=2, y=3)"
print("compiled" if dataclasscode._new else "kept")
"""


def _run(cache: str | Path) -> str:
    env = {**os.environ, "CRMSELECT_CACHE_DIR": str(cache)}
    result = subprocess.run([sys.executable, "-c", RUN], capture_output=True, text=True,
                            env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_the_next_process_uses_the_kept_codes_and_writes_nothing(tmp_path):
    cache = tmp_path / "cache"
    assert _run(cache) == "compiled"
    kept = cache / "dataclass-code.marshal"
    written = kept.stat().st_mtime_ns
    assert _run(cache) == "kept"
    assert kept.stat().st_mtime_ns == written
    assert kept.stat().st_mode & 0o077 == 0  # private, like the folder


@pytest.mark.parametrize("content", [
    b"",
    b"garbage",
    b"crmselect-dataclass-code-1\nPython 2.7\ncpython-27\n" + marshal.dumps({}),
    "head+cut",
    "head+not codes",
])
def test_a_damaged_or_foreign_file_is_not_used_and_is_written_again(tmp_path, content):
    cache = tmp_path / "cache"
    cache.mkdir(mode=0o700)
    head = dataclasscode._head()
    if content == "head+cut":
        assert _run(cache) == "compiled"
        whole = (cache / "dataclass-code.marshal").read_bytes()
        content = whole[: len(head) + (len(whole) - len(head)) // 2]
    elif content == "head+not codes":
        content = head + marshal.dumps({"@dataclass text": "not a code object"})
    (cache / "dataclass-code.marshal").write_bytes(content)
    assert _run(cache) == "compiled"
    data = (cache / "dataclass-code.marshal").read_bytes()
    assert data.startswith(head) and marshal.loads(data[len(head):])
    assert _run(cache) == "kept"


def test_nothing_is_written_when_the_cache_is_off_or_open_to_others(tmp_path):
    assert _run("off") == "compiled"
    assert _run("off") == "compiled"
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    assert _run(shared) == "compiled"
    assert not (shared / "dataclass-code.marshal").exists()


def test_beyond_the_limit_only_the_codes_this_run_used_are_written(monkeypatch, tmp_path):
    monkeypatch.setenv("CRMSELECT_CACHE_DIR", str(tmp_path / "cache"))
    used = {"text used": compile("x = 1", "<string>", "exec")}
    old = {f"old text {i}": compile("y = 2", "<string>", "exec") for i in range(5)}
    monkeypatch.setattr(dataclasscode, "_codes", {**old, **used})
    monkeypatch.setattr(dataclasscode, "_used", set(used))
    monkeypatch.setattr(dataclasscode, "_new", True)
    monkeypatch.setattr(dataclasscode, "MAX_CODES", 3)
    dataclasscode.save()
    assert set(dataclasscode._read()) == set(used)
    monkeypatch.setattr(dataclasscode, "MAX_CODES", 10)
    monkeypatch.setattr(dataclasscode, "_codes", {**old, **used})
    dataclasscode.save()
    assert set(dataclasscode._read()) == set(old) | set(used)


def test_a_command_reads_the_codes_its_first_run_kept(sample_project, tmp_path):
    cache = tmp_path / "cache"
    env = {**os.environ, "CRMSELECT_CACHE_DIR": str(cache), "CRMSELECT_LANG": "en"}
    runs = [subprocess.run([sys.executable, "-m", "crmselect", "score", str(sample_project)],
                           capture_output=True, text=True, env=env, timeout=300)
            for _ in range(2)]
    assert [r.returncode for r in runs] == [0, 0], runs[0].stderr
    assert runs[0].stdout == runs[1].stdout
    data = (cache / "dataclass-code.marshal").read_bytes()
    kept = marshal.loads(data[len(dataclasscode._head()):])
    # annotated_types', pydantic's and crmselect's own dataclasses
    assert len(kept) > 100
    assert any("def __init__(self,ge:_type_ge)" in text for text in kept)  # annotated_types.Ge
