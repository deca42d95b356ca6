-- The sample's generator-days (temp table sample_days, filled by SampleRawRun) as one committed raw part, with the
-- run id and fingerprints the ingest routes store beside each row.
COPY (
    SELECT period, facility, facility_name, generator, capacity, outage, percent_outage,
           {{run_id}} AS _run_id,
           (hash(period, facility, generator, outage) >> 1)::BIGINT AS _row_fp,
           (hash(period, facility, generator) >> 1)::BIGINT AS _key_fp
    FROM sample_days
    ORDER BY period, facility, generator
) TO {{part}} (FORMAT parquet)
