"""Parse the nine standard tables into tidy records (lists of dicts of strings).

Columns are found from the header rows (multi-row headers with merged cells are resolved into label paths),
never by position alone; rows are recognised by their codes and labels.
"""

from __future__ import annotations

import re
from decimal import Decimal

from .blocks import Block
from .errors import IngestError
from .text import Row, fmt, is_number, key, parse_amount, strip_ordinal

CODE = re.compile(r"^\d{3}(\d{2}){0,2}$")
LEVELS = {3: "class", 5: "subclass", 7: "item"}  # 类 / 款 / 项

# Column vocabularies: first pattern (searched in the joined header path) that matches names the column.
COLUMNS: dict[str, list[tuple[str, str]]] = {
    "t01": [("金额|合计|决算数", "amount")],
    "t02": [
        ("本年收入合计|^合计$", "total"), ("财政拨款", "fiscal"), ("上级补助", "upper_subsidy"),
        ("事业收入", "service"), ("经营收入", "operating"), ("附属单位", "affiliated"), ("其他收入", "other"),
    ],
    "t03": [
        ("本年支出合计|^合计$", "total"), ("基本支出", "basic"), ("项目支出", "project"),
        ("上缴上级", "remit_upper"), ("经营支出", "operating"), ("附属单位", "affiliated"),
    ],
    "t04": [
        ("^(金额|决算数)$", "amount"), ("合计", "total"), ("一般公共预算", "general_budget"),
        ("政府性基金", "gov_fund"), ("国有资本经营", "state_capital"),
    ],
    "t05": [("小计|合计", "total"), ("基本支出", "basic"), ("项目支出", "project")],
    "t07": [
        ("年初", "opening_balance"), ("年末", "closing_balance"), ("本年收入", "income"),
        ("小计|合计", "expenditure"), ("基本支出", "basic"), ("项目支出", "project"),
    ],
    "t08": [
        ("年初", "opening_balance"), ("年末", "closing_balance"), ("本年收入", "income"),
        ("小计|合计", "total"), ("基本支出", "basic"), ("项目支出", "project"),
    ],
    "t09_item": [
        ("因公出国", "outbound"), ("公务用车购置费$", "vehicle_purchase"), ("公务用车运行(维护)?费$", "vehicle_operation"),
        ("购置及运行(维护)?费(/小计)?$|公务用车.*小计$", "vehicles"), ("公务接待", "reception"), ("合计$|总计$", "total"),
    ],
}
BASIS = [("预算", "budget"), ("决算|实际", "actual")]


def _classify(path: str, vocab: list[tuple[str, str]]) -> str | None:
    for pattern, name in vocab:
        if re.search(pattern, path):
            return name
    return None


# ---------------------------------------------------------------- headers


def _is_column_numbers(row: Row) -> bool:
    cells = [c for _, c in row.nonempty()]
    if cells and key(cells[0]) == "栏次":
        return True
    return len(cells) >= 2 and all(c.isdigit() for c in cells) and [int(c) for c in cells] == list(
        range(int(cells[0]), int(cells[0]) + len(cells))
    ) and int(cells[0]) <= 1


def split_header(block: Block) -> tuple[list[Row], list[Row]]:
    """Header rows and data rows. The header ends at the 栏次 (column-number) row, else at the first number."""
    for i, row in enumerate(block.rows):
        if _is_column_numbers(row):
            return block.rows[:i], block.rows[i + 1 :]
    for i, row in enumerate(block.rows):
        first = next((c for c in row.cells if c), "")
        if (any(is_number(c) and "." in c for c in row.cells) or (row.cells and CODE.match(row.cells[0]))
                or (key(first) in ("合计", "总计")
                    and all(parse_amount(c) is not None for c in row.cells if c and c != first))):
            return block.rows[:i], block.rows[i:]
    return block.rows, []


def column_paths(header: list[Row]) -> list[list[str]]:
    """For each column, the header labels above it, top to bottom, with merged cells resolved."""
    width = max((len(r.cells) for r in header), default=0)
    paths: list[list[str]] = [[] for _ in range(width)]
    prev_origin: list[int] | None = None
    for row in header:
        cells = list(row.cells) + [""] * (width - len(row.cells))
        labels: list[str] = []
        origin: list[int] = []
        for j, cell in enumerate(cells):
            if cell:
                labels.append(cell)
                origin.append(j)
            elif j > 0 and labels[j - 1] and (prev_origin is None or prev_origin[j] == prev_origin[j - 1]):
                labels.append(labels[j - 1])  # inside a merged cell that spans to the right
                origin.append(origin[j - 1])
            else:
                labels.append("")
                origin.append(j)
        for j, label in enumerate(labels):
            label = key(label)
            if label and (not paths[j] or paths[j][-1] != label):
                paths[j].append(label)
        prev_origin = origin
    return paths


def _amount(cell: str, block: Block, row: Row, column: str) -> tuple[str, str]:
    amount = parse_amount(cell)
    if amount is None:
        raise IngestError(f"unreadable number '{cell[:30]}' in column {column}", table=block.key, line=row.line)
    return fmt(amount.value), amount.printed


def _fit(block: Block, row: Row, width: int) -> tuple[str, ...]:
    cells = row.cells
    extra = [c for c in cells[width:] if c]
    if extra:
        raise IngestError(
            f"row has {len(cells)} cells where the header has {width}: '{extra[0][:20]}' is outside every column",
            table=block.key, line=row.line,
        )
    if block.lost_cells(row, width):
        raise IngestError(f"row has {len(cells)} cells where every other row of the table has {width}: cells are "
                          "missing", table=block.key, line=row.line)
    return tuple(cells) + ("",) * (width - len(cells))


def _once(seen: dict, what: str, block: Block, row: Row) -> None:
    """A code (or 行次) stands on one row of a table; a second row with it is a repeated or corrupted row."""
    if what in seen:
        raise IngestError(f"{what} appears twice (lines {seen[what]} and {row.line})", table=block.key, line=row.line)
    seen[what] = row.line


# ---------------------------------------------------------------- functional-code tables (02 03 05 07 08)


def functional(block: Block) -> list[dict]:
    header, data = split_header(block)
    paths = column_paths(header)
    width = len(paths)
    vocab = COLUMNS[block.key]
    code_cols = [j for j, p in enumerate(paths) if p and p[-1] in ("科目代码", "类", "款", "项", "功能分类科目编码")]
    name_cols = [j for j, p in enumerate(paths) if p and p[-1] in ("科目名称", "功能分类科目名称", "项目")]
    code_cols = code_cols or [0]
    name_cols = [j for j in name_cols if j not in code_cols] or [max(code_cols) + 1]
    value_cols = []
    for j, p in enumerate(paths):
        if j in code_cols or j in name_cols or not p:
            continue
        label = "/".join(x for x in p if x != "项目")
        value_cols.append((j, label, _classify(label, vocab) or f"col{j + 1}"))
    records = []
    seen: dict[str, int] = {}
    for row in data:
        cells = _fit(block, row, width)
        code = "".join(cells[j].replace(" ", "") for j in code_cols)
        name = "".join(cells[j] for j in name_cols)
        if code and not CODE.match(code):
            if key(code) in ("合计", "总计") and not name:
                code, name = "", key(code)
            else:
                raise IngestError(f"'{code[:20]}' is not a functional classification code", table=block.key,
                                  line=row.line)
        if not code:
            name = name or "".join(cells[j] for j in code_cols)
            if key(name) not in ("合计", "总计"):
                if not any(cells[j] for j, _, _ in value_cols):
                    continue  # a wrapped label without figures
                raise IngestError(f"row '{name[:20]}' has figures but no code", table=block.key, line=row.line)
        if code:
            _once(seen, f"code {code}", block, row)
        level = LEVELS[len(code)] if code else "total"
        for j, label, column in value_cols:
            value, printed = _amount(cells[j], block, row, label)
            records.append({
                "code": code, "name_zh": strip_ordinal(name), "level": level, "column": column,
                "column_zh": label, "amount_wan_yuan": value, "printed": printed, "line": str(row.line),
            })
    return records


# ---------------------------------------------------------------- line-item tables (01 04)


def line_items(block: Block) -> list[dict]:
    header, data = split_header(block)
    paths = column_paths(header)
    width = len(paths)
    sides: dict[str, dict] = {}
    for j, p in enumerate(paths):
        if not p:
            continue
        side = "income" if "收入" in p[0] else "expenditure" if "支出" in p[0] else None
        if side is None:
            raise IngestError(f"header '{p[0]}' is neither income nor expenditure", table=block.key,
                              line=header[0].line if header else block.first_line)
        spec = sides.setdefault(side, {"item": None, "line": None, "values": []})
        leaf = p[-1]
        if leaf == "项目":
            spec["item"] = j
        elif leaf == "行次":
            spec["line"] = j
        else:
            label = "/".join(p[1:]) or leaf
            spec["values"].append((j, label, _classify(label, COLUMNS[block.key]) or f"col{j + 1}"))
    records = []
    seen: dict[str, int] = {}
    for row in data:
        cells = _fit(block, row, width)
        for side, spec in sides.items():
            item = cells[spec["item"]] if spec["item"] is not None else ""
            line_no = cells[spec["line"]] if spec["line"] is not None else ""
            if not item:
                if any(cells[j] for j, _, _ in spec["values"]):
                    raise IngestError("figures without an item name", table=block.key, line=row.line)
                continue
            if line_no and not line_no.isdigit():
                raise IngestError(f"行次 '{line_no[:10]}' is not a number", table=block.key, line=row.line)
            if line_no:
                _once(seen, f"{side} 行次 {line_no}", block, row)
            for j, label, column in spec["values"]:
                value, printed = _amount(cells[j], block, row, label)
                if printed == "blank" and len(spec["values"]) > 1:
                    continue
                records.append({
                    "side": side, "line_no": line_no, "item_zh": strip_ordinal(item), "column": column,
                    "column_zh": label, "amount_wan_yuan": value, "printed": printed, "line": str(row.line),
                })
    return records


# ---------------------------------------------------------------- 06 basic expenditure by economic code

GROUPS = [("人员", "personnel"), ("公用", "public")]
PERSONNEL_CLASSES = ("301", "303")  # the national rule where the header names no group


def economic(block: Block) -> list[dict]:
    header, data = split_header(block)
    paths = column_paths(header)
    width = len(paths)
    groups = []  # (code cols, name col, amount col, group name from header)
    for j, p in enumerate(paths):
        if p and p[-1] in ("科目代码", "类"):
            named = _classify(p[0], GROUPS) if len(p) > 1 else None
            code_cols = [j] + ([j + 1] if j + 1 < width and paths[j + 1] and paths[j + 1][-1] == "款" else [])
            name_col = next((k for k in range(code_cols[-1] + 1, width) if paths[k] and "名称" in paths[k][-1]),
                            code_cols[-1] + 1)
            amount_col = next((k for k in range(name_col + 1, width) if paths[k]), None)
            groups.append((code_cols, name_col, amount_col, named))
    if not groups:
        raise IngestError("no 科目代码 column in the header", table=block.key, line=block.rows[0].line)
    records = []
    seen: dict[str, int] = {}
    for row in data:
        cells = _fit(block, row, width)
        coded = False
        for code_cols, name_col, amount_col, named in groups:
            code = "".join(cells[c] for c in code_cols).replace(" ", "")
            if not code:
                continue
            if not re.fullmatch(r"\d{3}(\d{2})?", code):
                continue  # a total label; handled below
            coded = True
            _once(seen, f"code {code}", block, row)
            value, printed = _amount(cells[amount_col], block, row, "决算数")
            group = named or ("personnel" if code[:3] in PERSONNEL_CLASSES else "public")
            records.append({
                "code": code, "name_zh": cells[name_col], "level": LEVELS[len(code)], "group": group,
                "amount_wan_yuan": value, "printed": printed, "line": str(row.line),
            })
        # stated totals: a label ending in 合计 followed by its figure
        nonempty = row.nonempty()
        for i, (j, cell) in enumerate(nonempty):
            if "合计" in cell and not is_number(cell):
                following = nonempty[i + 1][1] if i + 1 < len(nonempty) else None
                if following is None or not is_number(following):
                    raise IngestError(f"total '{cell[:20]}' has no figure", table=block.key, line=row.line)
                value, printed = _amount(following, block, row, cell)
                group = _classify(cell, GROUPS) or "all"
                records.append({
                    "code": "", "name_zh": key(cell), "level": "total", "group": group,
                    "amount_wan_yuan": value, "printed": printed, "line": str(row.line),
                })
                coded = True
        if not coded and any(is_number(c) for c in cells):
            raise IngestError("row with figures but no economic code", table=block.key, line=row.line)
    return records


# ---------------------------------------------------------------- 09 三公


def three_public(block: Block) -> list[dict]:
    header, data = split_header(block)
    paths = column_paths(header)
    width = len(paths)
    columns = []
    for j, p in enumerate(paths):
        label = "/".join(p)
        basis = next((b for b in (_classify(x, BASIS) for x in p if re.fullmatch(r"(预算|决算|实际)数?", x))), None)
        item = _classify("/".join(x for x in p if not re.fullmatch(r"(预算|决算|实际)数?", x)), COLUMNS["t09_item"])
        if basis and item:
            columns.append((j, label, basis, item))
    if not columns:
        raise IngestError("no 预算数/决算数 columns found in the header", table=block.key, line=block.first_line)
    records = []
    for row in data:
        cells = _fit(block, row, width)
        if not any(cells):
            continue
        for j, label, basis, item in columns:
            value, printed = _amount(cells[j], block, row, label)
            records.append({
                "basis": basis, "item": item, "column_zh": label, "amount_wan_yuan": value, "printed": printed,
                "line": str(row.line),
            })
    return records


def total(records: list[dict], **where: str) -> Decimal:
    """Sum of amount_wan_yuan over records matching all of ``where`` (a helper for tests and checks)."""
    return sum(
        (Decimal(r["amount_wan_yuan"] or 0) for r in records if all(r.get(k) == v for k, v in where.items())),
        Decimal(0),
    )
