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
from .vocab import (BASIS, CODE_HEADER, COLUMNS, GROUPS, NAME_HEADER, OF_WHICH, PERSONNEL_CLASSES,  # noqa: F401
                    TOTAL_LABELS)

CODE = re.compile(r"^\d{3}(\d{2}){0,2}$")
LEVELS = {3: "class", 5: "subclass", 7: "item"}  # 类 / 款 / 项

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
    """Header rows and data rows. The header ends at the 栏次 (column-number) row, else at the first number. A header
    repeated on a later page (or its 栏次 row) is dropped from the data."""
    header, data = _split_header(block.rows)
    repeated = {r.cells for r in header}
    return header, [r for r in data if r.cells not in repeated and not _is_column_numbers(r)]


def _split_header(rows: list[Row]) -> tuple[list[Row], list[Row]]:
    for i, row in enumerate(rows):
        if _is_column_numbers(row):
            return rows[:i], rows[i + 1 :]
    for i, row in enumerate(rows):
        first = next((c for c in row.cells if c), "")
        if (any(is_number(c) and "." in c for c in row.cells) or (row.cells and CODE.match(row.cells[0]))
                or (key(first) in TOTAL_LABELS
                    and all(parse_amount(c) is not None for c in row.cells if c and c != first))):
            return rows[:i], rows[i:]
    return rows, []


def _is_code_header(cell: str) -> bool:
    return bool(cell) and bool(CODE_HEADER.search(key(cell)))


def unmerge(header: list[Row], data: list[Row]) -> tuple[list[Row], list[Row]]:
    """Header words that a conversion merged into the total row go back to the header: ``类 款 项 合计 4,733.14``, or
    ``合计 | 0 | 2002.80 | 合计 | 基本支出 | 项目支出`` where the rule under 本年支出's sub-columns was lost. A total row
    without figures, below the code header, is the first data row even though it carries such words."""
    code_row = max((i for i, r in enumerate(header) if any(_is_code_header(c) for c in r.cells)), default=None)
    if code_row is not None:
        for i in range(code_row + 1, len(header)):
            if key(next((c for c in header[i].cells if c), "")) in TOTAL_LABELS:
                header, data = header[:i], header[i:] + data
                break
    if not data or any(CODE.match(c.replace(" ", "")) for c in data[0].cells):
        return header, data
    row = data[0]
    words, kept, labelled = [], [], False
    for cell in row.cells:
        is_label = bool(cell) and parse_amount(cell) is None
        if is_label and key(cell) in TOTAL_LABELS and not labelled:
            labelled, is_label = True, False  # the row's own label
        words.append(cell if is_label else "")
        kept.append(cell if not is_label else LOST if labelled else "")  # a word after the label stood for a figure
    if not any(words):
        return header, data
    return header + [Row(row.line, tuple(words))], [Row(row.line, tuple(kept))] + data[1:]


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


LOST = "<lost>"  # a figure's cell that held a header word (never text of a report: clean() removes tags)


def _amount(cell: str, block: Block, row: Row, column: str) -> tuple[str, str]:
    if cell == LOST:
        return "", "lost"
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


def _column_name(path: list[str], vocab: list[tuple[str, str]], j: int) -> str:
    """A value column's key from its header path; an 'of which' column (其中：…) is named after the column it is
    part of (service_of_which), so that it is never summed with it."""
    label = "/".join(x for x in path if x != "项目")
    if OF_WHICH.match(path[-1]):
        parent = _classify("/".join(x for x in path[:-1] if x != "项目"), vocab)
        return f"{parent}_of_which" if parent else f"col{j + 1}"
    return _classify(label, vocab) or f"col{j + 1}"


def _code_columns(paths: list[list[str]], data: list[Row]) -> list[int]:
    """The code columns: named so by the header (科目代码, 科目编码, 类/款/项), else the leading columns whose cells
    are functional codes (3, 5 or 7 digits) or their 2-digit parts."""
    named = [j for j, p in enumerate(paths) if p and _is_code_header(p[-1])]
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


_CODE_AND_NAME = re.compile(r"^(\d{3}(?:\d{2}){0,2})\s*([^\d\s].*)$")


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
    for row in data:
        if len(code_cols) > 1 and len(row.cells) == compact and compact < width:
            cells = [""] * width
            cells[code_cols[0]], cells[name_cols[0]] = row.cells[0], row.cells[1]
            for (j, _, _), cell in zip(value_cols, row.cells[2:]):
                cells[j] = cell
        else:
            cells = list(_fit(block, row, width))
        if (m := _CODE_AND_NAME.match(cells[code_cols[0]])) and not any(cells[j] for j in name_cols):
            cells[code_cols[0]], cells[name_cols[0]] = m.group(1), m.group(2)  # code and name in one cell
        code = "".join(cells[j].replace(" ", "") for j in code_cols)
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
            _once(seen, f"code {code}", block, row)
        elif _repeated_total(seen, cells, value_cols, block, row):
            continue
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
        if re.fullmatch(r"项目([（(].*[)）])?", leaf):  # 项目, 项目（按功能分类）
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

def economic(block: Block) -> list[dict]:
    header, data = split_header(block)
    paths = column_paths(header)
    width = len(paths)
    groups = []  # (code cols, name col, amount col, group name from header)
    for j, p in enumerate(paths):
        if p and _is_code_header(p[-1]) and p[-1] not in ("款", "项"):
            named = _classify(p[0], GROUPS) if len(p) > 1 else None
            code_cols = [j] + ([j + 1] if j + 1 < width and paths[j + 1] and paths[j + 1][-1] == "款" else [])
            name_col = next((k for k in range(code_cols[-1] + 1, width) if paths[k] and "名称" in paths[k][-1]),
                            code_cols[-1] + 1)
            amount_col = next((k for k in range(name_col + 1, width) if paths[k]), None)
            groups.append((code_cols, name_col, amount_col, named))
    if not groups:
        raise IngestError("no code column (科目代码, 科目编码 or 类) in the header", table=block.key,
                          line=block.rows[0].line)
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


_BASIS_LABEL = re.compile(r"(预算|决算|实际)数?")


def three_public(block: Block) -> list[dict]:
    """Table 09: the items across the columns under 预算数/决算数 (the usual layout), or, transposed, one item a row
    with a 预算数 and a 决算数 column."""
    header, data = split_header(block)
    paths = column_paths(header)
    width = len(paths)
    columns = []
    for j, p in enumerate(paths):
        basis = next((b for b in (_classify(x, BASIS) for x in p if _BASIS_LABEL.fullmatch(x))), None)
        item = _classify("/".join(x for x in p if not _BASIS_LABEL.fullmatch(x)), COLUMNS["t09_item"])
        if basis and item:
            columns.append((j, "/".join(p), basis, item))
    if not columns:
        return _three_public_by_row(block, paths, data)
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


def _three_public_by_row(block: Block, paths: list[list[str]], data: list[Row]) -> list[dict]:
    bases = [(j, "/".join(p), _classify(p[-1], BASIS)) for j, p in enumerate(paths)
             if p and _BASIS_LABEL.fullmatch(p[-1])]
    if not bases:
        raise IngestError("no 预算数/决算数 columns found in the header", table=block.key, line=block.first_line)
    records = []
    for row in data:
        cells = _fit(block, row, len(paths))
        label = next((c for c in cells if c and parse_amount(c) is None), "")
        if not any(cells) or not label:
            continue
        item = _classify(OF_WHICH.sub("", strip_ordinal(key(label))).lstrip(":："), COLUMNS["t09_item"])
        if item is None:
            raise IngestError(f"row '{label[:20]}' is none of the 三公 items", table=block.key, line=row.line)
        for j, column, basis in bases:
            value, printed = _amount(cells[j], block, row, column)
            records.append({"basis": basis, "item": item, "column_zh": f"{column}/{label}", "amount_wan_yuan": value,
                            "printed": printed, "line": str(row.line)})
    return records


def total(records: list[dict], **where: str) -> Decimal:
    """Sum of amount_wan_yuan over records matching all of ``where`` (a helper for tests and checks)."""
    return sum(
        (Decimal(r["amount_wan_yuan"] or 0) for r in records if all(r.get(k) == v for k, v in where.items())),
        Decimal(0),
    )
