-- Rows of a built table, for the run record and the build's log line.
SELECT count(*) FROM {{table}}
