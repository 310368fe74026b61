"""The figures a reader checks first, asserted against the 2024 report of 长沙市现代教育技术中心.

Every expected value below is typed from the published report, not from the parser's output.
"""

from decimal import Decimal as D

import pytest

ZERO = D("0")


def amounts(rows, **where):
    return {
        (r["code"], r["column"]): D(r["amount_wan_yuan"])
        for r in rows
        if all(r.get(k) == v for k, v in where.items())
    }


def test_metadata(seed):
    report = seed.report
    assert report["unit_zh"] == "长沙市现代教育技术中心"
    assert report["year_stated"] == 2024
    assert report["currency_unit"] == "万元"
    assert {t: report["tables"][t]["label"] for t in report["tables"]} == {
        f"t0{i}": f"公开0{i}表" for i in range(1, 10)
    }
    assert report["unknown_codes"] == []
    assert report["unplaced"] == []


def test_staff_counts(seed):
    staff = [(s["source"], s["label_zh"], s["count"], s["line"]) for s in seed.report["staff"]]
    assert [(src, n, line) for src, _, n, line in staff] == [
        ("prose", 19, 560), ("prose", 17, 560), ("prose", 2, 560),
        ("performance_base", 20, 797), ("performance_base", 17, 797)]
    labels = [label for _, label, _, _ in staff]
    assert labels[0].endswith("实有在职人数") and labels[1:] == ["在编", "临聘", "编制数", "2024年实际在职人数"]


def test_t01_both_sides(seed):
    rows = seed.datasets["t01_summary"]
    income = {(r["line_no"], r["item_zh"]): D(r["amount_wan_yuan"]) for r in rows if r["side"] == "income"}
    assert income == {
        ("1", "一般公共预算财政拨款收入"): D("2773.47"), ("2", "政府性基金预算财政拨款收入"): ZERO,
        ("3", "国有资本经营预算财政拨款收入"): ZERO, ("4", "上级补助收入"): ZERO, ("5", "事业收入"): ZERO,
        ("6", "经营收入"): ZERO, ("7", "附属单位上缴收入"): ZERO, ("8", "其他收入"): ZERO,
        ("27", "本年收入合计"): D("2773.47"), ("28", "使用非财政拨款结余（含专用结余）"): ZERO,
        ("29", "年初结转和结余"): ZERO, ("30", "总计"): D("2773.47"),
    }
    spend = {r["line_no"]: (r["item_zh"], D(r["amount_wan_yuan"])) for r in rows if r["side"] == "expenditure"}
    assert len(spend) == 30 and set(spend) == {str(n) for n in range(31, 61)}
    assert spend["35"] == ("教育支出", D("2773.47"))
    assert spend["57"] == ("本年支出合计", D("2773.47"))
    assert spend["58"] == ("结余分配", ZERO) and spend["59"] == ("年末结转和结余", ZERO)
    assert spend["60"] == ("总计", D("2773.47"))
    assert all(v == ZERO for n, (_, v) in spend.items() if n not in ("35", "57", "60"))
    assert spend["56"][0] == "抗疫特别国债安排的支出"


FUNCTIONAL_ROWS = {  # code: (本年合计, 基本支出, 项目支出); every source of income other than 财政拨款 is 0.00
    "": ("2773.47", "642.36", "2131.10"),
    "205": ("2773.47", "642.36", "2131.10"),
    "20501": ("642.36", "642.36", "0.00"),
    "2050199": ("642.36", "642.36", "0.00"),
    "20502": ("46.95", "0.00", "46.95"),
    "2050299": ("46.95", "0.00", "46.95"),
    "20509": ("2084.15", "0.00", "2084.15"),
    "2050999": ("2084.15", "0.00", "2084.15"),
}
NAMES = {"205": "教育支出", "20501": "教育管理事务", "2050199": "其他教育管理事务支出", "20502": "普通教育",
         "2050299": "其他普通教育支出", "20509": "教育费附加安排的支出", "2050999": "其他教育费附加安排的支出"}


def test_t02_income_by_code_and_source(seed):
    rows = seed.datasets["t02_income"]
    got = amounts(rows)
    for code, (total, _, _) in FUNCTIONAL_ROWS.items():
        assert got[(code, "total")] == D(total)
        assert got[(code, "fiscal")] == D(total)
        for source in ("upper_subsidy", "service", "operating", "affiliated", "other"):
            assert got[(code, source)] == ZERO
    assert len(got) == 8 * 7
    assert {r["code"]: r["name_zh"] for r in rows if r["code"]} == NAMES
    assert {r["code"]: r["level"] for r in rows if r["code"] in ("205", "20501", "2050199")} == {
        "205": "class", "20501": "subclass", "2050199": "item"}


@pytest.mark.parametrize("dataset", ["t03_expenditure", "t05_general_budget"])
def test_t03_t05_expenditure_by_code(seed, dataset):
    got = amounts(seed.datasets[dataset])
    for code, (total, basic, project) in FUNCTIONAL_ROWS.items():
        assert (got[(code, "total")], got[(code, "basic")], got[(code, "project")]) == (D(total), D(basic), D(project))
    if dataset == "t03_expenditure":
        assert all(got[(c, k)] == ZERO for c in FUNCTIONAL_ROWS for k in ("remit_upper", "operating", "affiliated"))
        assert len(got) == 8 * 6
    else:
        assert len(got) == 8 * 3


def test_t04_fiscal_summary(seed):
    rows = seed.datasets["t04_fiscal_summary"]
    income = {r["line_no"]: D(r["amount_wan_yuan"]) for r in rows if r["side"] == "income"}
    assert income == {"1": D("2773.47"), "2": ZERO, "3": ZERO, "27": D("2773.47"), "28": ZERO, "29": ZERO,
                      "30": ZERO, "31": ZERO, "32": D("2773.47")}
    spend = {(r["line_no"], r["column"]): D(r["amount_wan_yuan"]) for r in rows if r["side"] == "expenditure"}
    for line in ("37", "59", "64"):
        assert [spend[(line, c)] for c in ("total", "general_budget", "gov_fund", "state_capital")] == [
            D("2773.47"), D("2773.47"), ZERO, ZERO]
    assert [spend[("60", c)] for c in ("total", "general_budget", "gov_fund", "state_capital")] == [ZERO] * 4
    assert sum(spend.values()) == D("2773.47") * 6


ECONOMIC_NONZERO = {
    "301": "501.26", "30101": "107.66", "30102": "5.61", "30103": "150.05", "30107": "68.12", "30108": "43.05",
    "30109": "21.52", "30110": "15.42", "30111": "23.41", "30112": "4.35", "30113": "44.55", "30199": "17.51",
    "303": "96.14", "30305": "76.12", "30309": "0.05", "30399": "19.98",
    "302": "44.96", "30201": "13.42", "30211": "1.06", "30226": "2.99", "30227": "1.00", "30228": "2.22",
    "30229": "0.34", "30239": "5.93", "30299": "18.00",
}


def test_t06_every_economic_row(seed):
    rows = seed.datasets["t06_basic_economic"]
    coded = {r["code"]: D(r["amount_wan_yuan"]) for r in rows if r["code"]}
    assert len(coded) == 81
    assert {c: v for c, v in coded.items() if v != ZERO} == {c: D(v) for c, v in ECONOMIC_NONZERO.items()}
    assert {"30106", "30114", "30212", "30217", "30231", "31001", "31013", "31099", "39907", "39999"} <= set(coded)
    groups = {r["code"][:3]: r["group"] for r in rows if r["code"]}
    assert groups == {"301": "personnel", "303": "personnel", "302": "public", "307": "public", "310": "public",
                      "399": "public"}
    totals = {r["name_zh"]: (r["group"], D(r["amount_wan_yuan"])) for r in rows if r["level"] == "total"}
    assert totals == {"人员经费合计": ("personnel", D("597.40")), "公用经费合计": ("public", D("44.96"))}
    names = {r["code"]: r["name_zh"] for r in rows if r["code"]}
    assert names["30212"] == "因公出国（境）费用" and names["39908"] == "对民间非营利组织和群众性自治组织补贴"


def test_t07_t08_empty_tables_with_their_notes(seed):
    assert [(r["level"], r["column"], r["amount_wan_yuan"]) for r in seed.datasets["t07_gov_fund"]] == [
        ("total", c, "0.00") for c in
        ("opening_balance", "income", "expenditure", "basic", "project", "closing_balance")]
    assert [(r["column"], r["amount_wan_yuan"]) for r in seed.datasets["t08_state_capital"]] == [
        ("total", "0.00"), ("basic", "0.00"), ("project", "0.00")]
    assert any("故本表无数据" in n for n in seed.report["tables"]["t07"]["notes_zh"])
    assert any("故本表无数据" in n for n in seed.report["tables"]["t08"]["notes_zh"])


def test_t09_every_three_public_cell(seed):
    got = {(r["basis"], r["item"]): D(r["amount_wan_yuan"]) for r in seed.datasets["t09_three_public"]}
    items = ("total", "outbound", "vehicles", "vehicle_purchase", "vehicle_operation", "reception")
    assert [got[("budget", i)] for i in items] == [D("0.50"), ZERO, ZERO, ZERO, ZERO, D("0.50")]
    assert [got[("actual", i)] for i in items] == [ZERO] * 6
    assert len(got) == 12


PROJECTS = [
    "2800000.00", "1924400.00", "1799520.00", "1797700.00", "1658700.00", "1400000.00", "1050000.00", "898462.50",
    "698740.00", "595920.00", "583127.37", "573356.00", "468234.00", "408000.00", "403454.00", "395000.00",
    "384232.00", "336000.00", "300000.00", "290000.00", "269768.00", "269500.00", "233000.00", "230342.93",
    "170000.00", "156800.00", "153600.00", "146585.00", "128000.00", "100000.00", "100000.00", "93800.00",
    "77254.50", "73000.00", "67293.00", "60000.00", "58014.00", "40000.00", "36800.00", "30500.00", "18700.00",
    "13150.00", "12550.00", "7500.00", "0",
]


def test_all_45_projects_and_their_sum(seed):
    rows = seed.datasets["projects"]
    assert [r["seq"] for r in rows] == [str(i) for i in range(1, 46)]
    assert [D(r["amount_yuan"]) for r in rows] == [D(a) for a in PROJECTS]
    assert sum(D(r["amount_yuan"]) for r in rows) == D("21311003.30")
    stated = {(s["dataset"], s["measure"]): D(s["value"]) for s in seed.datasets["stated_totals"]}
    assert stated[("projects", "amount_yuan")] == D("21311003.30")
    assert rows[44]["printed"] == "dash"  # project 45 is printed as '-': zero, recorded as such
    assert rows[43]["name_zh"].endswith("【2024】64号)")  # name wrapped onto the next line is joined
    docs = {r["funding_doc"] for r in rows}
    assert docs == {"", "长教函〔2024〕115号", "长教函〔2024〕64号", "长教函〔2024〕160号"}
    assert rows[18]["funding_doc"] == "长教函〔2024〕115号"  # printed 长教函（2024）115号
    assert rows[10]["name_zh"] == "教研专项经费" and rows[10]["funding_doc"] == ""
    assert seed.report["sections"]["projects"]["unit_published"] == "元"


WEIGHTS = [3, 2, 2, 3, 2, 2, 2, 2, 2] + [3] * 10 + [3] * 6 + [2] * 5 + [2, 3, 3, 4]


def test_every_performance_row(seed):
    rows = seed.datasets["performance_indicators"]
    assert [int(D(r["weight_points"])) for r in rows] == WEIGHTS
    assert [r["score_points"] for r in rows] == [r["weight_points"] for r in rows]  # full marks everywhere
    assert sum(D(r["weight_points"]) for r in rows) == D(90)
    dims = {}
    for r in rows:
        dims.setdefault((r["level1_zh"], r["level1_points_stated"]), []).append(r["level3_zh"])
    assert {k: len(v) for k, v in dims.items()} == {
        ("成本指标", "20"): 9, ("产出指标", "30"): 10, ("效益指标", "30"): 11, ("满意度指标", "10"): 4}
    first = rows[0]
    assert (first["level2_zh"], first["level3_zh"], first["target"], first["actual"]) == (
        "经济成本指标", "成本控制情况", "≤100%", "0.966190794699218")
    assert rows[6]["level2_zh"] == "生态成本指标" and rows[6]["level3_zh"] == "生态影响"
    assert rows[29]["level3_zh"] == "湖南省中小学实验教学改革实验区、实验学校评选工作"
    assert rows[29]["target"] == "组织开展"
    stated = {(s["dataset"], s["measure"]): D(s["value"]) for s in seed.datasets["stated_totals"]}
    assert stated[("performance_indicators", "weight_points")] == D(100)
    assert stated[("performance_indicators", "score_points")] == D("99.68")


def test_performance_budget_execution_row(seed):
    rows = [r for r in seed.datasets["performance_budget"] if r["row_zh"].endswith("年度资金总额")]
    assert {r["column"]: D(r["value"]) for r in rows} == {
        "initial_budget": D("629.55"), "full_year_budget": D("2870.52"), "executed": D("2773.47"),
        "weight": D(10), "rate": D("0.9661907"), "score": D("9.68")}


def test_performance_base_data(seed):
    got = {(r["item_zh"], r["column_zh"]): D(r["value"]) for r in seed.datasets["performance_base"]}
    assert got[("三公经费", "2023年决算数")] == D("0.21")
    assert got[("项目支出:", "2024年预算数")] == D("2210.109493")
    assert got[("政府采购金额", "2024年决算数")] == D("1809.73")
    assert got[("公用经费", "2023年决算数")] == D("48.072")
    assert ("教育事业专项", "2023年决算数") not in got  # printed blank: not a figure
    assert got[("教育事业专项", "2024年决算数")] == ZERO


def test_procurement(seed):
    got = {(r["metric"], r["category"]): (r["amount_wan_yuan"], r["share_pct"], r["share_of"])
           for r in seed.datasets["procurement"]}
    assert got == {
        ("purchases", "all"): ("1809.73", "", ""),
        ("purchases", "goods"): ("1120.27", "", ""),
        ("purchases", "works"): ("0.00", "", ""),
        ("purchases", "services"): ("689.46", "", ""),
        ("sme_awarded", "all"): ("917.69", "50.71", "purchases/all"),
        ("small_micro_awarded", "all"): ("917.69", "100.00", "sme_awarded/all"),
        ("sme_awarded", "goods"): ("", "69.07", "purchases/goods"),
        ("sme_awarded", "works"): ("", "100", "purchases/works"),
        ("sme_awarded", "services"): ("", "20.87", "purchases/services"),
    }
