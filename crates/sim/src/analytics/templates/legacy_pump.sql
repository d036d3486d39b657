-- The legacy Kinesis Data Analytics form: page views per page per minute, as a pump
-- inserting into an in-application stream, the window a STEP over ROWTIME (arrival time).
CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (
  "window_start" TIMESTAMP,
  "page" VARCHAR(64),
  "page_views" BIGINT);

CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
SELECT STREAM STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '60' SECOND), "page", COUNT(*)
FROM "SOURCE_SQL_STREAM_001"
GROUP BY "page", STEP("SOURCE_SQL_STREAM_001".ROWTIME BY INTERVAL '60' SECOND);
