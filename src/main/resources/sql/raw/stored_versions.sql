-- Rows stored by earlier runs, by whole-row fingerprint: the stored version of a key that came again in a run
-- with other values too (it stays live; a copy goes to the run's quarantine beside the conflicting ones).
SELECT * EXCLUDE (filename), filename AS _part
FROM read_parquet({{parts}}, filename = true, hive_partitioning = false)
WHERE _row_fp IN {{rows}};
