-- A data folder that was served by one instance before clustered mode: its modeled/current becomes the cluster's.
UPDATE pipeline_snapshot SET snapshot_id = ?, instance = ?, published_at = now() WHERE id = 1 AND snapshot_id IS NULL
