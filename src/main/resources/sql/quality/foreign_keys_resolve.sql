-- Every fact row's plant_key is in dim_plant and its start_date_key in dim_date.
SELECT outage_id AS item, 'plant_key ' || plant_key || ' is not in dim_plant' AS detail
FROM fact_outage AS f
WHERE NOT EXISTS (SELECT 1 FROM dim_plant AS p WHERE p.plant_key = f.plant_key)
UNION ALL
SELECT outage_id AS item, 'start_date_key ' || start_date_key || ' is not in dim_date' AS detail
FROM fact_outage AS f
WHERE NOT EXISTS (SELECT 1 FROM dim_date AS d WHERE d.date_key = f.start_date_key)
