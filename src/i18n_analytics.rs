//! The texts of the Analytics application's views, in English and 繁體中文: only the build with
//! the SQL engine shows them, so the page's first load does not carry them. (The palette's
//! name, the wiring refusals and the settings' rules are in `i18n.rs`.)

use crate::i18n::{texts, Lang};

texts! {
    TS;
    AboutAnalyticsApp => "Streaming SQL (Flink, or legacy Kinesis Data Analytics) over a stream or a Firehose; each window's rows go to a stream, a Firehose or a Lambda function.", "對串流或 Firehose 執行串流 SQL(Flink 或舊版 Kinesis Data Analytics),每個視窗的結果列送到串流、Firehose 或 Lambda 函式。";
    AppNameField => "Application name", "應用程式名稱";
    DialectField => "SQL dialect", "SQL 語法";
    DialectFlink => "Flink SQL (Managed Service for Apache Flink)", "Flink SQL(Managed Service for Apache Flink)";
    DialectLegacy => "Legacy Kinesis Data Analytics SQL (retired January 2026)", "舊版 Kinesis Data Analytics SQL(2026 年 1 月停用)";
    SqlTemplate => "Start from a template", "從範本開始";
    SqlField => "SQL", "SQL";
    SqlHint => "Applied when you leave the editor; Esc takes back what you typed.", "離開編輯器時套用;按 Esc 可取消剛輸入的內容。";
    SqlRuns => "The query runs.", "查詢可以執行。";
    SqlErrorAt => "Line {0}, column {1}: {2}", "第 {0} 行第 {1} 欄:{2}";
    SqlNeedsRecords => "The schema is discovered from the first records: the query is checked once they arrive.", "結構描述由最先到達的紀錄推斷:紀錄到達後才會檢查查詢。";
    TplCountPerMinute => "Page views per page per minute (TUMBLE)", "每頁每分鐘的瀏覽數(TUMBLE)";
    TplHopAverage => "Events per action, last minute every 10 s (HOP)", "每 10 秒計算最近一分鐘各動作的事件數(HOP)";
    TplSessions => "Sessions per user (SESSION)", "每位使用者的工作階段(SESSION)";
    TplTopPages => "Visitors per page every 30 s (COUNT DISTINCT)", "每 30 秒各頁面的訪客數(COUNT DISTINCT)";
    TplFilteredHaving => "Busy pages: 3 purchases or more a minute (WHERE, HAVING)", "熱門頁面:每分鐘購買 3 次以上(WHERE、HAVING)";
    TplLegacyPump => "Legacy: a pump, STEP over ROWTIME", "舊版:pump 與 ROWTIME 上的 STEP";
    SchemaHeading => "Source schema", "來源結構描述";
    SchemaLegacyHint => "The columns of SOURCE_SQL_STREAM_001 (ROWTIME is added). Empty: discovered from the first records.", "SOURCE_SQL_STREAM_001 的欄位(會自動加上 ROWTIME)。留空則由最先到達的紀錄推斷。";
    SchemaDiscovered => "Discovered from the records read:", "由讀到的紀錄推斷:";
    SchemaNoneYet => "No record read yet: run the clock with records flowing in.", "還沒有讀到紀錄:請在有紀錄流入時讓時鐘運行。";
    SchemaUse => "Use this schema", "使用這個結構描述";
    SchemaInsertTable => "Start the SQL from this schema (CREATE TABLE)", "以這個結構描述開始撰寫 SQL(CREATE TABLE)";
    SchemaColumn => "Column", "欄位";
    SchemaType => "Type", "型別";
    SchemaRemove => "Remove", "移除";
    SchemaAdd => "Add a column", "新增欄位";
    SchemaClear => "Discover it again", "重新推斷";
    StatusLabel => "Status", "狀態";
    StatusRunning => "Running", "執行中";
    StatusNoSource => "Not running: wire a data stream or a Firehose delivery stream to it.", "未執行:請把資料串流或 Firehose 傳遞串流接到它。";
    StatusDiscovering => "Discovering the schema from the first records…", "正在由最先到達的紀錄推斷結構描述…";
    StatusStopped => "Stopped — line {0}, column {1}: {2}", "已停止:第 {0} 行第 {1} 欄:{2}";
    Watermark => "Watermark", "水位線(watermark)";
    WatermarkNone => "none yet (no row read)", "尚無(還沒讀到資料列)";
    LateRows => "Late rows dropped (their window had fired)", "因視窗已觸發而丟棄的延遲資料列";
    RowsRead => "Rows read", "讀取的資料列";
    RowsWithoutTime => "Rows without an event time", "沒有事件時間的資料列";
    Unreadable => "Records skipped (not a JSON object)", "略過的紀錄(不是 JSON 物件)";
    RowsEmitted => "Result rows emitted", "輸出的結果列";
    OutputsHeading => "Outputs", "輸出";
    OutputLine => "{0}: {1} rows taken, {2} waiting", "{0}:已接收 {1} 列,{2} 列等待中";
    OutputRefused => "last refusal: {0}", "最近一次拒絕:{0}";
    NoOutputs => "No output wired: the rows are only shown here.", "沒有接上輸出:結果列只顯示在這裡。";
    ResultsHeading => "Latest window results", "最新的視窗結果";
    ResultsNone => "No window has closed yet.", "還沒有視窗關閉。";
    ChartColumn => "Chart the column", "圖表欄位";
    WireAppReadsStream => "An Analytics application reads its rows from a Kinesis data stream or a Firehose delivery stream: wire one of those to it.", "Analytics 應用程式從 Kinesis 資料串流或 Firehose 傳遞串流讀取資料列:請把其中之一接到它。";
    WireAppWrites => "An Analytics application sends its result rows to a Kinesis data stream, a Firehose delivery stream or a Lambda function.", "Analytics 應用程式把結果列送到 Kinesis 資料串流、Firehose 傳遞串流或 Lambda 函式。";
    WireOneAppSource => "An Analytics application reads one streaming source; remove the other input's wire first.", "Analytics 應用程式只讀取一個串流來源;請先移除另一個輸入的連線。";
    WireOneFunctionSource => "This Lambda function is fed by one source: a data stream it polls, or an Analytics application's output — not both.", "這個 Lambda 函式只有一個來源:它輪詢的資料串流,或 Analytics 應用程式的輸出,不能兩者都有。";
    RuleAppName => "an application name is {0}–{1} characters of letters, digits, _ . and -", "應用程式名稱為 {0}–{1} 個字元,可用字母、數字、_ . 與 -";
    RuleSchema => "each column of the schema has a name and a type", "結構描述的每一欄都要有名稱與型別";
    ChartTitle => "{0}, summed per window", "{0}(每個視窗加總)";
}
