-- input: clicks.jsonl
-- Distinct users per minute.
CREATE TABLE clicks (
  user_id STRING,
  page STRING,
  ms INT,
  ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH ('connector' = 'kinesis', 'stream' = 'clicks', 'format' = 'json');
SELECT window_start, COUNT(DISTINCT user_id) AS users, COUNT(user_id) AS clicks
FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '1' MINUTE))
GROUP BY window_start, window_end;
