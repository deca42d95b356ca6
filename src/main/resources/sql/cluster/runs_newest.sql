-- Run ids sort by start time.
SELECT CAST(record AS text) FROM pipeline_runs ORDER BY run_id DESC LIMIT ?
