-- input: clicks.jsonl
-- Only the busy pages: HAVING filters the windows' rows.
CREATE TABLE clicks (
  user_id STRING,
  page STRING,
  ms INT,
  ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH ('connector' = 'kinesis', 'stream' = 'clicks', 'format' = 'json');
SELECT window_start, page, COUNT(*) AS page_views
FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '1' MINUTE))
WHERE page <> '/checkout'
GROUP BY window_start, window_end, page
HAVING COUNT(*) >= 4;
