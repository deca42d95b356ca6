-- The national daily series of the snapshot: the newest revision of each day of the us-level dataset
-- (pipeline.model.national-totals), which EIA computes over every reactor. GET /analytics/national and the
-- dashboard's line read it from the snapshot, so an answer never mixes raw rows of two moments.
CREATE OR REPLACE TEMP TABLE national_daily AS
SELECT period::DATE            AS period,
       capacity::DOUBLE        AS capacity_mw,
       outage::DOUBLE          AS outage_mw,
       percent_outage::DOUBLE  AS percent_outage
FROM read_parquet({{raw_parts}}, hive_partitioning = false)
QUALIFY row_number() OVER (PARTITION BY period ORDER BY _run_id DESC, _row_fp DESC) = 1;
