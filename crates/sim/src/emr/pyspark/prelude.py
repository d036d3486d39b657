"""ShardLab's built-in EMR job `{job}`, exported as a PySpark program.

On EMR, run it as a step on a cluster with Spark:
    spark-submit s3://your-bucket/{job}.py s3://your-bucket/input/ s3://your-bucket/output/
Locally (pip install pyspark, Java 17):
    spark-submit {job}.py input/ output/

It reads its input as Hadoop does (line by line, knowing the file of each line) and writes
`key<TAB>value` lines into part files, as the lab's reducers do, so the two outputs can be
compared line for line.
"""

import re
import sys
from operator import add

from pyspark.sql import SparkSession
from pyspark.sql.functions import input_file_name

# mapreduce.job.reduces in the lab: how many part files the output has.
REDUCERS = {reducers}
