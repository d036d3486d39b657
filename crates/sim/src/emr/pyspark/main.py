

def main(argv):
    if len(argv) != 3:
        print("usage: spark-submit {job}.py INPUT OUTPUT", file=sys.stderr)
        return 2
    spark = SparkSession.builder.appName("shardlab-{job}").getOrCreate()
    lines = (
        spark.read.text(argv[1])
        .select(input_file_name().alias("file"), "value")
        .rdd.map(lambda row: (row.file, row.value))
    )
    run(lines).map(lambda kv: "%s\t%s" % kv).saveAsTextFile(argv[2])
    spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
