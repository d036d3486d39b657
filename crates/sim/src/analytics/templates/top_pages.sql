-- The pages most visitors saw in each 30-second window, with how many different users.
CREATE TABLE clicks (
  event_id BIGINT,
  `user` STRING,
  page STRING,
  action STRING,
  arrival TIMESTAMP(3) METADATA FROM 'timestamp',
  WATERMARK FOR arrival AS arrival - INTERVAL '5' SECOND
) WITH ('connector' = 'kinesis', 'format' = 'json');

SELECT window_start, page, COUNT(DISTINCT `user`) AS visitors, COUNT(*) AS page_views
FROM TABLE(TUMBLE(TABLE clicks, DESCRIPTOR(arrival), INTERVAL '30' SECOND))
GROUP BY window_start, window_end, page;
