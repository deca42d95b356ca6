-- Events of one generator neither overlap nor touch: each starts after the previous one's exclusive end
-- (touching events are one outage the model failed to merge).
SELECT outage_id                                                                     AS item,
       'starts ' || strftime(start_ts, '%Y-%m-%d') || ', before the day after ' || previous_id
           || ' ends (' || strftime(previous_end, '%Y-%m-%d') || ')'                AS detail
FROM (SELECT outage_id, start_ts,
             lag(end_ts) OVER w    AS previous_end,
             lag(outage_id) OVER w AS previous_id
      FROM fact_outage
      WINDOW w AS (PARTITION BY plant_key ORDER BY start_ts))
WHERE start_ts <= previous_end
