-- Every outage event of a snapshot with its plant key, in the API's default order (start day, then outage_id).
-- The serving table keeps these in memory, so a request never scans Parquet.
SELECT outage_id, outage_key, plant_key, (start_ts::DATE - DATE '1970-01-01')::INTEGER AS start_day,
       (end_ts::DATE - DATE '1970-01-01')::INTEGER AS end_day, duration_hours, duration_days, peak_outage_mw,
       avg_outage_mw, energy_lost_mwh, avg_percent_outage, capacity_mw, is_ongoing
FROM read_parquet({{fact_outage}})
ORDER BY start_ts, outage_id
