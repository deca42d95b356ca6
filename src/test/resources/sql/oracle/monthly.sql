-- The oracle of GET /analytics/monthly (ServingOracleTest): events, outage hours and energy lost per month of the
-- events' start day, from the published snapshot's Parquet. Every month from the range's first to its last is a row,
-- zeros included; an open end is the month of the first (last) event starting in the range, whatever the facility.
-- Energy is summed exactly (as DECIMAL): the API's rounding of its sum to 3 decimals must give this figure.
-- Bound by number: $1 start_date, $2 end_date (DATE, both inclusive, null: open), $3 facility_id (null: all).
WITH in_range AS (
    SELECT f.start_ts::DATE AS day, f.duration_hours, f.energy_lost_mwh::DECIMAL(18, 3) AS energy, p.facility_id
    FROM read_parquet({{fact_outage}}) AS f
    JOIN read_parquet({{dim_plant}}) AS p ON p.plant_key = f.plant_key
    WHERE ($1::DATE IS NULL OR f.start_ts::DATE >= $1::DATE)
      AND ($2::DATE IS NULL OR f.start_ts::DATE <= $2::DATE)
),
bounds AS (
    SELECT date_trunc('month', coalesce($1::DATE, min(day)))::DATE AS first_month,
           date_trunc('month', coalesce($2::DATE, max(day)))::DATE AS last_month
    FROM in_range
),
months AS (
    SELECT unnest(generate_series(first_month, last_month, INTERVAL 1 MONTH))::DATE AS month
    FROM bounds
    WHERE first_month IS NOT NULL AND last_month IS NOT NULL
)
SELECT strftime(months.month, '%Y-%m') AS month, year(months.month) AS year, month(months.month) AS month_of_year,
       count(e.day) AS events, coalesce(sum(e.duration_hours), 0) AS outage_hours,
       coalesce(sum(e.energy), 0) AS energy_lost_mwh
FROM months
LEFT JOIN in_range AS e
       ON date_trunc('month', e.day) = months.month AND ($3::VARCHAR IS NULL OR e.facility_id = $3::VARCHAR)
GROUP BY months.month
ORDER BY months.month
