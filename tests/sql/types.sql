-- input: amounts.jsonl
-- Result types as Flink's: AVG(INT) is INT truncated toward zero, SUM(INT) INT, COUNT BIGINT,
-- AVG(DECIMAL(10,2)) DECIMAL(38,6), AVG(DOUBLE) DOUBLE; INT / INT truncates; MOD keeps the dividend's sign.
CREATE TABLE orders (
  shop STRING,
  qty INT,
  price DECIMAL(10, 2),
  weight DOUBLE,
  ts TIMESTAMP(3),
  WATERMARK FOR ts AS ts - INTERVAL '1' SECOND
) WITH ('connector' = 'kinesis', 'stream' = 'orders', 'format' = 'json');
SELECT window_start, shop,
  COUNT(*) AS n, SUM(qty) AS sum_qty, AVG(qty) AS avg_qty, SUM(qty) / COUNT(*) AS div_qty,
  MOD(SUM(qty), 2) AS mod_qty, SUM(price) AS sum_price, AVG(price) AS avg_price, AVG(weight) AS avg_weight,
  CASE WHEN SUM(qty) < 0 THEN 'refunds' ELSE 'sales' END AS kind
FROM TABLE(TUMBLE(TABLE orders, DESCRIPTOR(ts), INTERVAL '1' MINUTE))
GROUP BY window_start, window_end, shop;
