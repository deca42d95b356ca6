-- The distinct periods a dataset's committed rows hold, oldest first, as numbers: epoch days of a DATE or epoch
-- milliseconds of a TIMESTAMP ({{epoch}} picks which), so no session time zone can move them.
SELECT DISTINCT {{epoch}} AS period
FROM read_parquet({{parts}}, hive_partitioning = false)
ORDER BY 1;
