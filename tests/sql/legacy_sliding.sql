-- input: clicks.jsonl
-- legacy: ts
-- same rows as: over_avg
-- A sliding window in the legacy dialect: each row answered with the average, count and
-- maximum over its page's last 20 seconds (itself included).
CREATE OR REPLACE STREAM "DESTINATION_SQL_STREAM" (page VARCHAR(16), ts TIMESTAMP, avg_ms INTEGER, page_views BIGINT, max_ms INTEGER);
CREATE OR REPLACE PUMP "STREAM_PUMP" AS INSERT INTO "DESTINATION_SQL_STREAM"
SELECT STREAM "page", ROWTIME, AVG("ms") OVER w, COUNT(*) OVER w, MAX("ms") OVER w
FROM "SOURCE_SQL_STREAM_001"
WINDOW w AS (PARTITION BY "page" RANGE INTERVAL '20' SECOND PRECEDING);
