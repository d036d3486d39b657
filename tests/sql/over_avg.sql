-- input: clicks.jsonl
-- reference for: legacy_sliding
-- A sliding window in Flink SQL (an OVER aggregate, which the lab's Flink editor does not
-- run): the rows the legacy form legacy_sliding.sql must give on this in-order input.
CREATE TABLE clicks (
  user_id STRING,
  page STRING,
  ms INT,
  ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH ('connector' = 'kinesis', 'stream' = 'clicks', 'format' = 'json');
SELECT page, ts,
  AVG(ms) OVER w AS avg_ms,
  COUNT(*) OVER w AS page_views,
  MAX(ms) OVER w AS max_ms
FROM clicks
WINDOW w AS (PARTITION BY page ORDER BY ts RANGE BETWEEN INTERVAL '20' SECOND PRECEDING AND CURRENT ROW);
