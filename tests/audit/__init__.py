"""The consistency audit (juesuan.audit)."""
