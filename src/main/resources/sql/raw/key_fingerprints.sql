-- The idempotency keys of committed parts: per identity (_key_fp), the whole-row fingerprint of its newest stored
-- version and the run that stored it. Run ids sort by time, so the highest _run_id is the version the model serves
-- (model/generator_days.sql picks the same one); an older version EIA sends again is a revision, not a duplicate.
SELECT _row_fp, _key_fp, _run_id
FROM read_parquet({{parts}}, hive_partitioning = false)
QUALIFY row_number() OVER (PARTITION BY _key_fp ORDER BY _run_id DESC, _row_fp DESC) = 1;
