"""Keeping data (juesuan.data)."""
