"""Commands over the scoring engine: score, sensitivity, ahp, scores export|import|push|pull."""

from __future__ import annotations

import contextlib
import functools
import io
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from crmselect.cli.project import print_table, vendors
from crmselect.i18n import text as render_text
from crmselect.i18n.compat import current_language, t
from crmselect.i18n.formatting import currency_label, format_number, format_percent, format_rate

LANG = click.Choice(["en", "tr"])
METHOD = click.Choice(["wsm", "topsis"])
CRITERIA = ("functional", "integration", "non_functional", "test_drive", "cost", "references")


def locks_project(command: Any) -> Any:
    """:func:`crmselect.projectlock.locks_project`, imported when a command that writes runs:
    ``score`` and ``sensitivity`` take no lock, and that module imports ``socket`` (3 ms)."""

    @functools.wraps(command)
    def locked(*args: Any, **kwargs: Any) -> Any:
        from crmselect import projectlock

        return projectlock.locks_project(command)(*args, **kwargs)

    return locked


# Each distinct figure is formatted once per language: the table of a large evaluation
# repeats the same few scores tens of thousands of times (every evaluator's score on every
# disagreement: 28,800 of them for 400 requirements × 8 vendors × 8 evaluators), and Babel
# parses its pattern and locale on every call (half of the command's time under cProfile).


@functools.lru_cache(maxsize=4096, typed=True)
def _number(value: float, lang: str, digits: int = 1) -> str:
    """``1,234,567.8`` / ``1.234.567,8`` (through the one formatting module)."""
    return format_number(value, lang, digits)


@functools.lru_cache(maxsize=4096, typed=True)
def _pct(value: float, lang: str, digits: int = 0) -> str:
    """``35%`` / ``%35``."""
    return format_percent(value, lang, digits)


@contextlib.contextmanager
def _progress(samples: int, lang: str) -> Iterator[Any]:
    """A progress callback drawing a bar on stderr when it is a terminal (None otherwise)."""
    if samples <= 0 or not sys.stderr.isatty():
        yield None
        return
    with click.progressbar(length=samples, label=t("mc_progress", lang), file=sys.stderr) as bar:
        yield lambda done, total: bar.update(done - bar.pos)


def _evaluate(directory: Path, method: str | None, samples: int | None, seed: int | None,
              lang: str | None, concentration: float | None = None, from_db: bool = False,
              db_url: str | None = None):
    from crmselect.project import load_project
    from crmselect.scoring import evaluate_project

    from_db = from_db or db_url is not None  # a database named is the one to read
    loaded = load_project(directory, scores=not from_db)
    lang = lang or loaded.language
    scores = _database_scores(directory, loaded, db_url, lang) if from_db else None
    n = loaded.project.scoring.monte_carlo_samples if samples is None else samples
    with _progress(n if len(loaded.vendors) > 1 else 0, lang) as progress:
        evaluation = evaluate_project(loaded, scores, method=method, monte_carlo_samples=samples,
                                      seed=seed, progress=progress, concentration=concentration)
    return loaded, evaluation, lang


def _database_scores(directory: Path, loaded, db_url: str | None, lang: str):
    """The evaluation database's records as columns, checked (``--from-db``)."""
    from crmselect.evaluationdb.engine import open_project_database
    from crmselect.evaluationdb.scorecolumns import read_columns

    # read-only and never migrated, as `status` does: an older schema is a one-line message
    db = open_project_database(directory, db_url, create=False, lang=lang, read_only=True)
    try:
        return read_columns(db, loaded, lang)
    finally:
        db.dispose()


FROM_DB = click.option(
    "--from-db", is_flag=True,
    help="Score with the evaluation database's records instead of scores.yaml (read "
         "directly, for large evaluations).")
#: --db of `score` and `sensitivity` (the same as `scores push`'s and `pull`'s).
SCORE_DB = click.option(
    "--db", "db_url", metavar="URL",
    help="SQLAlchemy URL of the evaluation database to score from (implies --from-db) "
         "[default: SQLite DIRECTORY/evaluation.db].")


#: The range of crmselect.scoring.sensitivity, repeated so that --help need not import numpy.
MIN_CONCENTRATION, MAX_CONCENTRATION = 1.0, 10_000.0
#: How far the Monte Carlo weights stray from the chosen ones (see the README).
CONCENTRATION = click.option(
    "--concentration", type=click.FloatRange(min=MIN_CONCENTRATION, max=MAX_CONCENTRATION),
    help="Monte Carlo Dirichlet concentration, 1 to 10000; higher keeps the sampled weights "
         "closer to the chosen ones (default: scoring.monte_carlo_concentration).")


@click.command()
@click.argument("directory", default=".", type=click.Path(path_type=Path))
@click.option("--method", type=METHOD, help="Aggregation method (default: the project's).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table",
              show_default=True)
@click.option("--lang", type=LANG, help="Language of the output (default: the project's).")
@click.option("--samples", type=click.IntRange(min=0),
              help="Monte Carlo samples (default: scoring.monte_carlo_samples).")
@click.option("--seed", type=click.IntRange(min=0),
              help="Monte Carlo seed (default: scoring.seed).")
@CONCENTRATION
@click.option("--risks", "all_risks", is_flag=True,
              help="List every custom development, add-on and roadmap promise (by default "
                   "a summary per vendor when there are many).")
@FROM_DB
@SCORE_DB
def score(directory: Path, method: str | None, fmt: str, lang: str | None,
          samples: int | None, seed: int | None, concentration: float | None,
          all_risks: bool, from_db: bool = False, db_url: str | None = None) -> None:
    """Score and rank the vendors of a project: totals, breakdown, knock-outs, warnings.

    \b
    Examples:
      crmselect score acme
      crmselect score acme --method topsis --lang tr
      crmselect score acme --risks
      crmselect score acme --format json > result.json
      crmselect score acme --from-db
    """
    loaded, ev, lang = _evaluate(directory, method, samples, seed, lang, concentration,
                                 from_db, db_url)
    if fmt == "json":
        import json

        click.echo(json.dumps(ev.to_dict(render_text), indent=2, ensure_ascii=False))
    elif fmt == "csv":
        click.echo(_score_csv(ev), nl=False)
    else:
        _score_table(loaded, ev, lang, all_risks)


def _score_csv(ev) -> str:
    import csv

    from crmselect.textsafety import safe_cell

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["rank", "vendor", "name", "total", "knocked_out", "tied", *CRITERIA, "tco",
                     "currency", "failing"])
    for entry in ev.ranking:
        vendor = ev.vendors[entry.vendor]
        crit = {c.criterion: c.score for c in vendor.criteria}
        writer.writerow([safe_cell(v) for v in (
            entry.rank, entry.vendor, entry.name, f"{entry.total:.2f}",
            str(entry.knocked_out).lower(), str(entry.tied).lower(),
            *("" if crit[c] is None else f"{crit[c]:.3f}" for c in CRITERIA),
            "" if vendor.tco.total is None else f"{vendor.tco.total:.2f}", ev.currency,
            " ".join(entry.failing))])
    return out.getvalue()


def _score_table(loaded, ev, lang: str, all_risks: bool = False) -> None:
    method = t(f"method_{ev.method}", lang)
    click.echo(t("score_title", lang, project=ev.project, method=method,
                 years=ev.horizon_years, currency=currency_label(ev.currency, lang)))
    click.echo("")
    active = [c for c in CRITERIA if c in ev.criteria_weights]
    headers = [t("score_col_rank", lang), t("score_col_vendor", lang), t("score_col_total", lang),
               *(t(f"crit_short_{c}", lang) for c in active),
               f"TCO ({currency_label(ev.currency, lang)})"]
    weights = ["", "", "", *(_pct(ev.criteria_weights[c], lang) for c in active), ""]
    rows = []
    for entry in ev.ranking:
        vendor = ev.vendors[entry.vendor]
        crit = {c.criterion: c.score for c in vendor.criteria}
        label = ("score_no_response" if entry.no_response
                 else "score_knocked" if entry.knocked_out else None)
        name = entry.name + (f" [{t(label, lang)}]" if label else "")
        tco = vendor.tco.total
        rows.append([_rank(entry), name, _number(entry.total, lang),
                     *(_number(crit[c], lang, 2) for c in active),
                     t("unpriced", lang) if tco is None else _number(tco, lang, 0)])
    _table(rows, [headers, weights], right_from=2)
    click.echo(t("score_scale_note", lang))
    if any(e.tied for e in ev.ranking):
        click.echo(t("score_tie_note", lang))
    for entry in ev.ranking:  # a TCO converted from another currency says at what rate
        tco = ev.tco[entry.vendor]
        if tco.priced and tco.source_currency and tco.source_currency != ev.currency \
                and tco.rates:
            rates = (format_rate(tco.rates[0], lang) if len(set(tco.rates)) == 1
                     else " / ".join(format_rate(r, lang) for r in tco.rates))
            click.echo(t("score_converted", lang, name=entry.name, rates=rates,
                         currency=currency_label(tco.source_currency, lang),
                         project=currency_label(ev.currency, lang)))
    click.echo("")
    from crmselect.scoring.hygiene import SHOWN_LEAD_POINTS
    from crmselect.scoring.ranking import shown_lead
    from crmselect.scoring.verdict import verdict

    said = verdict(ev)
    top = ev.vendors[said.first[0]] if said.first else None
    runner_up = ev.vendors[said.warning.params["runner_up"]] if said.warning else None
    if said.code == "tie":
        click.echo(t("score_tied_first", lang, names=", ".join(
            ev.vendors[v].name for v in said.first), total=_number(top.total, lang)))
    elif said.code == "too_close":
        lead = shown_lead(top.total, runner_up.total)
        click.echo(t("score_too_close", lang, name=top.name, total=_number(top.total, lang),
                     runner_up=runner_up.name, runner_up_total=_number(runner_up.total, lang),
                     lead=t("scoring_lead_under_tenth", lang) if lead < SHOWN_LEAD_POINTS
                     else _number(lead, lang)))
    elif said.code == "lead_within_disagreements":
        click.echo(t("score_lead_within_disagreements", lang, name=top.name,
                     total=_number(top.total, lang), runner_up=runner_up.name,
                     swing=_number(said.warning.params["swing"], lang)))
    elif said.code == "unscored":
        click.echo(t("score_unscored", lang, name=top.name, total=_number(top.total, lang)))
    elif said.code == "illustrative":
        click.echo(t("score_illustrative", lang, name=top.name,
                     total=_number(top.total, lang)))
    elif said.code == "winner" and runner_up is not None:  # a narrow lead: no clear winner
        click.echo(t("score_winner_narrow", lang, name=top.name, total=_number(top.total, lang),
                     runner_up=runner_up.name, runner_up_total=_number(runner_up.total, lang),
                     lead=_number(shown_lead(top.total, runner_up.total), lang)))
    elif said.code == "winner":
        click.echo(t("score_winner", lang, name=top.name, total=_number(top.total, lang)))
    else:
        click.echo(t("score_no_winner", lang))
    _area_table(loaded, ev, lang)
    _details(ev, lang, loaded.project.scoring.disagreement_spread, all_risks,
             {p.id: p.name for p in loaded.project.evaluators})


def _rank(entry) -> str:
    """A rank as shown in tables: ``1=`` when it is shared with another vendor."""
    return f"{entry.rank}=" if entry.tied else str(entry.rank)


def _table(rows: list[list[str]], headers: list[list[str]], right_from: int = 1) -> None:
    """Rows under one or more header lines; columns from ``right_from`` on align right."""
    widths = [max(len(r[i]) for r in [*headers, *rows]) for i in range(len(headers[0]))]

    def line(cells: list[str]) -> str:
        return "  ".join(c.rjust(w) if i >= right_from else c.ljust(w)
                         for i, (c, w) in enumerate(zip(cells, widths, strict=True))).rstrip()

    for header in headers:
        click.echo(line(header))
    click.echo("  ".join("-" * w for w in widths))
    for row in rows:
        click.echo(line(row))


def _area_table(loaded, ev, lang: str) -> None:
    vendors = [e.vendor for e in ev.ranking]
    rows = []
    first = ev.vendors[vendors[0]]
    for crit in first.criteria:
        for a_idx, area in enumerate(crit.areas):
            info = loaded.catalog.area(area.area)
            name = info.name.get(lang) if info else area.area
            rows.append([f"{name} {_pct(area.weight, lang)}", *(
                _number(ev.vendors[v].criteria[CRITERIA.index(crit.criterion)]
                        .areas[a_idx].score, lang, 2) for v in vendors)])
    if not rows:
        return
    click.echo("")
    click.echo(t("score_areas", lang))
    _table(rows, [[t("score_col_area", lang), *(ev.vendors[v].name for v in vendors)]])


#: Up to this many risk lines are listed one by one; more are summed up per vendor.
LISTED_RISKS = 15


def _compliance_word(code: str, lang: str) -> str:
    """A declared compliance level in a Turkish sentence as the documents write it
    ("Yapılandırılabilir"); an English sentence keeps the code ("declared configurable")."""
    if lang == "en":
        return code.replace("_", " ")
    from crmselect.documentstrings import common_word

    return common_word("compliance", code, lang)


def _risk_summary(ev, lang: str, names: dict[str, str]) -> None:
    for vendor_id in dict.fromkeys(r.vendor for r in ev.risks):
        vendor = names.get(vendor_id, vendor_id)
        mine = [r for r in ev.risks if r.vendor == vendor_id]
        custom = [r for r in mine if r.kind == "upgrade"]
        third = [r for r in mine if r.kind == "third_party"]
        understated = [r for r in mine if r.kind == "understated"]
        roadmap = sum(1 for r in mine if r.kind == "commitment")
        if custom or third or roadmap:  # (not "0 custom developments, 0 days (0 TL); …")
            click.echo("  " + t("risk_summary", lang, vendor=vendor, custom=len(custom),
                                days=_number(sum(r.effort_days for r in custom), lang, 0),
                                cost=_number(sum(r.cost for r in custom), lang, 0),
                                third=len(third),
                                per_year=_number(sum(r.cost_per_year for r in third), lang, 0),
                                roadmap=roadmap, currency=currency_label(ev.currency, lang)))
        if understated:
            click.echo("  " + t("risk_understated_summary", lang, vendor=vendor,
                                n=len(understated)))
    click.echo("  " + t("risk_summary_more", lang))


def _details(ev, lang: str, spread: float, all_risks: bool = False,
             people: dict[str, str] | None = None) -> None:
    """Knock-outs, disagreements, risks and warnings under the ranking; vendors and
    evaluators by their names (``people``: evaluator id → name), as in the ranking."""
    from crmselect.model import localize

    source = {s: t(f"source_{s}", lang) for s in ("evaluated", "declared", "consensus",
                                                  "no_answer")}
    names = {e.vendor: e.name for e in ev.ranking}
    people = people or {}
    if ev.knockouts:
        click.echo("")
        click.echo(t("score_knockouts", lang, threshold=_number(ev.knockouts[0].threshold, lang)))
        for f in ev.knockouts:
            click.echo("  " + t("score_knockout_line", lang, vendor=names.get(f.vendor, f.vendor),
                                requirement=f.requirement, score=_number(f.score, lang),
                                source=source[f.source]))
    if ev.disagreements:
        click.echo("")
        click.echo(t("score_disagreements", lang, spread=_number(spread, lang)))
        for d in ev.disagreements:
            consensus = ("" if d.consensus is None else
                         t("score_consensus_suffix", lang, score=_number(d.consensus, lang)))
            click.echo("  " + t("score_disagreement_line", lang,
                                vendor=names.get(d.vendor, d.vendor), target=d.target,
                                scores=", ".join(f"{people.get(s.evaluator, s.evaluator)} "
                                                 f"{_number(s.score, lang)}" for s in d.scores),
                                spread=_number(d.spread, lang), n=d.n_scorers,
                                consensus=consensus))
    if ev.risks:
        click.echo("")
        click.echo(t("score_risks", lang))
    if len(ev.risks) > LISTED_RISKS and not all_risks:
        _risk_summary(ev, lang, names)
    else:
        for r in ev.risks:
            vendor = names.get(r.vendor, r.vendor)
            cost = f"{_number(r.cost, lang, 0)} {currency_label(ev.currency, lang)}"
            if r.kind == "upgrade":
                text = t("risk_upgrade", lang, vendor=vendor, requirement=r.requirement,
                         days=_number(r.effort_days, lang, 0), cost=cost)
            elif r.kind == "third_party" and not r.cost:
                text = t("risk_third_party_included", lang, vendor=vendor,
                         requirement=r.requirement,
                         product=localize(r.product, lang) or "?")
            elif r.kind == "third_party":
                text = t("risk_third_party", lang, vendor=vendor, requirement=r.requirement,
                         product=localize(r.product, lang) or "?",
                         cost=f"{_number(r.cost_per_year, lang, 0)} "
                         f"{currency_label(ev.currency, lang)}")
            elif r.kind == "understated":
                text = t("risk_understated", lang, vendor=vendor, requirement=r.requirement,
                         declared=_compliance_word(r.compliance, lang),
                         score=_number(r.score or 0.0, lang))
            else:
                text = t("risk_commitment", lang, vendor=vendor, requirement=r.requirement,
                         date=r.promised_date or "?")
            click.echo("  " + text)
    if ev.warnings:
        click.echo("")
        click.echo(t("score_warnings", lang))
        for w in ev.warnings:
            click.echo(f"  ! {render_text(w.message(), lang)}")


@vendors.command("compare")
@click.argument("directory", default=".", type=click.Path(path_type=Path))
@click.option("--vendor", "vendor_ids", multiple=True, metavar="ID",
              help="Compare this vendor profile (repeatable; default: the project's vendors, "
                   "or every profile when the project lists none).")
@click.option("--all", "all_profiles", is_flag=True,
              help="Compare every vendor profile (bundled and the project's vendors/).")
@click.option("--method", type=METHOD, help="Aggregation method (default: the project's).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True)
@click.option("--lang", type=LANG, help="Language of the output (default: the project's).")
def vendors_compare(directory: Path, vendor_ids: tuple[str, ...], all_profiles: bool,
                    method: str | None, fmt: str, lang: str | None) -> None:
    """Desk research: the project's requirements scored from the vendor profiles alone.

    For the short-list before the RFP. The profiles' declared compliance and list prices
    stand in for answers; no response file and no evaluator score is used, and the output
    says so. Once vendors answer, `crmselect score` ranks their responses.

    \b
    Examples:
      crmselect vendors compare acme
      crmselect vendors compare acme --all --format json
      crmselect vendors compare acme --vendor odoo --vendor suitecrm --lang tr
    """
    from crmselect.project import desk_research, find_vendor_files, load_project
    from crmselect.scoring import evaluate_project

    loaded = load_project(directory, scores=False)
    lang = lang or loaded.language
    ids = (list(find_vendor_files(loaded.root)) if all_profiles
           else list(vendor_ids) if vendor_ids else None)
    desk = desk_research(loaded, ids)
    ev = evaluate_project(desk, method=method, monte_carlo_samples=0)
    label = {lg: t("compare_label", lg) for lg in ("en", "tr")}
    if fmt == "json":
        import json

        click.echo(json.dumps({"label": label, **ev.to_dict(render_text)}, indent=2,
                              ensure_ascii=False))
        return
    click.echo(label[lang])
    click.echo("")
    _score_table(desk, ev, lang, all_risks=False)
    click.echo("")
    click.echo(t("compare_footer", lang))


@click.command()
@click.argument("directory", default=".", type=click.Path(path_type=Path))
@click.option("--samples", type=click.IntRange(min=0),
              help="Monte Carlo samples (default: scoring.monte_carlo_samples).")
@click.option("--seed", type=click.IntRange(min=0),
              help="Monte Carlo seed (default: scoring.seed).")
@CONCENTRATION
@click.option("--method", type=METHOD, help="Aggregation method (default: the project's).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True)
@click.option("--lang", type=LANG, help="Language of the output (default: the project's).")
@FROM_DB
@SCORE_DB
def sensitivity(directory: Path, samples: int | None, seed: int | None,
                concentration: float | None, method: str | None, fmt: str,
                lang: str | None, from_db: bool = False, db_url: str | None = None) -> None:
    """How robust the winner is: weight thresholds per criterion and a Monte Carlo.

    For each top-level criterion, the nearest weight (raised or lowered, the others rescaled)
    at which another vendor's total becomes strictly higher than the winner's; for each
    foreign currency in the bids, the yearly rate change against the project currency at
    which another vendor wins (within ±50 % a year); then, with the weights drawn at random
    around the chosen ones (Dirichlet, --concentration), each vendor's share of the samples
    at each rank (rank acceptability; the first column is its probability of ranking first).

    \b
    Examples:
      crmselect sensitivity acme
      crmselect sensitivity acme --concentration 20
      crmselect sensitivity acme --samples 20000 --seed 1 --format json
    """
    _, ev, lang = _evaluate(directory, method, samples, seed, lang, concentration, from_db,
                            db_url)
    if fmt == "json":
        import json

        data = ev.to_dict()
        click.echo(json.dumps({
            "winner": ev.winner, "verdict": data["verdict"],
            "criteria_weights": ev.criteria_weights, "sensitivity": data["sensitivity"],
            "fx_sensitivity": data["fx_sensitivity"],
            "monte_carlo": data["monte_carlo"],
        }, indent=2, ensure_ascii=False))
        return
    if len(ev.ranking) == 1:  # a table of "never" would say nothing
        click.echo(t("sens_single_vendor", lang, name=ev.ranking[0].name))
        return
    from crmselect.scoring.verdict import verdict

    said = verdict(ev)  # as score says: a tie or a close call names no winner
    if said.code == "tie":
        click.echo(t("sens_title_tie", lang, names=", ".join(
            ev.vendors[v].name for v in said.first), leader=ev.vendors[ev.winner].name))
    elif said.code == "too_close":
        click.echo(t("sens_title_too_close", lang, leader=ev.vendors[ev.winner].name,
                     runner_up=ev.vendors[said.warning.params["runner_up"]].name))
    elif said.code == "lead_within_disagreements":
        click.echo(t("sens_title_disagreements", lang, leader=ev.vendors[ev.winner].name,
                     runner_up=ev.vendors[said.warning.params["runner_up"]].name))
    elif said.code == "unscored":
        click.echo(t("sens_title_unscored", lang, leader=ev.vendors[ev.winner].name))
    elif said.code == "illustrative":
        click.echo(t("sens_title_illustrative", lang, leader=ev.vendors[ev.winner].name))
    elif ev.winner:
        click.echo(t("sens_title", lang, winner=ev.vendors[ev.winner].name))
    elif ev.ranking:  # every vendor is knocked out: the thresholds are those of the first
        click.echo(t("sens_title_no_winner", lang, leader=ev.vendors[ev.ranking[0].vendor].name))
    click.echo("")

    def flip(f, weight: float, up: bool) -> str:
        if f is None:
            return t("sens_never", lang)
        digits = 1  # enough decimals to tell the new weight from the old: not "25.0% → 25.0%"
        while digits < 3 and _pct(f.new_weight, lang, digits) == _pct(weight, lang, digits):
            digits += 1
        if _pct(f.new_weight, lang, digits) == _pct(weight, lang, digits):
            # the column says the direction: a flip at the current weight (a vendor tied
            # with the winner) has no new weight to tell it by
            return t("sens_flip_any_up" if up else "sens_flip_any_down",
                     lang, vendor=ev.vendors[f.overtaken_by].name)
        return t("sens_flip", lang, weight=_pct(f.new_weight, lang, digits),
                 vendor=ev.vendors[f.overtaken_by].name)

    rows = [[t(f"crit_short_{s.criterion}", lang), _pct(s.weight, lang, 1),
             flip(s.increase, s.weight, True), flip(s.decrease, s.weight, False)]
            for s in ev.sensitivity]
    print_table(rows, t("sens_headers", lang).split("|"))
    _fx_table(ev, lang)
    if ev.monte_carlo:
        mc = ev.monte_carlo
        click.echo("")
        from crmselect.i18n.formatting import decimal

        # the report's "2,000 sets of weights" / "2.000": not "2000", nor "2.5" in Turkish
        click.echo(t("mc_title", lang, samples=_number(mc.samples, lang, 0),
                     concentration=decimal(mc.concentration, lang), seed=mc.seed))
        from crmselect.scoring.sensitivity import weight_spread

        spread = weight_spread(ev.criteria_weights, mc.concentration)
        if spread is not None:
            click.echo(t("mc_method_note", lang, weight=_pct(spread[0], lang),
                         spread=_number(spread[1] * 100, lang)))
        rows = [[e.name, _pct(mc.p_first.get(e.vendor, 0.0), lang)] for e in ev.ranking]
        print_table(rows, t("mc_headers", lang).split("|"))
        if mc.rank_acceptability:
            click.echo("")
            click.echo(t("mc_rank_title", lang))
            n = len(ev.ranking)
            rows = [[e.name, *(_pct(x, lang) for x in mc.rank_acceptability[e.vendor])]
                    for e in ev.ranking if e.vendor in mc.rank_acceptability]
            print_table(rows, [t("mc_rank_vendor", lang),
                               *(t("mc_rank_column", lang, rank=k) for k in range(1, n + 1))])
    for w in ev.warnings:
        if w.code.startswith(("no_clear_winner", "too_close_to_call")):
            click.echo("")
            click.echo(f"! {render_text(w.message(), lang)}")


def _fx_table(ev, lang: str) -> None:
    """Per foreign bid currency: the rates used and the yearly change that changes the winner."""
    if not ev.fx_sensitivity:
        return
    click.echo("")
    click.echo(t("fx_title", lang, currency=ev.currency,
                 limit=_number(ev.fx_sensitivity[0].limit_pct, lang, 0)))

    def flip(f, limit: float) -> str:
        if f is None:
            return t("fx_never", lang, limit=_number(limit, lang, 0))
        if abs(f.change_pct_per_year) < 0.05:  # a tie at today's rates: not "−0.0% a year"
            return t("fx_flip_any", lang, vendor=ev.vendors[f.overtaken_by].name)
        pct = _number(abs(f.change_pct_per_year), lang, 1)
        sign = "+" if f.change_pct_per_year > 0 else "−"
        return t("fx_flip", lang, change=f"{sign}%{pct}" if lang == "tr" else f"{sign}{pct}%",
                 vendor=ev.vendors[f.overtaken_by].name)

    rows = [[s.currency, " / ".join(format_rate(r, lang) for r in dict.fromkeys(s.rates))
             if len(set(s.rates)) == 1 else " / ".join(format_rate(r, lang) for r in s.rates),
             flip(s.rise, s.limit_pct), flip(s.fall, s.limit_pct)] for s in ev.fx_sensitivity]
    print_table(rows, t("fx_headers", lang, currency=ev.currency).split("|"))


@click.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--method", type=click.Choice(["eigenvector", "geometric", "approximate"]),
              help="Weight derivation (default: the file's, else eigenvector).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True)
@click.option("--lang", type=LANG, help="Language of the explanation.")
def ahp(file: Path, method: str | None, fmt: str, lang: str | None) -> None:
    """Weights and consistency of an AHP pairwise comparison matrix.

    FILE is YAML with the items and the matrix on Saaty's 1–9 scale (row item compared with
    column item; below the diagonal the reciprocals):

    \b
      items: [functional, cost, references]
      matrix:
        - [1,   3,   5]
        - [0.333, 1, 3]
        - [0.2, 0.333, 1]

    \b
    Examples:
      crmselect ahp criteria.yaml
      crmselect ahp criteria.yaml --method geometric --format json
    """
    from crmselect.errors import CrmselectError
    from crmselect.loading import load_file
    from crmselect.model import AhpMatrix
    from crmselect.scoring import ahp as run_ahp

    lang = lang or current_language()
    spec, doc = load_file(file, AhpMatrix)
    repeated = [doc.issue(("items", i), t("ahp_item_twice", item=item))
                for i, item in enumerate(spec.items) if item in spec.items[:i]]
    if repeated:  # two rows of the same name: one weight would overwrite the other
        raise CrmselectError(repeated)
    try:
        result = run_ahp(spec.matrix, method=method or spec.method, items=spec.items)
    except CrmselectError as exc:
        from crmselect.errors import Issue

        raise CrmselectError([Issue(file=str(file), where="matrix", message=i.message)
                              for i in exc.issues]) from None
    pair = result.most_inconsistent_pair
    if fmt == "json":
        import json

        click.echo(json.dumps({
            "items": spec.items, "method": result.method,
            "weights": dict(zip(spec.items, map(float, result.weights), strict=True)),
            "lambda_max": result.lambda_max, "ci": result.ci, "ri": result.ri, "cr": result.cr,
            "consistent": result.consistent,
            "most_inconsistent_pair": None if pair is None else {
                "a": spec.items[pair.i], "b": spec.items[pair.j], "value": pair.value,
                "suggested": pair.suggested},
        }, indent=2, ensure_ascii=False))
        return
    click.echo(t("ahp_weights", lang, method=t(f"ahp_method_{result.method}", lang)))
    order = sorted(range(result.n), key=lambda k: -result.weights[k])
    print_table([[spec.items[k], _number(result.weights[k], lang, 3)] for k in order],
                t("ahp_headers", lang).split("|"))
    click.echo("")
    click.echo(f"λmax = {_number(result.lambda_max, lang, 3)}, CI = {_number(result.ci, lang, 3)}"
               f", RI = {_number(result.ri, lang, 2)}, CR = {_number(result.cr, lang, 4)}")
    click.echo(t("ahp_consistent" if result.consistent else "ahp_inconsistent", lang))
    if pair is not None and not result.consistent:
        click.echo(t("ahp_pair", lang, a=spec.items[pair.i], b=spec.items[pair.j],
                     value=_number(pair.value, lang, 3).rstrip("0").rstrip(",."),
                     suggested=_number(pair.suggested, lang, 2)))


@click.group()
def scores() -> None:
    """Move evaluator scores in and out of a project as YAML, CSV or Excel scoring sheets, and
    between its scores.yaml and the evaluation database of the web form.

    \b
    Examples:
      crmselect scores template acme            # an Excel scoring sheet per evaluator
      crmselect scores export acme scores.csv
      crmselect scores import acme filled-in.csv
      crmselect scores push acme                # acme/scores.yaml into acme/evaluation.db
      crmselect scores pull acme                # the database's scores into acme/scores.yaml
    """


@scores.command("export")
@click.argument("directory", type=click.Path(path_type=Path))
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace FILE if it exists with other content.")
@click.option("--lang", type=LANG, help="Language of the messages (default: the project's).")
@locks_project
def export_command(directory: Path, file: Path, force: bool, lang: str | None) -> None:
    """Write the project's scores (scores.yaml or scores.csv) to FILE (.yaml or .csv by its
    extension); with no scores yet, write the Excel scoring sheets to fill in instead (see
    `scores template`).

    CSV columns: kind,evaluator,vendor,target,score,note,at,flags — one row per score,
    test-drive mark (kind demo) and consensus record (kind consensus), and one of kind
    weights_fingerprint (the fingerprint in its note); text cells are made formula-safe.
    A CSV to be filled in by an evaluator needs only evaluator,vendor,target,score,note.

    \b
    Example:
      crmselect scores export acme scores.csv
    """
    from crmselect.project import load_project
    from crmselect.scoresio import export_scores

    loaded = load_project(directory)
    lang = lang or loaded.language
    scores = loaded.scores
    if not (scores.scores or scores.demo or scores.consensus):
        # nothing to export yet: what an evaluator needs is a sheet to fill in
        from crmselect.documents.scoring_sheet import SHEETS_DIR, write_scoring_sheets

        written = write_scoring_sheets(loaded, lang=lang, force=force)
        names = {e.id: e.name for e in loaded.project.evaluators}  # the person, not the id
        for sheet in written:
            click.echo(t("scores_template_written", lang,
                         evaluator=names.get(sheet.evaluator, sheet.evaluator), file=sheet.path))
        click.echo(t("scores_template_instead", lang, folder=Path(directory) / SHEETS_DIR))
        return
    export_scores(scores, file, lang, force=force, root=Path(directory))
    click.echo(t("scores_exported", lang, n=len(scores.scores), file=file))


@scores.command("template")
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("--evaluator", metavar="ID", help="Only this evaluator's sheet.")
@click.option("--out", type=click.Path(path_type=Path),
              help="Folder for the sheets, or the .xlsx file of one --evaluator "
                   "[default: DIRECTORY/out/scoring/].")
@click.option("--force", is_flag=True, help="Replace sheets that exist.")
@click.option("--lang", type=LANG, help="Language of the sheet (default: the project's).")
def template_command(directory: Path, evaluator: str | None, out: Path | None, force: bool,
                     lang: str | None) -> None:
    """Write an Excel scoring sheet per evaluator, to fill in offline.

    Rows: the project's requirements in the evaluator's areas, the scenario steps and the
    test-drive marks, each on its own sheet; per vendor a 0–5 drop-down and a note column.
    Send each evaluator their sheet; import the filled-in sheet with `scores import`.

    \b
    Examples:
      crmselect scores template acme
      crmselect scores template acme --evaluator ayse --out ayse.xlsx
    """
    from crmselect.documents.scoring_sheet import write_scoring_sheets
    from crmselect.project import load_project

    loaded = load_project(directory)
    lang = lang or loaded.language
    if not loaded.project.vendors:  # a sheet without a vendor column has nothing to fill in
        from crmselect.errors import CrmselectError, Issue, msg

        raise CrmselectError(Issue(file=str(loaded.root / "project.yaml"), where="vendors",
                                   message=msg("scoring_no_vendors")))
    names = {e.id: e.name for e in loaded.project.evaluators}  # the person, not the id
    for sheet in write_scoring_sheets(loaded, evaluator, out, lang, force):
        click.echo(t("scores_template_written", lang,
                     evaluator=names.get(sheet.evaluator, sheet.evaluator), file=sheet.path))


@scores.command("import")
@click.argument("directory", type=click.Path(path_type=Path))
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite existing scores that differ.")
@click.option("--lang", type=LANG, help="Language of the messages (default: the project's).")
@locks_project
def import_command(directory: Path, file: Path, force: bool, lang: str | None) -> None:
    """Validate FILE (.yaml, .csv or a filled-in .xlsx scoring sheet) and merge it into
    DIR/scores.yaml.

    Every record is checked first, against the project (evaluators, vendors, requirements,
    scenario steps) and the web form's rules (whole points 0–5, a note for 0, 1 and 5, the
    evaluator's own areas), and every problem is reported with its line or cell. A score that
    differs from one already in scores.yaml is not replaced without --force.

    \b
    Examples:
      crmselect scores import acme filled-in.csv
      crmselect scores import acme scoring-ayse.xlsx
      crmselect scores import acme corrections.yaml --force
    """
    from crmselect.project import load_project
    from crmselect.scoresio import import_scores, project_scores_path

    loaded = load_project(directory)
    lang = lang or loaded.language
    target = project_scores_path(Path(directory))
    existed = target.is_file()
    result = import_scores(loaded, file, force=force)
    if result.added or result.updated or not existed:
        click.echo(t("scores_imported", lang, file=file, added=result.added,
                     updated=result.updated, unchanged=result.unchanged, target=target))
    else:  # nothing new: the file was left as it was, not written
        click.echo(t("scores_up_to_date", lang, db=file, unchanged=result.unchanged,
                     target=target))


DB_OPTION = click.option(
    "--db", "db_url", metavar="URL",
    help="SQLAlchemy URL of the evaluation database [default: SQLite DIRECTORY/evaluation.db].")


@scores.command("push")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.argument("file", required=False, type=click.Path(dir_okay=False, path_type=Path))
@DB_OPTION
@click.option("--force", is_flag=True, help="Replace records in the database that differ.")
@click.option("--lang", type=LANG, help="Language of the messages (default: the project's).")
def push_command(directory: Path, file: Path | None, db_url: str | None, force: bool,
                 lang: str | None) -> None:
    """Write FILE (.yaml, .csv or .xlsx scoring sheet; default the project's scores file,
    DIRECTORY/scores.yaml or its scores.csv) into the evaluation database.

    The whole file is checked first, against the project and the web form's rules, and every
    problem is reported with its line; then scores, test-drive marks and consensus records
    are written in one transaction, each change in the audit log, or nothing is. A record the
    database holds with a different value is kept without --force.

    \b
    Examples:
      crmselect scores push acme
      crmselect scores push acme offline.csv --db postgresql+psycopg://crm@db.internal/acme
    """
    from crmselect.evaluationdb.engine import display_url, open_project_database
    from crmselect.evaluationdb.scoresfile import load_scores, read_source
    from crmselect.project import load_project
    from crmselect.scoresio import project_scores_path

    loaded = load_project(directory, scores=False)  # the file is checked in full next
    lang = lang or loaded.language
    file = file or project_scores_path(directory)
    source = read_source(file, loaded, lang)  # before the database is opened, or even made
    db = open_project_database(directory, db_url, lang=lang)
    try:
        result = load_scores(db, loaded, source, force=force)
    finally:
        db.dispose()
    for issue in result.kept:
        click.echo(issue.format(lambda message: render_text(message, lang)), err=True)
    if result.kept:
        click.echo(t("scores_push_kept_summary", lang, n=len(result.kept)), err=True)
    click.echo(t("scores_pushed", lang, file=file, added=result.added, updated=result.updated,
                 unchanged=result.unchanged, kept=len(result.kept), db=display_url(db.url),
                 **result.counts))


@scores.command("pull")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@DB_OPTION
@click.option("--force", is_flag=True, help="Overwrite scores in scores.yaml that differ.")
@click.option("--lang", type=LANG, help="Language of the messages (default: the project's).")
@locks_project
def pull_command(directory: Path, db_url: str | None, force: bool, lang: str | None) -> None:
    """Merge the evaluation database's scores into DIRECTORY/scores.yaml (or the project's
    scores.csv, when it keeps its scores there: written as CSV).

    Scores, test-drive marks and consensus records are merged as by `scores import`: a record
    that differs from one in scores.yaml is not replaced without --force (and then nothing is
    written). A score or mark cleared in the web form is removed from scores.yaml the same way
    (with --force). The file is replaced atomically.

    \b
    Examples:
      crmselect scores pull acme
      crmselect scores pull acme --db postgresql+psycopg://crm@db.internal/acme --force
    """
    from crmselect.evaluationdb.engine import display_url, open_project_database
    from crmselect.evaluationdb.scoresfile import pull
    from crmselect.project import load_project
    from crmselect.scoresio import project_scores_path

    loaded = load_project(directory)
    lang = lang or loaded.language
    # it writes scores.yaml, not the database: read-only and never migrated (as `status`)
    db = open_project_database(directory, db_url, create=False, lang=lang, read_only=True)
    try:
        result = pull(db, loaded, force=force)
    finally:
        db.dispose()
    target, name = project_scores_path(directory), display_url(db.url)
    if result.added or result.updated or result.removed:
        click.echo(t("scores_imported", lang, file=name, added=result.added,
                     updated=result.updated, unchanged=result.unchanged, target=target))
        if result.removed:
            click.echo(t("scores_pulled_removed", lang, n=result.removed))
    else:
        click.echo(t("scores_up_to_date", lang, db=name, unchanged=result.unchanged,
                     target=target))


COMMANDS = [score, sensitivity, ahp, scores]
