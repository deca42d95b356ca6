-- Wraps one check's query: how many items fail it in all, and the first few of them (item, detail) in order.
SELECT count(*) OVER () AS failures, item, detail
FROM ({{check}})
ORDER BY item
LIMIT {{examples}}
