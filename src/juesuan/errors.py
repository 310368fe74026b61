"""The one error type a user sees: it names the file, the table and the line."""

from __future__ import annotations


class IngestError(Exception):
    """Bad input. Rendered as one line: ``FILE: table T, line N: message``."""

    def __init__(self, message: str, *, file: str = "", table: str = "", line: int | None = None):
        super().__init__(message)
        self.message = message
        self.file = file
        self.table = table
        self.line = line

    def __str__(self) -> str:
        where = [self.file or "<report>"]
        where.append(f"table {self.table}" if self.table else "table -")
        where.append(f"line {self.line}" if self.line else "line -")
        return f"{where[0]}: {where[1]}, {where[2]}: {self.message}"


class NotFinalAccounts(IngestError):
    """The document is not a final-accounts report (a 部门预算, or something else): refused, never read."""
