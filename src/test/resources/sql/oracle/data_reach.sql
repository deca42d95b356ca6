-- Which of the engine's plans a GET /data request reaches (ServingOracleTest checks that the random requests reach
-- each): how many events the plant filters leave (null without one), and how many start in the date range.
-- Bound by number: $1 start_date, $2 end_date, $3 facility_id, $4 generator, $5 plant_key, $6 plant_name.
SELECT CASE WHEN $3::VARCHAR IS NULL AND $4::VARCHAR IS NULL AND $5::INTEGER IS NULL AND $6::VARCHAR IS NULL
            THEN NULL
            ELSE count(*) FILTER (WHERE ($3::VARCHAR IS NULL OR p.facility_id = $3::VARCHAR)
                                    AND ($4::VARCHAR IS NULL OR p.generator_id = $4::VARCHAR)
                                    AND ($5::INTEGER IS NULL OR p.plant_key = $5::INTEGER)
                                    AND ($6::VARCHAR IS NULL OR contains(lower(p.plant_name), lower($6::VARCHAR))))
       END AS plant_events,
       count(*) FILTER (WHERE ($1::DATE IS NULL OR f.start_ts::DATE >= $1::DATE)
                          AND ($2::DATE IS NULL OR f.start_ts::DATE <= $2::DATE)) AS slice_events,
       count(*) AS events
FROM read_parquet({{fact_outage}}) AS f
JOIN read_parquet({{dim_plant}}) AS p ON p.plant_key = f.plant_key
