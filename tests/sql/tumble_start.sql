-- input: clicks.jsonl
-- Page views per page per minute, with only the window's start: the rows the legacy
-- STEP and FLOOR forms (legacy_step.sql, legacy_floor.sql) must give on this in-order input.
CREATE TABLE clicks (
  user_id STRING,
  page STRING,
  ms INT,
  ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH ('connector' = 'kinesis', 'stream' = 'clicks', 'format' = 'json');
SELECT window_start, page, COUNT(*) AS page_views, SUM(ms) AS total_ms
FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(ts), INTERVAL '1' MINUTE))
GROUP BY window_start, window_end, page;
