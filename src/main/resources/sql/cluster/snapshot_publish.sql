UPDATE pipeline_snapshot SET snapshot_id = ?, instance = ?, published_at = now() WHERE id = 1
