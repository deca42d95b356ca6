-- The idempotency keys of committed parts: whole-row and identity fingerprints (see RawRecordSchema).
SELECT _row_fp, _key_fp FROM read_parquet({{parts}}, hive_partitioning = false);
