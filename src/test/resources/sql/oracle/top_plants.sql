-- The oracle of GET /analytics/top-plants (ServingOracleTest): generators with outages starting in a date range,
-- ranked by the metric (descending, ties by plant_key), from the snapshot's Parquet; energy summed exactly.
-- Bound by number: $1 metric (outage_hours, energy_lost_mwh or events; null: outage_hours), $2 start_date, $3 end_date (DATE,
-- both inclusive, null: open), $4 how many.
WITH per_plant AS (
    SELECT plant_key, count(*) AS events, sum(duration_hours) AS outage_hours,
           sum(energy_lost_mwh::DECIMAL(18, 3)) AS energy
    FROM read_parquet({{fact_outage}})
    WHERE ($2::DATE IS NULL OR start_ts::DATE >= $2::DATE)
      AND ($3::DATE IS NULL OR start_ts::DATE <= $3::DATE)
    GROUP BY plant_key
),
ranked AS (
    SELECT *, row_number() OVER (ORDER BY
               CASE coalesce($1::VARCHAR, 'outage_hours') WHEN 'events' THEN events END DESC,
               CASE coalesce($1::VARCHAR, 'outage_hours') WHEN 'energy_lost_mwh' THEN energy END DESC,
               CASE coalesce($1::VARCHAR, 'outage_hours') WHEN 'outage_hours' THEN outage_hours END DESC,
               plant_key ASC) AS rank
    FROM per_plant
)
SELECT r.rank, p.plant_key, p.facility_id, p.plant_name, p.generator_id, p.unit_name, p.capacity_mw,
       r.events, r.outage_hours, r.energy AS energy_lost_mwh
FROM ranked AS r
JOIN read_parquet({{dim_plant}}) AS p ON p.plant_key = r.plant_key
WHERE r.rank <= $4::BIGINT
ORDER BY r.rank
