"""``crmselect kpi``: list the catalog's KPIs, show one, and compute one from input values.

``crmselect kpi NAME --input k=v`` is short for ``crmselect kpi compute NAME --input k=v``.
"""

from __future__ import annotations

from pathlib import Path

import click

from crmselect.i18n.compat import current_language, t
from crmselect.i18n.formatting import unrounded

LANG = click.Choice(["en", "tr"])
FORMAT = click.Choice(["table", "json"])


class KpiGroup(click.Group):
    """A group whose unknown first word is a KPI name: ``kpi nps ...`` runs ``kpi compute nps ...``.

    Why: ``crmselect kpi nps --input promoters=40 ...`` is what people type; the explicit
    ``compute`` subcommand keeps ``list`` and ``show`` from ever clashing with a KPI id.
    """

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        if args and not args[0].startswith("-") and self.get_command(ctx, args[0]) is None:
            return "compute", self.get_command(ctx, "compute"), args
        return super().resolve_command(ctx, args)


@click.group(cls=KpiGroup)
def kpi() -> None:
    """CRM success metrics (KPIs): list them, show one, compute one from your figures.

    \b
    Examples:
      crmselect kpi list --lang tr
      crmselect kpi show nps
      crmselect kpi customer_retention_rate --input customers_end=1000 \\
          --input new_customers=200 --input customers_start=900
      crmselect kpi cac --file figures.yaml --format json
    """


@kpi.command("list")
@click.option("--lang", type=LANG, help="Language of the names.")
@click.option("--format", "fmt", type=FORMAT, default="table", show_default=True)
def kpi_list(lang: str | None, fmt: str) -> None:
    """List the KPIs of the catalog with unit and direction.

    \b
    Example:
      crmselect kpi list --lang tr
    """
    from crmselect.cli.project import print_table
    from crmselect.kpi import load_kpis

    lang = lang or current_language()
    kpis = load_kpis()
    if fmt == "json":
        import json

        click.echo(json.dumps([_kpi_dict(k, lang) for k in kpis.values()], indent=2,
                              ensure_ascii=False))
        return
    rows = [[k.id, t(f"unit_{k.unit}", lang), t(k.direction, lang), k.name.get(lang)]
            for k in kpis.values()]
    print_table(rows, t("kpi_list_headers", lang).split("|"))
    click.echo(f"\n{t('kpi_count', lang, n=len(kpis))}")


@kpi.command("show")
@click.argument("name")
@click.option("--lang", type=LANG, help="Language of the texts.")
@click.option("--format", "fmt", type=FORMAT, default="table", show_default=True)
def kpi_show(name: str, lang: str | None, fmt: str) -> None:
    """Show one KPI: what it measures, its formula and the inputs it needs.

    \b
    Example:
      crmselect kpi show customer_lifetime_value --lang tr
    """
    from crmselect.kpi import find_kpi, load_kpis

    lang = lang or current_language()
    found = find_kpi(load_kpis(), name)
    if fmt == "json":
        import json

        click.echo(json.dumps(_kpi_dict(found, lang), indent=2, ensure_ascii=False))
        return
    click.echo(f"{found.name.get(lang)} ({found.id})")
    click.echo(f"\n{found.description.get(lang)}\n")
    click.echo(f"{t('kpi_formula', lang)}: {found.formula}")
    click.echo(f"{t('kpi_inputs', lang)}:")
    width = max(len(i.name) for i in found.inputs)
    for item in found.inputs:
        unit = f" [{t(f'unit_{item.unit}', lang)}]" if item.unit else ""
        click.echo(f"  {item.name.ljust(width)}  {item.label.get(lang)}{unit}")
    click.echo(f"{t('kpi_direction', lang)}: {t(found.direction, lang)} · "
               f"{t(f'unit_{found.unit}', lang)}")


@kpi.command("compute")
@click.argument("name")
@click.option("--input", "-i", "pairs", multiple=True, metavar="NAME=VALUE",
              help="An input value; repeat for each input. Overrides --file.")
@click.option("--file", "input_file", type=click.Path(path_type=Path),
              help="A YAML file mapping input names to numbers.")
@click.option("--lang", type=LANG, help="Language of names, messages and number format.")
@click.option("--format", "fmt", type=FORMAT, default="table", show_default=True)
def kpi_compute(name: str, pairs: tuple[str, ...], input_file: Path | None, lang: str | None,
                fmt: str) -> None:
    """Compute the KPI NAME (an id such as nps, or an acronym such as CAC) from input values.

    Values come from --input NAME=VALUE (repeatable) and/or --file (YAML: name: number);
    --input wins over the file. Run `crmselect kpi show NAME` to see the inputs needed.
    Numbers are read as in a vendor workbook: with --lang tr 1.200 is 1200 and 2,5 is 2.5;
    in English 1,200 is 1200. Inputs that contradict each other (more detractors than
    responses) are refused.

    \b
    Examples:
      crmselect kpi compute nps -i promoters=120 -i detractors=30 -i total_responses=300
      crmselect kpi nps --file survey.yaml --lang tr
    """
    from crmselect.kpi import compute_kpi, find_kpi, load_kpis, read_inputs

    lang = lang or current_language()
    decimal_comma = lang == "tr"  # 1.200 is 1200 to a Turkish reader
    found = find_kpi(load_kpis(), name)
    given = _parse_pairs(pairs, lang)
    values: dict[str, object] = {}
    places: dict[str, tuple[str, int, int]] = {}
    if input_file is not None:
        values.update(read_inputs(input_file, found, decimal_comma, places))
    values.update(given)
    for name in given:  # --input wins over the file: its value was not read there
        places.pop(name, None)
    result = compute_kpi(found, values, decimal_comma, places)
    if fmt == "json":
        import json

        click.echo(json.dumps(_result_dict(result, lang), indent=2, ensure_ascii=False))
        return
    click.echo(f"{found.name.get(lang)}: {format_value(result.value, result.unit, lang)}")
    pad = " " * (len(t("kpi_formula", lang)) + 2)
    click.echo(f"{t('kpi_formula', lang)}: {result.formula}")
    click.echo(f"{pad}{result.substituted_as(lambda v: _as_typed(v, lang))}")
    click.echo(f"{t('kpi_inputs', lang)}:")
    width = max(len(i.name) for i in found.inputs)
    for item in found.inputs:
        shown = format_value(result.inputs[item.name], item.unit or "", lang)
        click.echo(f"  {item.name.ljust(width)}  {shown.rjust(12)}  {item.label.get(lang)}")
    click.echo(f"{t('kpi_direction', lang)}: {t(found.direction, lang)}")


def _as_typed(value: float, lang: str) -> str:
    """A value in the formula line as a reader types it: no grouping, the language's decimal
    mark (``2,5 / 1`` in Turkish)."""
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else unrounded(value, lang)


def _parse_pairs(pairs: tuple[str, ...], lang: str) -> dict[str, str]:
    """``("a=1", "b=2")`` → ``{"a": "1", "b": "2"}``; a malformed or repeated pair is a usage
    error (exit code 2)."""
    values: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip()
        if not sep or not key:
            raise click.BadParameter(t("kpi_input_format", lang, value=pair),
                                     param_hint="--input")
        if key in values:
            raise click.BadParameter(t("kpi_input_twice", lang, name=key), param_hint="--input")
        values[key] = value
    return values


_UNIT_WORDS = {"days": "unit_days", "hours": "unit_hours", "minutes": "unit_minutes"}


def format_value(value: float, unit: str, lang: str = "en") -> str:
    """A KPI value as a reader expects it: ``88.89%`` / ``%88,89``, ``1,234.50`` / ``1.234,50``."""
    import decimal

    from babel.numbers import format_decimal

    locale = "tr_TR" if lang == "tr" else "en_US"
    pattern = "#,##0.00" if unit == "currency" else "#,##0.##"
    try:
        number = format_decimal(value, format=pattern, locale=locale)
    except decimal.InvalidOperation:  # more digits than babel rounds (1e300): 1e+300
        number = f"{value:.6g}".replace(".", "," if lang == "tr" else ".")
    if unit == "percent":
        return f"%{number}" if lang == "tr" else f"{number}%"
    if unit in _UNIT_WORDS:
        return f"{number} {t(_UNIT_WORDS[unit], lang)}"
    return number


def _result_dict(result, lang: str) -> dict[str, object]:
    """A computed KPI as a plain dict for JSON output, its name and value in ``lang``."""
    return {
        "kpi": result.kpi.id,
        "name": result.kpi.name.get(lang),
        "value": result.value,
        "display": format_value(result.value, result.kpi.unit, lang),
        "unit": result.kpi.unit,
        "direction": result.kpi.direction,
        "formula": result.kpi.formula,
        "substituted": result.substituted,
        "inputs": dict(result.inputs),
    }


def _kpi_dict(item, lang: str) -> dict[str, object]:
    return {
        "id": item.id, "name": item.name.get(lang), "description": item.description.get(lang),
        "formula": item.formula, "unit": item.unit, "direction": item.direction,
        "inputs": [{"name": i.name, "label": i.label.get(lang), "unit": i.unit}
                   for i in item.inputs],
    }
