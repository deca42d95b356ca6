-- Rows and period range of each Parquet part, for the run's _manifest.json: {{range}} is the first and last period
-- in the dataset's own format (the label EIA sent where rows keep one, else the day).
SELECT filename, count(*), {{range}}
FROM read_parquet({{parts}}, filename = true, hive_partitioning = false)
GROUP BY filename;
