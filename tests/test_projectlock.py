"""One writer per project (crmselect/projectlock.py): a command that writes takes the project's
lock; a second one is refused with a clear message and loses nothing, a lock left by a dead
process is taken over.
"""

from __future__ import annotations

import yaml
from clirun import checksums, run


def _cli(*args: object) -> list[str]:
    import sys

    return [sys.executable, "-c", "import sys; from crmselect.cli import main; "
            "sys.exit(main())", *map(str, args)]


def test_a_project_being_written_is_refused_with_a_clear_message(basic, tmp_path):
    import os
    import socket

    from crmselect.projectlock import LOCK_FILE
    (basic / LOCK_FILE).write_text(f"{os.getpid()} {socket.gethostname()}\n", encoding="utf-8")
    scores = tmp_path / "more.yaml"
    scores.write_text("scores:\n  - {evaluator: ayse, vendor: gamma, target: OPS-SFA-002, "
                      "score: 3}\n", encoding="utf-8")
    for lang, expected in (("en", "another crmselect command is writing to this project"),
                           ("tr", "başka bir crmselect komutu bu projeye yazıyor")):
        code, err = run("scores", "import", basic, scores, lang=lang)
        assert code == 1 and expected in err, err
        assert f"(process {os.getpid()} on" in err or f"{os.getpid()} numaralı" in err
    assert (basic / LOCK_FILE).exists()  # not ours to remove
    before = checksums(basic)
    assert run("build", basic)[0] == 1
    assert checksums(basic) == before


def test_a_lock_left_by_a_dead_process_is_taken_over(basic, tmp_path):
    import socket
    import subprocess
    import sys

    from crmselect.projectlock import LOCK_FILE

    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    (basic / LOCK_FILE).write_text(f"{dead} {socket.gethostname()}\n", encoding="utf-8")
    scores = tmp_path / "more.yaml"
    scores.write_text("scores:\n  - {evaluator: ayse, vendor: gamma, target: OPS-SFA-002, "
                      "score: 3}\n", encoding="utf-8")
    code, err = run("scores", "import", basic, scores)
    assert code == 0, err
    assert not (basic / LOCK_FILE).exists()


def _together(*commands: list[str]) -> list[tuple[int, str]]:
    import subprocess

    procs = [subprocess.Popen(c, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env={**__import__("os").environ, "CRMSELECT_LANG": "en"})
             for c in commands]
    return [(p.wait(), p.communicate()[1]) for p in procs]


def test_two_scores_imports_at_once_lose_no_score(basic, tmp_path):
    files = []
    for n, (evaluator, target) in enumerate([("ayse", "OPS-SFA-002"), ("mehmet", "OPS-SRV-001")]):
        path = tmp_path / f"s{n}.yaml"
        path.write_text(f"scores:\n  - {{evaluator: {evaluator}, vendor: gamma, target: "
                        f"{target}, score: 3}}\n", encoding="utf-8")
        files.append((path, evaluator, target))
    results = _together(*(_cli("scores", "import", basic, f) for f, _, _ in files))
    saved = yaml.safe_load((basic / "scores.yaml").read_text(encoding="utf-8"))["scores"]
    for (code, err), (_, evaluator, target) in zip(results, files, strict=True):
        kept = any(s["evaluator"] == evaluator and s["target"] == target
                   and s["vendor"] == "gamma" for s in saved)
        if code == 0:
            assert kept  # a reported success is never lost
        else:
            assert "another crmselect command is writing to this project" in err, err
            assert not kept
    assert any(code == 0 for code, _ in results)


def test_two_responses_imports_at_once_write_one_file(small, tmp_path):
    source = tmp_path / "odoo.yaml"
    source.write_text("vendor: odoo\nresponses:\n  OPS-SFA-001: {compliance: native}\n",
                      encoding="utf-8")
    results = _together(*(_cli("responses", "import", small, source, "--vendor", "odoo")
                          for _ in range(2)))
    assert sorted(code for code, _ in results) == [0, 1], results
    [err] = [err for code, err in results if code == 1]
    assert ("another crmselect command is writing to this project" in err
            or "already exists" in err or "exists" in err), err
