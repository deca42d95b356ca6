UPDATE pipeline_schedule_fires
SET outcome = ?, run_id = ?, reason = ?, recorded_at = now()
WHERE dataset = ? AND scheduled_at = ? AND instance = ?
