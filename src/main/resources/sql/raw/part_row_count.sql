-- Rows of a rewritten part, checked against what it should hold before it replaces the original.
SELECT count(*) FROM read_parquet({{part}})
