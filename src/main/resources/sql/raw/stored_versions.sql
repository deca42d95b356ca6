-- The live stored version of a key that came again in a run with other values too, by whole-row fingerprint (it
-- stays live; a copy goes to the run's quarantine beside the conflicting ones). A value stored twice (revised, then
-- put back) is one version: the newest copy.
SELECT * EXCLUDE (filename), filename AS _part
FROM read_parquet({{parts}}, filename = true, hive_partitioning = false)
WHERE _row_fp IN {{rows}}
QUALIFY row_number() OVER (PARTITION BY _row_fp ORDER BY _run_id DESC) = 1;
