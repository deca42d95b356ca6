-- The lease row, locked until the transaction ends: starting a run and taking a dead one over are serialized.
SELECT run_id, instance, datasets, epoch, expires_at < clock_timestamp() AS expired
FROM pipeline_run_lease
WHERE id = 1
FOR UPDATE
