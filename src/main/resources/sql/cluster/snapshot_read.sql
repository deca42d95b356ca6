SELECT snapshot_id FROM pipeline_snapshot WHERE id = 1
