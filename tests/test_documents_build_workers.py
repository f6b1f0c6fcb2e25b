"""``build`` writing its documents side by side in forked worker processes."""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from crmselect import documentstrings
from crmselect.cli import main
from crmselect.documents import build, workers
from crmselect.documents.build import build_documents
from crmselect.documents.strings import load_strings
from crmselect.errors import CrmselectError, Issue

DATA = Path(__file__).parent / "data" / "reports"
TODAY = dt.date(2027, 3, 10)
needs_fork = pytest.mark.skipif(
    "fork" not in workers.multiprocessing.get_all_start_methods() or workers.cores() < 2,
    reason="needs fork and two cores")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    target = tmp_path / "project"
    shutil.copytree(DATA / "project", target)
    return target


def test_tasks_without_workers_run_here_in_order():
    ran = []
    results = workers.run_tasks({"a": lambda: ran.append("a") or os.getpid(),
                                 "b": lambda: ran.append("b") or os.getpid()}, workers=1)
    assert ran == ["a", "b"] and results == {"a": os.getpid(), "b": os.getpid()}


@needs_fork
def test_tasks_run_in_worker_processes_and_come_back_by_name():
    tasks = {name: (lambda name=name: (name, os.getpid())) for name in "abcde"}
    results = workers.run_tasks(tasks, workers=2, start_first=("e", "d"))
    assert list(results) == list("abcde")
    assert [results[n][0] for n in "abcde"] == list("abcde")
    pids = {pid for _, pid in results.values()}
    assert os.getpid() not in pids and 1 <= len(pids) <= 2
    assert workers._TASKS == []  # nothing of the run is kept


@needs_fork
def test_the_first_failing_task_in_order_raises_its_error_once():
    def fail(what: str):
        def task():
            raise CrmselectError(Issue(file=f"{what}.yaml", line=3, message=f"{what} failed"))
        return task

    tasks = {"ok": lambda: 1, "first": fail("first"), "second": fail("second")}
    with pytest.raises(CrmselectError) as caught:
        workers.run_tasks(tasks, workers=2, start_first=("second",))
    assert [(i.file, i.line, str(i.message)) for i in caught.value.issues] == [
        ("first.yaml", 3, "first failed")]


@pytest.mark.parametrize("n", [1, pytest.param(2, marks=needs_fork)])
def test_a_then_runs_here_with_the_results_it_needs_as_soon_as_they_are_done(n: int):
    tasks = {name: (lambda name=name: (name, os.getpid())) for name in "abcd"}
    seen = []

    def finish(results):
        seen.append((dict(results), os.getpid()))
        return "put together"

    results = workers.run_tasks(tasks, workers=n, start_first=("c", "a"),
                                then={"joined": (["a", "c"], finish)})
    assert results["joined"] == "put together"
    assert [results[name][0] for name in "abcd"] == list("abcd")
    (given, pid), = seen
    assert given == {"a": results["a"], "c": results["c"]} and pid == os.getpid()


@pytest.mark.parametrize("n", [1, pytest.param(2, marks=needs_fork)])
def test_a_failing_task_comes_before_a_failing_then_and_a_then_without_its_input_is_not_run(
        n: int):
    def fail(what: str):
        def task(*_given):
            raise CrmselectError(Issue(file=f"{what}.yaml", line=1, message=f"{what} failed"))
        return task

    called = []
    with pytest.raises(CrmselectError) as caught:
        workers.run_tasks({"ok": lambda: 1, "bad": fail("task")}, workers=n,
                          then={"needs bad": (["bad"], lambda _r: called.append(1)),
                                "fails": (["ok"], fail("then"))})
    assert [str(i.message) for i in caught.value.issues] == ["task failed"] and not called
    with pytest.raises(CrmselectError) as caught:
        workers.run_tasks({"ok": lambda: 1, "also": lambda: 2}, workers=n,
                          then={"fails": (["ok"], fail("then"))})
    assert [str(i.message) for i in caught.value.issues] == ["then failed"]


def test_one_core_busy_cores_or_no_fork_mean_no_worker(monkeypatch):
    monkeypatch.setattr(workers, "busy_cores", lambda: 0.2)
    monkeypatch.setattr(workers, "cores", lambda: 1)
    assert workers.default_workers(5) == 1
    monkeypatch.setattr(workers, "cores", lambda: 8)
    assert workers.default_workers(5) == 5
    monkeypatch.setattr(workers, "cores", lambda: 2)
    assert workers.default_workers(5) == 2
    monkeypatch.setattr(workers, "busy_cores", lambda: 1.5)  # half a core idle
    assert workers.default_workers(5) == 1
    monkeypatch.setattr(workers.multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    assert workers.default_workers(5) == 1
    assert workers.run_tasks({"a": lambda: os.getpid()}, workers=4) == {"a": os.getpid()}


def _loadavg(text: str):
    real_open = open

    def fake(path, *args, **kwargs):
        if path == "/proc/loadavg":
            return io.StringIO(text)
        return real_open(path, *args, **kwargs)
    return fake


def test_busy_cores_are_the_processes_running_now_not_the_last_minutes_average(monkeypatch):
    # a command that has just ended is still most of a core in the one-minute average
    monkeypatch.setattr(workers.os, "getloadavg", lambda: (1.9, 0.5, 0.2))
    monkeypatch.setattr("builtins.open", _loadavg("1.90 0.50 0.20 1/109 635\n"))
    assert workers.busy_cores() == 0.0  # only this process runs
    monkeypatch.setattr(workers, "cores", lambda: 2)
    assert workers.default_workers(5) == 2
    monkeypatch.setattr("builtins.open", _loadavg("0.10 0.50 0.20 3/109 635\n"))
    assert workers.busy_cores() == 2.0  # two others run now: no core idle
    assert workers.default_workers(5) == 1


def test_this_process_s_own_running_threads_are_not_counted_as_busy_cores(monkeypatch):
    # numpy's OpenBLAS thread spinning after numpy's import is this process's own work
    monkeypatch.setattr(workers, "cores", lambda: 2)
    monkeypatch.setattr("builtins.open", _loadavg("0.10 0.50 0.20 2/109 635\n"))
    monkeypatch.setattr(workers, "_own_running_threads", lambda: 2)
    assert workers.busy_cores() == 0.0 and workers.default_workers(5) == 2
    monkeypatch.setattr("builtins.open", _loadavg("0.10 0.50 0.20 4/109 635\n"))
    assert workers.busy_cores() == 2.0 and workers.default_workers(5) == 1


def test_own_running_threads_are_read_from_proc_and_at_least_this_one():
    import hashlib
    import threading

    stop = threading.Event()

    def spin():  # hashing a large buffer runs without the GIL: the thread stays running
        block = bytes(4_000_000)
        while not stop.is_set():
            hashlib.sha256(block).digest()

    before = workers._own_running_threads()
    spinner = threading.Thread(target=spin)
    spinner.start()
    try:
        time.sleep(0.05)
        seen = max(workers._own_running_threads() for _ in range(20))
    finally:
        stop.set()
        spinner.join()
    assert before >= 1
    if os.path.isdir("/proc/self/task"):
        assert seen >= 2  # the spinning thread and this one


def test_without_proc_loadavg_the_load_average_decides(monkeypatch):
    def refuse(path, *args, **kwargs):
        raise FileNotFoundError(path)
    monkeypatch.setattr("builtins.open", refuse)
    monkeypatch.setattr(workers.os, "getloadavg", lambda: (1.25, 0.5, 0.2))
    assert workers.busy_cores() == 1.25


def _contents(path: Path) -> object:
    if path.suffix in (".docx", ".xlsx"):
        with zipfile.ZipFile(path) as package:  # docProps/core.xml holds the time of writing
            return {n: package.read(n) for n in package.namelist() if n != "docProps/core.xml"}
    return path.read_bytes()


@needs_fork
def test_workers_write_what_one_process_writes(project: Path, tmp_path: Path):
    serial = build_documents(project, today=TODAY, workers=1)
    first = {p.name: _contents(p) for p in serial.files}
    parallel = build_documents(project, today=TODAY, workers=2)
    assert [p.name for p in parallel.files] == list(first)
    assert {p.name: _contents(p) for p in parallel.files} == first
    assert (parallel.winner, parallel.leader, parallel.skipped) == (
        serial.winner, serial.leader, serial.skipped)
    assert not [p for p in (project / "out").iterdir() if p.name.startswith(".build-")]


@needs_fork
def test_the_report_s_charts_drawn_in_workers_give_the_same_files(project: Path, tmp_path: Path,
                                                                   monkeypatch):
    from crmselect.documents import report

    asked = []

    def run_tasks(tasks, n=1, *args, **kwargs):
        asked.append((sorted(tasks), n))
        return workers.run_tasks(tasks, n, *args, **kwargs)

    monkeypatch.setattr(report, "run_tasks", run_tasks)
    files = {n: report.render_report(project, today=TODAY, out_dir=tmp_path / str(n),
                                     workers=n) for n in (1, 2)}
    charts = ["areas", "cost", "ranking", "tco"]
    assert asked == [(charts, 1), (charts, 2)]
    assert _contents(files[1].docx) == _contents(files[2].docx)
    for kind in ("html", "json", "csv"):
        assert getattr(files[1], kind).read_bytes() == getattr(files[2], kind).read_bytes()


@needs_fork
def test_a_worker_that_fails_leaves_out_as_it_was(project: Path, monkeypatch):
    build_documents(project, today=TODAY, workers=2)
    before = {p.name: p.read_bytes() for p in (project / "out").iterdir()}

    def fail(*_args, **_kwargs):
        raise CrmselectError(Issue(file="project.yaml", line=7, message="the plan failed"))

    monkeypatch.setattr(build, "render_migration", fail)  # inherited by the forked workers
    with pytest.raises(CrmselectError, match="the plan failed"):
        build_documents(project, today=TODAY, workers=2)
    assert {p.name: p.read_bytes() for p in (project / "out").iterdir()} == before


@pytest.mark.parametrize("n", [1, 2])
def test_cli_build_says_a_bad_template_once(project: Path, tmp_path: Path, monkeypatch, n: int):
    # Four documents use the template; with workers each one fails on it at the same time.
    monkeypatch.setattr(workers, "default_workers", lambda _tasks: n)
    bad = tmp_path / "corporate.docx"
    bad.write_text("not a Word file", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(project), "--template", str(bad)],
                                env={"CRMSELECT_LANG": "en"})
    assert result.exit_code == 1
    assert result.output.count("not a Word .docx file") == 1, result.output
    assert "Traceback" not in result.output
    assert not (project / "out").exists() or not any((project / "out").iterdir())


# --- what the parent works out once before forking the workers -------------------------------


def test_after_warming_up_a_document_reads_no_strings_file_and_loads_no_locale(monkeypatch):
    from babel import localedata

    from crmselect.documents.formatting import format_date

    documentstrings._read_strings_file.cache_clear()
    build.warm_for_workers("tr")
    assert documentstrings._read_strings_file.cache_info().misses == 1  # common.yaml

    def again(*args, **kwargs):
        raise AssertionError("worked out again after the warm-up")

    monkeypatch.setattr(documentstrings, "read_document", again)
    monkeypatch.setattr(localedata, "load", again)
    assert load_strings("tr")["common"]["yes"]  # what a worker's document does first
    assert format_date(dt.date(2027, 10, 29), "tr") == "29 Ekim 2027"
    assert documentstrings._read_strings_file.cache_info().misses == 1


@pytest.mark.parametrize("workers, warmed", [(1, []), (2, [("tr", True)])])
def test_the_parent_warms_up_only_before_forking_workers(tmp_path, monkeypatch, workers, warmed):
    project = tmp_path / "project"
    shutil.copytree(DATA / "project", project)
    calls = []
    monkeypatch.setattr(build, "warm_for_workers",
                        lambda lang, root: calls.append((lang, root == project)))

    in_order = build.run_tasks  # the real one, run without workers

    def run_here(tasks, workers=1, start_first=(), then=None):
        assert calls == warmed  # before any document is written
        return in_order(tasks, 1, start_first, then)

    monkeypatch.setattr(build, "run_tasks", run_here)
    result = build.build_documents(project, lang="tr", today=dt.date(2027, 3, 10),
                                   workers=workers)
    assert calls == warmed and len(result.files) >= 10
