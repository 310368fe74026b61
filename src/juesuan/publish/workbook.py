"""The Excel workbook of a year: every dataset a sheet, amounts as exact numbers, text as text."""

from __future__ import annotations

from pathlib import Path


def workbook(year: int, data_dir: Path, target: Path) -> None:
    """One .xlsx per year, a sheet per dataset: amounts as exact numbers, text always as text (a name from a
    report that starts with = stays a string, never a formula)."""
    from decimal import Decimal

    from openpyxl import Workbook

    from ..data.datasets import DATASETS, read_csv

    wb = Workbook()
    wb.remove(wb.active)
    for name, spec in DATASETS.items():
        sheet = wb.create_sheet(name[:31])
        columns = list(spec["columns"])
        decimal = {c for c, col in spec["columns"].items() if col.kind in ("decimal", "int")}
        sheet.append(columns)
        for row in read_csv(data_dir / str(year) / f"{name}.csv"):
            sheet.append([Decimal(row[c]) if c in decimal and row[c] else row[c] for c in columns])
            for cell in sheet[sheet.max_row]:
                if cell.data_type == "f":
                    cell.data_type = "s"
    target.parent.mkdir(parents=True, exist_ok=True)
    wb.save(target)
