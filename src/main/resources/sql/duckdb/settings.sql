-- Settings of the in-process DuckDB, once at startup. DuckDB would otherwise claim 80 % of RAM; the JVM and the OS
-- page cache need their share (pipeline.storage.duckdb-memory-limit, checked when the settings were bound: digits
-- and a unit only). Insertion order is not needed: every query that cares says ORDER BY.
SET memory_limit = '{{memory_limit}}';
SET preserve_insertion_order = false;
