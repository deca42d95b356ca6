-- No earlier snapshot can be read: every plant gets a new key.
CREATE OR REPLACE TEMP TABLE previous_plants (plant_key INTEGER, facility_id VARCHAR, generator_id VARCHAR)
