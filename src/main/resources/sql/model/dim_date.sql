-- Every calendar day of the covered range, gaps included, so that a day without outages still joins.
CREATE OR REPLACE TEMP TABLE dim_date AS
WITH days AS (
    SELECT unnest(generate_series(min(period)::TIMESTAMP, max(period)::TIMESTAMP, INTERVAL 1 DAY))::DATE AS d
    FROM generator_days
)
SELECT (year(d) * 10000 + month(d) * 100 + day(d))::INTEGER AS date_key,
       d                                                    AS date,
       year(d)::INTEGER                                     AS year,
       quarter(d)::INTEGER                                  AS quarter,
       month(d)::INTEGER                                    AS month,
       monthname(d)                                         AS month_name,
       day(d)::INTEGER                                      AS day,
       isodow(d)::INTEGER                                   AS day_of_week,
       dayname(d)                                           AS day_name,
       isodow(d) >= 6                                       AS is_weekend
FROM days;
