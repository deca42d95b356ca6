-- The oracle of GET /data (ServingOracleTest): the page of events a request asks for and how many match in all,
-- from the published snapshot's Parquet, written from the README's description of /data, not from the engine.
-- Bound by number, a null filter filtering nothing:
--   $1 start_date, $2 end_date (DATE; the outage's start day, both inclusive), $3 facility_id, $4 generator,
--   $5 plant_key, $6 plant_name (a part of the name, any case), $7 ongoing, $8 min_duration_hours,
--   $9 sort as the request spells it (null: start_date), $10 events before the page, $11 events per page.
-- One row per event of the page, in the contract's column order, each with the number of matches (total); a page
-- past the last match has no rows.
WITH matched AS (
    SELECT f.outage_id, f.outage_key, p.plant_key, p.facility_id, p.plant_name, p.generator_id, p.unit_name,
           f.start_ts, f.end_ts, d.year, d.quarter, d.month, d.month_name, d.day_name, f.duration_hours,
           f.duration_days, f.peak_outage_mw, f.avg_outage_mw, f.energy_lost_mwh, f.avg_percent_outage,
           f.capacity_mw, f.is_ongoing
    FROM read_parquet({{fact_outage}}) AS f
    JOIN read_parquet({{dim_plant}}) AS p ON p.plant_key = f.plant_key
    LEFT JOIN read_parquet({{dim_date}}) AS d ON d.date = f.start_ts::DATE
    WHERE ($1::DATE IS NULL OR f.start_ts::DATE >= $1::DATE)
      AND ($2::DATE IS NULL OR f.start_ts::DATE <= $2::DATE)
      AND ($3::VARCHAR IS NULL OR p.facility_id = $3::VARCHAR)
      AND ($4::VARCHAR IS NULL OR p.generator_id = $4::VARCHAR)
      AND ($5::INTEGER IS NULL OR p.plant_key = $5::INTEGER)
      AND ($6::VARCHAR IS NULL OR contains(lower(p.plant_name), lower($6::VARCHAR)))
      AND ($7::BOOLEAN IS NULL OR f.is_ongoing = $7::BOOLEAN)
      AND ($8::INTEGER IS NULL OR f.duration_hours >= $8::INTEGER)
)
SELECT count(*) OVER () AS total,
       outage_id, outage_key, plant_key, facility_id, plant_name, generator_id, unit_name,
       strftime(start_ts, '%Y-%m-%d') AS start_date, year, quarter, month, month_name, day_name,
       strftime(start_ts, '%Y-%m-%dT%H:%M:%S') AS start_ts, strftime(end_ts, '%Y-%m-%dT%H:%M:%S') AS end_ts,
       duration_hours, duration_days, peak_outage_mw, avg_outage_mw, energy_lost_mwh, avg_percent_outage,
       capacity_mw, is_ongoing
FROM matched
-- The field the request names, either way; ties by outage_id ascending whichever way the field sorts.
ORDER BY CASE coalesce($9::VARCHAR, 'start_date') WHEN 'start_date' THEN matched.start_ts END ASC,
         CASE $9::VARCHAR WHEN '-start_date' THEN matched.start_ts END DESC,
         CASE $9::VARCHAR WHEN 'duration_hours' THEN matched.duration_hours END ASC,
         CASE $9::VARCHAR WHEN '-duration_hours' THEN matched.duration_hours END DESC,
         CASE $9::VARCHAR WHEN 'energy_lost_mwh' THEN matched.energy_lost_mwh END ASC,
         CASE $9::VARCHAR WHEN '-energy_lost_mwh' THEN matched.energy_lost_mwh END DESC,
         CASE $9::VARCHAR WHEN 'peak_outage_mw' THEN matched.peak_outage_mw END ASC,
         CASE $9::VARCHAR WHEN '-peak_outage_mw' THEN matched.peak_outage_mw END DESC,
         CASE $9::VARCHAR WHEN 'plant_name' THEN lower(matched.plant_name) END ASC,
         CASE $9::VARCHAR WHEN '-plant_name' THEN lower(matched.plant_name) END DESC,
         CASE $9::VARCHAR WHEN '-outage_id' THEN matched.outage_id END DESC,
         matched.outage_id ASC
LIMIT $11::BIGINT OFFSET $10::BIGINT
