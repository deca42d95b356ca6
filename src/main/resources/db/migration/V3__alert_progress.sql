-- Outage alerts in clustered mode: the last event each sink acknowledged (alerts.AlertDelivery). One instance
-- delivers (it holds an advisory lock); whichever instance delivers next resumes after this event.
CREATE TABLE pipeline_alert_progress (
    sink        text PRIMARY KEY,
    event_id    text NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now()
);
