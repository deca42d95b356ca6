-- On every day both datasets cover, all generators add up to the national dataset's outage within 0.1 MW.
WITH generators AS (
    SELECT period, sum(outage) AS outage
    FROM generator_days
    GROUP BY period
)
SELECT strftime(t.period, '%Y-%m-%d')                                                AS item,
       'generators sum to ' || round(coalesce(g.outage, 0), 3) || ' MW, the national dataset says '
           || round(coalesce(t.outage, 0), 3) || ' MW'                               AS detail
FROM national_totals AS t
JOIN generators AS g USING (period)
WHERE abs(coalesce(g.outage, 0) - coalesce(t.outage, 0)) > 0.1
