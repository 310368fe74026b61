"""The consistency audit (勾稽检查): the Finding type and its comparisons, then one module per family of
checks. Takes loaded data; gives findings (ok, rounding, mismatch, not_applicable, missing_data)."""
