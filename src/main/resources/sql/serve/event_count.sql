-- How many events a snapshot holds: the serving table sizes its columns with it before loading them.
SELECT count(*)
FROM read_parquet({{fact_outage}})
