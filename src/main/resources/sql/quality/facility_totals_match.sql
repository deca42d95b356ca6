-- On every day both datasets cover, a facility's generators add up to the facility dataset's outage within 0.1 MW.
WITH generators AS (
    SELECT period, facility, sum(outage) AS outage
    FROM generator_days
    GROUP BY period, facility
)
SELECT strftime(t.period, '%Y-%m-%d') || ' facility ' || t.facility                  AS item,
       'generators sum to ' || round(coalesce(g.outage, 0), 3) || ' MW, the facility dataset says '
           || round(coalesce(t.outage, 0), 3) || ' MW'                               AS detail
FROM facility_totals AS t
JOIN generators AS g USING (period, facility)
WHERE abs(coalesce(g.outage, 0) - coalesce(t.outage, 0)) > 0.1
