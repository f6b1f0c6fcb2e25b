"""The setup pages for the organisation, and for budget and timeline.

Form fields are named by their place in project.yaml (``organisation.name``,
``users[1].count``): the loader's problems then land at their field. Rows left blank are
dropped; the remaining rows are renumbered, and a problem's row number is mapped back to the
row on the page.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from flask import request
from flask_babel import gettext as _

from crmselect.errors import msg
from crmselect.setupproposals import proposed_timeline
from crmselect.webapp import setupfile
from crmselect.webapp.access import allow
from crmselect.webapp.i18n import core_text
from crmselect.webapp.setupcommon import bp, commit, render, root

BLANK_ROWS = 3
TIMELINE = ("rfp_issued", "questions_due", "responses_due", "test_drives_start",
            "test_drives_end", "decision", "contract", "kickoff", "go_live")
_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


def number(text: str) -> Any:
    """A typed number as int or float; other text is kept, for the loader to name the field."""
    value = text.strip().replace(" ", "").replace("_", "")
    if not value:
        return None
    if _NUMBER.match(value):
        return float(value) if "." in value else int(value)
    if re.match(r"^-?\d{1,3}(,\d{3})+$", value):  # 250,000
        return int(value.replace(",", ""))
    return text.strip()


def words(text: str) -> list[str]:
    """A comma- or line-separated list of codes."""
    return [w.strip() for w in re.split(r"[,\n]", text) if w.strip()]


def flex(en: str, tr: str) -> Any:
    """A text in one language or both (``{en, tr}``); None when both are empty."""
    en, tr = en.strip(), tr.strip()
    if en and tr and en != tr:
        return setupfile.flow({"en": en, "tr": tr})
    return en or tr or None


def flex_values(name: str, value: Any) -> dict[str, str]:
    if isinstance(value, dict):
        return {f"{name}.en": str(value.get("en", "")), f"{name}.tr": str(value.get("tr", ""))}
    return {f"{name}.en": "" if value is None else str(value), f"{name}.tr": ""}


def rows(prefix: str, fields: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """The posted rows ``prefix[i].field``, each with its row number, blank rows dropped."""
    found: dict[int, dict[str, str]] = {}
    pattern = re.compile(re.escape(prefix) + r"\[(\d{1,3})\]\.(\w+(?:\.\w+)?)$")
    for key in request.form:
        match = pattern.match(key)
        if match and match.group(2) in fields:
            found.setdefault(int(match.group(1)), {})[match.group(2)] = \
                request.form.get(key, "").strip()
    return [(i, row) for i, row in sorted(found.items()) if any(row.values())]


def renamer(lists: dict[str, list[int]]):  # noqa: ANN201 - a callable
    """Maps ``users[0].count`` in the saved list back to the row it came from on the page."""

    def rename(where: str) -> str:
        for prefix, numbers in lists.items():
            match = re.match(re.escape(prefix) + r"\[(\d+)\](.*)$", where)
            if match and int(match.group(1)) < len(numbers):
                return f"{prefix}[{numbers[int(match.group(1))]}]{match.group(2)}"
        return where

    return rename


def _again(page: str, **context: Any):  # noqa: ANN202
    return lambda errors, status: render(page, request.form.to_dict(), errors, status,
                                         blank=BLANK_ROWS, **context)


# --- organisation ------------------------------------------------------------------------------

def _org_values(data: Any) -> dict[str, str]:
    org = data.get("organisation") or {}
    values: dict[str, str] = {"language": str(data.get("language", "en"))}
    values.update(flex_values("name", data.get("name")))
    for key in ("name", "country", "employees"):
        values[f"organisation.{key}"] = str(org.get(key) or "")
    values.update(flex_values("organisation.industry", org.get("industry")))
    values.update(flex_values("organisation.description", org.get("description")))
    values["organisation.departments"] = ", ".join(org.get("departments") or [])
    values["organisation.channels"] = ", ".join(org.get("channels") or [])
    for i, group in enumerate(data.get("users") or []):
        for key in ("role", "count", "licence", "department"):
            values[f"users[{i}].{key}"] = str(group.get(key) or "")
    for i, system in enumerate(org.get("current_systems") or []):
        values.update(flex_values(f"organisation.current_systems[{i}].name", system.get("name")))
        values[f"organisation.current_systems[{i}].category"] = str(system.get("category", ""))
        values[f"organisation.current_systems[{i}].replace"] = "yes" if system.get(
            "replace") else ""
    records = (org.get("volumes") or {}).get("records") or {}
    entities = list(org.get("migrated_entities") or records)
    for i, entity in enumerate(dict.fromkeys([*entities, *records])):
        values[f"records[{i}].entity"] = str(entity)
        values[f"records[{i}].count"] = str(records.get(entity, ""))
    for i, objective in enumerate(data.get("objectives") or []):
        values.update(flex_values(f"objectives[{i}]", objective))
    return values


@bp.route("/organisation", methods=["GET", "POST"])
@allow("facilitator")
def organisation():
    pf = setupfile.read(root())
    if request.method == "GET":
        return render("organisation", _org_values(pf.data), blank=BLANK_ROWS)
    form = request.form
    data = pf.data
    old = {k: data.get(k) for k in ("name", "language", "organisation", "users", "objectives")}
    org = data.get("organisation")
    if not isinstance(org, setupfile.CommentedMap):
        org = setupfile.CommentedMap()
    setupfile.place(data, "name", flex(form.get("name.en", ""), form.get("name.tr", "")) or "")
    if form.get("language") in ("en", "tr"):
        setupfile.place(data, "language", form["language"])
    users = rows("users", ("role", "count", "licence", "department"))
    systems = rows("organisation.current_systems", ("name.en", "name.tr", "category", "replace"))
    records = rows("records", ("entity", "count"))
    objectives = rows("objectives", ("en", "tr"))
    setupfile.merge(org, {
        "name": form.get("organisation.name", "").strip(),
        "industry": flex(form.get("organisation.industry.en", ""),
                         form.get("organisation.industry.tr", "")),
        "country": form.get("organisation.country", "").strip().upper() or None,
        "employees": number(form.get("organisation.employees", "")),
        "description": flex(form.get("organisation.description.en", ""),
                            form.get("organisation.description.tr", "")),
        "departments": words(form.get("organisation.departments", "")),
        "channels": words(form.get("organisation.channels", "")),
        "current_systems": [setupfile.flow({
            "name": flex(r.get("name.en", ""), r.get("name.tr", "")) or "",
            "category": r.get("category", ""),
            **({"replace": True} if r.get("replace") else {}),
        }) for _i, r in systems],
        "migrated_entities": [r["entity"] for _i, r in records if r.get("entity")],
    })
    volumes = org.get("volumes")
    if not isinstance(volumes, setupfile.CommentedMap):
        volumes = setupfile.CommentedMap()
    counted = {r["entity"]: number(r.get("count", "")) for _i, r in records
               if r.get("entity") and r.get("count")}
    setupfile.merge(volumes, {"records": setupfile.flow(counted) if counted else None})
    setupfile.merge(org, {"volumes": volumes if volumes else None})
    setupfile.place(data, "organisation", org)
    setupfile.place(data, "users", [setupfile.flow({
        k: (number(v) if k == "count" else v) for k, v in r.items() if v
    }) for _i, r in users])
    setupfile.place(data, "objectives", [flex(r.get("en", ""), r.get("tr", "")) for _i, r in
                                         objectives])
    rename = renamer({"users": [i for i, _r in users],
                      "organisation.current_systems": [i for i, _r in systems],
                      "objectives": [i for i, _r in objectives]})

    def record_row(where: str, column: str) -> str | None:
        """``organisation.volumes.records.<entity>`` → that row's ``column`` on the page."""
        match = re.match(r"organisation\.volumes\.records\.(.+)$", where)
        if match:
            for i, r in records:
                if r.get("entity") == match.group(1):
                    return f"records[{i}].{column}"
        return None

    def place_record(where: str) -> str:
        found = record_row(where, "count")
        if found:
            return found
        match = re.match(r"organisation\.migrated_entities\[(\d+)\]$", where)
        if match and int(match.group(1)) < len(records):
            return f"records[{records[int(match.group(1))][0]}].entity"
        where = rename(where)
        return f"{where}.en" if re.fullmatch(
            r"organisation\.current_systems\[\d+\]\.name", where) else where

    checked: dict[str, str] = {}
    for i, r in records:
        if r.get("count") and not r.get("entity"):  # else dropped without a word
            checked[f"records[{i}].entity"] = _(
                "Say what these %(count)s records are (such as accounts or contacts).",
                count=r["count"])
        if isinstance(number(r.get("count", "")), str):  # said even when the entity is refused
            checked[f"records[{i}].count"] = core_text(msg(
                "load_whole_number", value=repr(r["count"]), limit=""))
    new = {k: data.get(k) for k in old}
    return commit("organisation", pf, "organisation", old, new, _again("organisation"),
                  place_record, rename_key=lambda where: record_row(where, "entity") or where,
                  checked=checked)


# --- budget and timeline -----------------------------------------------------------------------

def _budget_values(data: Any) -> dict[str, str]:
    tco = data.get("tco") or {}
    timeline = data.get("timeline") or {}
    values = {"currency": str(data.get("currency", "EUR"))}
    for key in ("horizon_years", "target_budget", "ceiling"):
        value = tco.get(key)
        values[f"tco.{key}"] = "" if value is None else f"{value:g}" if isinstance(
            value, float) else str(value)
    for i, (code, rate) in enumerate((data.get("exchange_rates") or {}).items()):
        values[f"rates[{i}].currency"] = str(code)
        values[f"rates[{i}].rate"] = ", ".join(str(r) for r in rate) if isinstance(
            rate, list) else str(rate)
    for key in TIMELINE:
        value = timeline.get(key)
        values[f"timeline.{key}"] = value.isoformat() if isinstance(value, dt.date) else str(
            value or "")
    return values


def _day(text: str) -> Any:
    text = text.strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return text


@bp.route("/budget", methods=["GET", "POST"])
@allow("facilitator")
def budget():
    pf = setupfile.read(root())
    data = pf.data
    if request.method == "GET":
        return render("budget", _budget_values(data), blank=BLANK_ROWS)
    form = request.form
    if form.get("action") == "propose":
        return _propose_timeline(data)
    old = {k: data.get(k) for k in ("currency", "exchange_rates", "tco", "timeline")}
    setupfile.place(data, "currency", form.get("currency", "").strip().upper() or None)
    rates = rows("rates", ("currency", "rate"))
    found = {}
    checked: dict[str, str] = {}
    for i, r in rates:
        code = r.get("currency", "").strip().upper()
        texts = [p.strip() for p in r.get("rate", "").split(",") if p.strip()]
        parts = [number(p) for p in texts]
        for text, part in zip(texts, parts, strict=True):
            if isinstance(part, str):  # said at the rate even when its currency is refused
                checked[f"rates[{i}].rate"] = core_text(msg("load_number", value=repr(text),
                                                            limit=""))
                break
        if code in found:  # EUR twice: one rate would silently replace the other
            checked[f"rates[{i}].currency"] = _(
                "%(code)s has a rate in an earlier row already: keep one row per currency.",
                code=code)
            continue
        found[code] = parts[0] if len(parts) == 1 else (parts or r.get("rate", ""))
    setupfile.place(data, "exchange_rates", setupfile.flow(found) if found else None)
    tco = data.get("tco")
    if not isinstance(tco, setupfile.CommentedMap):
        tco = setupfile.CommentedMap()
    setupfile.merge(tco, {key: number(form.get(f"tco.{key}", ""))
                          for key in ("horizon_years", "target_budget", "ceiling")})
    setupfile.place(data, "tco", tco if tco else None)
    timeline = data.get("timeline")
    if not isinstance(timeline, setupfile.CommentedMap):
        timeline = setupfile.CommentedMap()
    setupfile.merge(timeline, {key: _day(form.get(f"timeline.{key}", "")) for key in TIMELINE})
    setupfile.place(data, "timeline", timeline if timeline else None)

    def rate_row(where: str, column: str) -> str:
        """``exchange_rates.EUR`` (or ``….EUR[1]``) → that row's ``column`` on the page."""
        match = re.match(r"exchange_rates\.([^.\[]*)", where)
        if match:
            for i, r in rates:
                if r.get("currency", "").strip().upper() == match.group(1):
                    return f"rates[{i}].{column}"
        return where

    new = {k: data.get(k) for k in old}
    return commit("budget", pf, "budget", old, new, _again("budget"),
                  lambda where: rate_row(where, "rate"),
                  rename_key=lambda where: rate_row(where, "currency"), checked=checked)


def _propose_timeline(data: Any):  # noqa: ANN202
    """Fill the timeline from the go-live date (shown, not saved)."""
    values = request.form.to_dict()
    go_live = _day(values.get("timeline.go_live", ""))
    if not isinstance(go_live, dt.date):
        return render("budget", values, {"timeline.go_live": _(
            "Enter the go-live date (YYYY-MM-DD) to propose the other dates from it.")}, 422,
            blank=BLANK_ROWS)
    country = str((data.get("organisation") or {}).get("country") or "")
    for key, day in proposed_timeline(go_live, country).items():
        values[f"timeline.{key}"] = day.isoformat()
    return render("budget", values, proposed=True, blank=BLANK_ROWS)
