-- Whether a previous snapshot's fact_outage has end_confirmed (snapshots built before it existed do not).
SELECT count(*) FROM (DESCRIBE SELECT * FROM read_parquet({{previous_fact}})) WHERE column_name = 'end_confirmed'
