"""Points between two totals in a warning (a lead, the worth of the disagreements) are written
with the totals' one decimal: "by 1.0 points" / "1,0 puan", never "by 1 points"."""

from __future__ import annotations

import pytest

from crmselect.i18n import text as render_text
from crmselect.scoring.results import ScoringWarning


@pytest.mark.parametrize(("lang", "lead", "swing"), [("en", "1.0", "3.5"), ("tr", "1,0", "3,5")])
def test_a_whole_lead_keeps_its_decimal(lang: str, lead: str, swing: str) -> None:
    warning = ScoringWarning("lead_within_disagreements", {
        "winner": "odoo", "runner_up": "hubspot", "lead": 1.0, "swing": 3.5,
        "_names": {"odoo": "Odoo", "hubspot": "HubSpot"}})
    text = render_text(warning.message(), lang)
    assert f" {lead} " in text and f" {swing} " in text, text
    close = ScoringWarning("no_clear_winner_no_mc", {"winner": "odoo", "runner_up": "hubspot",
                                                     "lead": 2.0})
    assert f" {'2.0' if lang == 'en' else '2,0'} " in render_text(close.message(), lang)
