"""A bad value in a project's YAML is shown as the user wrote it, not as Python holds it:
``true`` not ``True``, an empty value as "nothing", ``1.10`` not ``1.1``; a percent typed
where a plain number goes gets its hint (the hostile tester's leftovers, round two)."""

from __future__ import annotations

import pytest

from crmselect.errors import CrmselectError
from crmselect.i18n import text
from crmselect.project import load_project


def _problems(project, replacements: dict[str, str], lang: str = "en") -> dict[str, str]:
    path = project / "project.yaml"
    content = path.read_text(encoding="utf-8")
    for old, new in replacements.items():
        assert old in content, old
        content = content.replace(old, new, 1)
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CrmselectError) as err:
        load_project(project)
    return {i.where: text(i.message, lang) + " | " + text(i.hint, lang)
            for i in err.value.issues}


def test_a_boolean_and_an_empty_value_are_shown_as_yaml_writes_them(sample_project):
    found = _problems(sample_project, {"  horizon_years: 5": "  horizon_years: true",
                                       "  unverified_discount: 0.2": "  unverified_discount:"})
    assert "got true |" in found["tco.horizon_years"]
    assert "got nothing (the value is empty)" in found["scoring.unverified_discount"]
    assert "True" not in str(found) and "None" not in str(found)


def test_the_same_in_turkish(sample_project):
    found = _problems(sample_project, {"  horizon_years: 5": "  horizon_years: false",
                                       "  unverified_discount: 0.2": "  unverified_discount:"},
                      lang="tr")
    assert "verilen değer: false" in found["tco.horizon_years"]
    assert "verilen değer: boş (değer yazılmamış)" in found["scoring.unverified_discount"]


def test_a_number_is_shown_as_written(sample_project):
    found = _problems(sample_project, {'{version: "0.9"': "{version: 1.10"})
    assert found["documents.version"].startswith("expected text, got 1.10 |")


def test_a_percent_outside_a_percentage_field_says_how_to_write_it(sample_project):
    found = _problems(sample_project, {"  unverified_discount: 0.2": "  unverified_discount: 20%"})
    message = found["scoring.unverified_discount"]
    assert "got '20%'" in message and "without the percent sign" in message and "(0.2)" in message
