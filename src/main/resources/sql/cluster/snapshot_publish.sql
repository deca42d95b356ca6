-- Only ever forward (snapshot ids sort by build time): an instance that resumes after a take-over and publishes a
-- build older than the current one does not turn the cluster's API back in time.
UPDATE pipeline_snapshot SET snapshot_id = ?, instance = ?, published_at = now()
WHERE id = 1 AND (snapshot_id IS NULL OR snapshot_id < ?)
