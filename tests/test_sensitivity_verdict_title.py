"""`crmselect sensitivity` heads its table with the verdict `score` gives
(crmselect.scoring.verdict): a lead the open disagreements could undo and a first vendor nobody
scored are not called "the winner" there either, in English and Turkish."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from test_web_results_verdict import _unscored, _winner, _within_disagreements

from crmselect.cli import main

CASES = {
    "winner": (_winner, "Sensitivity of the winner (Odoo) to the criteria weights",
               "Kazananın (Odoo) kriter ağırlıklarına duyarlılığı"),
    "lead_within_disagreements": (
        _within_disagreements,
        "No clear winner: Odoo leads SuiteCRM by less than the open evaluator disagreements "
        "are worth. Sensitivity of the first-ranked (Odoo) to the criteria weights",
        "Açık bir kazanan yok: Odoo, SuiteCRM karşısındaki farkı, çözülmemiş değerlendirici "
        "görüş ayrılıklarının etkisinden küçük. Birinci sıradakinin (Odoo) kriter "
        "ağırlıklarına duyarlılığı"),
    "unscored": (
        _unscored,
        "No winner named: EspoCRM is first on its own declarations, nobody scored it. "
        "Sensitivity of the first-ranked (EspoCRM) to the criteria weights",
        "Kazanan belirlenmedi: EspoCRM kendi beyanlarıyla birinci, hiç puanlanmadı. Birinci "
        "sıradakinin (EspoCRM) kriter ağırlıklarına duyarlılığı"),
}


@pytest.mark.parametrize("code", list(CASES))
@pytest.mark.parametrize("lang", ["en", "tr"])
def test_the_sensitivity_title_follows_the_verdict(code: str, lang: str, tmp_path: Path) -> None:
    build, english, turkish = CASES[code]
    root = build(tmp_path / "p")
    result = CliRunner().invoke(main, ["sensitivity", str(root), "--lang", lang])
    assert result.exit_code == 0, result.output
    first = result.stdout.splitlines()[0]
    assert first == (english if lang == "en" else turkish)
    if code != "winner":
        assert "winner (" not in result.stdout and "Kazananın" not in result.stdout


@pytest.mark.parametrize(("lang", "line"), [
    ("en", "Only one vendor (Odoo): no weight can change the ranking, so there is nothing to "
           "analyse. Add a second vendor to compare."),
    ("tr", "Yalnızca bir tedarikçi var (Odoo): hiçbir ağırlık sıralamayı değiştiremez, bu "
           "yüzden incelenecek bir duyarlılık yok. Karşılaştırmak için ikinci bir tedarikçi "
           "ekleyin.")])
def test_one_vendor_has_no_sensitivity_table(lang: str, line: str, tmp_path: Path) -> None:
    """One vendor: a table of "never" for every criterion said nothing; one line says why."""
    from verdictprojects import answers, crafted_project

    root = crafted_project(tmp_path / "p", {"odoo": answers("native")}, samples=50)
    result = CliRunner().invoke(main, ["sensitivity", str(root), "--lang", lang])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [line]
