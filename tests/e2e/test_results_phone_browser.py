"""The facilitator's results page on a phone (390×844) and on a laptop (1366×768), in English
and Turkish, in a real browser: every chart's names and figures (the winner's total, the
robustness shares, the costs) are on the screen, not cut off at its edge nor left beyond a
sideways scroll, and large enough to read. Screenshots go to ``CRMSELECT_SCREENSHOTS``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest_web import PASSWORD

from crmselect.evaluationdb import settings

#: Every text of the charts that are shown: where it ends, the width of the screen, its size.
TEXTS = """() => {
  const screen = document.documentElement.clientWidth;
  const out = [];
  document.querySelectorAll('svg.chart').forEach(svg => {
    if (svg.getBoundingClientRect().width === 0) { return; }  // not shown at this width
    svg.querySelectorAll('text').forEach(t => {
      const box = t.getBoundingClientRect();
      let clip = svg.parentElement.getBoundingClientRect();
      out.push({text: t.textContent, left: box.left, right: box.right,
                clipLeft: Math.max(0, clip.left), clipRight: Math.min(screen, clip.right),
                height: box.height});
    });
  });
  return out;
}"""


@pytest.fixture
def results_site(web_project: Path, app_factory) -> Iterator[str]:  # noqa: ANN001
    """The web test project with scores of two evaluators, revealed, served on loopback."""
    from conftest_web import live_server

    app = app_factory(web_project)
    ayse, mehmet = (app.test_client().as_user(p) for p in ("ayse", "mehmet"))
    for vendor, (a, m) in {"odoo": (5, 1), "espocrm": (3, 4), "suitecrm": (2, 2)}.items():
        ayse.save_score(vendor, "INT-FIN-001", a, "shown live with balances and invoices")
        mehmet.save_score(vendor, "INT-FIN-001", m, "yalnızca CSV ile aktarım")
        ayse.save_score(vendor, "CUS-SFA-001", 4)
        mehmet.save_score(vendor, "INT-FIN-002", 4)
    with app.extensions["crmselect"].db.write() as s:
        settings.reveal(s, "selin")
    with live_server(app, threads=4) as base:
        yield base


@pytest.mark.parametrize("width, height", [(390, 844), (1366, 768)])
@pytest.mark.parametrize("lang", ["en", "tr"])
def test_every_chart_text_is_on_the_screen(browser, results_site: str, shots: Path,
                                           lang: str, width: int, height: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": height},
                                  locale="en-GB")
    page = context.new_page()
    page.goto(f"{results_site}/login")
    page.fill("input[name=username]", "selin")
    page.fill("input[name=password]", PASSWORD)
    page.click("button.primary")
    page.click(f".langswitch button[value={lang}]")
    page.goto(f"{results_site}/results/")
    page.screenshot(path=str(shots / f"results-{lang}-{width}.png"), full_page=True)
    texts = page.evaluate(TEXTS)
    shown = {t["text"] for t in texts}
    winner = "74.9" if lang == "en" else "74,9"
    assert winner in shown and ("137,080 EUR" if lang == "en" else "137.080 EUR") in shown
    for t in texts:
        assert t["left"] >= t["clipLeft"] - 1 and t["right"] <= t["clipRight"] + 1, t
        assert t["height"] >= 12, t  # about 10 px type or larger
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    # The ranking table: every cell on the screen (on a phone one line per figure).
    cells = page.evaluate("""() => Array.from(document.querySelectorAll(
        'table.ranking th, table.ranking td')).filter(c => c.getBoundingClientRect().width > 0)
        .map(c => [c.textContent.trim(), c.getBoundingClientRect().right])""")
    assert cells and all(right <= width for _, right in cells), cells
    context.close()


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_marked_scores_fit_a_phone_screen(browser, web_project: Path, app_factory,  # noqa: ANN001
                                          shots: Path, lang: str) -> None:
    """Scores changed after the reveal, on a phone: the results list them one block per score
    (their table of five columns made the whole page wider than the screen, zoomed out), and
    the consensus view wraps the mark and a pasted link in the note's narrow column
    ("açıklamadan sonra değişti" on one line, or the link, pushed the page past the screen's
    edge, cut)."""
    from conftest_web import live_server

    from crmselect.evaluationdb import permits

    app = app_factory(web_project)
    ayse, mehmet = (app.test_client().as_user(p) for p in ("ayse", "mehmet"))
    ayse.save_score("odoo", "INT-FIN-001", 3)
    mehmet.save_score("odoo", "INT-FIN-001", 1, "yalnızca CSV ile aktarım: https://crm-eval."
                      "example.com/demo/odoo/recordings/2027-02-23/logo-connector-csv-export"
                      "?step=3&lang=tr")
    with app.extensions["crmselect"].db.write() as s:
        settings.reveal(s, "selin")
        permits.grant(s, actor="selin", kind="reopen", evaluator="ayse", vendor="odoo",
                      reason="Demo seen again")
    ayse.save_score("odoo", "INT-FIN-001", 5, "Logo connector shown live with balances")
    ayse.save_score("odoo", "INT-ECM-002", 4)
    with live_server(app, threads=4) as base:
        context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                                      locale="en-GB")
        page = context.new_page()
        page.goto(f"{base}/login")
        page.fill("input[name=username]", "selin")
        page.fill("input[name=password]", PASSWORD)
        page.click("button.primary")
        page.click(f".langswitch button[value={lang}]")
        for path, cells, rows in [("/results/", "#marked-scores td", 2),
                                  ("/facilitator/consensus", "table.opinions td", 2)]:
            page.goto(f"{base}{path}")
            assert page.locator(cells).locator("xpath=..").count() >= rows
            name = path.strip("/").replace("/", "-")
            page.screenshot(path=str(shots / f"marked-{name}-{lang}-390.png"), full_page=True)
            # A phone zooms a page wider than its screen out: it is then wider than 390.
            assert page.evaluate("window.innerWidth") == 390, path
            assert page.evaluate("document.documentElement.scrollWidth") <= 390, path
            right = page.evaluate(f"""() => Math.max(...Array.from(document.querySelectorAll(
                {cells!r}), c => c.getBoundingClientRect().right))""")
            assert right <= 390, path
        context.close()
