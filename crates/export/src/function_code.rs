//! The Python code of the Lambda functions an export makes: a transform that passes records
//! through until the lab's script, quoted in it, is ported, and a consumer that says what the
//! lab's did.

/// A transform's function: it passes every record through unchanged until the lab's script,
/// quoted in it, is ported to Python.
pub fn transform_code(lab_script: &str) -> String {
    let quoted: String = lab_script.lines().map(|l| format!("#   {l}\n")).collect();
    format!(
        "# A Firehose transform exported from ShardLab. The lab ran this script (Rhai); port it\n\
         # to Python here. Until then every record passes through unchanged.\n\
         #\n{quoted}\
         def handler(event, context):\n\
         \x20   return {{'records': [\n\
         \x20       {{'recordId': r['recordId'], 'result': 'Ok', 'data': r['data']}}\n\
         \x20       for r in event['records']\n\
         \x20   ]}}\n"
    )
}

/// A Lambda consumer's function: it must be written for the real pipeline.
pub fn consumer_code(label: &str, writes_table: bool) -> String {
    let table = if writes_table { " and writes each record into its DynamoDB table" } else { "" };
    format!(
        "# The Lambda consumer {label}, exported from ShardLab. In the lab it read its stream{table};\n\
         # write that here. Until then it only counts the records of each batch.\n\
         def handler(event, context):\n\
         \x20   print(f\"{{len(event['Records'])}} records\")\n"
    )
}
