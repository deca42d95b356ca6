-- The date dimension of a snapshot: the attributes GET /data joins onto each event's start day.
SELECT (date - DATE '1970-01-01')::INTEGER AS day, year, quarter, month, month_name, day_name
FROM read_parquet({{dim_date}})
ORDER BY date
