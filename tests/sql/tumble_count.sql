-- input: clicks.jsonl
-- Page views per page per minute: the lesson's query.
CREATE TABLE clicks (
  user_id STRING,
  page STRING,
  ms INT,
  ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH ('connector' = 'kinesis', 'stream' = 'clicks', 'format' = 'json');
SELECT window_start, window_end, page, COUNT(*) AS page_views
FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '1' MINUTE))
GROUP BY window_start, window_end, page;
