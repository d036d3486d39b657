-- input: clicks.jsonl
-- legacy: ts
-- same rows as: tumble_start
-- The legacy Kinesis Data Analytics form of tumble_start.sql: a pump inserting into an
-- in-application stream, a tumbling window by STEP over ROWTIME (here the input's ts).
CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (
  window_start TIMESTAMP,
  page VARCHAR(16),
  page_views BIGINT,
  total_ms INTEGER);
CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
SELECT STREAM STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '60' SECOND), "page", COUNT(*), SUM("ms")
FROM "SOURCE_SQL_STREAM_001"
GROUP BY "page", STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '60' SECOND);
