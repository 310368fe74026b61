"""The chapters' analysis (juesuan.analysis)."""
