-- input: clicks.jsonl
-- A running count within each minute, every 20 seconds.
CREATE TABLE clicks (
  user_id STRING,
  page STRING,
  ms INT,
  ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH ('connector' = 'kinesis', 'stream' = 'clicks', 'format' = 'json');
SELECT window_start, window_end, window_time, COUNT(*) AS page_views, SUM(ms) AS total_ms
FROM TABLE(CUMULATE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '20' SECOND, INTERVAL '1' MINUTE))
GROUP BY window_start, window_end, window_time;
