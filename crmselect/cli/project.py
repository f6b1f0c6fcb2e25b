"""Commands over a project folder and the catalog: init, validate, catalog, vendors, schema."""

from __future__ import annotations

from pathlib import Path

import click

from crmselect.i18n import render_messages
from crmselect.i18n import text as render_text
from crmselect.i18n.compat import current_language, t

LANG = click.Choice(["en", "tr"])
FORMAT = click.Choice(["table", "json"])


def _lang(value: str | None) -> str:
    return value or current_language()


def print_table(rows: list[list[str]], headers: list[str], widths: list[int] | None = None) -> None:
    """Print rows as aligned columns; the last column takes what is left and is not cut.
    Control characters in a vendor's text are shown escaped (a newline forges no row)."""
    from crmselect.textsafety import printable

    rows = [[printable(str(c)) for c in row] for row in rows]
    widths = widths or [max(len(str(r[i])) for r in [headers, *rows]) for i in range(len(headers))]

    def fit(text: str, width: int) -> str:
        text = str(text)
        return text if len(text) <= width else text[: width - 1] + "…"

    def line(cells: list[str]) -> str:
        parts = [fit(c, w).ljust(w) for c, w in zip(cells[:-1], widths[:-1], strict=True)]
        return "  ".join([*parts, str(cells[-1])]).rstrip()

    click.echo(line(headers))
    click.echo("  ".join("-" * w for w in widths))
    for row in rows:
        click.echo(line(row))


def _check_folder_name(directory: Path) -> None:
    """A new project folder's name a user can see and type again: not blank, no line break or
    other control character (``init " "`` and ``init $'a\\nb'`` made such folders, and the
    list of files written broke its lines in the middle of a name)."""
    import unicodedata

    from crmselect.errors import CrmselectError, Issue, msg

    names = [part for part in directory.parts if part not in ("/", "\\")]
    if not names or any(not part.strip() or any(
            unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") for c in part) for part in names):
        raise CrmselectError(Issue(file=repr(str(directory)),
                                   message=msg("init_folder_name")))


@click.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--lang", type=LANG, help="Language of the comments and texts written.")
@click.option("--sample", is_flag=True, help="Write the bundled sample project instead.")
@click.option("--force", is_flag=True,
              help="Write into a folder that is not empty (never deletes).")
def init(directory: Path, lang: str | None, sample: bool, force: bool) -> None:
    """Create a project folder from the catalog, or the sample project with --sample.

    \b
    Examples:
      crmselect init acme --lang tr
      crmselect init demo --sample
    """
    from crmselect.catalog import load_catalog
    from crmselect.scaffold import copy_sample, scaffold_project

    _check_folder_name(directory)
    if sample:
        written = copy_sample(directory, force=force, lang=_lang(lang))
    else:
        written = scaffold_project(directory, load_catalog(), lang=_lang(lang), force=force)
    for path in written:
        click.echo(str(path))


@click.command()
@click.argument("directory", default=".", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=FORMAT, default="table", show_default=True)
@click.option("--lang", type=LANG, help="Language of the summary (default: the project's).")
def validate(directory: Path, fmt: str, lang: str | None) -> None:
    """Check every file of a project and print its summary; report every problem at once.

    With --format json an invalid project prints {"valid": false, "problems": [...]} on
    stdout (file, line, column, field, message, hint, code of each) and exits 1.

    \b
    Example:
      crmselect validate acme
      crmselect validate acme --format json
    """
    from crmselect.errors import CrmselectError
    from crmselect.project import load_project
    from crmselect.reporting.buildcheck import check_buildable
    from crmselect.summary import project_summary

    try:
        loaded = load_project(directory)
        check_buildable(loaded)  # what build would refuse, validate refuses
    except CrmselectError as exc:
        if fmt != "json":
            raise
        shown = lang or current_language()
        problems = exc.as_dicts(lambda message: render_text(message, shown))
        import json

        click.echo(json.dumps({"valid": False, "problems": problems}, indent=2,
                              ensure_ascii=False))
        raise SystemExit(1) from None
    from crmselect.scoring.weights import area_weights_note

    lang = lang or loaded.language
    facts = project_summary(loaded, lang)
    summary = render_messages(facts, lang)
    summary["headers"] = {k: v.split("|") for k, v in summary["headers"].items()}
    note = area_weights_note(loaded)
    from crmselect.documentstrings import unread_names
    from crmselect.reporting.unusedweights import unused_weight_issues
    from crmselect.sluglabels import unlabelled_note, unlabelled_slugs

    if fmt == "json":
        import json

        click.echo(json.dumps({"valid": True, **summary,
                               "area_weights_defaulted": note.to_dict(render_text)
                               if note else None,
                               "whole_catalog": not loaded.project.requirements,
                               "unlabelled_codes": [{"kind": kind, "code": code} for kind, code
                                                    in unlabelled_slugs(loaded)],
                               "unread_strings": [i.format(lambda m: render_text(m, lang))
                                                  for i in unread_names(loaded.root)],
                               "unused_weights": [
                                   i.format(lambda m: render_text(m, lang))
                                   for i in unused_weight_issues(loaded)]},
                              indent=2, ensure_ascii=False, default=str))
        return
    from crmselect.errors import msg

    counts = summary["counts"]  # each count with its own plural ("1 scenario", "3 vendors")
    click.echo(t("valid_counts", lang, path=directory,
                 requirements=msg("count_requirements", n=counts["requirements"]),
                 vendors=msg("count_vendors", n=counts["vendors"]),
                 scenarios=msg("count_scenarios", n=counts["scenarios"]),
                 scorers=msg("count_scorers", n=counts["evaluators"])))
    click.echo("")
    readable = _ReadableSummary(loaded, lang)  # in English too: words, not open_source
    for (key, _), (label, shown) in zip(facts["facts"], summary["facts"], strict=True):
        if readable:
            shown = readable.fact(key, shown)
        click.echo(f"  {label}: {shown}")
    click.echo("")
    rows = [[a["area"], a["group"], str(a["count"]), str(a["must"])] for a in summary["groups"]]
    if readable:
        rows = [[readable.area(a["area"]), readable.group(a["group"]), n, m]
                for (_, _, n, m), a in zip(rows, summary["groups"], strict=True)]
    print_table(rows, summary["headers"]["groups"])
    if summary["vendors"]:
        click.echo("")
        rows = [[v["id"], v["name"], v["responses"],
                 readable.pricing(v["id"], v["pricing"]) if readable else v["pricing"]]
                for v in summary["vendors"]]
        print_table(rows, summary["headers"]["vendors"])
    if note:
        click.echo(f"\n! {render_text(note.message(), lang)}")
    from crmselect.i18n.formatting import humanize

    unlabelled = unlabelled_note(loaded, humanize)  # documents would show "Hasta iliskileri"
    if unlabelled:
        click.echo(f"\n! {render_text(unlabelled, lang)}")
    if not loaded.project.requirements:  # an empty list selects the whole catalog
        click.echo("\n! " + t("validate_whole_catalog", lang, n=len(loaded.catalog.entries)))
    for unread in unread_names(loaded.root):  # a typo there changes no document, silently
        click.echo("\n! " + unread.format(lambda m: render_text(m, lang)))
    for unused in unused_weight_issues(loaded):  # the scores follow the AHP matrix instead
        click.echo("\n! " + unused.format(lambda m: render_text(m, lang)))


class _ReadableSummary:
    """The validate summary as a reader reads it (review row 72), in Turkish and English:
    milestone names and 15.01.2027 (15/01/2027) dates, area and group names, licence models in
    words, TL for TRY."""

    def __init__(self, loaded, lang: str) -> None:
        from crmselect.catalog import load_catalog
        from crmselect.documents.strings import load_namespace

        self.loaded, self.lang = loaded, lang
        catalog = load_catalog()
        self.areas = {a.id: a.name.get(lang) for a in catalog.areas}
        self.groups = {g.id: g.name.get(lang) for a in catalog.areas for g in a.groups}
        rfp, workbook = load_namespace("rfp"), load_namespace("workbook")
        self.milestones = {k: v.get(lang, k) for k, v in
                           rfp.get("timeline", {}).get("milestone", {}).items()}
        self.licences = {k: v.get(lang, k) for k, v in workbook.get("licence_model", {}).items()}

    def fact(self, key: str, value: object) -> object:
        from crmselect.i18n.formatting import currency_label, format_short_date

        project, code = self.loaded.project, getattr(key, "code", None)
        if code == "summary_currency":
            return currency_label(project.currency, self.lang)
        if code == "summary_timeline":
            dates = project.timeline  # its fields, not model_dump(): see summary.py
            timeline = {k: v for k in type(dates).model_fields if (v := getattr(dates, k))}
            return ", ".join(f"{self.milestones.get(k, k)} {format_short_date(v, self.lang)}"
                             for k, v in timeline.items())
        return value

    def area(self, area_id: str) -> str:
        return self.areas.get(area_id) or area_id

    def group(self, group_id: str) -> str:
        return self.groups.get(group_id) or group_id

    def pricing(self, vendor_id: str, shown: str) -> str:
        from crmselect.i18n.formatting import currency_label

        pricing = self.loaded.vendors[vendor_id].pricing
        if not pricing:
            return shown
        return (f"{self.licences.get(pricing.licence_model, pricing.licence_model)}, "
                f"{currency_label(pricing.currency, self.lang)}")


@click.group(invoke_without_command=True)
@click.option("--lang", type=LANG, help="Language of the texts shown.")
@click.pass_context
def catalog(ctx: click.Context, lang: str | None) -> None:
    """Browse the requirements catalog; with no subcommand, show the counts per area and group.

    \b
    Examples:
      crmselect catalog
      crmselect catalog list --area operational --priority must
      crmselect catalog show OPS-SFA-001 --lang tr
      crmselect catalog search "kredi limiti"
    """
    ctx.obj = _lang(lang)
    if ctx.invoked_subcommand is None:
        from crmselect.catalog import load_catalog

        cat = load_catalog()
        rows = []
        for area in cat.areas:
            for group in area.groups:
                n = sum(1 for e in cat.entries.values() if e.group == group.id)
                rows.append([area.id, group.id, str(n)])
        print_table(rows, t("catalog_summary_headers", ctx.obj).split("|"))
        click.echo("\n" + t("catalog_summary_counts", ctx.obj, requirements=len(cat.entries),
                              kpis=len(cat.kpis), scenarios=len(cat.scenarios),
                              terms=len(cat.glossary)))


def _entry_dict(entry, lang: str) -> dict:
    req = entry.requirement
    out = {
        "id": req.id, "area": entry.area, "group": entry.group, "topic": req.topic,
        "title": req.title.get(lang), "description": req.description.get(lang),
        "priority": req.priority, "phases": list(req.phases),
        "acceptance_criteria": [c.get(lang) for c in req.acceptance_criteria],
        "kpis": list(req.kpis),
    }
    if req.integration:
        out["integration"] = req.integration.model_dump()
        out["integration"]["example_systems"] = [
            x if isinstance(x, str) else x.get(lang) for x in req.integration.example_systems]
    return out


def _filters(f):
    f = click.option("--area", help="Only this area (operational, analytical, …).")(f)
    f = click.option("--group", help="Only this group (sales_automation, …).")(f)
    f = click.option("--phase", help="Only requirements serving this lifecycle phase.")(f)
    f = click.option("--priority", help="Only this default priority (must, should, …).")(f)
    f = click.option("--format", "fmt", type=FORMAT, default="table", show_default=True)(f)
    return f


def _select(text: str | None, area, group, phase, priority, lang: str) -> list:
    from crmselect.catalog import load_catalog
    from crmselect.errors import CrmselectError, did_you_mean, msg
    from crmselect.model import AREAS, PHASES, PRIORITIES

    cat = load_catalog()
    groups = {g.id for a in cat.areas for g in a.groups}
    for value, allowed, name in ((area, AREAS, "area"), (group, groups, "group"),
                                 (phase, PHASES, "phase"), (priority, PRIORITIES, "priority")):
        if value and value not in allowed:
            hint = did_you_mean(value, allowed) or msg("cli_one_of",
                                                       choices=", ".join(sorted(allowed)))
            raise click.BadParameter(render_text(msg("with_hint", message=msg(
                f"cli_no_such_{name}", value=value), hint=hint), lang), param_hint=f"--{name}")
    from crmselect.catalogsearch import CatalogSearch

    finder = CatalogSearch(cat, text) if text else None
    found = []
    for entry in cat.entries.values():
        req = entry.requirement
        if (area and entry.area != area) or (group and entry.group != group) or (
            phase and phase not in req.phases
        ) or (priority and req.priority != priority):
            continue
        if finder and not finder.matches(entry):
            continue
        found.append(entry)
    if finder:  # what the title names first ("çağrı merkezi": the call-centre requirements
        found.sort(key=lambda entry: not finder.in_title(entry))  # before one that mentions it)
    if text is not None and not found:
        from crmselect.textsafety import printable, shortened  # a pasted page stays one line

        raise CrmselectError(t("catalog_search_none", lang, text=printable(shortened(text))))
    return found


def _show_entries(entries: list, lang: str, fmt: str, text: str | None = None) -> None:
    if fmt == "json":
        import json

        click.echo(json.dumps([_entry_dict(e, lang) for e in entries], indent=2,
                              ensure_ascii=False))
        return
    from crmselect.catalog import load_catalog  # cached: the one _select read
    from crmselect.documents.strings import load_namespace

    groups = {g.id: g.name.get(lang) for a in load_catalog().areas for g in a.groups}
    priorities = {k: v.get(lang, k) for k, v in load_namespace("common")["priority"].items()}
    rows = [[e.id, groups.get(e.group, e.group),
             priorities.get(e.requirement.priority, e.requirement.priority),
             e.requirement.title.get(lang)] for e in entries]
    print_table(rows, t("catalog_list_headers", lang).split("|"))
    key = "catalog_list_count" if text is None else "catalog_search_count"
    n = len(entries)
    click.echo("\n" + t(key, lang, n=n, text=text))


@catalog.command("list")
@_filters
@click.pass_obj
def catalog_list(lang: str, area, group, phase, priority, fmt) -> None:
    """List requirements, filtered by area, group, phase or priority.

    \b
    Example:
      crmselect catalog list --area operational --priority must --lang tr
    """
    _show_entries(_select(None, area, group, phase, priority, lang), lang, fmt)


@catalog.command("search")
@click.argument("text")
@_filters
@click.pass_obj
def catalog_search(lang: str, text: str, area, group, phase, priority, fmt) -> None:
    """Find requirements whose id, title, description or example systems contain TEXT.

    Matching ignores case (Turkish-aware) and searches both languages.

    \b
    Example:
      crmselect catalog search "kredi limiti" --lang tr
    """
    _show_entries(_select(text, area, group, phase, priority, lang), lang, fmt, text)


@catalog.command("show")
@click.argument("requirement_id")
@click.option("--format", "fmt", type=FORMAT, default="table", show_default=True)
@click.pass_obj
def catalog_show(lang: str, requirement_id: str, fmt: str) -> None:
    """Show one requirement in full.

    \b
    Example:
      crmselect catalog show OPS-SFA-001 --lang tr
    """
    from crmselect.catalog import load_catalog
    from crmselect.errors import CrmselectError, did_you_mean

    cat = load_catalog()
    entry = cat.entries.get(requirement_id.upper())
    if entry is None:
        from crmselect.errors import Issue, msg

        raise CrmselectError(Issue(file="", message=msg("project_no_requirement_id",
                                                        id=requirement_id),
                                   hint=did_you_mean(requirement_id.upper(), cat.entries)))
    data = _entry_dict(entry, lang)
    if fmt == "json":
        import json

        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    from crmselect.documentstrings import common_word

    # the reader's words for the codes (the JSON keeps the codes): "Operasyonel CRM › Satış
    # gücü otomasyonu · Zorunlu", not "operational › sales_automation · must" in Turkish
    def label(kind: str, code: str) -> str:
        return common_word(kind, code, lang)

    names = {a.id: a.name.get(lang) for a in cat.areas}
    names |= {g.id: g.name.get(lang) for a in cat.areas for g in a.groups}
    click.echo(f"{data['id']}  {data['title']}")
    click.echo(f"{names.get(data['area'], data['area'])} › "
               f"{names.get(data['group'], data['group'])} · "
               f"{label('priority', data['priority'])} · "
               f"{', '.join(label('phase', p) for p in data['phases'])}")
    click.echo(f"\n{data['description']}\n")
    for crit in data["acceptance_criteria"]:
        click.echo(f"  ✓ {crit}")
    if data["kpis"]:
        click.echo(f"\nKPI: {', '.join(data['kpis'])}")
    if "integration" in data:
        integ = data["integration"]
        click.echo(f"\n{label('system', integ['category'])}: "
                   f"{', '.join(integ['example_systems'])} "
                   f"({', '.join(label('pattern', p) for p in integ['pattern'])}, "
                   f"{label('direction', integ['direction'])})")


@click.group()
def vendors() -> None:
    """Browse vendor profiles (bundled ones, and a project's own with --project).

    \b
    Examples:
      crmselect vendors list
      crmselect vendors show suitecrm --format json
    """


@vendors.command("list")
@click.option("--project", "project_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Also list the vendor profiles in this project's vendors/ folder.")
@click.option("--format", "fmt", type=FORMAT, default="table", show_default=True)
def vendors_list(project_dir: Path | None, fmt: str) -> None:
    """List vendor profiles with product, deployment and licence model.

    \b
    Example:
      crmselect vendors list --project acme
    """
    from crmselect.errors import CrmselectError
    from crmselect.model import localize
    from crmselect.project import find_vendor_files, load_vendor

    profiles, problems = [], []
    for path in find_vendor_files(project_dir).values():
        try:
            profiles.append(load_vendor(path))
        except CrmselectError as exc:
            problems.extend(exc.issues)
    if fmt == "json":
        import json

        click.echo(json.dumps([p.model_dump(mode="json", exclude={"responses"})
                               for p in profiles], indent=2, ensure_ascii=False))
    else:
        product = {p.id: localize(p.product, current_language()) for p in profiles}
        rows = [[p.id,
                 product[p.id] + (" *" if p.illustrative else "") + (" †" if p.desk_research
                                                                    else ""),
                 ", ".join(p.deployment), p.licence.model, str(len(p.responses)),
                 p.as_of.isoformat()] for p in profiles]
        print_table(rows, t("vendors_list_headers").split("|"))
        if any(p.illustrative for p in profiles):
            click.echo("\n" + t("vendors_illustrative"))
        if any(p.desk_research for p in profiles):
            click.echo(("" if any(p.illustrative for p in profiles) else "\n")
                       + t("vendors_desk_research"))
    if problems:
        raise CrmselectError(problems, what="vendor_not_loaded")


@vendors.command("show")
@click.argument("vendor_id")
@click.option("--project", "project_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Also look for the profile in this project's vendors/ folder.")
@click.option("--format", "fmt", type=FORMAT, default="table", show_default=True)
def vendors_show(vendor_id: str, project_dir: Path | None, fmt: str) -> None:
    """Show one vendor profile and a count of its declared compliance levels.

    \b
    Example:
      crmselect vendors show odoo --lang tr
    """
    from collections import Counter

    from crmselect.errors import CrmselectError, Issue, did_you_mean, msg
    from crmselect.model import localize
    from crmselect.project import find_vendor_files, load_vendor

    files = find_vendor_files(project_dir)
    if vendor_id not in files:
        raise CrmselectError(Issue(file="", message=msg("project_no_vendor", id=vendor_id),
                                   hint=did_you_mean(vendor_id, files)))
    profile = load_vendor(files[vendor_id])
    if fmt == "json":
        import json

        click.echo(json.dumps(profile.model_dump(mode="json"), indent=2, ensure_ascii=False))
        return
    from crmselect.documents.strings import load_namespace
    from crmselect.i18n.formatting import format_short_date

    lang = current_language()
    words = {**load_namespace("workbook").get("licence_model", {}),
             **load_namespace("common").get("compliance", {})}

    deployment = load_namespace("common").get("deployment", {})
    language_names = load_namespace("common").get("language_name", {})

    def word(slug: str) -> str:  # Turkish: the shared vocabulary; English keeps the codes
        entry = words.get(slug)
        return entry.get(lang, slug) if lang != "en" and isinstance(entry, dict) else slug

    click.echo(f"{profile.name} — {localize(profile.product, lang)} "
               f"{localize(profile.edition, lang)}".rstrip())
    if profile.illustrative:
        click.echo(t("vendor_show_illustrative", lang))
    if profile.desk_research:
        click.echo(t("vendors_show_desk_research", lang))
    facts = [
        ("deployment", ", ".join(deployment.get(d, {}).get(lang, d)
                                 for d in profile.deployment)),
        ("licence", f"{word(profile.licence.model)} "
                    f"{localize(profile.licence.name, lang)}".strip()),
        ("languages", ", ".join(language_names.get(x, {}).get(lang, x) if isinstance(x, str)
                                else localize(x, lang) for x in profile.languages)),
        ("currencies", ", ".join(profile.currencies)),
        ("hosting", ", ".join(localize(x, lang) for x in profile.hosting_regions)),
        ("certifications", ", ".join(localize(x, lang) for x in profile.certifications)),
        ("integrations", ", ".join(localize(x, lang) for x in profile.native_integrations)),
        ("source", profile.source),
        ("as_of", format_short_date(profile.as_of, lang) if lang == "tr"
         else profile.as_of.isoformat()),
    ]
    for key, value in facts:
        if value:
            click.echo(f"  {t('vendor_fact_' + key, lang)}: {value}")
    counts = Counter(r.compliance for r in profile.responses.values())
    click.echo(f"  {t('vendor_fact_compliance', lang)}: "
               + ", ".join(f"{word(k)} {v}" for k, v in counts.most_common()))


@click.command()
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              default=Path("schemas"), show_default=True, help="Folder to write into.")
@click.option("--kind", help="Print the schema of one file kind to stdout instead.")
def schema(out_dir: Path, kind: str | None) -> None:
    """Write the JSON Schema of every file kind, for editors (yaml-language-server).

    \b
    Examples:
      crmselect schema --out acme/schemas
      crmselect schema --kind project > project.schema.json
    """
    from crmselect.errors import CrmselectError, did_you_mean, msg
    from crmselect.scaffold import json_schemas, write_schemas

    schemas = json_schemas()
    if kind:
        if kind not in schemas:
            hint = did_you_mean(kind, schemas) or msg("cli_one_of", choices=", ".join(schemas))
            raise CrmselectError(msg("with_hint", message=msg("cli_no_such_kind", value=kind),
                                     hint=hint))
        click.echo(schemas[kind], nl=False)
        return
    for path in write_schemas(out_dir):
        click.echo(str(path))


@click.command()
@click.argument("directory", default=".", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=FORMAT, default="table", show_default=True)
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]),
              help="Judge the timeline on this day (YYYY-MM-DD) instead of today.")
@click.option("--db", "db_url", metavar="URL",
              help="The evaluation database (default: DIR/evaluation.db when it exists, "
              "else the scores in scores.yaml).")
@click.option("--lang", type=LANG, help="Language of the texts (default: the project's).")
def status(directory: Path, fmt: str, today, db_url: str | None, lang: str | None) -> None:
    """Where the selection stands: each step from the needs to go-live, done, in progress,
    not started or overdue against the timeline, with the next action and its command.

    \b
    Examples:
      crmselect status acme
      crmselect status acme --format json --today 2027-02-15
    """
    import datetime as dt

    from crmselect.project import DATABASE_FILE, load_project
    from crmselect.selectionstatus import evidence_from_database, selection_status

    loaded = load_project(directory)
    lang = _lang(lang)
    evidence = None
    if db_url or (directory / DATABASE_FILE).is_file():  # SQLAlchemy only for a database
        from crmselect.evaluationdb.engine import open_project_database

        db = open_project_database(directory, db_url, create=False, lang=lang, read_only=True)
        try:
            evidence = evidence_from_database(db)
        finally:
            db.dispose()
    found = selection_status(loaded, today.date() if today else dt.date.today(), evidence)
    data = status_dict(found, loaded, lang)
    if fmt == "json":
        import json

        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    _print_status(data, lang)


def status_dict(found, loaded, lang: str) -> dict:
    """The selection status as JSON-ready data with its texts in ``lang`` (the web page
    shows the same)."""
    from crmselect.errors import msg
    from crmselect.i18n import text
    from crmselect.model import localize

    def day(value):
        return value.isoformat() if value else None

    return {
        "project": localize(loaded.project.name, lang), "today": found.today.isoformat(),
        "source": found.source,
        "steps": [{
            "id": step.id, "title": text(msg(f"status_step_{step.id}"), lang),
            "state": step.state, "state_text": text(msg(f"status_state_{step.state}"), lang),
            "due": day(step.due), "done_on": day(step.on),
            "detail": text(step.detail, lang) or None,
            "next_action": text(step.action, lang) or None,
            "command": step.command, "page": step.page,
            "evaluators": [p.to_dict() for p in step.evaluators],
        } for step in found.steps],
    }


_MARKS = {"done": "✓", "in_progress": "…", "not_started": "·", "overdue": "!"}


def _print_status(data: dict, lang: str) -> None:
    import datetime as dt

    from crmselect.i18n.formatting import format_short_date

    def day(value: str | None) -> str:
        return format_short_date(dt.date.fromisoformat(value), lang) if value else ""

    click.echo(t("status_title", lang, project=data["project"]))
    if data["source"] == "no_scores":
        click.echo(t("status_today_no_scores", lang, date=day(data["today"])))
    else:
        click.echo(t("status_today", lang, date=day(data["today"]),
                     source=t(f"status_source_{data['source']}", lang)))
    click.echo("")
    headers = t("status_headers", lang).split("|")
    steps = data["steps"]
    widths = [max(len(str(c)) for c in column) for column in (
        [headers[0], *(s["title"] for s in steps)],
        [headers[1], *(f"{_MARKS[s['state']]} {s['state_text']}" for s in steps)],
        [headers[2], *(day(s["due"]) for s in steps)])]

    def line(cells: list[str]) -> str:
        return "  ".join([*(c.ljust(w) for c, w in zip(cells, widths, strict=False)),
                          cells[-1]]).rstrip()

    click.echo(line([*headers[:3], headers[3]]))
    click.echo("  ".join("-" * w for w in [*widths, len(headers[3])]))
    for s in steps:
        click.echo(line([s["title"], f"{_MARKS[s['state']]} {s['state_text']}", day(s["due"]),
                         s["detail"] or ""]))
        for person in s["evaluators"]:
            mark = "✓" if person["finished"] else " "
            click.echo(f"    {mark} {person['name']} ({person['id']}): "
                       f"{person['given']}/{person['expected']}")
        if s["next_action"]:
            click.echo(f"    → {s['next_action']}")
            if s["command"]:
                click.echo(f"      $ {s['command']}")
            if s["page"]:
                click.echo(f"      {t('status_page', lang)}: {s['page']}")


COMMANDS = [init, validate, catalog, vendors, schema, status]
