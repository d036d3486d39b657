-- input: sessions.jsonl
-- Sessions per user with a 10 s gap; a row exactly at a session's end joins it.
CREATE TABLE visits (
  user_id STRING,
  ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH ('connector' = 'kinesis', 'stream' = 'visits', 'format' = 'json');
SELECT user_id, window_start, window_end, COUNT(*) AS visits
FROM TABLE(SESSION(TABLE visits PARTITION BY user_id, DESCRIPTOR(ts), INTERVAL '10' SECOND))
GROUP BY user_id, window_start, window_end;
