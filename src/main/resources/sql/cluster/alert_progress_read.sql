SELECT event_id FROM pipeline_alert_progress WHERE sink = ?
