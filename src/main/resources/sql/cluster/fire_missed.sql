-- Quartz's misfire (the fire came too late for pipeline's misfire threshold and was not run).
INSERT INTO pipeline_schedule_fires (dataset, scheduled_at, instance, outcome, reason)
VALUES (?, ?, ?, 'missed', ?)
ON CONFLICT (dataset, scheduled_at) DO NOTHING
