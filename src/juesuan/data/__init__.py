"""Keeping data: the datasets' schemas and CSV I/O, the atomic store of data/<year>/, the glossary of
English renderings, and the reports' vocabulary (titles, templates, column keys). Every stage uses it;
it uses none of them."""
