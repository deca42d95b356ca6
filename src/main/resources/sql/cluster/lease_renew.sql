-- Renews the lease while it still names this run, instance and epoch; no row = the lease was taken over.
UPDATE pipeline_run_lease
SET expires_at = clock_timestamp() + ? * interval '1 millisecond'
WHERE id = 1 AND run_id = ? AND instance = ? AND epoch = ?
