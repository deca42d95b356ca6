-- Claims a scheduled fire; no row inserted = another instance holds it.
INSERT INTO pipeline_schedule_fires (dataset, scheduled_at, instance, outcome)
VALUES (?, ?, ?, 'claimed')
ON CONFLICT (dataset, scheduled_at) DO NOTHING
