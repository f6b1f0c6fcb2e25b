"""A scoring page opened in two tabs (or two windows, or two devices): a save from the page
that is older than the score it would replace is refused (409) with the score as it is now, in
the person's language, and the person's own choice kept; saving again then replaces it. The
page's script and the plain form post alike, on SQLite and PostgreSQL."""

from __future__ import annotations

import re

import pytest

from crmselect.evaluationdb import scores

TARGET = "INT-FIN-001"
STALE = {
    "en": ("This score was changed in another window or tab after this page was opened: it is "
           "now 3. Save again to replace it with yours, or reload the page."),
    "tr": ("Bu puan, sayfa açıldıktan sonra başka bir pencerede ya da sekmede değiştirildi: şu "
           "an 3. Yerine kendi puanınızı koymak için yeniden kaydedin ya da sayfayı yenileyin."),
}


def stored(app) -> list[tuple[float, str]]:
    with app.extensions["crmselect"].db.read() as s:
        return [(r.score, r.note) for r in scores.scores(s, evaluator="ayse", vendor="odoo")
                if r.target == TARGET]


def page_stamp(client, target: str = TARGET) -> str:
    """The stamp the scoring page keeps in ``target``'s form."""
    page = client.get("/vendors/odoo").text
    form = page[page.index(f'id="t-{target}"'):]
    found = re.search(r'name="stamp" value="([^"]*)"', form[:form.index("</form>")])
    assert found, form[:2000]
    return found.group(1)


def save(client, score: object, note: str, stamp: str | None, json: bool = True, **extra):
    data = {} if stamp is None else {"stamp": stamp}
    return client.save_score("odoo", TARGET, score, note, json=json, **data, **extra)


def test_a_save_from_an_older_tab_does_not_overwrite_the_newer_score(make_client, app) -> None:
    old_tab = make_client("ayse")
    new_tab = make_client("ayse")
    opened = page_stamp(old_tab)
    assert opened == ""  # nothing scored when the first tab opened
    first = save(new_tab, 3, "shown in the demo", page_stamp(new_tab))
    assert first.status_code == 200 and first.get_json()["stamp"] == page_stamp(new_tab) != ""
    refused = save(old_tab, 4, "", opened)
    assert refused.status_code == 409
    body = refused.get_json()
    assert body["ok"] is False and body["error"] == STALE["en"] and body["field"] == ""
    assert stored(app) == [(3.0, "shown in the demo")]
    # The answer carries the score's stamp now: saving again (after the message) replaces it.
    assert body["stamp"] == first.get_json()["stamp"]
    again = save(old_tab, 4, "", body["stamp"])
    assert again.status_code == 200
    assert stored(app) == [(4.0, "")]
    # The newer tab is now the older one.
    assert save(new_tab, 2, "", first.get_json()["stamp"]).status_code == 409
    assert stored(app) == [(4.0, "")]


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_without_javascript_the_page_says_so_and_keeps_the_persons_choice(make_client, app,
                                                                          lang: str) -> None:
    old_tab = make_client("ayse", lang=lang)
    new_tab = make_client("ayse", lang=lang)
    opened = page_stamp(old_tab)
    assert save(new_tab, 3, "", opened).status_code == 200
    page = save(old_tab, 5, "best of the three", opened, json=False)
    assert page.status_code == 409
    assert STALE[lang] in page.text
    form = page.text[page.text.index(f'id="t-{TARGET}"'):]
    form = form[:form.index("</form>")]
    # The person's own choice is shown, with the stamp of the score as it is now.
    assert 'value="5" checked' in form and "best of the three</textarea>" in form
    now = re.search(r'name="stamp" value="([^"]*)"', form).group(1)
    assert now == page_stamp(new_tab) != opened
    assert stored(app) == [(3.0, "")]
    assert save(old_tab, 5, "best of the three", now, json=False).status_code == 302
    assert stored(app) == [(5.0, "best of the three")]


def test_a_score_cleared_and_given_again_in_another_tab_is_still_newer(make_client,
                                                                      app) -> None:
    """A score cleared and saved again starts at version 1 again: the stamp tells them apart."""
    old_tab = make_client("ayse")
    new_tab = make_client("ayse")
    assert save(new_tab, 3, "", "").status_code == 200
    opened = page_stamp(old_tab)
    assert save(new_tab, 0, "", opened, action="clear").status_code == 200
    cleared = save(old_tab, 4, "", opened)
    assert cleared.status_code == 409
    assert cleared.get_json()["error"].startswith("This score was cleared in another window")
    assert save(new_tab, 3, "", "").status_code == 200
    assert page_stamp(new_tab) != opened  # version 1 both times, another time
    assert save(old_tab, 4, "", opened).status_code == 409
    assert save(old_tab, 0, "", opened, action="clear").status_code == 409
    assert stored(app) == [(3.0, "")]


def test_a_stale_save_that_changes_nothing_is_no_conflict(make_client, app) -> None:
    old_tab = make_client("ayse")
    new_tab = make_client("ayse")
    opened = page_stamp(old_tab)
    assert save(new_tab, 3, "same", opened).status_code == 200
    assert save(old_tab, 3, "same", opened).status_code == 200  # both chose the same
    assert save(new_tab, 0, "", page_stamp(new_tab), action="clear").status_code == 200
    assert save(old_tab, 0, "", opened, action="clear").status_code == 200  # both cleared it
    assert stored(app) == []


def test_a_client_that_sends_no_stamp_is_not_checked(make_client, app) -> None:
    """Scripts that post scores without the page (the benchmarks) keep working."""
    client = make_client("ayse")
    assert save(client, 3, "", None).status_code == 200
    assert save(client, 4, "", None).status_code == 200
    assert stored(app) == [(4.0, "")]


def test_the_test_drive_sheet_keeps_its_scores_stamps_too(make_client, app) -> None:
    client = make_client("ayse")
    sheet = client.get("/testdrive/odoo/SCN-DEALER").text
    stamps = re.findall(r'name="stamp" value="([^"]*)"', sheet)
    assert stamps and set(stamps) == {""}
