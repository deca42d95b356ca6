-- The idempotency keys of committed parts: whole-row and identity fingerprints, and the run that stored the row as a
-- number (run ids are UTC times, yyyyMMddTHHmmssSSSZ, so the number orders runs as the model does). A plain scan:
-- raw/RunKeys keeps the newest version of each identity, which is the one the model serves.
SELECT _row_fp, _key_fp, coalesce(TRY_CAST(replace(replace(_run_id, 'T', ''), 'Z', '') AS BIGINT), 0)
FROM read_parquet({{parts}}, hive_partitioning = false);
