-- Outage events joined with their plant and start date, filtered by GET /data's parameters, bound in order:
-- start_date, end_date (outage start, inclusive), facility_id. A null parameter does not filter.
SELECT f.outage_id,
       f.outage_key,
       p.plant_key,
       p.facility_id,
       p.plant_name,
       p.generator_id,
       p.unit_name,
       d.date            AS start_date,
       d.year,
       d.quarter,
       d.month,
       d.month_name,
       d.day_name,
       f.start_ts,
       f.end_ts,
       f.duration_hours,
       f.duration_days,
       f.peak_outage_mw,
       f.avg_outage_mw,
       f.energy_lost_mwh,
       f.avg_percent_outage,
       f.capacity_mw,
       f.is_ongoing
FROM read_parquet({{fact_outage}}) AS f
JOIN read_parquet({{dim_plant}}) AS p ON p.plant_key = f.plant_key
JOIN read_parquet({{dim_date}}) AS d ON d.date_key = f.start_date_key
WHERE d.date >= coalesce(?::DATE, DATE '0001-01-01')
  AND d.date <= coalesce(?::DATE, DATE '9999-12-31')
  AND p.facility_id = coalesce(?::VARCHAR, p.facility_id)
