"""juesuan: read Chinese government final accounts (部门决算) into exact, tested data and a book."""

__version__ = "0.1.0"
