-- Rewrites a run's parts ordered by period: rows numbered in period order, then cut every {{rows_per_part}} rows
-- into one folder each (_part=0, _part=1, ...), so each part holds a contiguous run of periods and a key load can
-- skip every part outside its window. Numbering rather than ORDER BY keeps this true however many threads write.
COPY (
    SELECT * EXCLUDE (_n), _n // {{rows_per_part}} AS _part
    FROM (
        SELECT *, row_number() OVER (ORDER BY {{period}}, _key_fp, _row_fp) - 1 AS _n
        FROM read_parquet({{parts}}, hive_partitioning = false)
    )
) TO {{target}} (FORMAT parquet, COMPRESSION zstd, PARTITION_BY (_part));
