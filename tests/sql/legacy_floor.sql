-- input: clicks.jsonl
-- legacy: ts
-- same rows as: tumble_start
-- tumble_start.sql in the legacy dialect's other tumbling form: GROUP BY FLOOR(ROWTIME TO MINUTE).
CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (window_start TIMESTAMP, page VARCHAR(16), page_views BIGINT, total_ms INTEGER);
CREATE OR REPLACE PUMP "STREAM_PUMP" AS
  INSERT INTO "DESTINATION_SQL_STREAM" (window_start, page, page_views, total_ms)
  SELECT STREAM FLOOR(s.ROWTIME TO MINUTE) AS minute_start, s."page", COUNT(*) AS page_count, SUM(s."ms") AS total
  FROM "SOURCE_SQL_STREAM_001" AS s
  GROUP BY FLOOR(s.ROWTIME TO MINUTE), s."page";
