-- What changed between the previous snapshot's events ({{previous_fact}}, its fact_outage.parquet) and this
-- build's (the temp tables fact_outage, dim_plant, generator_days), matched by outage_id: one row per change.
--   started  : an event the previous snapshot did not have (replaces = the withdrawn event it moved from)
--   ended    : its end is now confirmed (the day after its last day has outage 0) and was not before
--   revised  : days both snapshots have changed by more than the tolerance (peak or average MW: more than
--              {{tolerance_mw}} MW and {{tolerance_ratio}} of the old value), or the end of an ended event moved
--   withdrawn: an event the previous snapshot had that no longer exists
-- An ongoing event growing by a day changes none of this. {{previous_end_confirmed}} is the previous snapshot's
-- end_confirmed column, or "NOT is_ongoing AND false" for snapshots built before that column existed.
WITH prev AS (
    SELECT outage_id, split_part(outage_id, '-', 1) AS facility_id,
           substr(outage_id, length(split_part(outage_id, '-', 1)) + 2,
                  length(outage_id) - length(split_part(outage_id, '-', 1)) - 10) AS generator_id,
           start_ts::DATE AS start_date, end_ts::DATE - 1 AS last_date, duration_days,
           peak_outage_mw, avg_outage_mw, energy_lost_mwh, capacity_mw, is_ongoing,
           {{previous_end_confirmed}} AS end_confirmed
    FROM read_parquet({{previous_fact}})
),
cur AS (
    SELECT f.outage_id, p.facility_id, p.generator_id, p.plant_name, p.unit_name,
           f.start_ts::DATE AS start_date, f.end_ts::DATE - 1 AS last_date, f.duration_days,
           f.peak_outage_mw, f.avg_outage_mw, f.energy_lost_mwh, f.capacity_mw, f.is_ongoing, f.end_confirmed
    FROM fact_outage AS f
    JOIN dim_plant AS p USING (plant_key)
),
-- This build's values over the days the previous snapshot knew of the event (start .. its last day then).
common AS (
    SELECT prev.outage_id,
           max(d.outage) AS peak_outage_mw,
           avg(d.outage) FILTER (WHERE d.outage > 0) AS avg_outage_mw
    FROM prev
    JOIN cur USING (outage_id)
    JOIN generator_days AS d
      ON d.facility = cur.facility_id AND d.generator = cur.generator_id
     AND d.period BETWEEN prev.start_date AND least(prev.last_date, cur.last_date)
    GROUP BY prev.outage_id
),
changed AS (
    SELECT cur.outage_id,
           CASE
               WHEN cur.end_confirmed AND NOT prev.end_confirmed THEN 'outage.ended'
               WHEN prev.end_confirmed AND cur.last_date <> prev.last_date THEN 'outage.revised'
               WHEN NOT prev.is_ongoing AND NOT prev.end_confirmed AND cur.last_date < prev.last_date
                   THEN 'outage.revised'
               WHEN abs(common.peak_outage_mw - prev.peak_outage_mw) > {{tolerance_mw}}
                    AND abs(common.peak_outage_mw - prev.peak_outage_mw)
                        > {{tolerance_ratio}} * abs(prev.peak_outage_mw) THEN 'outage.revised'
               WHEN abs(common.avg_outage_mw - prev.avg_outage_mw) > {{tolerance_mw}}
                    AND abs(common.avg_outage_mw - prev.avg_outage_mw)
                        > {{tolerance_ratio}} * abs(prev.avg_outage_mw) THEN 'outage.revised'
           END AS type
    FROM cur
    JOIN prev USING (outage_id)
    LEFT JOIN common USING (outage_id)
),
withdrawn AS (
    SELECT prev.* FROM prev ANTI JOIN cur USING (outage_id)
),
started AS (
    SELECT cur.*,
           -- a moved start: the withdrawn event of the same generator whose days overlap this one's
           (SELECT min(w.outage_id) FROM withdrawn AS w
            WHERE w.facility_id = cur.facility_id AND w.generator_id = cur.generator_id
              AND w.start_date <= cur.last_date AND w.last_date >= cur.start_date) AS replaces
    FROM cur ANTI JOIN prev USING (outage_id)
)
SELECT * FROM (
SELECT 'outage.started' AS type, s.outage_id, s.facility_id, s.generator_id, s.plant_name, s.unit_name,
       s.start_date, s.last_date, s.duration_days, s.peak_outage_mw, s.avg_outage_mw, s.energy_lost_mwh,
       s.capacity_mw, s.is_ongoing, s.end_confirmed, s.replaces,
       NULL::DATE AS previous_last_date, NULL::DOUBLE AS previous_peak_outage_mw,
       NULL::DOUBLE AS previous_avg_outage_mw, NULL::DOUBLE AS previous_energy_lost_mwh
FROM started AS s
UNION ALL
SELECT changed.type, c.outage_id, c.facility_id, c.generator_id, c.plant_name, c.unit_name,
       c.start_date, c.last_date, c.duration_days, c.peak_outage_mw, c.avg_outage_mw, c.energy_lost_mwh,
       c.capacity_mw, c.is_ongoing, c.end_confirmed, NULL AS replaces,
       p.last_date, p.peak_outage_mw, p.avg_outage_mw, p.energy_lost_mwh
FROM changed
JOIN cur AS c USING (outage_id)
JOIN prev AS p USING (outage_id)
WHERE changed.type IS NOT NULL
UNION ALL
SELECT 'outage.withdrawn', w.outage_id, w.facility_id, w.generator_id, plant.plant_name, plant.unit_name,
       w.start_date, w.last_date, w.duration_days, w.peak_outage_mw, w.avg_outage_mw, w.energy_lost_mwh,
       w.capacity_mw, w.is_ongoing, w.end_confirmed, NULL,
       w.last_date, w.peak_outage_mw, w.avg_outage_mw, w.energy_lost_mwh
FROM withdrawn AS w
LEFT JOIN dim_plant AS plant ON plant.facility_id = w.facility_id AND plant.generator_id = w.generator_id
) AS changes
-- Withdrawn first, so a receiver drops an old id before it learns the id that replaces it; then by day.
ORDER BY CASE type WHEN 'outage.withdrawn' THEN 0 ELSE 1 END, start_date, outage_id
