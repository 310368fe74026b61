"""Reading reports: a published PDF or its text conversion in, records out. Text is normalised, split into
table blocks and prose, each table parsed by its header and cells, and the whole validated (ingest).
Takes a file; gives a Result (datasets and report.json) for data.store to write."""
