"""Analysis for the chapters: exact arithmetic (numbers), one module per chapter (income, spending and
budget, basic, procurement, scoring) and the years side by side (trends). Takes loaded data; gives tables
(DataFrames) and figures, never sentences or charts."""
