"""Table 06, basic expenditure by economic code (301 工资福利支出 › 30101 基本工资 …), grouped into 人员经费 and
公用经费: one to three code columns side by side, or one list with heading or subtotal rows."""

from __future__ import annotations

import re

from .blocks import Block
from .cells import CODE_AND_NAME, LEVELS, amount, classify, fit, join_code, once
from ..errors import IngestError
from .headers import column_paths, is_code_header, split_header
from ..text import Row, is_number, key, parse_amount
from ..data.vocab import ECONOMIC_GROUP, ECONOMIC_TOTAL, GROUPS, PERSONNEL_CLASSES


def _coded(data: list[Row], j: int) -> bool:
    """Whether most filled cells of column j hold an economic code (301, 30101), perhaps with its name (30101 基本工资)."""
    cells = [r.cells[j] for r in data if j < len(r.cells) and r.cells[j]]
    return bool(cells) and sum(bool(re.match(r"\d{3}(\d{2})?(?:\s*[^\d\s.,]|$)", c)) for c in cells) >= 0.6 * len(cells)


def _groups(paths: list[list[str]], data: list[Row]) -> list[dict]:
    """The code groups side by side: each a code column (with its 款 column), a name column and the amount columns up
    to the next group: one (决算数), or several named by GROUPS (人员经费 | 公用经费, perhaps after a 合计). The code
    columns are named by the header (科目代码, 经济分类科目编码, 类), else found by their cells."""
    width = len(paths)
    starts = [j for j, p in enumerate(paths) if p and is_code_header(p[-1]) and p[-1] not in ("款", "项")]
    starts = starts or [j for j in range(width) if _coded(data, j) and not (j and _coded(data, j - 1))]
    groups = []
    for j, end in zip(starts, starts[1:] + [width]):
        p = paths[j]
        code_cols = [j] + ([j + 1] if j + 1 < width and paths[j + 1] and paths[j + 1][-1] == "款" else [])
        name_col = next((k for k in range(code_cols[-1] + 1, width) if paths[k] and "名称" in paths[k][-1]),
                        code_cols[-1] + (0 if _named(data, j) else 1))
        amounts = [(k, classify(paths[k][-1], GROUPS)) for k in range(name_col + 1, end) if paths[k]]
        groups.append({"codes": code_cols, "name": name_col, "amounts": amounts[:1] if len(amounts) == 1 or not any(
            g for _, g in amounts) else amounts, "named": classify(p[0], GROUPS) if len(p) > 1 else None})
    return groups


def _named(data: list[Row], j: int) -> bool:
    """Whether column j holds each code with its name (30101 基本工资)."""
    return any(j < len(r.cells) and CODE_AND_NAME.match(r.cells[j]) for r in data)


def _figure(cells: tuple[str, ...], group: dict, code: str) -> tuple[int, str | None]:
    """The column holding a coded row's figure, and the group that column names. With one amount column, that column;
    with 人员经费 and 公用经费 columns, the 合计 column if there is one, else the one with a figure other than zero (the
    national rule's column when neither has)."""
    amounts = group["amounts"]
    if len(amounts) == 1:
        return amounts[0][0], None
    filled = [(k, g) for k, g in amounts if g and (a := parse_amount(cells[k])) is not None and a.value]
    whole = next((k for k, g in amounts if not g), None)
    if whole is None and len(filled) > 1:
        return -1, None
    rule = "personnel" if code[:3] in PERSONNEL_CLASSES else "public"
    named = filled[0][1] if len(filled) == 1 else rule
    column = whole if whole is not None else next((k for k, g in amounts if g == named), amounts[0][0])
    return column, named


def economic(block: Block) -> list[dict]:
    header, data = split_header(block)
    paths = column_paths(header)
    width = len(paths)
    groups = _groups(paths, data)
    if not groups:
        raise IngestError("no code column (科目代码, 科目编码 or 类) in the header", table=block.key,
                          line=block.rows[0].line)
    records = []
    seen: dict[str, int] = {}
    previous = [""] * len(groups)
    heading = None  # the group named by a heading row (人员经费) in a table with one code column
    for row in data:
        cells = fit(block, row, width)
        coded = False
        for g, group_cols in enumerate(groups):
            parts, name = [cells[c] for c in group_cols["codes"]], cells[group_cols["name"]]
            if m := CODE_AND_NAME.match(parts[0]):
                parts[0], name = m.group(1), m.group(2)  # code and name in one cell
            code = join_code(parts, previous[g])
            if not re.fullmatch(r"\d{3}(\d{2})?", code):
                continue  # blank, or a total label; handled below
            coded, previous[g] = True, code
            once(seen, f"code {code}", block, row)
            column, by_column = _figure(cells, group_cols, code)
            if column < 0:
                raise IngestError("figures in both the 人员经费 and the 公用经费 column", table=block.key,
                                  line=row.line)
            value, printed = amount(cells[column], block, row, "决算数")
            group = group_cols["named"] or heading or by_column or (
                "personnel" if code[:3] in PERSONNEL_CLASSES else "public")
            records.append({
                "code": code, "name_zh": name, "level": LEVELS[len(code)], "group": group,
                "amount_wan_yuan": value, "printed": printed, "line": str(row.line),
            })
        # stated totals: a label ending in 合计 (or a group's own line) followed by its figure, or by one figure per
        # amount column (合计 | 人员经费 | 公用经费)
        nonempty = row.nonempty()
        for i, (j, cell) in enumerate(nonempty):
            label = key(cell)
            if is_number(cell) or not (ECONOMIC_TOTAL.search(label) or ECONOMIC_GROUP.match(label)):
                continue
            spread = next((g for g in groups if g["codes"][0] <= j <= g["amounts"][-1][0] and len(g["amounts"]) > 1),
                          None)
            figures = [(cells[k], g) for k, g in spread["amounts"] if cells[k]] if spread else []
            if not spread:
                following = nonempty[i + 1][1] if i + 1 < len(nonempty) else None
                if following is None or parse_amount(following) is None:
                    if ECONOMIC_GROUP.match(label) and len(groups) == 1:
                        heading = classify(label, GROUPS)
                        continue
                    raise IngestError(f"total '{cell[:20]}' has no figure", table=block.key, line=row.line)
                figures = [(following, None)]
                heading = classify(label, GROUPS) if len(groups) == 1 and ECONOMIC_GROUP.match(label) else heading
            for figure, by_column in figures:
                value, printed = amount(figure, block, row, cell)
                records.append({
                    "code": "", "name_zh": label, "level": "total",
                    "group": by_column or classify(cell, GROUPS) or "all",
                    "amount_wan_yuan": value, "printed": printed, "line": str(row.line),
                })
            coded = True
        if not coded and any(is_number(c) for c in cells):
            raise IngestError("row with figures but no economic code", table=block.key, line=row.line)
    return records
