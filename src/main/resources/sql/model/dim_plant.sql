-- One row per generator (EIA "generator" ids repeat across plants, so the unit is facility + generator).
-- plant_key is carried over from the previous snapshot (previous_plants) so that keys stay stable across
-- rebuilds; plants seen for the first time get the next free keys, in facility/generator order.
CREATE OR REPLACE TEMP TABLE dim_plant AS
WITH plants AS (
    SELECT facility                                                          AS facility_id,
           generator                                                         AS generator_id,
           arg_max(facility_name, period) FILTER (WHERE facility_name IS NOT NULL) AS plant_name,
           arg_max(capacity, period) FILTER (WHERE capacity IS NOT NULL)      AS capacity_mw,
           min(period)                                                       AS first_period,
           max(period)                                                       AS last_period
    FROM generator_days
    GROUP BY facility, generator
),
keyed AS (
    SELECT plants.*, previous.plant_key AS previous_key
    FROM plants
    LEFT JOIN previous_plants AS previous USING (facility_id, generator_id)
)
SELECT coalesce(previous_key,
                (SELECT coalesce(max(plant_key), 0) FROM previous_plants)
                + row_number() OVER (PARTITION BY previous_key IS NULL ORDER BY facility_id, generator_id)
       )::INTEGER                                  AS plant_key,
       facility_id,
       plant_name,
       generator_id,
       plant_name || ' Unit ' || generator_id       AS unit_name,
       capacity_mw,
       first_period,
       last_period
FROM keyed;
