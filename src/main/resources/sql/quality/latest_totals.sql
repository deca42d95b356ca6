-- The newest revision of each day of a totals dataset (facility or national), like generator_days.
CREATE OR REPLACE TEMP TABLE {{table}} AS
SELECT *
FROM read_parquet({{raw_parts}}, hive_partitioning = false, union_by_name = true)
QUALIFY row_number() OVER (PARTITION BY {{key}} ORDER BY _run_id DESC, _row_fp DESC) = 1
