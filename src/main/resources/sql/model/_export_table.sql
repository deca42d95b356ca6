-- Writes a built table as the snapshot's Parquet file, rows in a fixed order so that equal builds give equal files.
COPY (SELECT * FROM {{table}} ORDER BY {{order}}) TO {{file}} (FORMAT parquet, COMPRESSION zstd)
