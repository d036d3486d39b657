-- input: boundaries.jsonl
-- Rows at …:59.999 belong to the minute that ends at …:00.000; rows at …:00.000 to the next. With
-- no delay, a row at …:59.999 fires its minute: a second row at that instant is late.
-- late: 1
CREATE TABLE hits (
  page STRING,
  ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '0' SECOND
) WITH ('connector' = 'kinesis', 'stream' = 'hits', 'format' = 'json');
SELECT window_start, window_end, window_time, page, COUNT(*) AS hits
FROM TABLE(TUMBLE(TABLE hits, DESCRIPTOR(ts), INTERVAL '1' MINUTE))
GROUP BY window_start, window_end, window_time, page;
