SELECT CAST(record AS text) FROM pipeline_runs WHERE run_id = ?
