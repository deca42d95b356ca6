-- The staged rows of a run whose identity (_key_fp) came with two or more different sets of values in that run:
-- neither is the revision of the other, so all of them go to quarantine. {{identities}} is a list of BIGINTs.
SELECT * EXCLUDE (filename), filename AS _part
FROM read_parquet({{parts}}, filename = true, hive_partitioning = false)
WHERE _key_fp IN {{identities}}
ORDER BY _key_fp, _row_fp;
