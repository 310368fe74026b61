"""Parse the standard tables into tidy records (lists of dicts of strings): the functional-code tables 02, 03, 05, 07,
08 (and the universities' u04), the line-item tables 01 and 04, and 三公 (09). Table 06 is read in economic.py.

Columns are found from the header rows (multi-row headers with merged cells are resolved into label paths),
never by position alone; rows are recognised by their codes and labels.
"""

from __future__ import annotations

import re
from decimal import Decimal

from .blocks import Block
from .cells import CODE_AND_NAME, LEVELS, amount, classify, fit, join_code, once
from ..errors import IngestError
from .headers import CODE, column_paths, is_code_header, split_header, unmerge
from ..text import Row, key, parse_amount, strip_ordinal
from ..data.vocab import (BASIS, BASIS_LABEL, COLUMNS, GROUPS, ITEM_HEADER, NAME_HEADER, OF_WHICH, SELF_LABEL, SIDES,
                    TOTAL_LABELS)

# ---------------------------------------------------------------- functional-code tables (02 03 05 07 08)


def _column_name(path: list[str], vocab: list[tuple[str, str]], j: int) -> str:
    """A value column's key from its header path, top to bottom: the first label the vocabulary names; under it, a
    label that is its own figure (小计, 金额) keeps it, an 'of which' column (其中：…) is ``<parent>_of_which`` and any
    other label a sub-column (基本支出 › 人员经费: ``basic_personnel``), so that a part is never summed with its
    whole."""
    name = None
    for label in (x for x in path if x != "项目"):
        if name is None:
            name = None if OF_WHICH.match(label) else classify(label, vocab)
        elif OF_WHICH.match(label):
            return f"{name}_of_which"
        elif not SELF_LABEL.match(label):
            return f"{name}_{classify(label, GROUPS) or f'col{j + 1}'}"
    return name or f"col{j + 1}"


def _code_columns(paths: list[list[str]], data: list[Row]) -> list[int]:
    """The code columns: named so by the header (科目代码, 科目编码, 类/款/项), else the leading columns whose cells
    are functional codes (3, 5 or 7 digits) or their 2-digit parts."""
    named = [j for j, p in enumerate(paths) if p and is_code_header(p[-1])]
    if named:
        return named
    found = []
    for j in range(len(paths)):
        cells = [r.cells[j].replace(" ", "") for r in data if j < len(r.cells) and r.cells[j]]
        codes = [c for c in cells if CODE.match(c) or re.fullmatch(r"\d{2}", c)]
        if not cells or len(codes) < 0.6 * len(cells):
            break
        found.append(j)
    return found or [0]


def _repeated_total(seen: dict, cells: list[str], value_cols: list, block: Block, row: Row) -> bool:
    """Some tables print their 合计 row both first and last: the repeat is dropped when its figures are the same,
    an error when they differ."""
    figures = tuple(cells[j] for j, _, _ in value_cols)
    if "total" not in seen:
        seen["total"] = (row.line, figures)
        return False
    if seen["total"][1] != figures:
        raise IngestError(f"the 合计 row appears twice with different figures (lines {seen['total'][0]} and "
                          f"{row.line})", table=block.key, line=row.line)
    return True


def functional(block: Block) -> list[dict]:
    header, data = unmerge(*split_header(block))
    paths = column_paths(header)
    width = len(paths)
    vocab = COLUMNS[block.key]
    code_cols = _code_columns(paths, data)
    name_cols = [j for j, p in enumerate(paths) if p and NAME_HEADER.search(p[-1]) and j not in code_cols]
    name_cols = name_cols[:1] or [max(code_cols) + 1]
    value_cols = [(j, "/".join(x for x in p if x != "项目"), _column_name(p, vocab, j))
                  for j, p in enumerate(paths) if p and j not in code_cols and j not in name_cols]
    compact = 2 + len(value_cols)  # a page laid out as code | name | figures under a 类/款/项 header
    records = []
    seen: dict[str, int] = {}
    previous = ""
    for row in data:
        if len(code_cols) > 1 and len(row.cells) == compact and compact < width:
            cells = [""] * width
            cells[code_cols[0]], cells[name_cols[0]] = row.cells[0], row.cells[1]
            for (j, _, _), cell in zip(value_cols, row.cells[2:]):
                cells[j] = cell
        else:
            cells = list(fit(block, row, width))
        if (m := CODE_AND_NAME.match(cells[code_cols[0]])) and not any(cells[j] for j in name_cols):
            cells[code_cols[0]], cells[name_cols[0]] = m.group(1), m.group(2)  # code and name in one cell
        code = join_code([cells[j] for j in code_cols], previous)
        previous = code if CODE.match(code) else previous
        name = "".join(cells[j] for j in name_cols)
        if code and not CODE.match(code):
            if key(code) in TOTAL_LABELS and not name:
                code, name = "", key(code)
            else:
                raise IngestError(f"'{code[:20]}' is not a functional classification code", table=block.key,
                                  line=row.line)
        if not code:
            name = name or "".join(cells[j] for j in code_cols)
            if key(name) not in TOTAL_LABELS:
                if not any(cells[j] for j, _, _ in value_cols):
                    continue  # a wrapped label without figures
                raise IngestError(f"row '{name[:20]}' has figures but no code", table=block.key, line=row.line)
        if code:
            once(seen, f"code {code}", block, row)
        elif _repeated_total(seen, cells, value_cols, block, row):
            continue
        level = LEVELS[len(code)] if code else "total"
        for j, label, column in value_cols:
            value, printed = amount(cells[j], block, row, label)
            records.append({
                "code": code, "name_zh": strip_ordinal(name), "level": level, "column": column,
                "column_zh": label, "amount_wan_yuan": value, "printed": printed, "line": str(row.line),
            })
    return records


# ---------------------------------------------------------------- line-item tables (01 04)


def _sides(block: Block, paths: list[list[str]], header: list[Row]) -> dict[str, dict]:
    """The income and expenditure sides: each begins at an item column (项目, 收入项目, 项目（按功能分类）) and takes
    the 行次 and value columns after it (a code column is not a value); a side is named by the 收入/支出 label over it,
    else by its place."""
    sides: dict[str, dict] = {}
    spec = None
    for j, p in enumerate(paths):
        if not p:
            continue
        words = [x for x in p if x not in dict(SIDES)]
        if any(ITEM_HEADER.match(x) for x in p):
            free = [name for _, name in SIDES if name not in sides]
            side = next((name for word, name in SIDES for x in p if word in x), free[0] if free else None)
            if side is None or side in sides:
                raise IngestError(f"a third side, or two {side} sides, in the header ('{p[-1]}')", table=block.key,
                                  line=header[0].line if header else block.first_line)
            spec = sides[side] = {"item": j, "line": None, "values": []}
        elif spec is None:
            raise IngestError(f"column '{p[-1]}' stands before any item column (项目)", table=block.key,
                              line=header[0].line if header else block.first_line)
        elif words and words[-1] == "行次":
            spec["line"] = j
        elif words and is_code_header(words[-1]):
            continue  # the functional code of an expenditure line (205 教育支出): the line's name says it
        else:
            label = "/".join(words) or p[-1]
            spec["values"].append((j, label, classify(label, COLUMNS[block.key]) or f"col{j + 1}"))
    return sides


def line_items(block: Block) -> list[dict]:
    header, data = split_header(block)
    paths = column_paths(header)
    width = len(paths)
    sides = _sides(block, paths, header)
    records = []
    seen: dict[str, int] = {}
    for row in data:
        cells = fit(block, row, width)
        for side, spec in sides.items():
            item = cells[spec["item"]] if spec["item"] is not None else ""
            item = m.group(2) if (m := CODE_AND_NAME.match(item)) else item  # 205 教育支出: the name alone
            line_no = cells[spec["line"]] if spec["line"] is not None else ""
            if not item:
                if any(cells[j] for j, _, _ in spec["values"]):
                    raise IngestError("figures without an item name", table=block.key, line=row.line)
                continue
            if line_no and not line_no.isdigit():
                raise IngestError(f"行次 '{line_no[:10]}' is not a number", table=block.key, line=row.line)
            if line_no:
                once(seen, f"{side} 行次 {line_no}", block, row)
            for j, label, column in spec["values"]:
                value, printed = amount(cells[j], block, row, label)
                if printed == "blank" and len(spec["values"]) > 1:
                    continue
                records.append({
                    "side": side, "line_no": line_no, "item_zh": strip_ordinal(item), "column": column,
                    "column_zh": label, "amount_wan_yuan": value, "printed": printed, "line": str(row.line),
                })
    return records


# ---------------------------------------------------------------- 09 三公


_BASIS_END = re.compile(f"(?:{BASIS_LABEL.pattern})$")


def _basis_item(labels: list[str]) -> tuple[str | None, str | None]:
    """The basis (budget/actual) and the 三公 item that labels name: 预算数 › 公务接待费, 公务接待费 › 预算数, or both in one
    label (公务接待费预算数)."""
    basis, rest = None, []
    for label in labels:
        if basis is None and (m := _BASIS_END.search(label)):
            basis, label = classify(m.group(), BASIS), label[: m.start()]
        if label:
            rest.append(label)
    return basis, classify("/".join(rest), COLUMNS["t09_item"]) if rest else None


def three_public(block: Block) -> list[dict]:
    """Table 09: each figure is named by a basis (预算数/决算数) and an item (因公出国（境）费 …), found in its column's
    header (the usual layout: 预算数 over the items, or the items over 预算数) or, where the header names only one of
    them, in the row's label (one item a row with a 预算数 and a 决算数 column, or one basis a row with the items
    across)."""
    header, data = split_header(block)
    paths = column_paths(header)
    columns = [(j, "/".join(p), *_basis_item(p)) for j, p in enumerate(paths) if p]
    if not any(basis for _, _, basis, _ in columns) and not any(
            _BASIS_END.search(c) for r in data for c in r.cells if c and parse_amount(c) is None):
        raise IngestError("no 预算数/决算数 columns found in the header", table=block.key, line=block.first_line)
    records = []
    for row in data:
        cells = fit(block, row, len(paths))
        label = next((c for c in cells if c and parse_amount(c) is None), "")
        if not any(cells):
            continue
        row_basis, row_item = _basis_item([OF_WHICH.sub("", strip_ordinal(key(label))).lstrip(":：")] if label else [])
        for j, column, basis, item in columns:
            if not (basis or item):
                continue  # the label column, or a column that is no 三公 figure (机关运行经费)
            if not (basis and item):
                if label and not ((basis or row_basis) and (item or row_item)):
                    raise IngestError(f"row '{label[:20]}' is none of the 三公 items, or names no 预算数/决算数",
                                      table=block.key, line=row.line)
                if not label:
                    continue
                column = f"{column}/{label}"
            value, printed = amount(cells[j], block, row, column)
            records.append({"basis": basis or row_basis, "item": item or row_item, "column_zh": column,
                            "amount_wan_yuan": value, "printed": printed, "line": str(row.line)})
    return records


def total(records: list[dict], **where: str) -> Decimal:
    """Sum of amount_wan_yuan over records matching all of ``where`` (a helper for tests and checks)."""
    return sum(
        (Decimal(r["amount_wan_yuan"] or 0) for r in records if all(r.get(k) == v for k, v in where.items())),
        Decimal(0),
    )
