-- Who holds the lease now, without waiting for a lock (to name the instance that took a run over).
SELECT run_id, instance, epoch FROM pipeline_run_lease WHERE id = 1
