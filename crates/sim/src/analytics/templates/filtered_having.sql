-- Only the busy ones: purchases per page per minute, kept when there were at least 3.
CREATE TABLE clicks (
  event_id BIGINT,
  `user` STRING,
  page STRING,
  action STRING,
  arrival TIMESTAMP(3) METADATA FROM 'timestamp',
  WATERMARK FOR arrival AS arrival - INTERVAL '5' SECOND
) WITH ('connector' = 'kinesis', 'format' = 'json');

SELECT window_start, page, COUNT(*) AS purchases
FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(arrival), INTERVAL '1' MINUTE))
WHERE action = 'purchase'
GROUP BY window_start, window_end, page
HAVING COUNT(*) >= 3;
