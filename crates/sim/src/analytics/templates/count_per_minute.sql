-- Page views per page per minute: one row per page and minute, when the minute closes.
CREATE TABLE clicks (
  event_id BIGINT,
  `user` STRING,
  page STRING,
  action STRING,
  arrival TIMESTAMP(3) METADATA FROM 'timestamp',
  WATERMARK FOR arrival AS arrival - INTERVAL '5' SECOND
) WITH ('connector' = 'kinesis', 'format' = 'json');

SELECT window_start, window_end, page, COUNT(*) AS page_views
FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(arrival), INTERVAL '1' MINUTE))
GROUP BY window_start, window_end, page;
