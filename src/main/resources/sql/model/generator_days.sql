-- One row per generator and day: the newest revision of each key. A revised row is stored by a later run,
-- and run ids sort by time, so the highest _run_id holds EIA's current figure.
CREATE OR REPLACE TEMP TABLE generator_days AS
-- Values are cast to the model's types, so a raw column that arrives as DECIMAL or INTEGER still models as DOUBLE.
SELECT period::DATE AS period, facility::VARCHAR AS facility, facility_name::VARCHAR AS facility_name,
       generator::VARCHAR AS generator, capacity::DOUBLE AS capacity, outage::DOUBLE AS outage,
       percent_outage::DOUBLE AS percent_outage
FROM read_parquet({{raw_parts}}, hive_partitioning = false)
QUALIFY row_number() OVER (PARTITION BY period, facility, generator ORDER BY _run_id DESC, _row_fp DESC) = 1;
