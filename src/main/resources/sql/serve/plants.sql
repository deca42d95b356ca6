-- The plant dimension of a snapshot, in the order GET /plants lists it.
SELECT plant_key, facility_id, plant_name, generator_id, unit_name, capacity_mw, first_period, last_period
FROM read_parquet({{dim_plant}})
ORDER BY plant_name, facility_id, generator_id
