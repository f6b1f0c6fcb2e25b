"""Instant commands, third round (issue 15, target 1): what ``validate``, ``score`` and
``sensitivity`` no longer do.

No test measures time: each checks that a slow thing is not done at all (a module not imported,
every holiday calendar not loaded), and that what is checked or printed is still the same.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest
from rendered import english

from crmselect.reporting.workdays import WorkCalendar


def _run(code: str) -> str:
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=300, check=True)
    return result.stdout


def test_a_country_calendar_does_not_list_every_country(monkeypatch):
    # holidays.list_supported_countries() looked up every country's subdivisions (0.1 s)
    import holidays

    def refuse(*args, **kwargs):
        raise AssertionError("every country was listed")

    monkeypatch.setattr(holidays, "list_supported_countries", refuse)
    monkeypatch.setattr(holidays.utils, "list_supported_countries", refuse)
    cal = WorkCalendar.for_country("TR")
    assert cal.country == "TR" and not cal.is_workday(dt.date(2027, 10, 29))


def test_weekend_calendars_do_not_import_holidays():
    out = _run("import sys, datetime as dt\n"
               "from crmselect.reporting.workdays import WorkCalendar, add_workdays\n"
               "add_workdays(dt.date(2027, 1, 1), 3)\n"
               "WorkCalendar.for_country('ZZ').add_workdays(dt.date(2027, 1, 1), 3)\n"
               "print('holidays.countries.turkey' in sys.modules)\n")
    assert out.strip() == "False"


def test_the_known_countries_are_those_holidays_lists():
    import holidays

    from crmselect.reporting.workdays import _known_country

    listed = set(holidays.list_supported_countries())
    assert all(_known_country(code) for code in listed)
    assert not any(_known_country(code) for code in ("ZZ", "XX", "", "T", "TURK", "tr"))


@pytest.mark.parametrize("code", ["TR", "TUR", " tr "])
def test_a_country_by_any_of_its_codes_has_its_holidays(code):
    cal = WorkCalendar.for_country(code, "tr")
    assert cal.country is not None
    assert cal.holiday(dt.date(2027, 10, 29)) == "Cumhuriyet Bayramı"
    assert cal.half_day(dt.date(2027, 10, 28))  # the arife of 29 Ekim: a morning's work


def test_an_unknown_country_has_weekends_only():
    cal = WorkCalendar.for_country("ZZ")
    assert cal.country is None
    assert cal.is_workday(dt.date(2027, 10, 29))


# --- validate's build check: the evaluation, not the documents' contexts --------------------


def _raise_sites(folder) -> list[str]:
    """``module.function`` of every ``raise`` statement in the modules of ``folder``."""
    import ast

    sites = []
    for path in sorted(folder.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for func in ast.walk(tree):
            if isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
                sites += [f"{path.stem}.{func.name}" for node in ast.walk(func)
                          if isinstance(node, ast.Raise)]
    return sorted(set(sites))


def test_the_document_contexts_refuse_nothing_that_the_build_check_skips():
    # check_buildable runs the evaluation only, because no document context raises a user
    # error for a loaded project; a new raise in the reporting layer must be checked there too.
    from pathlib import Path

    import crmselect.reporting

    folder = Path(crmselect.reporting.__file__).parent
    assert _raise_sites(folder) == ["migration_context.resolve_vendor"]


def test_validate_imports_no_holiday_calendar_nor_document_context(sample_project, tmp_path):
    from test_cli_startup_lean import modules_imported_by

    names = modules_imported_by("validate", str(sample_project), cache=tmp_path / "cache")
    contexts = {n for n in names if n.startswith("crmselect.reporting.") and n.endswith("_context")}
    assert not contexts, sorted(contexts)
    assert not names & {"holidays", "importlib.metadata", "email"}, sorted(
        names & {"holidays", "importlib.metadata", "email"})


def test_the_build_check_still_refuses_what_the_evaluation_refuses(sample_project):
    import yaml

    from crmselect.errors import CrmselectError
    from crmselect.project import load_project
    from crmselect.reporting.buildcheck import check_buildable

    check_buildable(load_project(sample_project))  # the sample builds
    path = sample_project / "project.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["weights"] = {"criteria": {"functional": 0, "integration": 0, "non_functional": 0,
                                    "test_drive": 10, "cost": 0, "references": 0}}
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    (sample_project / "scores.yaml").unlink()
    loaded = load_project(sample_project)
    with pytest.raises(CrmselectError) as exc:
        check_buildable(loaded)
    assert "every criterion that has data weighs 0" in "\n".join(exc.value.lines(english))
    with pytest.raises(CrmselectError):
        check_buildable(loaded, method="nonsense")  # the method is the evaluation's to check


# --- the bundled data cache's hit path ------------------------------------------------------


def test_a_cache_entry_is_read_without_cycle_collection_passes(monkeypatch, tmp_path):
    # Unpickling the catalog makes thousands of objects, none in a cycle; the collector's
    # passes over them cost as much as the unpickling itself.
    import gc
    import pickle

    from crmselect import bundlecache

    monkeypatch.setenv("CRMSELECT_CACHE_DIR", str(tmp_path / "cache"))
    source = tmp_path / "data.yaml"
    source.write_text("a: 1\n", encoding="utf-8")
    built = []
    value = bundlecache.cached("test kind", [source], lambda: built.append(1) or {"a": [1, 2]},
                               lambda found: isinstance(found, dict))
    assert value == {"a": [1, 2]} and built == [1]
    seen = []
    real = pickle.loads  # the entry's bytes, once their checksum is checked
    monkeypatch.setattr(bundlecache.pickle, "loads",
                        lambda data: seen.append(gc.isenabled()) or real(data))
    assert gc.isenabled()
    again = bundlecache.cached("test kind", [source], lambda: built.append(2) or {},
                               lambda found: isinstance(found, dict))
    assert again == {"a": [1, 2]} and built == [1]  # read from the cache, not built again
    assert seen == [False]  # no collection pass while reading …
    assert gc.isenabled()  # … and the collector is back on afterwards


def test_a_damaged_cache_entry_still_turns_the_collector_back_on(monkeypatch, tmp_path):
    import gc

    from crmselect import bundlecache

    monkeypatch.setenv("CRMSELECT_CACHE_DIR", str(tmp_path / "cache"))
    source = tmp_path / "data.yaml"
    source.write_text("a: 1\n", encoding="utf-8")
    bundlecache.cached("test kind", [source], lambda: [1], lambda found: True)
    [entry] = (tmp_path / "cache").glob("*.pickle")
    entry.write_bytes(entry.read_bytes()[:-3])  # cut short
    assert bundlecache.cached("test kind", [source], lambda: [2], lambda found: True) == [2]
    assert gc.isenabled()


# --- the cycle collector ---------------------------------------------------------------------


def _collector_state_while_loading(monkeypatch, *args: str) -> tuple[list[bool], int]:
    import gc

    from click.testing import CliRunner

    import crmselect.project
    from crmselect.cli import main

    seen = []
    real = crmselect.project.load_project

    def spy(*a, **k):
        seen.append(gc.isenabled())
        return real(*a, **k)

    monkeypatch.setattr(crmselect.project, "load_project", spy)
    assert gc.isenabled()
    result = CliRunner().invoke(main, list(args), env={"CRMSELECT_LANG": "en"})
    assert gc.isenabled()  # back on for whatever runs next in the process
    return seen, result.exit_code


@pytest.mark.parametrize("command", ["score", "sensitivity", "validate"])
def test_reading_commands_run_without_the_cycle_collector(monkeypatch, sample_project, command):
    seen, code = _collector_state_while_loading(monkeypatch, command, str(sample_project))
    assert code == 0 and seen and not any(seen)


def test_a_failing_reading_command_turns_the_collector_back_on(monkeypatch, tmp_path):
    seen, code = _collector_state_while_loading(monkeypatch, "score", str(tmp_path / "none"))
    assert code == 1 and seen == [False]


def test_other_commands_keep_the_cycle_collector(monkeypatch, sample_project):
    seen, code = _collector_state_while_loading(monkeypatch, "status", str(sample_project))
    assert code == 0 and seen and all(seen)


def test_what_a_reading_command_made_is_set_aside_then_given_back(monkeypatch, sample_project):
    # gc.freeze(): the collector's first pass after the command would go over all of it; the
    # next command of the same process (tests) gives it back to the collector.
    import gc

    try:
        _collector_state_while_loading(monkeypatch, "score", str(sample_project))
        assert gc.get_freeze_count() > 0
        seen, code = _collector_state_while_loading(monkeypatch, "status", str(sample_project))
        assert code == 0 and all(seen)
        assert gc.get_freeze_count() == 0
    finally:
        gc.unfreeze()


# --- YAML: libyaml's tag resolution ----------------------------------------------------------

MIXED_YAML = """\
a: 1
b: '1'
c: "yes"
d: yes
e: [1.5, '2', null, ~, true, 2027-01-02, 1e5, 0x1F, text, "quoted"]
f: {x: 1, 'y': two, z: [a, {b: c}]}
g: |
  block text
h: >
  folded
i: !!str 12
j: &anchor {k: 1}
l: *anchor
m:
  - - nested
    - 3
  - n: o
'': empty key
"""


def _tags(node) -> list[tuple[str, str]]:
    import yaml

    out = [(type(node).__name__, node.tag)]
    if isinstance(node, yaml.SequenceNode):
        for child in node.value:
            out += _tags(child)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            out += _tags(key) + _tags(value)
    return out


def test_the_fast_loader_resolves_every_node_as_the_safe_loader_does():
    import yaml

    from crmselect import yamlfile

    if yamlfile._FAST_LOADER is None:
        pytest.skip("PyYAML without libyaml")
    fast = yaml.compose(MIXED_YAML, Loader=yamlfile._FAST_LOADER)
    pure = yaml.compose(MIXED_YAML, Loader=yaml.SafeLoader)
    assert _tags(fast) == _tags(pure)
    assert len(_tags(fast)) > 40


def test_the_fast_loader_asks_the_resolver_once_per_plain_text(monkeypatch):
    import yaml

    from crmselect import yamlfile

    if yamlfile._FAST_LOADER is None:
        pytest.skip("PyYAML without libyaml")
    asked = []
    real = yaml.resolver.BaseResolver.resolve

    def spy(self, kind, value, implicit):
        asked.append((kind.__name__, value))
        return real(self, kind, value, implicit)

    monkeypatch.setattr(yaml.resolver.BaseResolver, "resolve", spy)
    text = "scores:\n" + "".join(
        "- {evaluator: ayse, vendor: odoo, score: 4, note: 'Gösterildi.'}\n" for _ in range(50))
    yaml.compose(text, Loader=yamlfile._FAST_LOADER)
    # the plain texts, once each; no quoted text, mapping or list goes to the resolver
    assert sorted(asked) == sorted({("ScalarNode", v) for v in (
        "scores", "evaluator", "ayse", "vendor", "odoo", "score", "4", "note")})


# --- the score table: each distinct figure formatted once ------------------------------------


def test_the_score_table_formats_each_distinct_figure_once(monkeypatch):
    from crmselect.cli import scoring
    from crmselect.i18n.formatting import format_number, format_percent

    calls = []
    monkeypatch.setattr(scoring, "format_number",
                        lambda *a: calls.append(("n", *a)) or format_number(*a))
    monkeypatch.setattr(scoring, "format_percent",
                        lambda *a: calls.append(("p", *a)) or format_percent(*a))
    scoring._number.cache_clear()
    scoring._pct.cache_clear()
    try:
        shown = [scoring._number(v, lang) for _ in range(500) for v in (2.5, 4.0, 1234567.25)
                 for lang in ("en", "tr")]
        shown += [scoring._pct(0.35, "tr") for _ in range(100)]
        shown += [scoring._number(4, "en", 0), scoring._number(4.0, "en", 0)]
    finally:
        scoring._number.cache_clear()
        scoring._pct.cache_clear()
    assert shown[:6] == ["2.5", "2,5", "4.0", "4,0", "1,234,567.2", "1.234.567,2"]
    assert shown[-102:] == ["%35"] * 100 + ["4", "4"]
    assert len(calls) == 6 + 1 + 2  # once per value, language and digits (int and float apart)


# --- YAML: a plain value repeated thousands of times is read once ----------------------------


def test_a_repeated_plain_value_is_read_once(monkeypatch, tmp_path):
    from crmselect import yamlfile

    read = []
    real = yamlfile._Builder._scalar
    monkeypatch.setattr(yamlfile._Builder, "_scalar",
                        lambda self, node: read.append(node.value) or real(self, node))
    text = "scores:\n" + "".join(
        f"- {{evaluator: ayse, vendor: odoo, score: 4, at: 2027-01-0{i % 3 + 1}, "
        f"note: 'Gösterildi.'}}\n" for i in range(30))
    doc = yamlfile.parse_text(text, tmp_path / "scores.yaml")
    assert doc.data["scores"][29] == {"evaluator": "ayse", "vendor": "odoo", "score": 4,
                                      "at": dt.date(2027, 1, 3), "note": "Gösterildi."}
    assert doc.positions[("scores", 29, "note")] == (31, 67)
    assert doc.key_positions[("scores", 29, "score")] == (31, 35)
    plain = [v for v in read if v != "Gösterildi."]
    assert sorted(plain) == sorted({"scores", "evaluator", "ayse", "vendor", "odoo", "score",
                                    "4", "at", "2027-01-01", "2027-01-02", "2027-01-03",
                                    "note"})
    assert read.count("Gösterildi.") == 30  # quoted text is not remembered (nothing to gain)


def test_a_repeated_bad_value_is_reported_at_every_place(tmp_path):
    from crmselect import yamlfile
    from crmselect.errors import CrmselectError

    big = "9" * 400
    text = f"a: {big}\nb: [{big}, 1]\n"
    with pytest.raises(CrmselectError) as exc:
        yamlfile.parse_text(text, tmp_path / "f.yaml")
    assert [(i.line, i.column) for i in exc.value.issues] == [(1, 4), (2, 5)]


@pytest.mark.parametrize("command", ["score", "sensitivity"])
def test_reading_commands_do_not_import_the_project_lock(sample_project, tmp_path, command):
    from test_cli_startup_lean import modules_imported_by

    names = modules_imported_by(command, str(sample_project), cache=tmp_path / "cache")
    assert not names & {"crmselect.projectlock", "socket"}, sorted(
        names & {"crmselect.projectlock", "socket"})


# Issue 15, fourth round: a cache entry's pydantic models are read back in one call each.
def test_cached_models_are_read_back_without_pydantics_setstate(monkeypatch, tmp_path):
    from pydantic import BaseModel, ValidationError

    from crmselect import bundlecache
    from crmselect.model import AreasFile, Text

    monkeypatch.setenv("CRMSELECT_CACHE_DIR", str(tmp_path / "cache"))
    text = Text(en="Sales", tr="Satış")
    areas = AreasFile.model_validate({"areas": [{
        "id": "operational", "name": {"en": "Operational", "tr": "Operasyonel"},
        "description": {"en": "Day to day work.", "tr": "Günlük işler."},
        "groups": [{"id": "sales", "name": {"en": "Sales", "tr": "Satış"},
                    "problem": {"en": "Leads are lost.", "tr": "Fırsatlar kaçıyor."}}]}]})
    source = tmp_path / "source.yaml"
    source.write_text("x: 1\n", encoding="utf-8")
    built = []

    def build():
        built.append(1)
        return {"text": text, "areas": [areas]}

    first = bundlecache.cached("test models", [source], build, lambda found: True)

    def refuse(self, state):  # pragma: no cover - fails the test if pickle calls it
        raise AssertionError("pydantic's __setstate__ was called")

    monkeypatch.setattr(BaseModel, "__setstate__", refuse)
    again = bundlecache.cached("test models", [source], build, lambda found: True)
    assert built == [1]  # read from the entry, not built again
    assert again == first and again is not first
    read = again["areas"][0].areas[0]
    assert type(read) is type(areas.areas[0]) and read == areas.areas[0]
    assert read.__pydantic_fields_set__ == areas.areas[0].__pydantic_fields_set__
    assert read.__pydantic_extra__ is None and read.__pydantic_private__ is None
    assert read.groups[0].name == text and again["areas"][0].model_dump() == areas.model_dump()
    with pytest.raises(ValidationError):  # still frozen
        read.id = "analytical"
