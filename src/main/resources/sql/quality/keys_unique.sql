-- plant_key identifies one generator and outage_key one event.
SELECT 'plant_key ' || plant_key AS item, count(*) || ' rows in dim_plant' AS detail
FROM dim_plant GROUP BY plant_key HAVING count(*) > 1
UNION ALL
SELECT 'outage_key ' || outage_key AS item, count(*) || ' rows in fact_outage' AS detail
FROM fact_outage GROUP BY outage_key HAVING count(*) > 1
