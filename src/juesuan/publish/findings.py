"""主要发现 (key findings): what opens the introduction and every chapter, three to six numbered sentences, each
with its figure and its base, in the page's language. The facts come from analysis.highlights (and the audit's
counts); the words from messages/findings.toml."""

from __future__ import annotations

from decimal import Decimal

from .. import i18n
from ..analysis import highlights as h
from ..analysis.highlights import Fact
from ..analysis.overview import facts as overview_facts
from ..data.glossary import english

MOST = 6
SPENDING = r"^(?!.*(收|机关运行|三公)).*支出"  # a change of spending (财政拨款支出), not of income and spending together
TOTALS = ("收支总计", "收入支出总计")


def chapter_facts(chapter: str, data, found=None) -> list[Fact]:
    """The facts a chapter opens with, most telling first (at most six); for "trends", ``data`` is every year's data
    by year, for "overview" the overview's frame of every unit-year."""
    facts = {
        "income": lambda: h.income_sources(data) + h.change(data, "收入(总计|合计)", *TOTALS)
        + h.largest_function(data, "t02_income"),
        "expenditure": lambda: h.kinds(data) + h.change(data, SPENDING, *TOTALS) + h.budget_parts(data)
        + h.late_allocations(data) + h.projects(data),
        "basic": lambda: h.personnel(data) + h.largest_items(data) + h.per_head(data) + h.three_public(data)
        + (h.change(data, "机关运行经费") or h.running_costs(data)),
        "procurement": lambda: h.procurement_facts(data),
        "performance": lambda: h.performance_facts(data),
        "intro": lambda: _intro(data),
        "audit": lambda: _audit(data, found=found),
        "trends": lambda: h.trend_facts(data),  # data: every year's, by year
        "overview": lambda: overview_facts(data),  # data: the overview frame (publish.overview.frame)
    }[chapter]()
    return facts[:MOST]


def _intro(data) -> list[Fact]:
    """The year at a glance: the change on the prior year, the budget and what was left of it, the projects, the
    self-evaluation, SMEs and the errors of the report; where the report gives fewer, how the money was spent."""
    out = h.change(data, SPENDING, *TOTALS)
    out += h.budget_parts(data)[:1]
    projects = h.projects(data)
    out += [f for f in projects if f.key == "earlier_years"] or projects[:1]
    perf = {f.key: f for f in h.performance_facts(data)}
    out += [perf[k] for k in ("full_marks_all", "score") if k in perf][:1]
    proc = {f.key: f for f in h.procurement_facts(data)}
    out += [proc[k] for k in ("sme_low", "sme") if k in proc][:1]
    for more in (h.kinds, h.personnel):  # fewer than five so far: what the tables alone say
        if len(out) < 4:
            out += more(data)
    return out[:MOST - 1] + _audit(data, "intro")[:1]


def _audit(data, page: str = "audit", found=None) -> list[Fact]:
    from ..audit import checks, fixes

    found = checks.run(data) if found is None else found
    c = checks.counts(found)
    out = [Fact("errors" if c["mismatch"] else "errors_none",
                {"n_n": c["mismatch"], "q_n": c["consequence"], "a_n": c["artefact"], "nt_n": c["note"],
                 "all_n": len(found), "r_n": c["rounding"], "u_n": c["not_applicable"] + c["missing_data"],
                 "where": page})]
    for fix in [f for f in fixes.fixes(data, found) if f.status == "mismatch" and f.quote and f.correction
                and not f.advice][:3]:  # «…» should read «…»: where the list gives the words corrected
        out.append(Fact("error", {"problem": fix.problem, "quote": fix.quote, "correction": fix.correction,
                                  "place": fix.short_place}))
    return out


# ------------------------------------------------------------------------------------------------ facts into words


def _term(zh: str) -> str:
    """An official term as the page shows it: alone in Chinese, with its English rendering in English."""
    if i18n.lang() == "zh":
        return zh
    en = english(zh)
    return f"{zh} ({en})" if en and en != zh else zh


def _value(name: str, value):
    if value is None:
        return "—"
    if name.endswith("_wan"):
        return i18n.money(value)
    if name.endswith("_pct"):
        return f"{value}%"
    if isinstance(value, Decimal):
        return i18n.number(value)
    return value


def _date(item: dict) -> str:
    import calendar

    return i18n.t("findings.date", month=item["month"], day=item["day"], month_name=calendar.month_name[item["month"]])


def _prepare(fact: Fact) -> dict:
    """The fact's values as its sentence shows them."""
    v = dict(fact.values)
    sep = i18n.t("common.list_sep")
    if fact.key == "late":
        v["items"] = sep.join(i18n.t("findings.late_item", date=_date(x), amount=i18n.money(x["amount_wan"]))
                              for x in v["items"])
    elif fact.key == "largest_economic":
        v["items"] = sep.join(f"{_term(name)} {i18n.money(amount)}" for name, amount in v["items"])
    elif fact.key == "earlier_years":
        v["years"] = sep.join(str(y) for y in v["years"])
        v["names"] = sep.join(f"«{n}»" for n in v["names"])
    elif fact.key == "score":
        return _score(v)
    elif fact.key == "errors":
        v["where"] = i18n.t(f"findings.where_{v['where']}")
        def n(count, one, many):  # the English sentences' number (the Chinese ones have none)
            return one if count == 1 else many

        v["errors_need"] = n(v["n_n"], "error in the report that needs", "errors in the report that need")
        v["more"] = (i18n.t("findings.errors_follow", q_n=v["q_n"], them=n(v["n_n"], "it", "them"),
                            differences_follow=n(v["q_n"], "difference follows", "differences follow"))
                     if v["q_n"] else "") + \
            (i18n.t("findings.errors_artefacts", a_n=v["a_n"], artefacts=n(
                v["a_n"], "is probably an artefact of the conversion", "are probably artefacts of the conversion"))
             if v["a_n"] else "") + \
            (i18n.t("findings.errors_notes", nt_n=v["nt_n"], notes=n(
                v["nt_n"], "reviewer's note points at a difference standard practice allows, not an error",
                "reviewer's notes point at differences standard practice allows, not errors")) if v["nt_n"] else "")
    elif fact.key == "errors_none":
        v["unchecked"] = i18n.t("findings.errors_unchecked", u_n=v["u_n"]) if v["u_n"] else ""
    for name in ("subject", "source", "name", "category"):
        if name in v and isinstance(v[name], str):
            v[name] = _term(v[name]) if name != "category" or i18n.lang() == "zh" else v["category_en"]
    if "kind" in v:
        v["kind"] = _term(v["kind"])
    return {k: _value(k, x) for k, x in v.items()}


def _score(v: dict) -> dict:
    """The score told one way: the 自评表's total, where the prose differs, and the total recomputed."""
    wrong = [p for p in v["prose"] if not p["agrees"]]
    prose = i18n.t("findings.score_prose", values=i18n.t("common.list_sep").join(
        i18n.number(p["value"]) for p in wrong)) if wrong else ""
    recomputed = i18n.t("findings.score_recomputed", value=i18n.number(v["recomputed"])) if v["recomputed"] else ""
    return {"stated": i18n.number(v["stated"]), "prose": prose, "recomputed": recomputed}


def sentence(fact: Fact) -> str:
    return i18n.message(f"findings.{fact.key}").format(**_prepare(fact))


def findings(chapter: str, data, found=None):
    """The chapter's key findings as a numbered list (Markdown, every value escaped); ``found``, the audit's findings
    where the page has run it already (the audit chapter), so that it is not run twice."""
    from .display import esc, text

    facts = chapter_facts(chapter, data, found)
    if not facts:
        return text(i18n.t("findings.none"))
    lines = []
    for number, fact in enumerate(facts, 1):
        values = {k: esc(x) if isinstance(x, str) else x for k, x in _prepare(fact).items()}
        lines.append(f"{number}. " + i18n.message(f"findings.{fact.key}").format(**values))
    return text("\n".join(lines))
