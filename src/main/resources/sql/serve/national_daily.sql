-- One snapshot's national daily series (model/national_daily.sql) for the dashboard's line of nuclear capacity out,
-- bound in order: first day, last day (a null does not limit).
SELECT strftime(period, '%Y-%m-%d') AS period, capacity_mw, outage_mw, percent_outage
FROM read_parquet({{file}})
WHERE period >= coalesce(?::DATE, DATE '0001-01-01')
  AND period <= coalesce(?::DATE, DATE '9999-12-31')
ORDER BY period
