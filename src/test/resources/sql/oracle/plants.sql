-- The oracle of GET /plants (ServingOracleTest): dim_plant rows by plant name, facility and generator, each with the
-- events, outage hours and energy lost (summed exactly, as DECIMAL) of all its outages, from the snapshot's Parquet.
-- Bound by number: $1 name (a part of the plant name, any case), $2 facility_id (null: any), $3 plants before the
-- page, $4 plants per page. One row per plant of the page, each with the number of matches (total); a page past the
-- last match has no rows.
WITH totals AS (
    SELECT plant_key, count(*) AS events, sum(duration_hours) AS outage_hours,
           sum(energy_lost_mwh::DECIMAL(18, 3)) AS energy
    FROM read_parquet({{fact_outage}})
    GROUP BY plant_key
)
SELECT count(*) OVER () AS total,
       p.plant_key, p.facility_id, p.plant_name, p.generator_id, p.unit_name, p.capacity_mw,
       strftime(p.first_period, '%Y-%m-%d') AS first_period, strftime(p.last_period, '%Y-%m-%d') AS last_period,
       coalesce(t.events, 0) AS events, coalesce(t.outage_hours, 0) AS outage_hours,
       coalesce(t.energy, 0) AS energy_lost_mwh
FROM read_parquet({{dim_plant}}) AS p
LEFT JOIN totals AS t ON t.plant_key = p.plant_key
WHERE ($1::VARCHAR IS NULL OR contains(lower(p.plant_name), lower($1::VARCHAR)))
  AND ($2::VARCHAR IS NULL OR p.facility_id = $2::VARCHAR)
ORDER BY p.plant_name, p.facility_id, p.generator_id
LIMIT $4::BIGINT OFFSET $3::BIGINT
