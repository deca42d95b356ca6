-- One row per outage event: a maximal run of consecutive days on which one generator has outage > 0.
-- A day with outage 0, null, or no row at all ends the event (gaps-and-islands: consecutive days share
-- period - row_number). The end timestamp is exclusive: the midnight after the last outage day.
CREATE OR REPLACE TEMP TABLE fact_outage AS
WITH outage_days AS (
    SELECT facility, generator, period, capacity, outage, percent_outage,
           period - (row_number() OVER (PARTITION BY facility, generator ORDER BY period))::INTEGER AS island
    FROM generator_days
    WHERE outage > 0
),
events AS (
    SELECT facility, generator,
           min(period)                                                  AS start_date,
           max(period)                                                  AS last_date,
           count(*)                                                     AS duration_days,
           max(outage)                                                  AS peak_outage_mw,
           avg(outage)                                                  AS avg_outage_mw,
           sum(outage) * 24                                             AS energy_lost_mwh,
           avg(percent_outage)                                          AS avg_percent_outage,
           arg_max(capacity, period) FILTER (WHERE capacity IS NOT NULL) AS capacity_mw
    FROM outage_days
    GROUP BY facility, generator, island
),
newest AS (
    SELECT max(period) AS newest_period FROM generator_days
),
identified AS (
    SELECT events.*, facility || '-' || generator || '-' || strftime(start_date, '%Y%m%d') AS outage_id
    FROM events
)
SELECT -- Deterministic from the natural id, so the same event keeps its key across rebuilds.
       (md5_number_lower(outage_id) >> 1)::BIGINT                              AS outage_key,
       outage_id,
       plant.plant_key,
       (year(start_date) * 10000 + month(start_date) * 100 + day(start_date))::INTEGER AS start_date_key,
       start_date::TIMESTAMP                                                   AS start_ts,
       (last_date + 1)::TIMESTAMP                                              AS end_ts,
       (duration_days * 24)::INTEGER                                           AS duration_hours,
       duration_days::INTEGER                                                  AS duration_days,
       round(peak_outage_mw, 3)                                                AS peak_outage_mw,
       round(avg_outage_mw, 3)                                                 AS avg_outage_mw,
       round(energy_lost_mwh, 3)                                               AS energy_lost_mwh,
       round(avg_percent_outage, 2)                                            AS avg_percent_outage,
       identified.capacity_mw,
       last_date = newest.newest_period                                        AS is_ongoing,
       -- EIA reported the generator back: the day after the last outage day has a row with outage 0 (a missing
       -- or null day ends an event too, but may be a late row; alerts say "ended" only when this is true).
       coalesce(after.outage = 0, false)                                       AS end_confirmed
FROM identified
JOIN dim_plant AS plant ON plant.facility_id = identified.facility AND plant.generator_id = identified.generator
LEFT JOIN generator_days AS after
       ON after.facility = identified.facility AND after.generator = identified.generator
      AND after.period = identified.last_date + 1
CROSS JOIN newest;
