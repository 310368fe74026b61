"""The annex: the project expenditure list, the 绩效自评表 and the performance base-data table.

These grids have no standard title, so each is found by the words in its header.
"""

from __future__ import annotations

import re
from decimal import Decimal

from .blocks import MAX_GAP, Block
from ..data.vocab import TITLE_MAX
from ..errors import IngestError
from ..text import fmt, is_number, key, parse_amount

DOC_REF = re.compile(
    r"([\u4e00-\u9fff]{1,10}?)\s*[〔【（(\[［]\s*((?:19|20)\d{2})\s*[〕】）)\]］]\s*第?\s*(\d+)\s*号"
)


def funding_doc(name: str) -> str:
    """The funding document a project name cites, in one spelling: 长教函〔2024〕115号 ('' when none)."""
    m = DOC_REF.search(name.replace(" ", ""))
    return f"{m.group(1)}〔{m.group(2)}〕{m.group(3)}号" if m else ""


def find(blocks: list[Block], *words: str) -> Block | None:
    """The first untitled grid whose rows contain all ``words``."""
    for block in blocks:
        if block.key:
            continue
        text = key("".join("".join(r.cells) for r in block.rows))
        if all(w in text for w in words):
            return block
    return None


def title_above(document, first_line: int) -> str:
    """The title an annex grid is published under: the nearest line of text above it, when that line names a table
    (…绩效自评表, …基础数据表: short, ends with 表, no sentence); '' when the text above is a paragraph."""
    above = [text for line, text in document.prose if first_line - MAX_GAP <= line < first_line]
    if not above:
        return ""
    text = above[-1].lstrip("#").strip()
    if len(text) > TITLE_MAX or not re.search(r"表[)）]?$", text) or re.search(r"[，。；：:]", text):
        return ""
    return text


def _num(cell: str, table: str, line: int, what: str) -> tuple[str, str]:
    amount = parse_amount(cell)
    if amount is None:
        raise IngestError(f"unreadable number '{cell[:30]}' in {what}", table=table, line=line)
    return fmt(amount.value), amount.printed


# ---------------------------------------------------------------- project list


def projects(block: Block) -> tuple[list[dict], dict]:
    """Rows of the project list and its stated total, amounts as printed (the caller knows the unit)."""
    table = "projects"
    header = block.rows[0]
    labels = [key(c) for c in header.cells]
    try:
        seq_col = next(j for j, c in enumerate(labels) if c == "序号")
        amount_col = next(j for j, c in enumerate(labels) if "金额" in c)
    except StopIteration:
        raise IngestError("the project list needs 序号 and 金额 columns", table=table, line=header.line) from None
    name_col = next((j for j in range(seq_col + 1, len(labels)) if j != amount_col and labels[j]), seq_col + 1)
    records: list[dict] = []
    stated = None
    for row in block.rows[1:]:
        if block.lost_cells(row, len(labels)):
            raise IngestError(f"row has {len(row.cells)} cells where every other row of the list has {len(labels)}: "
                              "cells are missing", table=table, line=row.line)
        cells = row.cells + ("",) * (len(labels) - len(row.cells))
        seq, name, amount = cells[seq_col], cells[name_col], cells[amount_col]
        extra = [c for j, c in enumerate(cells) if c and j not in (seq_col, name_col, amount_col)]
        if extra:
            raise IngestError(f"cell '{extra[0][:20]}' is outside the 序号/名称/金额 columns", table=table,
                              line=row.line)
        if seq.isdigit():
            value, printed = _num(amount, table, row.line, "金额")
            if printed == "blank":
                raise IngestError(f"project {seq} has no amount", table=table, line=row.line)
            records.append({"seq": seq, "name_zh": name, "funding_doc": "", "amount": value, "printed": printed,
                            "line": str(row.line)})
        elif key(name) in ("合计", "总计") or key(seq) in ("合计", "总计"):
            stated = {"value": _num(amount, table, row.line, "合计")[0], "line": row.line}
        elif not seq and name and not amount and records:
            records[-1]["name_zh"] += name  # a name wrapped onto the next line
        else:
            raise IngestError(f"row '{(seq or name)[:20]}' is neither a project nor the total", table=table,
                              line=row.line)
    for r in records:
        r["funding_doc"] = funding_doc(r["name_zh"])
    return records, {"stated_total": stated["value"] if stated else "",
                     "total_line": stated["line"] if stated else None}


# ---------------------------------------------------------------- 绩效自评表

BUDGET_COLUMNS = [("年初预算", "initial_budget"), ("全年预算", "full_year_budget"), ("全年执行", "executed"),
                  ("分值", "weight"), ("执行率", "rate"), ("得分", "score")]
LEVEL1 = re.compile(r"^(.*?指标)\s*[（(]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]$")
LEVEL1_NAMES = ("成本指标", "产出指标", "效益指标", "满意度指标", "决策指标", "过程指标")


def performance(block: Block) -> tuple[list[dict], list[dict], dict]:
    """(indicator rows, budget-execution rows, stated totals) of the 绩效自评表."""
    table = "performance"
    budget_cols: dict[int, str] = {}
    budget: list[dict] = []
    indicators: list[dict] = []
    stated: dict = {}
    level1 = level1_points = level2 = ""
    in_indicators = False
    for row in block.rows:
        cells = row.cells
        texts = [key(c) for c in cells]
        if not in_indicators and any("年初预算" in t for t in texts) and any("得分" in t for t in texts):
            for j, t in enumerate(texts):
                for pattern, name in BUDGET_COLUMNS:
                    if t and re.search(pattern, t):
                        budget_cols[j] = name
                        break
            continue
        if "一级指标" in texts:
            in_indicators = True
            continue
        if texts and texts[0] in ("总分", "合计", "总计"):
            numbers = [c for c in cells if is_number(c)]
            if len(numbers) != 2:
                raise IngestError("总分 row needs a weight total and a score total", table=table, line=row.line)
            stated = {"weight_total": _num(numbers[0], table, row.line, "分值")[0],
                      "score_total": _num(numbers[1], table, row.line, "得分")[0], "line": row.line}
            break
        if not in_indicators:
            if budget_cols and any(is_number(cells[j]) for j in budget_cols if j < len(cells)):
                first = min(budget_cols)
                label = "/".join(key(c) for c in cells[:first] if c)
                for j, name in sorted(budget_cols.items()):
                    if j < len(cells) and cells[j]:
                        budget.append({"row_zh": label, "column": name, "value": _num(cells[j], table, row.line, name)[0],
                                       "line": str(row.line)})
            continue
        parts = [c for c in cells if c]
        if not parts:
            continue
        # right-anchored: ... 三级, target, actual, weight, score [, reason]
        end = len(parts)
        while end > 0 and not is_number(parts[end - 1]):
            end -= 1
        reason = "".join(parts[end:])
        if end < 5 or not is_number(parts[end - 2]):
            raise IngestError("indicator row needs 三级指标, 指标值, 完成值, 分值 and 得分", table=table, line=row.line)
        weight, score = parts[end - 2], parts[end - 1]
        head = parts[: end - 2]
        if len(head) > 5:
            raise IngestError(f"indicator row has {len(head)} text cells, at most 5 fit", table=table, line=row.line)
        if len(head) == 5 or (len(head) == 4 and _is_level1(head[0])):
            m = LEVEL1.match(key(head[0]))
            level1, level1_points = (m.group(1), m.group(2)) if m else (key(head[0]), "")
            level2 = head[1] if len(head) == 5 else ""
            head = head[2:] if len(head) == 5 else head[1:]
        elif len(head) == 4:
            level2 = head[0]
            head = head[1:]
        level3, target, actual = head
        indicators.append({
            "seq": str(len(indicators) + 1), "level1_zh": level1, "level1_points_stated": level1_points,
            "level2_zh": key(level2), "level3_zh": level3, "target": target, "actual": actual,
            "weight_points": _num(weight, table, row.line, "分值")[0],
            "score_points": _num(score, table, row.line, "得分")[0], "note": reason, "line": str(row.line),
        })
    if not indicators:
        raise IngestError("no indicator rows under the 一级指标 header", table=table, line=block.first_line)
    return indicators, budget, stated


def _is_level1(cell: str) -> bool:
    text = key(cell)
    return bool(LEVEL1.match(text)) or text in LEVEL1_NAMES


# ---------------------------------------------------------------- 绩效评价基础数据表

_UNIT_IN_LABEL = re.compile(r"[（(]\s*(人|万元|元|个|辆)\s*[)）]")


def performance_base(block: Block) -> list[dict]:
    table = "performance_base"
    records: list[dict] = []
    section, unit, columns = "", "", {}
    for row in block.rows:
        cells = row.cells
        nonempty = row.nonempty()
        if not nonempty:
            continue
        numbers = [(j, c) for j, c in nonempty if is_number(c)]
        others = [(j, c) for j, c in nonempty[1:] if not is_number(c)]
        if cells[0] and not numbers and others and all(len(c) <= 20 for _, c in others):
            section = key(cells[0])
            m = _UNIT_IN_LABEL.search(section)
            unit = m.group(1) if m else ""
            columns = {j: key(c) for j, c in others}
            continue
        if not numbers:
            continue  # a text row (such as 厉行节约保障措施): prose, not stored
        item = key(cells[0]) if cells[0] else section
        for j, c in numbers:
            if j not in columns:
                raise IngestError(f"figure '{c}' stands under no column heading", table=table, line=row.line)
            records.append({"section_zh": section, "item_zh": item, "column_zh": columns[j],
                            "value": _num(c, table, row.line, columns[j])[0],
                            "unit": "" if "率" in columns[j] else unit, "line": str(row.line)})
    return records


def decimal_sum(values) -> Decimal:
    return sum((Decimal(v) for v in values if v != ""), Decimal(0))
