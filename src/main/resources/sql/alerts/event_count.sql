-- How many outage events this build holds (the data of snapshot.initial and snapshot.bulk-change).
SELECT count(*) FROM fact_outage
