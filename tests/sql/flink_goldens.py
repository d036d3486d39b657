"""The expected outputs of the SQL golden tests, produced by real Apache Flink (PyFlink).

Each case is `NAME.sql`: a first line `-- input: FILE.jsonl`, then `CREATE TABLE` statements and
one query. This runs the query over the input as Flink runs it in streaming mode, read as a
bounded stream in file order, and writes `NAME.out.jsonl`: the result rows as JSON lines, keys in
SELECT order, TIMESTAMP values as `YYYY-MM-DD HH:MM:SS.mmm` strings, DECIMAL as a string,
BOOLEAN as a JSON bool.

Flink is set up as ShardLab models it (FACTS.md, "Flink's semantics"): parallelism 1, UTC,
`pipeline.auto-watermark-interval` 0 so that a watermark follows every row that raises it. The
source table's `WITH (...)` is replaced by a filesystem source of the case's input in JSON.

A case that says `-- legacy: COLUMN` is in the legacy Kinesis Data Analytics dialect, which Flink
does not run: its `-- same rows as: CASE` names the Flink case whose output it must give, which
the Rust test checks. A case that says `-- reference for: CASE` is such an output's Flink query
(one the lab's Flink editor does not run itself).

A case may say `-- late: N` in its header: Flink drops late rows silently (a metric only), so
the count is checked here as the input rows that the query's last column, a `COUNT(*)`, does
not count.

`cargo xtask sql-goldens` (which installs PyFlink in target/flink-venv) writes the outputs:
review their diff. `--check` compares instead of writing and fails on any difference;
`cargo xtask test` runs that, so the committed outputs are always what Flink gives.
"""

import datetime
import decimal
import json
import pathlib
import re
import sys

from pyflink.table import EnvironmentSettings, TableEnvironment

HERE = pathlib.Path(__file__).resolve().parent


def statements(sql):
    """The statements of a file: comments dropped, split at semicolons (no case has one in a
    string)."""
    text = "\n".join(line for line in sql.splitlines() if not line.strip().startswith("--"))
    return [s.strip() for s in text.split(";") if s.strip()]


def with_file_source(statement, path):
    """A CREATE TABLE with its WITH options replaced by a JSON file source of `path`."""
    options = (
        "WITH ('connector' = 'filesystem', 'path' = 'file://%s', 'format' = 'json', "
        "'json.timestamp-format.standard' = 'SQL', 'json.fail-on-missing-field' = 'true')" % path
    )
    replaced, n = re.subn(r"WITH\s*\(.*\)\s*$", options, statement, flags=re.S)
    if n != 1:
        raise SystemExit("a CREATE TABLE without WITH (...): " + statement[:60])
    return replaced


def render(value):
    if isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.") + "%03d" % (value.microsecond // 1000)
    if isinstance(value, decimal.Decimal):
        return str(value)
    return value


def run(case, check):
    sql = (HERE / f"{case}.sql").read_text()
    first = sql.splitlines()[0]
    if not first.startswith("-- input: "):
        raise SystemExit(f"{case}.sql: the first line must be -- input: FILE.jsonl")
    source = HERE / first[len("-- input: "):].strip()
    env = TableEnvironment.create(EnvironmentSettings.in_streaming_mode())
    config = env.get_config()
    config.set("parallelism.default", "1")
    config.set("pipeline.auto-watermark-interval", "0 ms")
    config.set("table.local-time-zone", "UTC")
    *tables, query = statements(sql)
    for table in tables:
        env.execute_sql(with_file_source(table, source)).wait()
    result = env.execute_sql(query)
    names = result.get_table_schema().get_field_names()
    lines = []
    with result.collect() as rows:
        for row in rows:
            values = [render(v) for v in row]
            lines.append(json.dumps(dict(zip(names, values)), ensure_ascii=False))
    late = re.search(r"^-- late: (\d+)$", sql, flags=re.M)
    if late:
        inputs = sum(1 for line in source.read_text().splitlines() if line.strip())
        counted = sum(json.loads(line)[names[-1]] for line in lines)
        if inputs - counted != int(late.group(1)):
            raise SystemExit(f"{case}: Flink dropped {inputs - counted} late rows, the header says {late.group(1)}")
    text = "".join(line + "\n" for line in lines)
    out = HERE / f"{case}.out.jsonl"
    if check:
        if not out.exists() or out.read_text() != text:
            print(f"{case}: Flink gives\n{text}which {out.name} does not hold")
            return False
    else:
        out.write_text(text)
    print(f"{case}: {len(lines)} rows")
    return True


def main():
    check = "--check" in sys.argv[1:]
    cases = [a for a in sys.argv[1:] if a != "--check"] or sorted(
        p.stem for p in HERE.glob("*.sql") if not re.search(r"^-- legacy: ", p.read_text(), flags=re.M)
    )
    failed = [case for case in cases if not run(case, check)]
    if failed:
        raise SystemExit("not what Flink gives: " + ", ".join(failed))


if __name__ == "__main__":
    main()
