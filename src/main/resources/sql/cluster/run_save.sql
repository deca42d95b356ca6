-- Writes a run's record; a record that has ended (taken over, say) is never rewritten by a late writer.
INSERT INTO pipeline_runs (run_id, instance, status, record, updated_at)
VALUES (?, ?, ?, CAST(? AS jsonb), now())
ON CONFLICT (run_id) DO UPDATE
SET status = excluded.status, record = excluded.record, updated_at = now()
WHERE pipeline_runs.status = 'running'
