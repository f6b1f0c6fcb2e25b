"""End to end: the bundled sample project is scored, explained and printed in both languages."""

from __future__ import annotations

import json
import math

from click.testing import CliRunner

from crmselect.cli import main
from crmselect.i18n import text
from crmselect.model import TOP_CRITERIA
from crmselect.scoring import evaluate


def test_the_sample_project_evaluates(sample_project):
    ev = evaluate(sample_project)
    assert ev.winner in ev.vendors
    assert not ev.vendors[ev.winner].knocked_out
    assert [r.rank for r in ev.ranking] == list(range(1, len(ev.vendors) + 1))
    assert math.isclose(sum(ev.criteria_weights.values()), 1.0)
    for vendor in ev.vendors.values():
        assert 0 <= vendor.total <= 100
        assert [c.criterion for c in vendor.criteria] == list(TOP_CRITERIA)
        assert math.isclose(sum(c.contribution for c in vendor.criteria), vendor.total)
        for crit in vendor.criteria:
            assert crit.score is None or 0 <= crit.score <= 5
    assert ev.monte_carlo is not None
    assert math.isclose(sum(ev.monte_carlo.p_first.values()), 1.0)
    json.dumps(ev.to_dict())
    for warning in ev.warnings:  # every warning has its text in both languages
        assert text(warning.message(), "en") and text(warning.message(), "tr")


def test_the_sample_project_prints_in_both_languages(sample_project):
    for lang, winner in (("en", "Winner: "), ("tr", "Kazanan: ")):
        result = CliRunner().invoke(main, ["score", str(sample_project), "--lang", lang])
        assert result.exit_code == 0, result.stderr
        assert winner in result.stdout
    result = CliRunner().invoke(main, ["sensitivity", str(sample_project), "--samples", "500"])
    assert result.exit_code == 0, result.stderr
