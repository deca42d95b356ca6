-- A staged Parquet part rewritten without the rows of conflicting identities (then renamed over the original).
COPY (
    SELECT * FROM read_parquet({{part}}, hive_partitioning = false) WHERE _key_fp NOT IN {{identities}}
) TO {{target}} (FORMAT parquet, COMPRESSION zstd);
