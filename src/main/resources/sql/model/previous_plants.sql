-- The plant keys of an earlier snapshot's dim_plant: a rebuild gives every plant the key it had.
CREATE OR REPLACE TEMP TABLE previous_plants AS
SELECT plant_key, facility_id, generator_id
FROM read_parquet({{dim_plant}})
