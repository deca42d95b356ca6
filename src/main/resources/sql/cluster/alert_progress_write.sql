-- The last event the sink acknowledged.
INSERT INTO pipeline_alert_progress (sink, event_id, updated_at) VALUES (?, ?, now())
ON CONFLICT (sink) DO UPDATE SET event_id = excluded.event_id, updated_at = now()
