"""Independent document writers run side by side in forked worker processes.

Why: ``build`` writes five documents that share nothing but the loaded project and its
evaluation, and most of their time is Python (charts, Word XML) that one process runs on one
core. Forked workers inherit the loaded project, the evaluation and the imported libraries, so
nothing is sent to them but the number of a task, and nothing comes back but its result (the
paths written). Where ``fork`` is not available (Windows; macOS starts processes afresh), or
there is no idle core (one core, or other processes keep the cores busy), the tasks run
one after another in this process, as they always did: a second process then only adds its
own cost (each worker warms its own caches: fonts, strings files; 0.3–0.7 s of CPU for
``build``) and takes a core from someone else.

Errors stay what they were: the first task (in the order given) that failed raises its error
here, once, after the other workers have stopped; the caller decides what is kept.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TypeVar

T = TypeVar("T")

#: The tasks of the run in progress, inherited by the forked workers (a closure cannot be
#: pickled; its position in this list can).
_TASKS: list[Callable[[], object]] = []


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - macOS, Windows
        return os.cpu_count() or 1


def busy_cores() -> float:
    """How many cores other processes keep busy.

    On Linux: the threads running or waiting for a core right now (the fourth field of
    ``/proc/loadavg``), less this process's own running threads, the most of five looks 2 ms
    apart. (Its own are not only this one: numpy's OpenBLAS starts a thread per core that
    spins for a while after numpy is imported, and counted as another process's it made a
    ``build`` on an otherwise idle two-core machine start no worker.) Elsewhere: the load
    average of the last minute, which lags: a command that ended a few seconds ago still
    counts in it as most of a busy core, so a ``build`` run right after another command on an
    idle machine would start no worker.
    """
    try:
        counts = []
        for look in range(5):
            if look:
                time.sleep(0.002)
            with open("/proc/loadavg", encoding="ascii") as handle:
                running = int(handle.read().split()[3].split("/")[0])
            counts.append(running - _own_running_threads())
        return float(max(0, max(counts)))
    except (OSError, ValueError, IndexError):
        try:
            return os.getloadavg()[0]
        except (AttributeError, OSError):  # pragma: no cover - Windows
            return 0.0


def _own_running_threads() -> int:
    """This process's threads that are running or waiting for a core (state ``R`` in
    ``/proc/self/task/*/stat``); at least 1, the one asking."""
    running = 0
    try:
        for tid in os.listdir("/proc/self/task"):
            try:
                with open(f"/proc/self/task/{tid}/stat", encoding="ascii",
                          errors="replace") as handle:
                    # "tid (name) state ...": the name may hold spaces and parentheses
                    running += handle.read().rpartition(")")[2].split()[0] == "R"
            except (OSError, IndexError):  # a thread that has just ended
                continue
    except OSError:
        pass
    return max(1, running)


def idle_cores() -> float:
    """The cores this process may run on, less the ones other processes keep busy."""
    return cores() - busy_cores()


def default_workers(tasks: int) -> int:
    """How many worker processes ``tasks`` independent tasks get: one per core, at most one
    per task; 1 (no worker: this process) without ``fork``, with one core, or when fewer
    than one core is idle."""
    if "fork" not in multiprocessing.get_all_start_methods() or idle_cores() < 1:
        return 1
    return max(1, min(cores(), tasks))


def run_tasks(tasks: Mapping[str, Callable[[], T]], workers: int = 1,
              start_first: Sequence[str] = (),
              then: Mapping[str, tuple[Sequence[str], Callable[[dict[str, T]], T]]] | None = None,
              ) -> dict[str, T]:
    """Call every task and return their results by name.

    With ``workers`` > 1 (and ``fork``), the tasks run in that many forked processes, those
    named in ``start_first`` first (the longest, so that the others fill the other cores);
    a task's result must then pickle. An error is raised as the task raised it, the first in
    the order of ``tasks`` when several fail.

    ``then``: name → (the names of the tasks it needs, a function of their results by name),
    called in this process as soon as those tasks are done, while the workers go on with the
    others (``build`` puts the comparison report together from its charts so); its result is
    returned under its name. An error of a task comes before an error of a ``then``.
    """
    then = then or {}
    if workers <= 1 or len(tasks) <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        results = {name: task() for name, task in tasks.items()}
        for name, (needs, finish) in then.items():
            results[name] = finish({need: results[need] for need in needs})
        return results
    names = [n for n in start_first if n in tasks] + [n for n in tasks if n not in start_first]
    _TASKS[:] = [tasks[name] for name in names]
    futures: dict[str, Future[T]] = {}
    try:
        pool = ProcessPoolExecutor(max_workers=min(workers, len(tasks)),
                                   mp_context=multiprocessing.get_context("fork"))
        try:
            for index, name in enumerate(names):
                futures[name] = pool.submit(_call, index)
            finished: dict[str, T] = {}
            failed: Exception | None = None
            for name, (needs, finish) in then.items():
                # A task that failed is raised below, in the order of the tasks.
                if failed is None and not any(futures[need].exception() for need in needs):
                    try:
                        finished[name] = finish({need: futures[need].result()
                                                 for need in needs})
                    except Exception as exc:  # raised once every task is done
                        failed = exc
            results = {name: futures[name].result() for name in tasks}
            if failed is not None:
                raise failed
        except BaseException:
            # Stop what has not started and wait for what runs: nothing writes afterwards.
            pool.shutdown(wait=True, cancel_futures=True)
            raise
        pool.shutdown(wait=True)
        return results | finished
    finally:
        _TASKS.clear()


def _call(index: int) -> object:
    """Run in a worker: the task at ``index`` of the list the worker inherited."""
    return _TASKS[index]()
