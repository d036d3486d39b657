-- A moving figure: events per action over the last minute, every 10 seconds (HOP windows
-- overlap, so each event counts in six of them).
CREATE TABLE clicks (
  event_id BIGINT,
  `user` STRING,
  page STRING,
  action STRING,
  arrival TIMESTAMP(3) METADATA FROM 'timestamp',
  WATERMARK FOR arrival AS arrival - INTERVAL '5' SECOND
) WITH ('connector' = 'kinesis', 'format' = 'json');

SELECT window_start, window_end, action, COUNT(*) AS events, AVG(event_id) AS avg_event_id
FROM TABLE(HOP(TABLE clicks, DESCRIPTOR(arrival), INTERVAL '10' SECOND, INTERVAL '1' MINUTE))
GROUP BY window_start, window_end, action;
