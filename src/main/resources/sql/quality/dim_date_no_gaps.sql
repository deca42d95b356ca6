-- dim_date holds every calendar day of its range exactly once.
SELECT strftime(date, '%Y-%m-%d') AS item, 'the next day in dim_date is ' || strftime(next_date, '%Y-%m-%d') AS detail
FROM (SELECT date, lead(date) OVER (ORDER BY date) AS next_date FROM dim_date)
WHERE next_date <> date + 1
