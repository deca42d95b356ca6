-- The run ended (or was taken over): the lease is free. Matches the epoch, so a late release changes nothing.
UPDATE pipeline_run_lease
SET run_id = NULL, instance = NULL, datasets = NULL, expires_at = NULL
WHERE id = 1 AND run_id = ? AND epoch = ?
