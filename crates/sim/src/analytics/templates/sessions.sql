-- Per-user sessions: a user's events closer than 30 seconds apart make one session.
CREATE TABLE clicks (
  event_id BIGINT,
  `user` STRING,
  page STRING,
  action STRING,
  arrival TIMESTAMP(3) METADATA FROM 'timestamp',
  WATERMARK FOR arrival AS arrival - INTERVAL '5' SECOND
) WITH ('connector' = 'kinesis', 'format' = 'json');

SELECT window_start, window_end, `user`, COUNT(*) AS events, COUNT(DISTINCT page) AS pages
FROM TABLE(SESSION(TABLE clicks PARTITION BY `user`, DESCRIPTOR(arrival), INTERVAL '30' SECOND))
GROUP BY window_start, window_end, `user`;
