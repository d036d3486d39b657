-- input: clicks.jsonl
-- A one-minute average every 30 seconds: HOP emits the partly filled windows at the edges too.
CREATE TABLE clicks (
  user_id STRING,
  page STRING,
  ms INT,
  ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH ('connector' = 'kinesis', 'stream' = 'clicks', 'format' = 'json');
SELECT window_start, window_end, AVG(ms) AS avg_ms, MAX(ms) AS max_ms, MIN(ms) AS min_ms
FROM TABLE(HOP(TABLE clicks, DESCRIPTOR(ts), INTERVAL '30' SECOND, INTERVAL '1' MINUTE))
GROUP BY window_start, window_end;
