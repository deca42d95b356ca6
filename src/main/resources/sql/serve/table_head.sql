-- The first rows of one modeled table in key order (its first column): POST /refresh?preview=true&head=N.
-- Bound: the number of rows.
SELECT *
FROM read_parquet({{table}})
ORDER BY 1
LIMIT ?
