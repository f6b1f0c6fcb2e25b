"""The comparison report as a :class:`~crmselect.documents.docmodel.Document` (rendered to Word
and HTML), from the comparison context, the strings and the charts.

The sections, in order: summary, recommendation (with the points to negotiate and the next
steps), ranking, scores by criterion and area, cost against score, robustness, knock-outs,
disagreements, verified vs declared coverage, total cost of ownership, risks, gaps, warnings,
reference questions, the steering committee's sign-off page, and the appendices: methodology,
evaluators, every score. The words of the recommendation come from the points of
:mod:`crmselect.reporting.recommendation` through ``templates/strings/comparison.yaml``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from crmselect.documents.charts import Chart
from crmselect.documents.docmodel import Cell, Document
from crmselect.documents.formatting import (
    format_date,
    format_money,
    format_number,
    format_percent,
)
from crmselect.documents.rfp import questionnaire
from crmselect.documents.strings import Strings
from crmselect.i18n import text as render_text
from crmselect.i18n.formatting import (
    currency_label,
    format_fixed,
    format_rate,
    humanize,
    slug_label,
)
from crmselect.scoring.hygiene import SHOWN_LEAD_POINTS

#: Vendors side by side in one appendix table (more go into further tables).
VENDORS_PER_TABLE = 5
KO_FILL = "FDECEA"
WIN_FILL = "E6F2EA"


class ReportFormat:
    """Numbers, money, dates and labels of the report in its language (Word and HTML)."""

    def __init__(self, ctx: dict[str, Any], strings: Strings) -> None:
        self.ctx, self.lang = ctx, ctx["lang"]
        self.s, self.c = strings["comparison"], strings["common"]
        self.currency = ctx["project"]["currency"]

    def score(self, value: float | None) -> str:
        return "—" if value is None else format_number(value, self.lang, 1)

    def points(self, value: float | None) -> str:
        return "—" if value is None else format_number(value, self.lang, 1)

    def money(self, value: float | None) -> str:
        return format_money(round(value) if value is not None else None, self.currency,
                            self.lang)

    def amount(self, value: float | None) -> str:
        return "—" if value is None else format_number(round(value), self.lang)

    def percent(self, value: float | None, decimals: int = 0) -> str:
        return format_percent(value, self.lang, decimals)

    def date(self, value: dt.date | None) -> str:
        return format_date(value, self.lang)

    def criterion(self, code: str) -> str:
        return self.c.criterion[code]

    def source(self, code: str | None) -> str:
        return self.s.source[code] if code in self.s.source else (code or "—")

    def shown(self, code: str | None) -> str:
        return self.s.shown[code or "none"]

    def cell(self, cell: dict[str, Any] | None) -> str:
        """An appendix cell: ``4,5 D`` (score and the short source letter)."""
        if cell is None:
            return "—"
        return f"{self.score(cell['score'])} {self.s.source_short[cell['source']]}"

    def risk_detail(self, item: dict[str, Any]) -> str:
        r = self.s.risks
        if item["kind"] == "upgrade":
            text = r.custom_detail.format(days=format_number(item["effort_days"], self.lang),
                                          cost=self.money(item["cost"]))
        elif item["kind"] == "third_party" and not item["cost"]:
            text = r.third_party_included.format(product=item["product"] or r.unnamed_product)
        elif item["kind"] == "third_party":
            text = r.third_party_detail.format(product=item["product"] or r.unnamed_product,
                                               per_year=self.money(item["cost_per_year"]),
                                               total=self.money(item["cost"]))
        elif item["kind"] == "understated":
            text = r.understated_detail.format(declared=self.c.compliance[item["compliance"]],
                                               score=self.score(item["score"]))
        else:
            text = r.roadmap_detail.format(date=self.date(item["promised_date"]))
        return f"{text}. {item['comment']}" if item["comment"] else text

    def legend(self) -> str:
        """``E = evaluated, D = declared, …``: the short source letters of the appendix."""
        return ", ".join(f"{self.s.source_short[k]} = {self.s.source[k]}"
                         for k in ("consensus", "evaluated", "declared", "no_answer"))

    def dropped(self) -> str:
        return ", ".join(self.criterion(k) for k in self.ctx["criteria"]["dropped"])

    def flip(self, flip: dict[str, Any] | None, weight: float | None = None) -> str:
        if flip is None:
            return self.s.sensitivity.no_flip
        if weight is not None:  # as many decimals as tell the new weight from the old one
            old, new = self.weight_change(weight, flip["new_weight"])
            if old == new:  # under 0.001 percentage points away
                key = "flip_any_up" if flip["new_weight"] > weight else "flip_any_down"
                return self.s.verdict_more[key].format(vendor=flip["vendor"])
            return self.s.sensitivity.flip.format(weight=new, vendor=flip["vendor"])
        return self.s.sensitivity.flip.format(weight=self.percent(flip["new_weight"]),
                                              vendor=flip["vendor"])

    def lead(self, value: float) -> str:
        """A lead in points; one the one-decimal totals cannot show is "less than 0.1", not
        "0.0" (a reader would take it for a tie)."""
        if 0 <= value < SHOWN_LEAD_POINTS:  # 0.0: the two totals print the same
            return self.s.verdict_more.lead_under_tenth.format(tenth=self.points(0.1))
        return self.points(value)

    def weight_change(self, weight: float, new_weight: float) -> tuple[str, str]:
        """A weight and the one it would change to, with the decimals that tell them apart
        ("25% to 25%" reads as no change at all)."""
        for decimals in (0, 1, 2, 3):
            old, new = self.percent(weight, decimals), self.percent(new_weight, decimals)
            if old != new:
                break
        return old, new

    def summary_lines(self) -> tuple[list[str], list[str]]:
        """The summary's sentences and its list of things to look at before deciding."""
        s, sm = self.s.summary, self.ctx["summary"]
        lines: list[str] = []
        winner = sm["winner"]
        if winner is None:
            lines.append(s.no_winner)
        else:
            if sm.get("tied_first"):
                lines.append(s.tied_first.format(names=", ".join(sm["tied_first"]),
                                                 total=self.points(winner["total"])))
            else:
                lines.append(s.winner.format(winner=winner["name"],
                                             total=self.points(winner["total"])))
            if sm.get("tied_first"):
                pass  # the tie is the lead: nobody leads anybody
            elif sm["runner_up"]:
                lines.append(s.lead.format(runner_up=sm["runner_up"]["name"],
                                           lead=self.lead(sm["lead"])))
            else:
                lines.append(s.alone)
            made_up = self.ctx.get("recommendation", {}).get(
                "verdict", ("", {}))[0] == "verdict_illustrative"
            if winner["p_first"] is not None:  # no "confidence high" in a made-up example
                confidence = self.s.illustrative.confidence if made_up else s.confidence
                lines.append(confidence.format(
                    samples=format_number(sm["samples"], self.lang), winner=winner["name"],
                    p=self.percent(winner["p_first"]), level=self.s.confidence[sm["confidence"]]))
            elif made_up:
                lines.append(self.s.illustrative.made_up.format(winner=winner["name"]))
            elif sm["runner_up"]:
                lines.append(s.no_monte_carlo)
            if not self.ctx["counts"]["scores"]:  # the totals are the vendors' own word
                lines.append(self.s.summary_more.unscored)
        risks: list[str] = []
        for ko in sm["knocked_out"]:
            if ko.get("no_response"):  # ranked last for sending nothing, not for a must
                risks.append(self.s.verdict_more.risk_no_response.format(vendor=ko["name"]))
                continue
            risks.append(s.risk_knocked_out.format(vendor=ko["name"],
                                                   requirements=", ".join(ko["failing"])))
        flip = sm["closest_flip"]
        if winner and flip:
            weight, new_weight = self.weight_change(flip["weight"], flip["new_weight"])
            if weight == new_weight:  # a change under 0.001 percentage points
                up = flip["direction"] == "increase"  # the change may round to 0
                tiny = self.s.verdict_more["risk_flip_tiny_up" if up else "risk_flip_tiny_down"]
                risks.append(tiny.format(criterion=self.criterion(flip["criterion"]),
                                         weight=self.percent(flip["weight"]),
                                         vendor=flip["vendor"]))
            else:
                risks.append(s.risk_flip.format(criterion=self.criterion(flip["criterion"]),
                                                weight=weight, new_weight=new_weight,
                                                vendor=flip["vendor"]))
        fx = sm.get("closest_fx")
        if winner and fx:  # a currency move of an ordinary year changes the winner
            risks.append(self.s.fx_robustness[f"risk_{fx['direction']}"].format(
                currency=currency_label(fx["currency"], self.lang),
                project=currency_label(self.currency, self.lang),
                change=self.percent(fx["change"] / 100, 1), vendor=fx["vendor"]))
        over = sm.get("winner_over_ceiling")
        if winner and over:
            risks.insert(0, s.risk_over_ceiling.format(winner=winner["name"],
                                                       tco=self.money(over["tco"]),
                                                       ceiling=self.money(over["ceiling"])))
        if sm.get("all_over_ceiling"):
            risks.insert(0, render_text(sm["all_over_ceiling"], self.lang))  # a core Message
        other = sm.get("other_method_winner")
        if winner and other:  # the result depends on the method: first thing to look at
            risks.insert(0, self.s.verdict_more.risk_other_method.format(
                method=self.s.verdict_more.method_name[other["method"]],
                vendor=other["vendor"]))
        if winner:
            # "the winner" only when the verdict names one: in a tie or a close call the first
            # listed is no winner, and these lines are about it by name
            verdict = self.ctx.get("recommendation", {}).get("verdict", ("", {}))[0]
            named = verdict in ("verdict_tie", "verdict_too_close", "verdict_close_spread",
                                "verdict_unscored", "verdict_illustrative")
            table, suffix = (self.s.verdict_more, "_named") if named else (s, "")
            share = self.percent(sm["winner_verified_share"])
            every = "_all" if share == self.percent(1.0) else ""  # no "rest" of 100%
            risks.append(table[f"risk_verified{every}{suffix}"].format(
                share=share, vendor=winner["name"]))
            for key in ("unverified", "custom", "third_party", "roadmap", "understated"):
                n = sm[f"winner_{key}"]
                if n:
                    risks.append(table[f"risk_{key}{suffix}"].format(n=n, vendor=winner["name"]))
        if sm["disagreements"]:
            risks.append(s.risk_disagreements.format(n=sm["disagreements"]))
        if sm["warnings"]:
            risks.append(s.risk_warnings.format(n=sm["warnings"]))
        return lines, risks or [s.none]


def _picture(b: Document, chart: Chart, caption: str) -> None:
    """A chart as a centred picture with its caption below, kept with the text before it."""
    b.chart(chart, caption)


def _vendor_chunks(b: Document, f: ReportFormat, vendors: list[dict[str, Any]]
                   ) -> Iterator[list[dict[str, Any]]]:
    """Vendors by :data:`VENDORS_PER_TABLE` for one table each, each table after a line
    saying which vendors it shows (written as the caller asks for the next group): a dozen
    vendors in one table leave each name a column a few letters wide."""
    chunks = _chunks(vendors, VENDORS_PER_TABLE)
    for chunk in chunks:
        if len(chunks) > 1:
            b.paragraph(f.s.appendix.vendors_per_table.format(
                first=chunk.start + 1, last=chunk.stop, n=len(vendors)), bold=True,
                keep_with_next=True)
        yield [vendors[i] for i in chunk]


def _chunks(items: Sequence[Any], size: int) -> list[range]:
    return [range(i, min(i + size, len(items))) for i in range(0, len(items), size)] or [range(0)]


def build_report_docx(ctx: dict[str, Any], strings: Strings, charts: dict[str, Chart],
                      template: Path | None = None) -> Document:
    """The comparison report as a :class:`Document`, ready to render."""
    f = ReportFormat(ctx, strings)
    s, c = f.s, f.c
    b = Document(template=template, language=ctx["lang"],
                 generated=ctx["generated"])
    org = ctx["organisation"]["name"]
    b.page_numbers(c.page, left_text=s.footer.format(organisation=org))
    counts = ctx["counts"]
    facts = [(s.fact.method, s.method[ctx["method"]]),
             (s.fact.vendors, str(counts["vendors"])),
             (s.fact.requirements, str(counts["requirements"])),
             (s.fact.evaluators, str(counts["evaluators"])),
             (s.fact.scores, format_number(counts["scores"], f.lang)),
             (s.fact.horizon, s.fact.horizon_value.format(years=ctx["horizon_years"])),
             (s.fact.fingerprint, ctx["weights_fingerprint"][:12])]
    b.cover(s.title, s.subtitle.format(project=ctx["project"]["name"]), facts, kicker=org,
            note=c.confidential)
    b.toc(c.contents)

    # summary
    lines, risks = f.summary_lines()
    b.heading(s.summary.heading, 1)
    for line in lines:
        b.paragraph(line)
    b.heading(s.summary.risks_heading, 2)
    b.bullets(risks)
    _recommendation(b, ctx, f)

    # ranking
    b.heading(s.ranking.heading, 1)
    b.paragraph(s.ranking[f"intro_{ctx['method']}"])
    rows = []
    for r in ctx["ranking"]:
        fill = KO_FILL if r["knocked_out"] else (WIN_FILL if r["rank"] == 1 else None)
        status = (s.verdict_more.no_response if r.get("no_response")
                  else s.ranking.fails.format(requirements=", ".join(r["failing"]))
                  if r["knocked_out"] else s.ranking.passes)
        rows.append([Cell(r["rank_label"], bold=True, align="center", fill=fill),
                     Cell(r["name"], bold=True, fill=fill),
                     Cell(f.points(r["total"]), align="right", fill=fill),
                     Cell(f.amount(r["tco"]) if r["tco"] is not None else s.ranking.not_priced,
                          align="right", fill=fill),
                     Cell(f.percent(r["p_first"]) if r["p_first"] is not None else "—",
                          align="right", fill=fill),
                     Cell(f.percent(r["verified_share"]), align="right", fill=fill),
                     Cell(status, fill=fill)])
    b.table([s.ranking.col_rank, s.ranking.col_vendor, s.ranking.col_total,
             s.ranking.col_tco.format(currency=currency_label(f.currency, f.lang)),
             s.ranking.col_p_first,
             s.ranking.col_verified, s.ranking.col_status], rows,
            widths=[0.6, 1.8, 0.9, 1.4, 1, 1, 2])  # "10=" on one line
    if any(r["tied"] for r in ctx["ranking"]):
        b.paragraph(s.ranking.tie_note, italic=True)
    _picture(b, charts["ranking"], s.ranking.chart)

    # criteria
    crit = ctx["criteria"]
    b.heading(s.criteria.heading, 1)
    b.paragraph(s.criteria.intro)
    for vendors in _vendor_chunks(b, f, crit["rows"]):
        rows = [[Cell([f.criterion(k), f.percent(crit["weights"][k])], lead=True)] + [
            Cell([f.score(r["cells"][k]["score"]),
                  s.criteria.points.format(points=f.points(r["cells"][k]["contribution"]))],
                 align="right", fill=KO_FILL if r["knocked_out"] else None)
            for r in vendors] for k in crit["ids"]]
        rows.append([Cell(s.ranking.col_total, bold=True)] + [
            Cell(f.points(r["total"]), bold=True, align="right",
                 fill=KO_FILL if r["knocked_out"] else None) for r in vendors])
        b.table([s.criteria.col_criterion] + [r["name"] for r in vendors], rows,
                widths=[3] + [1.2] * len(vendors))
    if crit["dropped"]:
        b.paragraph(s.criteria.dropped.format(criteria=f.dropped()), italic=True)

    # areas
    areas = ctx["areas"]
    b.heading(s.areas.heading, 1)
    b.paragraph(s.areas.intro)
    for chunk in _vendor_chunks(b, f, areas["rows"]):
        rows = []
        for area in areas["areas"]:
            rows.append([Cell(area["name"], bold=True, fill="E8EEF5"),
                         Cell(f.percent(area["weight"], 1), fill="E8EEF5", align="right")]
                        + [Cell(f.score(r["cells"][area["id"]]["score"]), bold=True,
                                fill="E8EEF5", align="right") for r in chunk])
            for group in area["groups"]:
                key = f"{area['id']}/{group['id']}"
                rows.append([f"   {group['name']}",
                             Cell(f.percent(group["weight"], 1), align="right")]
                            + [Cell(f.score(r["cells"][key]["score"])
                                    if key in r["cells"] and group["weight"] > 0 else "—",
                                    align="right") for r in chunk])
        b.table([s.areas.col_area, s.areas.col_weight] + [r["name"] for r in chunk], rows,
                widths=[3, 0.9] + [1] * len(chunk))
    if "areas" in charts:
        _picture(b, charts["areas"], s.areas.chart)

    # cost against score
    b.heading(s.cost.heading, 1)
    if "cost" in charts:
        b.paragraph(s.cost.intro.format(years=ctx["horizon_years"]))
        _picture(b, charts["cost"], s.cost.heading)
    else:
        b.paragraph(s.cost.none)

    # robustness
    b.heading(s.sensitivity.heading, 1)
    b.paragraph(s.sensitivity.intro)
    rows = [[Cell(f.criterion(x["criterion"]), bold=True),
             Cell(f.percent(x["weight"]), align="right"), f.flip(x["increase"], x["weight"]),
             f.flip(x["decrease"], x["weight"])] for x in ctx["sensitivity"]]
    b.table([s.sensitivity.col_criterion, s.sensitivity.col_weight, s.sensitivity.col_up,
             s.sensitivity.col_down], rows, widths=[2.4, 0.9, 2.2, 2.2])
    _fx_robustness(b, ctx, f)
    b.heading(s.sensitivity.monte_carlo_heading, 2)
    mc = ctx["monte_carlo"]
    if mc:
        b.paragraph(s.sensitivity.monte_carlo_intro.format(
            samples=format_number(mc["samples"], f.lang), seed=mc["seed"],
            concentration=format_number(mc["concentration"], f.lang)))
        b.table([s.sensitivity.col_vendor, s.sensitivity.col_p],
                [[x["name"], Cell(f.percent(x["p"], 1), align="right")] for x in mc["p_first"]],
                widths=[3, 1.4])
        if mc["spread"]:
            b.paragraph(s.sensitivity.monte_carlo_method.format(
                weight=f.percent(mc["spread"]["weight"]),
                sd=format_number(mc["spread"]["sd"] * 100, f.lang, 1)))
        b.heading(s.sensitivity.rank_heading, 3)
        b.paragraph(s.sensitivity.rank_intro)
        n = len(mc["ranks"])
        decimals = 1 if n <= 6 else 0  # beyond six ranks, "74.2%" broke into two lines
        b.table([s.sensitivity.col_vendor,
                 *(s.sensitivity.col_rank.format(rank=k) for k in mc["ranks"])],
                [[x["name"], *(Cell(f.percent(p, decimals), align="right")
                               for p in x["shares"])]
                 for x in mc["rank_acceptability"]],
                widths=[2.4] + [min(1.0, 4.4 / max(n, 1))] * n)
    else:
        b.paragraph(s.sensitivity.no_monte_carlo)

    # knock-outs
    b.heading(s.knockouts.heading, 1)
    if ctx["knockouts"]:
        b.paragraph(s.knockouts.intro)
        k = s.knockouts
        b.table([k.col_vendor, k.col_requirement, k.col_score, k.col_threshold, k.col_source],
                [[Cell(x["name"], bold=True), Cell([x["requirement"], x["title"]], lead=True),
                  Cell(f.score(x["score"]), align="right"),
                  Cell(f.score(x["threshold"]), align="right"), f.source(x["source"])]
                 for x in ctx["knockouts"]], widths=[1.5, 3.6, 0.8, 0.8, 1.2])
    else:
        b.paragraph(s.knockouts.none)

    # disagreements
    d = s.disagreements
    b.heading(d.heading, 1)
    if ctx["disagreements"]:
        b.paragraph(d.intro_short)
        rows = []
        for x in ctx["disagreements"]:
            target = (d.references if x["kind"] == "references"
                      else [x["target"], x["title"]])
            scores = [f"{y['evaluator']}: {f.score(y['score'])}"
                      + (f" — {y['note']}" if y["note"] else "")
                      + "".join(f" [{getattr(d, flag)}]" for flag in y.get("flags", ()))
                      for y in x["scores"]]
            rows.append([Cell(x["name"], bold=True), Cell(target, lead=True),
                         Cell(f.score(x["spread"]), align="right"), scores,
                         f.score(x["consensus"]) if x["consensus"] is not None else d.open])
        b.table([d.col_vendor, d.col_target, d.col_spread, d.col_scores, d.col_consensus],
                rows, widths=[1.2, 2.4, 0.7, 3.6, 0.9])
    elif ctx["counts"]["evaluators"] < 2:  # no two opinions yet: not "they broadly agree"
        u = s.disagreements_unscored
        b.paragraph(u.one if ctx["counts"]["evaluators"] == 1 else u.none)
    else:
        b.paragraph(d.none)

    # coverage
    cv = s.coverage
    b.heading(cv.heading, 1)
    b.paragraph(cv.intro)
    b.table([cv.col_vendor, cv.col_verified, cv.col_declared, cv.col_evaluated, cv.col_live,
             cv.col_missing],
            [[Cell(x["name"], bold=True), Cell(f.percent(x["verified_share"]), align="right"),
              Cell(f.percent(x["declared_share"]), align="right"),
              Cell(str(x["evaluated"]), align="right"), Cell(str(x["shown_live"]), align="right"),
              Cell(str(x["unanswered"]), align="right")] for x in ctx["coverage"]],
            widths=[2, 1, 1, 1, 1, 1])
    b.heading(cv.unanswered_heading, 2)
    if ctx["unanswered"]:
        b.paragraph(cv.unanswered_intro)
        for group in ctx["unanswered"]:
            b.heading(group["name"], 3)
            if not group["responded"]:
                b.paragraph(cv.no_response, italic=True)
            b.table([cv.col_requirement],
                    [[Cell([x["requirement"], x["title"]], lead=True)]
                     for x in group["requirements"]], widths=[7.4])
    else:
        b.paragraph(cv.unanswered_none)
    b.heading(cv.unverified_heading, 2)
    if ctx["unverified"] and not ctx["counts"]["scores"]:
        # before any test drive every native claim is unverified: pages of "not in a demo /
        # no" say less than one sentence with the counts
        counts = ", ".join(f"{g['name']} {format_number(len(g['claims']), f.lang)}"
                           for g in ctx["unverified"])
        b.paragraph(f.s.coverage_more.unverified_unscored.format(counts=counts))
    elif ctx["unverified"]:
        b.paragraph(cv.unverified_intro)
        for group in ctx["unverified"]:
            b.heading(group["name"], 3)
            b.table([cv.col_requirement, cv.col_shown, cv.col_scored],
                    [[Cell([x["requirement"], x["title"]], lead=True), f.shown(x["shown"]),
                      c.yes if x["evaluated"] else c.no] for x in group["claims"]],
                    widths=[4.4, 1.5, 1.5])
    else:
        b.paragraph(cv.unverified_none)

    _tco(b, ctx, f, charts)
    _risks(b, ctx, f)
    _gaps(b, ctx, f)

    # warnings
    b.heading(s.warnings.heading, 1)
    if ctx["warnings"]:
        b.paragraph(s.warnings.intro)
        b.bullets(render_text(w["message"], ctx["lang"]) for w in ctx["warnings"])
    else:
        b.paragraph(s.warnings.none)

    # reference questions
    b.heading(s.references.heading, 1)
    b.paragraph(s.references.intro)
    for ref in ctx["references"]:
        b.heading(ref["name"], 2)
        b.paragraph(s.references.named.format(names=", ".join(ref["references"]))
                    if ref["references"] else s.references.none_named, italic=True)
        b.bullets(q["text"] for q in ref["questions"])

    _signoff(b, ctx, f)
    _methodology(b, ctx, f)
    _evaluators(b, ctx, f)
    _appendix(b, ctx, f)
    _vendor_answers(b, ctx, f, strings["rfp"])
    b.colophon(c.generated_with.format(date=f.date(ctx["generated"])))
    return b


def _tco(b: Document, ctx: dict[str, Any], f: ReportFormat, charts: dict[str, Chart]) -> None:
    s, t = f.s.tco, ctx["tco"]
    b.heading(s.heading, 1)
    b.paragraph(s.intro.format(years=ctx["horizon_years"],
                               currency=currency_label(f.currency, f.lang)))
    budget = ctx["budget"]
    if budget["formula"] == "absolute" and budget["target"] is not None:
        b.paragraph(s.absolute.format(target=f.money(budget["target"]),
                                      ceiling=f.money(budget["ceiling"])))
    else:
        b.paragraph(s.relative, italic=True)
    if t["discount_rate_pct"] is not None:
        b.paragraph(s.discounted.format(rate=f.percent(t["discount_rate_pct"] / 100, 1)))
    for x in t["exchange_rates"]:
        rates = [format_rate(r, f.lang) for r in x["rates"]]
        project, source = (currency_label(c, f.lang) for c in (f.currency, x["currency"]))
        b.paragraph(s.rates_used.format(currency=source, project=project,
                                        rates=rates[0]) if x["constant"] else
                    s.rates_used_yearly.format(currency=source, project=project,
                                               years=len(rates), rates=" / ".join(rates)))
    priced = [v for v in t["vendors"] if v["priced"]]
    for v in t["vendors"]:
        if not v["priced"]:
            b.paragraph(s.not_priced.format(vendor=v["name"]), italic=True)
        elif v["source_currency"] and v["source_currency"] != f.currency \
                and len(set(v["rates"])) > 1:
            b.paragraph(s.converted_yearly.format(vendor=v["name"],
                                                  currency=v["source_currency"]),
                        italic=True, size=8.5)
        elif v["source_currency"] and v["source_currency"] != f.currency:
            b.paragraph(s.converted.format(vendor=v["name"], currency=v["source_currency"],
                                           rate=format_number(v["rate"], f.lang, 2)),
                        italic=True, size=8.5)
    if not priced:
        return
    if "tco" in charts:
        _picture(b, charts["tco"], s.chart.format(currency=currency_label(f.currency, f.lang)))
    b.heading(s.by_component, 2)
    # by five vendors a table, as the scores: twelve left each amount a column too narrow
    for chunk in _vendor_chunks(b, f, priced):
        rows = [[f.s.component[k]] + [Cell(f.amount(v["components"].get(k, 0)), align="right")
                                      for v in chunk] for k in t["components"]]
        rows.append([Cell(f.c.total, bold=True)] + [Cell(f.amount(v["total"]), bold=True,
                                                         align="right") for v in chunk])
        rows.append([s.cost_score] + [Cell(f.score(v["cost_score"]), align="right")
                                      for v in chunk])
        b.table([s.col_component] + [v["name"] for v in chunk], rows,
                widths=[2.6] + [1.2] * len(chunk))
    b.heading(s.by_year, 2)
    years = t["years"]
    wide = len(years) > 6
    if wide:
        b.section(landscape=True)
    rows = [[Cell(v["name"], bold=True)] + [Cell(f.amount(y["total"]), align="right")
                                            for y in v["years"]]
            + [Cell(f.amount(v["total"]), bold=True, align="right")] for v in priced]
    b.table([s.col_vendor] + [f.c.year.format(n=n) for n in years] + [f.c.total], rows,
            widths=[1.8] + [1] * len(years) + [1.2])
    if wide:
        b.section(landscape=False)


def _risks(b: Document, ctx: dict[str, Any], f: ReportFormat) -> None:
    s = f.s.risks
    b.heading(s.heading, 1)
    if not ctx["risks"]:
        b.paragraph(s.none)
        return
    b.paragraph(s.intro)
    for group in ctx["risks"]:
        b.heading(group["name"], 2)
        b.table([s.col_requirement, s.col_kind, s.col_detail],
                [[Cell([x["requirement"], x["title"]], lead=True), f.s.risk[x["kind"]],
                  f.risk_detail(x)] for x in group["items"]], widths=[3, 1.8, 3])


def _appendix(b: Document, ctx: dict[str, Any], f: ReportFormat) -> None:
    s, a = f.s.appendix, ctx["appendix"]
    b.section(landscape=True)
    b.heading(s.heading, 1)
    b.paragraph(s.intro.format(legend=f.legend()))
    vendors = a["vendors"]
    chunks = _chunks(vendors, VENDORS_PER_TABLE)
    for chunk in chunks:
        if len(chunks) > 1:
            b.paragraph(s.vendors_per_table.format(first=chunk.start + 1, last=chunk.stop,
                                                   n=len(vendors)), bold=True)
        rows = [[Cell([r["requirement"], r["title"]], lead=True), f.c.priority[r["priority"]],
                 Cell(f.percent(r["weight"], 1), align="right")]
                + [Cell(f.cell(r["cells"][i]), align="center") for i in chunk]
                for r in a["rows"]]
        if a["references"]:
            rows.append([Cell(s.references_row, bold=True), "", ""]
                        + [Cell(f.cell(a["references"][i]), align="center") for i in chunk])
        b.table([s.col_requirement, s.col_priority, s.col_weight]
                + [vendors[i]["name"] for i in chunk], rows,
                widths=[5, 1.1, 0.9] + [1.1] * len(chunk))
        if a["steps"]:
            b.heading(s.steps_heading, 2)
            rows = [[Cell([x["target"], x["title"]], lead=True)]
                    + [Cell(f.cell(x["cells"][i]), align="center") for i in chunk]
                    for x in a["steps"]]
            b.table([s.col_step] + [vendors[i]["name"] for i in chunk], rows,
                    widths=[5] + [1.1] * len(chunk))


# --- recommendation, gaps, sign-off, methodology and evaluators (issue #13, points 8, 9) ------

#: Point parameters written as money, as scores (0–5, one decimal), as points (0–100), as
#: shares and as dates; lists of requirement ids are written with their titles.
_MONEY = ("tco", "target", "ceiling", "gap", "cost", "amount", "lowest", "per_year")
_SCORES = ("score", "threshold", "margin")
_POINTS = ("total", "lead", "runner_up_total", "swing")
_SHARES = ("p_first", "share")
_DATES = ("date", "last_date", "decision", "contract", "go_live")


def _variant(code: str, p: dict[str, Any]) -> str:
    """The wording of a point when a value is missing (no date, no price, no simulation)."""
    missing = {
        "verdict_clear": p.get("p_first") is None and "no_mc",
        "verdict_too_close": p.get("p_first") is None and "no_mc",
        "verdict_close_spread": p.get("p_first") is None and "no_mc",
        "verdict_illustrative": not p.get("runner_up") and "alone",
        "step_replace_illustrative": not p.get("runner_up") and "alone",
        "verdict_close": p.get("narrow") and ("narrow_no_mc" if p.get("p_first") is None
                                              else "narrow"),
        "unanswered": not p.get("must") and "no_must",
        "gaps": (not p.get("should") and "must_only") or (not p.get("must") and "should_only"),
        "risk_custom": not p.get("cost") and "unpriced",
        "risk_roadmap": p.get("last_date") is None and "undated",
        "neg_roadmap": p.get("date") is None and "undated",
        "neg_add_on": not p.get("per_year") and "included",
        "neg_fx": p.get("change") is None and "stable",
        "step_contract": p.get("contract") is not None and "dated",
        "step_migration_plan": p.get("go_live") is not None and "dated",
    }.get(code)
    if code in ("strength_area", "strength_criterion", "weak_area", "weak_criterion") \
            and p.get("of", 0) <= 1:
        missing = "alone"  # "rank 1 of 1" says nothing
    return f"{code}_{missing}" if missing else code


def point_text(f: ReportFormat, table: Strings, point: tuple[str, dict[str, Any]]) -> str:
    """One recommendation point in words, from its wording in ``table`` and its values."""
    code, p = point
    s = f.s.recommendation
    values: dict[str, Any] = {}
    for key, value in p.items():
        if key in _MONEY:
            values[key] = f.money(value)
        elif key in _SCORES:
            values[key] = f.score(value)
        elif key == "lead":
            values[key] = f.lead(value)
        elif key in _POINTS:
            values[key] = f.points(value)
        elif key in _SHARES:
            values[key] = f.percent(value) if value is not None else ""
        elif key in _DATES:
            values[key] = f.date(value) if value is not None else ""
        elif key == "pct":
            values[key] = f.percent(value / 100, 1 if value % 1 else 0)
        elif key == "change":
            values[key] = f.percent(value / 100, 1) if value is not None else ""
        elif key in ("currency", "project") and isinstance(value, str):  # codes: TRY is TL
            values[key] = currency_label(value, f.lang)
        elif key in ("days", "n", "must", "should", "of", "rank"):
            values[key] = format_number(value, f.lang)
        elif key == "requirements":
            items = [f"{rid} {title}" for rid, title in zip(value, p["titles"], strict=True)]
            if p.get("more"):
                items.append(s.more.format(n=p["more"]))
            values[key] = "; ".join(items)
        elif key == "vendor_names":
            values["vendors"] = ", ".join(value)
        elif key == "criterion":
            values[key] = f.criterion(value)
        elif key == "component":
            values[key] = f.s.component[value] if value in f.s.component else value
        elif key in ("declared",):
            values[key] = f.c.compliance[value] if value else s.none
        elif key == "source":
            values[key] = f.source(value)
        elif key != "vendors":
            values[key] = value
    if "rank" in p and "of" in p:
        values["rank_of"] = s.rank_of.format(rank=values["rank"], of=values["of"])
    variant = _variant(code, p)
    if variant not in table:  # wordings added later live in their own blocks of the file
        table = next(t for t in (f.s.recommendation_more, f.s.recommendation_close)
                     if variant in t)
    return table[variant].format(**values)


def _recommendation(b: Document, ctx: dict[str, Any], f: ReportFormat) -> None:
    s, rec = f.s.recommendation, ctx["recommendation"]
    b.heading(s.heading, 1)
    b.paragraph(point_text(f, s.point, rec["verdict"]), bold=True)
    if rec["finalists"]:
        b.paragraph(s.intro.format(n=len(rec["finalists"])) if len(rec["finalists"]) > 1
                    else s.intro_one)
    for fin in rec["finalists"]:
        title = s.finalist_heading.format(vendor=fin["name"], rank=fin["rank"],
                                          total=f.points(fin["total"]))
        b.heading(f"{title} — {s.recommended}" if fin["recommended"] else title, 2)
        for key in ("strengths", "weaknesses", "barely_met", "unchecked", "risks"):
            b.paragraph(s[key], bold=True, keep_with_next=True, space_after=2)
            items = [point_text(f, s.point, p) for p in fin[key]]
            b.bullets(items or [s.none[key]])
    n = f.s.negotiation
    b.heading(n.heading, 2)
    if not rec["negotiation"]:
        b.paragraph(n.no_vendor)
    for group in rec["negotiation"]:
        if len(rec["negotiation"]) > 1:
            b.heading(group["name"], 3)
        b.paragraph(n.intro)
        b.bullets([point_text(f, n.point, p) for p in group["points"]] or [n.none])
    b.heading(f.s.next_steps.heading, 2)
    b.bullets(point_text(f, f.s.next_steps.point, p) for p in rec["next_steps"])


def _fx_robustness(b: Document, ctx: dict[str, Any], f: ReportFormat) -> None:
    """Per foreign bid currency, the yearly change against the project currency at which
    another vendor would win (as ``crmselect sensitivity`` shows it)."""
    if not ctx.get("fx"):
        return
    s, project = f.s.fx_robustness, currency_label(f.currency, f.lang)

    def flip(x: dict[str, Any] | None, limit: float) -> str:
        if x is None:
            return s.never.format(limit=f.percent(limit / 100))
        if abs(x["change"]) < 0.05:  # a tie at today's rates: not "−0.0% a year"
            return s.flip_any.format(vendor=x["vendor"])
        sign = "+" if x["change"] > 0 else "−"
        return s.flip.format(change=sign + f.percent(abs(x["change"]) / 100, 1),
                             vendor=x["vendor"])

    b.heading(s.heading, 2)
    b.paragraph(s.intro.format(currency=project, limit=f.percent(ctx["fx"][0]["limit"] / 100)))
    rows = [[Cell(currency_label(x["currency"], f.lang), bold=True),
             " / ".join(format_rate(r, f.lang) for r in dict.fromkeys(x["rates"]))
             if len(set(x["rates"])) == 1 else
             " / ".join(format_rate(r, f.lang) for r in x["rates"]),
             flip(x["rise"], x["limit"]), flip(x["fall"], x["limit"])] for x in ctx["fx"]]
    b.table([s.col_currency, s.col_rates.format(currency=project), s.col_rise, s.col_fall],
            rows, widths=[1.2, 1.8, 2.2, 2.2])


def _signoff(b: Document, ctx: dict[str, Any], f: ReportFormat) -> None:
    """A page the steering committee signs: the decision and one row per signatory, with a
    blank row for the sponsor when the project names none."""
    s, rec = f.s.signoff, ctx["recommendation"]
    b.page_break()
    b.heading(s.heading, 1)
    chosen = [g["name"] for g in rec["negotiation"]]
    b.paragraph(s.decision.format(vendors=", ".join(chosen)) if chosen else s.decision_none)
    people = rec["signatories"]
    rows = []
    if not any(p["role"] == "sponsor" for p in people):
        rows.append(["", s.sponsor])
    for p in people:
        role = s.role[p["role"]]
        if p["department"]:
            role += f", {slug_label(f.c, 'department', p['department'])}"
        rows.append([Cell(p["name"], bold=True), role])
    # three lines of room to sign in, whatever the user's template does with row heights
    b.table([s.col_name, s.col_role, s.col_signature, s.col_date],
            [[Cell(c) if isinstance(c, str) else c for c in row] + [Cell(["", "", ""]), ""]
             for row in rows],
            widths=[2, 2, 2.2, 1.2], banded=False, keep_together=True)


def _remediation(f: ReportFormat, row: dict[str, Any]) -> str:
    g = f.s.gaps
    if row["declared"] == "custom":
        return (g.remediation_custom.format(days=format_number(row["effort_days"], f.lang),
                                            cost=f.money(row["cost"]))
                if row["cost"] else g.remediation_custom_unpriced.format(
                    days=format_number(row["effort_days"], f.lang)))
    if row["declared"] == "third_party" and row["cost_per_year"]:
        return g.remediation_third_party.format(per_year=f.money(row["cost_per_year"]))
    if row["declared"] == "roadmap" and row["promised_date"]:
        return g.remediation_roadmap.format(date=f.date(row["promised_date"]))
    return g.remediation_none


def _gaps(b: Document, ctx: dict[str, Any], f: ReportFormat) -> None:
    g, data = f.s.gaps, ctx["gaps"]
    b.heading(g.heading, 1)
    b.paragraph(g.intro.format(meets=f.score(data["meets"])))
    for vendor in data["vendors"]:
        b.heading(vendor["name"], 2)
        if not vendor["gaps"]:
            b.paragraph(g.none, italic=True)
            continue
        b.table([g.col_requirement, g.col_priority, g.col_score, g.col_declared,
                 g.col_remediation],
                [[Cell([x["requirement"], x["title"]], lead=True), f.c.priority[x["priority"]],
                  Cell(f"{f.score(x['score'])} {f.s.source_short[x['source']]}",
                       align="center"),
                  f.c.compliance[x["declared"]] if x["declared"] else g.not_answered,
                  _remediation(f, x)] for x in vendor["gaps"]],
                widths=[3, 0.9, 0.7, 1.3, 1.9])


def _methodology(b: Document, ctx: dict[str, Any], f: ReportFormat) -> None:
    m, data = f.s.methodology, ctx["methodology"]
    b.page_break()
    b.heading(m.heading, 1)
    b.heading(m.tree_heading, 2)
    priorities = ", ".join(f"{f.c.priority[k]} {format_number(v, f.lang)}"
                           for k, v in data["priority_weights"].items())
    b.paragraph(m.tree_intro.format(priorities=priorities))
    if data["requirement_overrides"]:
        b.paragraph(m.overrides.format(n=data["requirement_overrides"]))
    if data["ahp"]:
        b.paragraph(m.ahp.format(levels=", ".join(m.ahp_level[k] for k in data["ahp"])))
        consistent = {k: cr for k, cr in data.get("ahp_cr", {}).items()
                      if k not in data.get("ahp_inconsistent", {})}
        if consistent:  # the judgements' consistency, not only when it fails
            b.paragraph(f.s.ahp_consistency.consistent.format(
                ratios=", ".join(f.s.ahp_consistency.ratio.format(
                    level=m.ahp_level[k], cr=format_fixed(cr, f.lang, 4))
                    for k, cr in consistent.items()),
                limit=format_fixed(0.1, f.lang, 2)))
        for level, cr in data.get("ahp_inconsistent", {}).items():
            digits = 2  # enough digits to tell the ratio from the limit ("0.1005 > 0.10")
            while digits < 6 and round(cr, digits) <= 0.1:
                digits += 1
            b.paragraph(f.s.verdict_more.ahp_inconsistent.format(
                level=m.ahp_level[level], cr=format_fixed(cr, f.lang, digits),
                limit=format_fixed(0.1, f.lang, 2)), bold=True)
    rows = []
    for node in data["tree"]:
        top = node["kind"] == "criterion"
        name = f.criterion(node["id"]) if top else node["name"]
        fill = "E8EEF5" if top else None
        rows.append([Cell("   " * node["depth"] + name, bold=top, fill=fill),
                     Cell(f.percent(node["local"], 1), align="right", fill=fill),
                     Cell(f.percent(node["weight"], 1), align="right", fill=fill),
                     Cell(_items(f, node) if node["leaves"] else "", fill=fill)])
    b.table([m.col_node, m.col_share, m.col_weight, m.col_items], rows,
            widths=[3, 0.9, 1.1, 2.4])
    b.heading(m.rules_heading, 2)
    compliance = ", ".join(f"{f.c.compliance[k]} {f.score(v)}"
                           for k, v in data["compliance_scores"].items())
    declared = m.declared_value.format(scores=compliance)
    if data["unverified_discount"]:
        declared += " " + m.discount.format(share=f.percent(data["unverified_discount"]))
    cost = data["cost"]
    if cost["formula"] == "absolute" and cost["target"] is not None:
        cost_text = m.cost_absolute.format(years=cost["horizon"], target=f.money(cost["target"]),
                                           ceiling=f.money(cost["ceiling"]))
    else:
        cost_text = m.cost_relative.format(years=cost["horizon"])
    b.key_values([
        (m.scale, m.scale_value.format(meets=f.score(data["meets"]))),
        (m.declared, declared),
        (m.aggregation, m.aggregation_value[data["aggregation"]].format(
            spread=f.score(data["disagreement_spread"]))),
        (m.knockout, m.knockout_value.format(threshold=f.score(data["knockout_threshold"]),
                                             margin=f.score(data["barely_margin"]))),
        (m.total, m.total_value[data["method"]]),
        (m.cost, cost_text),
        (m.ties, m.ties_value.format(tolerance=format_number(data["tie_tolerance"], f.lang,
                                                             9))),
    ], widths=(1.6, 5.8))


def _items(f: ReportFormat, node: dict[str, Any]) -> str:
    """``5 (Must 3, Should 2)``: a group's requirements by priority, or a scenario's steps."""
    counts = node["priorities"]
    if not counts:
        return format_number(node["leaves"], f.lang)
    detail = ", ".join(f"{f.c.priority[k]} {n}" for k, n in counts.items())
    return f"{node['leaves']} ({detail})"


def _evaluators(b: Document, ctx: dict[str, Any], f: ReportFormat) -> None:
    e = f.s.evaluators
    b.heading(e.heading, 1)
    b.paragraph(e.intro)
    rows = []
    for p in ctx["evaluators"]:
        role = f.s.signoff.role[p["role"]]
        if p["department"]:
            role += f", {slug_label(f.c, 'department', p['department'])}"
        scored = [x["name"] or e[x["id"]] for x in p["scored"]]
        areas = ", ".join(scored) if scored else e.nothing
        assigned = e.assigned.format(areas=", ".join(p["assigned"]) if p["assigned"]
                                     else e.all_areas)
        rows.append([Cell(p["name"], bold=True), role, Cell([areas, assigned]),
                     Cell(format_number(p["scores"], f.lang), align="right"),
                     Cell(format_number(p["marks"], f.lang), align="right"),
                     ", ".join(p["vendors"]) or "—"])
    b.table([e.col_name, e.col_role, e.col_areas, e.col_scores, e.col_marks, e.col_vendors],
            rows, widths=[1.4, 1.4, 2, 0.6, 0.7, 1.4])


# --- questionnaire answers and optional prices (issue #13, points 5 and 6) ---------------------


def _vendor_answers(b: Document, ctx: dict[str, Any], f: ReportFormat, rfp: Strings) -> None:
    """The vendors' questionnaire answers (question rows × vendor columns, by the RFP's
    sections, whose texts ``rfp`` has) and optional unit prices, after the appendix of every
    score (landscape)."""
    s, data = f.s.vendor_answers, ctx["vendor_answers"]
    vendors = data["vendors"]
    b.heading(s.heading, 1)
    b.paragraph(s.intro)
    b.heading(s.questionnaire_heading, 2)
    answers = data["questionnaire"]
    if not answers:
        b.paragraph(s.no_answers, italic=True)
    chunks = _chunks(vendors, VENDORS_PER_TABLE) if answers else []
    unanswered: list[str] = []
    for section, prefix, questions in questionnaire(rfp) if answers else []:
        ids = [(f"{prefix}-{n}", q) for n, q in enumerate(questions, start=1)]
        unanswered += [qid for qid, _ in ids if qid not in answers]
        ids = [(qid, q) for qid, q in ids if qid in answers]
        if not ids:
            continue
        b.heading(rfp.questionnaire.sections[section], 3)
        for chunk in chunks:
            if len(chunks) > 1:
                b.paragraph(f.s.appendix.vendors_per_table.format(
                    first=chunk.start + 1, last=chunk.stop, n=len(vendors)), bold=True)
            rows = [[Cell([qid, question], lead=True)]
                    + [answers[qid][i] or "—" for i in chunk] for qid, question in ids]
            width = min(2.6, 6.6 / max(len(chunk), 1))
            b.table([s.col_question] + [vendors[i]["name"] for i in chunk], rows,
                    widths=[2.8] + [width] * len(chunk), keep_together=False)
    if unanswered:
        b.paragraph(s.unanswered.format(ids=", ".join(unanswered)), italic=True, size=8.5)
    b.heading(s.optional_heading, 2)
    if not data["optional_prices"]:
        b.paragraph(s.no_prices, italic=True)
        return
    b.paragraph(s.optional_intro.format(currency=currency_label(f.currency, f.lang)))
    o = rfp.optional_prices
    for chunk in _chunks(vendors, VENDORS_PER_TABLE):
        rows = [[Cell([o.item[r["key"]] if r["key"] in o.item else humanize(r["key"]),
                       o.unit[r["key"]] if r["key"] in o.unit else o.unit_other], lead=True)]
                + [_optional_price(f, r["cells"][i]) for i in chunk]
                for r in data["optional_prices"]]
        width = min(2, 6.6 / max(len(chunk), 1))
        b.table([s.col_item] + [vendors[i]["name"] for i in chunk], rows,
                widths=[2.8] + [width] * len(chunk))


def _optional_price(f: ReportFormat, cell: dict[str, Any] | None) -> Cell | str:
    """A unit price in the project currency (the quoted one below it when converted), then
    the vendor's note."""
    if cell is None:
        return "—"
    quoted = format_money(cell["price"], cell["currency"], f.lang)
    lines = [quoted]
    if cell["converted"] is not None and cell["currency"] != f.currency:
        lines = [format_money(cell["converted"], f.currency, f.lang),
                 f.s.vendor_answers.quoted.format(price=quoted)]
    if cell["note"]:
        lines.append(cell["note"])
    return Cell(lines, lead=True)
