-- input: out_of_order.jsonl
-- Out-of-order rows with a watermark delay of 5 s: a row is dropped only if its window already fired.
-- late: 2
CREATE TABLE pageviews (
  page STRING,
  ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '5' SECOND
) WITH ('connector' = 'kinesis', 'stream' = 'pageviews', 'format' = 'json');
SELECT window_start, window_end, COUNT(*) AS page_views
FROM TABLE(TUMBLE(TABLE pageviews, DESCRIPTOR(ts), INTERVAL '1' MINUTE))
GROUP BY window_start, window_end;
