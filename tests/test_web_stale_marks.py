"""A test-drive sheet opened in two tabs (or two windows, or two devices): a mark saved from
the sheet that is older than the mark it would replace is refused (409) with the mark as it is
now, in the person's language, and the person's own choice kept; saving again then replaces
it. As for scores (tests/test_web_stale_forms.py): the page's script and the plain form post
alike, on SQLite and PostgreSQL; a client that sends no stamp is not checked."""

from __future__ import annotations

import re

import pytest

from crmselect.evaluationdb import scores

REQ = "CUS-SFA-001"
SHEET = "/testdrive/odoo/SCN-DEALER"
CHANGED = {
    "en": ("This mark was changed in another window or tab after this page was opened: it is "
           "now “Shown live”. Save again to replace it with yours, or reload the page."),
    "tr": ("Bu işaret, sayfa açıldıktan sonra başka bir pencerede ya da sekmede değiştirildi: "
           "şu an “Canlı gösterildi”. Yerine kendi işaretinizi koymak için yeniden kaydedin ya "
           "da sayfayı yenileyin."),
}
CLEARED = {
    "en": ("This mark was cleared in another window or tab after this page was opened. Save "
           "again to give yours, or reload the page."),
    "tr": ("Bu işaret, sayfa açıldıktan sonra başka bir pencerede ya da sekmede temizlendi. "
           "Kendi işaretinizi vermek için yeniden kaydedin ya da sayfayı yenileyin."),
}


def stored(app) -> list[str]:
    with app.extensions["crmselect"].db.read() as s:
        return [m.shown for m in scores.demo_marks(s, evaluator="ayse", vendor="odoo")
                if m.requirement_id == REQ]


def mark_form(page: str, requirement: str = REQ) -> str:
    form = page[page.index(f'<tr id="m-{requirement}">'):]
    return form[:form.index("</form>")]


def sheet_stamp(client, requirement: str = REQ) -> str:
    """The stamp the test-drive sheet keeps in ``requirement``'s mark form."""
    found = re.search(r'name="stamp" value="([^"]*)"', mark_form(client.get(SHEET).text,
                                                                  requirement))
    assert found
    return found.group(1)


def mark(client, shown: str, stamp: str | None, json: bool = True, **extra: str):
    data = {"requirement": REQ, "shown": shown, **extra}
    if stamp is not None:
        data["stamp"] = stamp
    headers = {"Accept": "application/json"} if json else {}
    return client.post(f"{SHEET}/mark", data=data, headers=headers)


def test_a_mark_from_an_older_tab_does_not_overwrite_the_newer_one(make_client, app) -> None:
    old_tab = make_client("ayse")
    new_tab = make_client("ayse")
    opened = sheet_stamp(old_tab)
    assert opened == ""  # nothing marked when the first tab opened
    first = mark(new_tab, "live", sheet_stamp(new_tab))
    assert first.status_code == 200
    assert first.get_json()["stamp"] == sheet_stamp(new_tab) != ""
    refused = mark(old_tab, "slides", opened)
    assert refused.status_code == 409
    body = refused.get_json()
    assert body["ok"] is False and body["error"] == CHANGED["en"]
    assert body["requirement"] == REQ
    assert stored(app) == ["live"]
    # The answer carries the mark's stamp now: saving again (after the message) replaces it.
    assert body["stamp"] == first.get_json()["stamp"]
    again = mark(old_tab, "slides", body["stamp"])
    assert again.status_code == 200
    assert stored(app) == ["slides"]
    # The newer tab is now the older one: its save is refused, the mark kept.
    assert mark(new_tab, "not_shown", first.get_json()["stamp"]).status_code == 409
    assert stored(app) == ["slides"]
    # Clearing from an older page is a change too.
    cleared = mark(new_tab, "", first.get_json()["stamp"], action="clear")
    assert cleared.status_code == 409 and stored(app) == ["slides"]
    assert mark(new_tab, "", again.get_json()["stamp"], action="clear").status_code == 200
    assert stored(app) == []


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_without_javascript_the_sheet_says_so_and_keeps_the_persons_choice(make_client, app,
                                                                           lang: str) -> None:
    old_tab = make_client("ayse", lang=lang)
    new_tab = make_client("ayse", lang=lang)
    opened = sheet_stamp(old_tab)
    assert mark(new_tab, "live", opened).status_code == 200
    page = mark(old_tab, "not_shown", opened, json=False)
    assert page.status_code == 409
    form = mark_form(page.text)
    assert CHANGED[lang] in form and "status-error" in form
    # The person's own choice is shown, with the stamp of the mark as it is now.
    assert 'value="not_shown" checked' in form and 'value="live" checked' not in form
    now = re.search(r'name="stamp" value="([^"]*)"', form).group(1)
    assert now == sheet_stamp(new_tab) != opened
    assert stored(app) == ["live"]
    assert mark(old_tab, "not_shown", now, json=False).status_code == 302
    assert stored(app) == ["not_shown"]


@pytest.mark.parametrize("lang", ["en", "tr"])
def test_a_mark_cleared_in_another_tab_is_said_so(make_client, app, lang: str) -> None:
    old_tab = make_client("ayse", lang=lang)
    new_tab = make_client("ayse", lang=lang)
    assert mark(new_tab, "live", None).status_code == 200
    opened = sheet_stamp(old_tab)
    assert mark(new_tab, "", sheet_stamp(new_tab), action="clear").status_code == 200
    refused = mark(old_tab, "slides", opened)
    assert refused.status_code == 409
    assert refused.get_json()["error"] == CLEARED[lang]
    assert refused.get_json()["stamp"] == ""
    assert stored(app) == []
    # Marked again in the newer tab: a new time, so the older page is still older.
    assert mark(new_tab, "live", "").status_code == 200
    assert sheet_stamp(new_tab) != opened
    assert mark(old_tab, "slides", opened).status_code == 409
    assert stored(app) == ["live"]


def test_a_stale_mark_that_changes_nothing_is_no_conflict(make_client, app) -> None:
    old_tab = make_client("ayse")
    new_tab = make_client("ayse")
    opened = sheet_stamp(old_tab)
    assert mark(new_tab, "live", opened).status_code == 200
    assert mark(old_tab, "live", opened).status_code == 200  # both chose the same
    assert mark(new_tab, "", sheet_stamp(new_tab), action="clear").status_code == 200
    assert mark(old_tab, "", opened, action="clear").status_code == 200  # both cleared it
    assert stored(app) == []


def test_a_client_that_sends_no_stamp_is_not_checked(make_client, app) -> None:
    """Scripts that post marks without the page keep working, as for scores."""
    client = make_client("ayse")
    assert mark(client, "live", None).status_code == 200
    assert mark(client, "slides", None).status_code == 200
    assert stored(app) == ["slides"]


def test_a_stale_mark_after_the_reveal_is_refused_as_frozen(make_client, app) -> None:
    """The reveal's refusal comes first: saving again would not help."""
    from crmselect.evaluationdb import settings

    old_tab = make_client("ayse")
    new_tab = make_client("ayse")
    opened = sheet_stamp(old_tab)
    assert mark(new_tab, "live", opened).status_code == 200
    with app.extensions["crmselect"].db.write() as s:
        settings.reveal(s, "selin")
    refused = mark(old_tab, "slides", opened)
    assert refused.status_code == 403
    assert "Scores are frozen since the reveal" in refused.get_json()["error"]
    assert stored(app) == ["live"]
    assert 'name="stamp"' not in mark_form(old_tab.get(SHEET).text)  # read-only now


def test_a_bad_stamp_is_only_an_older_page(make_client, app) -> None:
    """A stamp that matches no mark (typed, cut, from another requirement) is refused like a
    stale page, never an error of the server; saving again with the answer's stamp works."""
    client = make_client("ayse")
    assert mark(client, "live", None).status_code == 200
    for bad in ("garbage", "1.2", "x" * 500):
        refused = mark(client, "slides", bad)
        assert refused.status_code == 409
    assert mark(client, "slides", refused.get_json()["stamp"]).status_code == 200
    assert stored(app) == ["slides"]
