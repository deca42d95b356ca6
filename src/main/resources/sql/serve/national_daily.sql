-- The national daily series (the newest revision of each day of the us-level dataset) for the dashboard's line
-- of nuclear capacity out, bound in order: first day, last day (a null does not limit).
SELECT strftime(period::DATE, '%Y-%m-%d') AS period,
       capacity::DOUBLE                   AS capacity_mw,
       outage::DOUBLE                     AS outage_mw,
       percent_outage::DOUBLE             AS percent_outage
FROM read_parquet({{raw_parts}}, hive_partitioning = false)
WHERE period::DATE >= coalesce(?::DATE, DATE '0001-01-01')
  AND period::DATE <= coalesce(?::DATE, DATE '9999-12-31')
QUALIFY row_number() OVER (PARTITION BY period ORDER BY _run_id DESC, _row_fp DESC) = 1
ORDER BY period
