//! Every string the page shows, in English and 繁體中文. A key with only one language does not
//! compile; the test below also refuses empty texts and a Chinese text that is only a copy of
//! the English.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    En,
    ZhTw,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::ZhTw];

    /// The value of the page's `lang` attribute.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::ZhTw => "zh-Hant-TW",
        }
    }

    /// The language a new visitor gets: Chinese when the browser prefers it.
    pub fn from_browser(tag: &str) -> Lang {
        if tag.to_ascii_lowercase().starts_with("zh") {
            Lang::ZhTw
        } else {
            Lang::En
        }
    }
}

/// `texts! { Name; Key => "English", "中文"; … }` defines the enum `Name` of texts.
macro_rules! texts {
    ($name:ident; $($key:ident => $en:literal, $zh:literal;)*) => {
        /// A text of the page; `t(lang)` gives it in that language.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum $name { $($key),* }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$key),*];

            pub fn t(self, lang: Lang) -> &'static str {
                // Two tables indexed by the text, not a `match`: the page's first load
                // carries the texts as data rather than as one branch of code each.
                const EN: &[&str] = &[$($en),*];
                const ZH: &[&str] = &[$($zh),*];
                match lang {
                    Lang::En => EN[self as usize],
                    Lang::ZhTw => ZH[self as usize],
                }
            }

            /// Every text as (key, English, Chinese), for the tests of both languages.
            #[cfg(test)]
            pub fn all_pairs() -> Vec<(String, &'static str, &'static str)> {
                Self::ALL.iter().map(|k| (format!("{k:?}"), k.t(Lang::En), k.t(Lang::ZhTw))).collect()
            }
        }
    };
}
pub(crate) use texts;

texts! {
    T;
    AppName => "ShardLab", "ShardLab 實驗室";
    Tagline => "AWS analytics lab", "AWS 分析服務實驗室";
    Learn => "Learn", "學習";
    Play => "Play", "播放";
    Pause => "Pause", "暫停";
    Step => "Step one second", "前進一秒";
    NextEvent => "Run to the next event", "執行到下一個事件";
    RunControls => "Run controls", "執行控制";
    Speed => "Speed", "速度";
    VirtualClock => "Virtual clock", "虛擬時鐘";
    Achieved => "only {0}×", "實際 {0}×";
    AchievedTitle => "This machine simulates the scenario at {0}× and cannot reach {1}×: the clock runs slower than asked.", "這台電腦只能以 {0}× 模擬此情境,達不到 {1}×:時鐘走得比設定慢。";
    Language => "Language", "語言";
    DarkTheme => "Dark theme", "深色主題";
    Palette => "Components", "元件";
    Canvas => "Pipeline canvas", "管線畫布";
    WelcomeTitle => "Welcome to ShardLab", "歡迎使用 ShardLab";
    WelcomeText => "Wire producers, Kinesis data streams, Firehose and EMR together and watch records flow through them on a virtual clock, with AWS's limits enforced. Where would you like to start?", "把生產者、Kinesis 資料串流、Firehose 與 EMR 接在一起,在虛擬時鐘上看紀錄流過,AWS 的限制照樣生效。想從哪裡開始?";
    WelcomeLearn => "Learn: lessons, quiz and exam practice", "學習:課程、測驗與模擬考";
    WelcomeScenarios => "Or open a prepared scenario:", "或開啟預先準備的情境:";
    WelcomeBlank => "Start with a blank canvas", "從空白畫布開始";
    CanvasEmpty => "The canvas is empty. Components placed here run on the virtual clock above.", "畫布是空的。放在這裡的元件會依照上方的虛擬時鐘運作。";
    Inspector => "Inspector", "檢視器";
    Scenario => "Scenario", "情境";
    ScenarioName => "Name", "名稱";
    Seed => "Seed", "亂數種子";
    Records => "Records created", "已產生的紀錄";
    LedgerBalanced => "Every record accounted for", "每筆紀錄都有下落";
    LedgerUnbalanced => "Ledger out of balance", "帳目不平衡";
    EventsLogged => "Events logged", "已記錄的事件";
    NothingSelected => "Nothing selected: the scenario as a whole.", "未選取元件:顯示整個情境。";
    BottomPanel => "Details", "詳細資訊";
    EventLog => "Events", "事件";
    EventTime => "Time", "時間";
    EventSource => "Component", "元件";
    EventWhat => "What happened", "發生了什麼";
    EventScenarioLoaded => "Scenario loaded", "已載入情境";
    WorldSource => "world", "世界";
    NoEvents => "No events yet.", "尚無事件。";
    Console => "Console", "主控台";
    ConsoleInput => "AWS CLI command", "AWS CLI 指令";
    ConsoleCliLoading => "Loading the AWS CLI… (commands typed now run when it is ready)", "正在載入 AWS CLI…(現在輸入的指令會在載入後執行)";
    ConsoleCliFailed => "The AWS CLI could not load: {0}", "無法載入 AWS CLI:{0}";
    ConsoleHint => "Type an AWS CLI command, e.g. aws kinesis create-stream --stream-name clicks --shard-count 2 — ↑ / ↓ recall earlier commands, “help” lists them all.", "輸入 AWS CLI 指令,例如 aws kinesis create-stream --stream-name clicks --shard-count 2 — 按 ↑ / ↓ 叫出先前的指令,輸入「help」列出全部指令。";
    ConsoleRun => "Run", "執行";
    ConsoleOutput => "Console output", "主控台輸出";
    EvStreamStatus => "Stream “{0}” is {1}", "資料串流「{0}」狀態為 {1}";
    EvShardSplit => "{0} split into {1} and {2}", "{0} 分割為 {1} 與 {2}";
    EvShardsMerged => "{0} and {1} merged into {2}", "{0} 與 {1} 合併為 {2}";
    EvWritesThrottled => "{0} writes throttled on {1} (over {2} MiB/s or {3} records/s)", "{1} 有 {0} 筆寫入遭到節流(超過每秒 {2} MiB 或 {3} 筆)";
    EvReadsThrottled => "{0} GetRecords calls throttled on {1} (over {2} calls/s or {3} MiB/s)", "{1} 有 {0} 次 GetRecords 呼叫遭到節流(超過每秒 {2} 次或 {3} MiB)";
    EvRecordsExpired => "{0} records expired from {1}", "{1} 有 {0} 筆紀錄超過保留期限而移除";
    EvRetentionChanged => "Retention of “{0}” set to {1} h", "「{0}」的保留期限設為 {1} 小時";
    EvWorkerDied => "{1} of {0} stopped", "{0} 的 {1} 已停止";
    EvLeaseStolen => "{0}: {3} had fewer leases than its share and took the lease of {1} from {2}; it restarts from the last checkpoint", "{0}:{3} 的租約少於應有份額,從 {2} 接手 {1} 的租約,並從上次的檢查點重新開始";
    EvLeaseTaken => "{2} took over the lease of {1} and restarts from the last checkpoint", "{2} 接手 {1} 的租約,從上次的檢查點重新開始";
    EvLambdaInvoked => "{0} invoked with {1} records", "{0} 以 {1} 筆紀錄被呼叫";
    Undo => "Undo (Ctrl+Z)", "復原 (Ctrl+Z)";
    Redo => "Redo (Ctrl+Shift+Z)", "重做 (Ctrl+Shift+Z)";
    ZoomIn => "Zoom in", "放大";
    ZoomOut => "Zoom out", "縮小";
    ZoomReset => "Reset the view", "重設檢視";
    DeleteComponent => "Delete", "刪除";
    DuplicateComponent => "Duplicate", "複製";
    OutputOf => "Output of {0}", "{0} 的輸出";
    InputOf => "Input of {0}", "{0} 的輸入";
    WireHint => "Now pick an input port to finish the wire from {0} (from the keyboard: arrow keys, then Enter). Esc cancels.", "請點選一個輸入埠,完成從 {0} 拉出的連線(用鍵盤:方向鍵選擇,再按 Enter)。按 Esc 取消。";
    WireOf => "Wire from {0} to {1}", "從 {0} 到 {1} 的連線";
    RemoveWire => "Remove the wire from {0} to {1}", "移除從 {0} 到 {1} 的連線";
    WireProducerNeedsStream => "A producer writes to a Kinesis data stream or, with Direct PUT, to a Firehose delivery stream: wire it to one.", "生產者把資料寫入 Kinesis 資料串流,或以 Direct PUT 寫入 Firehose 傳遞串流:請把它連到其中之一。";
    WireConsumerReadsStream => "A consumer cannot take records sent to it: consumers read from a Kinesis data stream, so wire a data stream to it.", "消費者不能直接接收別人送來的紀錄:消費者是從 Kinesis 資料串流讀取,請把資料串流連到它。";
    WireStreamToStream => "A data stream does not write into another data stream: put a consumer between them.", "資料串流不會寫入另一個資料串流:請在兩者之間放一個消費者。";
    WireConsumerNoOutput => "This consumer is the end of the pipeline: it has no output to wire.", "這個消費者是管線的終點,沒有可以連出的輸出。";
    WireProducerNoInput => "Nothing writes into a producer: it is where records start.", "沒有東西會寫入生產者:紀錄從生產者開始。";
    WireSelf => "A component cannot be wired to itself.", "元件不能連到自己。";
    WireAlreadyWired => "These two are wired already; one wire carries everything between them.", "這兩個元件已經連線;一條連線就承載它們之間的一切。";
    SettingRefused => "{0}: {1}", "{0}:{1}";
    AwsRefused => "AWS refused the change to {0}: {1}", "AWS 拒絕了對 {0} 的變更:{1}";
    NotAScenario => "This is not a ShardLab scenario: {0}", "這不是 ShardLab 情境:{0}";
    ScenarioTooNew => "This scenario is version {0}, newer than this ShardLab understands (up to {1}): open it in a newer ShardLab.", "這個情境是第 {0} 版,比這個 ShardLab 能讀的版本新(最高 {1}):請用較新的 ShardLab 開啟。";
    CannotOpen => "Could not open it; your current work is unchanged.", "無法開啟;你目前的作業沒有改變。";
    RuleRecordsPerSecond => "a producer sends {0}–{1} records a second", "生產者每秒送出 {0}–{1} 筆紀錄";
    RuleRecordBytes => "a record's data is {0} byte to {1} MiB (data plus partition key may not pass {1} MiB)", "一筆紀錄的資料為 {0} 位元組到 {1} MiB(資料加分割鍵不得超過 {1} MiB)";
    RuleDistinctKeys => "choose {0}–{1} distinct keys", "請選擇 {0}–{1} 個不同的鍵";
    RuleMaxRetries => "at most {0} retries", "最多重試 {0} 次";
    RuleBackoff => "the first backoff is {0} ms – {1} s", "第一次退避時間為 {0} 毫秒到 {1} 秒";
    RuleStreamName => "a stream name is {0}–{1} characters of letters, digits, _ . and -", "串流名稱為 {0}–{1} 個字元,只能使用英文字母、數字、_ . 與 -";
    RuleRetention => "retention is {0}–{1} hours ({2}–{3} days)", "保留期限為 {0}–{1} 小時({2}–{3} 天)";
    RulePollInterval => "poll every {0} ms – {1} s ({2} GetRecords calls a second per shard is the limit)", "每 {0} 毫秒到 {1} 秒輪詢一次(每個 shard 每秒最多 {2} 次 GetRecords)";
    RuleBatchLimit => "GetRecords Limit is {0}–{1}", "GetRecords 的 Limit 為 {0}–{1}";
    RuleWorkers => "a KCL application here has {0}–{1} workers", "這裡的 KCL 應用程式有 {0}–{1} 個 worker";
    RuleCheckpoint => "checkpoint every {0}–{1} records", "每 {0}–{1} 筆紀錄設一次檢查點";
    RuleFailover => "the failover time is {0} s – {1} min", "容錯移轉時間為 {0} 秒到 {1} 分鐘";
    RuleConsumerName => "a consumer name is {0}–{1} characters of letters, digits, _ . and -", "消費者名稱為 {0}–{1} 個字元,只能使用英文字母、數字、_ . 與 -";
    RuleLambdaBatch => "BatchSize is {0}–{1} for a Kinesis event source", "Kinesis 事件來源的 BatchSize 為 {0}–{1}";
    RuleLambdaWindow => "the batching window is {0}–{1} s", "批次視窗為 {0}–{1} 秒";
    FamilyStreams => "Kinesis Data Streams", "Kinesis 資料串流";
    KindProducer => "Producer", "生產者";
    KindDataStream => "Data stream", "資料串流";
    KindPollingConsumer => "Consumer (GetRecords)", "消費者(GetRecords)";
    KindKclApp => "KCL application", "KCL 應用程式";
    KindEfoConsumer => "Enhanced fan-out consumer", "增強型扇出消費者";
    KindLambdaConsumer => "Lambda function", "Lambda 函式";
    AboutProducer => "Writes records at a steady rate; retries when throttled.", "以固定速率寫入紀錄;遭節流時重試。";
    AboutDataStream => "Shards store records in order; {0} MiB/s and {1} records/s of writes per shard.", "shard 依序保存紀錄;每個 shard 每秒可寫入 {0} MiB 與 {1} 筆。";
    AboutPollingConsumer => "Polls every shard with GetRecords (shared {0} MiB/s, {1} calls/s per shard).", "以 GetRecords 輪詢每個 shard(每個 shard 共用每秒 {0} MiB、{1} 次呼叫)。";
    AboutKclApp => "Workers share shards through leases and checkpoints.", "worker 透過租約與檢查點分擔 shard。";
    AboutEfoConsumer => "Records are pushed at its own {0} MiB/s per shard, ~{1} ms after writing.", "紀錄以專屬的每個 shard 每秒 {0} MiB 推送,寫入後約 {1} 毫秒送達。";
    AboutLambdaConsumer => "Invoked with batches of records from each shard.", "以每個 shard 的紀錄批次呼叫。";
    Place => "Place {0}", "放置{0}";
    Label => "Label", "標籤";
    Settings => "Settings", "設定";
    State => "State", "狀態";
    RecordsPerSecond => "Records per second", "每秒紀錄數";
    RecordBytes => "Record size (bytes)", "紀錄大小(位元組)";
    Keys => "Partition keys", "分割鍵";
    KeysRandom => "Random", "隨機";
    KeysDistinct => "A few distinct keys", "少數幾個不同的鍵";
    KeysHot => "One hot key", "單一熱門鍵";
    KeysSequential => "Sequential", "遞增";
    DistinctCount => "Distinct keys", "不同鍵的數量";
    Template => "Payload", "資料內容";
    TplClickstream => "Clickstream JSON", "點擊串流 JSON";
    TplIot => "IoT telemetry", "IoT 遙測";
    TplAppLog => "Application log lines", "應用程式日誌";
    TplMedia => "Video/audio chunk metadata", "影音片段中繼資料";
    MaxRetries => "Retries when throttled", "遭節流時重試次數";
    BackoffMs => "First backoff (ms)", "首次退避(毫秒)";
    Aggregation => "KPL aggregation", "KPL 彙總";
    Collection => "KPL collection (PutRecords)", "KPL 收集(PutRecords)";
    StreamNameField => "Stream name", "串流名稱";
    CapacityMode => "Capacity mode", "容量模式";
    ShardCount => "Shards", "shard 數量";
    RetentionHours => "Retention (hours)", "保留期限(小時)";
    PollInterval => "Poll interval (ms)", "輪詢間隔(毫秒)";
    BatchLimit => "GetRecords limit", "GetRecords 上限";
    StartPositionField => "Start at", "開始位置";
    Workers => "Workers", "worker 數量";
    CheckpointEvery => "Checkpoint every (records)", "每幾筆設檢查點";
    FailoverMs => "Failover time (ms)", "容錯移轉時間(毫秒)";
    ConsumerNameField => "Consumer name", "消費者名稱";
    BatchSize => "Batch size", "批次大小";
    BatchWindow => "Batching window (s)", "批次視窗(秒)";
    Status => "Status", "狀態";
    Shards => "Shards", "Shards";
    ShardCol => "Shard", "Shard";
    HashRange => "Hash key range", "雜湊鍵範圍";
    Open => "open", "開啟";
    Closed => "closed", "已關閉";
    ParentCol => "Parent", "父 shard";
    RecordsCol => "Records", "紀錄";
    WritesCol => "Writes this second", "本秒寫入";
    Split => "Split {0}", "分割 {0}";
    MergeWithNext => "Merge {0} with the next shard", "將 {0} 與下一個 shard 合併";
    LaneText => "#{0} · {1} stored · {2}/s", "#{0} · 存 {1} 筆 · 每秒 {2}";
    SplitShort => "Split", "分割";
    MergeShort => "Merge", "合併";
    Leases => "Lease table", "租約表";
    OwnerCol => "Owner", "擁有者";
    CheckpointCol => "Checkpoint", "檢查點";
    KillWorker => "Stop {0}", "停止 {0}";
    WorkerDead => "stopped", "已停止";
    NoOwner => "(free)", "(無人持有)";
    StatCreated => "Created", "已產生";
    StatAccepted => "Accepted", "已接受";
    StatThrottled => "Throttled attempts", "遭節流的嘗試";
    StatFailed => "Given up", "已放棄";
    StatRetrying => "Waiting to retry", "等待重試";
    StatProcessed => "Processed", "已處理";
    StatDuplicates => "Processed again", "重複處理";
    StatBehind => "Behind the tip (ms)", "落後最新紀錄(毫秒)";
    StatLatency => "Average latency (ms)", "平均延遲(毫秒)";
    StatInvocations => "Invocations", "呼叫次數";
    StatKinesisRecords => "Kinesis records in its events", "事件中的 Kinesis 記錄";
    Deaggregate => "Function de-aggregates KPL records", "函式解開 KPL 彙總記錄";
    DeaggregateHint => "Lambda gets each KPL aggregate as one record; the function must de-aggregate it (kinesis-aggregation library) to see the user records inside. Firehose and the KCL de-aggregate on their own.", "Lambda 把每筆 KPL 彙總記錄當成一筆記錄交給函式;函式須自行解開(kinesis-aggregation 函式庫)才看得到其中的使用者記錄。Firehose 與 KCL 會自動解開。";
    StatThrottledReads => "Throttled reads", "遭節流的讀取";
    Notice => "Message", "訊息";
    FilterComponent => "Show events of", "顯示哪個元件的事件";
    FilterKind => "Show events about", "顯示哪類事件";
    AllEvents => "everything", "全部";
    CatStatus => "stream status", "串流狀態";
    CatResharding => "resharding", "重新分片";
    CatThrottling => "throttling", "節流";
    CatExpiry => "expiry and retention", "過期與保留期限";
    CatKcl => "KCL workers and leases", "KCL worker 與租約";
    CatLambda => "Lambda invocations", "Lambda 呼叫";
    CatScenario => "the scenario", "情境";
    RecordTab => "Record", "紀錄";
    NewestRecords => "Newest records", "最新的紀錄";
    FollowRecord => "Follow record {0}", "追蹤紀錄 {0}";
    NoRecordFollowed => "Pick a record in a stream's inspector to follow it.", "在資料串流的檢視器中選一筆紀錄來追蹤。";
    RecordGone => "That record is no longer in the stream (it expired or its stream was deleted).", "這筆紀錄已不在串流中(已過期或串流已刪除)。";
    PartitionKey => "Partition key", "分割鍵";
    HashKeyHex => "MD5 hash key (hex)", "MD5 雜湊鍵(十六進位)";
    HashKeyDec => "Hash key (decimal)", "雜湊鍵(十進位)";
    ExplicitKey => "Explicit hash key", "明確指定的雜湊鍵";
    ShardHolding => "Shard whose range holds it", "範圍涵蓋它的 shard";
    SequenceNumber => "Sequence number", "序號";
    Arrival => "Arrived", "到達時間";
    SizeBytes => "Size (data + key, bytes)", "大小(資料加鍵,位元組)";
    UserRecords => "User records inside (KPL)", "內含的使用者紀錄(KPL)";
    Hops => "Path so far", "目前的路徑";
    HopWritten => "written to {0} of {1} at {2}", "於 {2} 寫入 {1} 的 {0}";
    HopRead => "read by {0}", "已被 {0} 讀取";
    HopNotYet => "not yet read by {0}", "尚未被 {0} 讀取";
    Redelivery => "{0} would process it again if a worker died now (it is after the last checkpoint)", "若現在有 worker 停止,{0} 會再處理它一次(它在上次檢查點之後)";
    Yes => "yes", "是";
    EvFlushedSize => "{0}: buffer full — {1} records delivered as {2}", "{0}:緩衝區已滿 — {1} 筆紀錄已寫入 {2}";
    EvFlushedInterval => "{0}: buffer interval reached — {1} records delivered as {2}", "{0}:已達緩衝時間 — {1} 筆紀錄已寫入 {2}";
    EvDeliveryRetrying => "{0}: delivery failed, {1} records kept and retried for the destination's retry time", "{0}:傳遞失敗,保留 {1} 筆紀錄,並在目的地的重試時間內重試";
    EvDeliveryGaveUp => "{0}: retry time ran out — {1} records go to the S3 backup or error prefix, or count as failed", "{0}:重試時間已過 — {1} 筆紀錄送往 S3 備份或錯誤前綴,或記為失敗";
    CatDelivery => "Firehose delivery", "Firehose 傳遞";
    EvTransformed => "{0}: transform returned {1} Ok, {2} Dropped, {3} ProcessingFailed", "{0}:轉換結果 {1} 筆 Ok、{2} 筆 Dropped、{3} 筆 ProcessingFailed";
    ProducerStatus => "{0} rec/s · {1} B", "每秒 {0} 筆 · {1} B";
    Redelivered => "{0} processed it twice: a worker died after processing it and before its checkpoint", "{0} 處理了它兩次:一個 worker 在處理後、設檢查點前停止了";
    No => "no", "否";
    ChartIncomingRecords => "IncomingRecords per shard (records/s; limit {0})", "各 shard 的 IncomingRecords(筆/秒;上限 {0})";
    ChartIncomingBytes => "IncomingBytes per shard (bytes/s; limit {0} MiB)", "各 shard 的 IncomingBytes(位元組/秒;上限 {0} MiB)";
    ChartThrottled => "WriteProvisionedThroughputExceeded per shard", "各 shard 的 WriteProvisionedThroughputExceeded";
    ChartIteratorAge => "GetRecords.IteratorAgeMilliseconds (ms)", "GetRecords.IteratorAgeMilliseconds(毫秒)";
    Charts => "Metrics (last minute)", "指標(最近一分鐘)";
    ScenarioMenu => "Scenario", "情境";
    NewScenario => "New (empty canvas)", "新增(空白畫布)";
    ImportScenario => "Import JSON file…", "匯入 JSON 檔案…";
    ExportScenario => "Export JSON file", "匯出 JSON 檔案";
    CopyShareLink => "Copy share link", "複製分享連結";
    LinkCopied => "Link copied.", "已複製連結。";
    LinkNotCopied => "The browser did not allow copying: the link below is selected, copy it with Ctrl+C (⌘C).", "瀏覽器不允許複製:已選取下方的連結,請按 Ctrl+C(⌘C)複製。";
    ConfirmNew => "Start an empty canvas? The {0} components on this one will be gone, and Undo cannot bring them back (export the scenario first to keep it).", "要開始空白畫布嗎?目前畫布上的 {0} 個元件將會消失,且無法復原(若要保留,請先匯出情境)。";
    DiscardAndStartNew => "Discard and start new", "捨棄並重新開始";
    KeepThisCanvas => "Keep this canvas", "保留目前畫布";
    ShareLink => "Share link", "分享連結";
    LinkWithRun => "Open at this instant: include the run so far (every action and the clock)", "在此刻開啟:包含到目前為止的執行過程(每個動作與時鐘)";
    LinkRunTooLong => "This run is too long for a link ({0} characters; a link holds at most {1}). Share the scenario without the run, or rewind to an earlier instant.", "這段執行過程太長,放不進連結({0} 個字元;連結最多 {1} 個)。請分享不含執行過程的情境,或倒轉到較早的時刻。";
    Timeline => "Timeline", "時間軸";
    StepBack => "Back one second", "倒退一秒";
    RewindTo => "Rewind to an earlier instant", "倒轉到較早的時刻";
    GoToInstant => "Go back to {0}", "回到 {0}";
    CannotRewind => "Could not go back to that instant; the world stays as it is:", "無法回到該時刻,世界維持原狀:";
    JournalOutOfOrder => "action {0} of the journal is earlier than the one before it.", "紀錄中的第 {0} 個動作早於前一個動作。";
    OperationRefused => "{0} was refused: {1}", "{0} 遭到拒絕:{1}";
    ErrorTitle => "Something went wrong inside ShardLab.", "ShardLab 內部發生錯誤。";
    ErrorBody => "Your work is saved in this browser. Reload the page to carry on.", "你的作業已儲存在這個瀏覽器中。重新載入頁面即可繼續。";
    Reload => "Reload", "重新載入";
    Dismiss => "Dismiss", "關閉";
    FamilyDelivery => "Data Firehose & destinations", "Data Firehose 與目的地";
    KindFirehose => "Firehose delivery stream", "Firehose 傳遞串流";
    KindTransform => "Lambda transform", "Lambda 轉換函式";
    KindS3Bucket => "S3 bucket", "S3 儲存貯體";
    KindRedshift => "Redshift table", "Redshift 資料表";
    KindOpenSearch => "OpenSearch index", "OpenSearch 索引";
    KindHttpEndpoint => "HTTP endpoint", "HTTP 端點";
    AboutFirehose => "No shards, no replay: records wait in a buffer that flushes on size or interval, whichever comes first.", "沒有 shard、不能重播:紀錄只在緩衝區等待,達到大小或時間間隔(先到者)就送出。";
    AboutTransform => "The Lambda function Firehose invokes on each batch: every record comes back Ok, Dropped or ProcessingFailed.", "Firehose 對每批紀錄呼叫的 Lambda 函式:每筆紀錄回傳 Ok、Dropped 或 ProcessingFailed。";
    AboutS3Bucket => "Holds the objects Firehose writes, under a UTC YYYY/MM/dd/HH/ prefix.", "存放 Firehose 寫入的物件,前綴為 UTC 的 YYYY/MM/dd/HH/。";
    AboutOpenSearch => "Documents are indexed in bulk; ones that fail go to the S3 backup.", "文件以 bulk 方式建立索引;失敗的文件送往 S3 備份。";
    AboutHttpEndpoint => "Firehose POSTs each batch; while it is down Firehose retries, then backs up to S3.", "Firehose 以 POST 送出每批資料;端點無法使用時會重試,之後備份到 S3。";
    WireTransformByFirehose => "A transform is the Lambda function a Firehose delivery stream invokes: wire a Firehose to it.", "轉換函式是由 Firehose 傳遞串流呼叫的 Lambda:請從 Firehose 連到它。";
    WireDestinationByFirehose => "Records reach this store through Firehose: wire a Firehose delivery stream to it.", "紀錄要經由 Firehose 才會到達這個儲存位置:請從 Firehose 傳遞串流連到它。";
    WireFirehoseToDestinations => "Firehose delivers only to its destinations (S3, Redshift, OpenSearch, HTTP endpoint) and invokes a transform; it cannot feed streams or consumers.", "Firehose 只會傳遞到固定目的地(S3、Redshift、OpenSearch、HTTP 端點)並呼叫轉換函式,不能送進串流或消費者。";
    WireDestinationNoOutput => "This is the end of the pipeline: it has no output to wire.", "這是管線的終點,沒有可以連出的輸出。";
    WireOneDestination => "A Firehose delivery stream has exactly one destination: remove the other wire first.", "每個 Firehose 傳遞串流只有一個目的地:請先移除另一條連線。";
    WireOneTransform => "A Firehose delivery stream invokes at most one transform, and each transform here belongs to one delivery stream.", "每個 Firehose 傳遞串流最多呼叫一個轉換函式,而這裡每個轉換函式只屬於一個傳遞串流。";
    WireOneSource => "A Firehose delivery stream has one source: Direct PUT producers, or one Kinesis data stream — not both.", "每個 Firehose 傳遞串流只有一種來源:Direct PUT 生產者,或一個 Kinesis 資料串流,不能兩者並用。";
    DeliveryStreamNameField => "Delivery stream name", "傳遞串流名稱";
    BufferMib => "Buffer size (MiB)", "緩衝大小(MiB)";
    BufferIntervalS => "Buffer interval (s)", "緩衝間隔(秒)";
    CompressionField => "Compression", "壓縮";
    PrefixField => "S3 prefix (empty: YYYY/MM/dd/HH/)", "S3 前綴(空白:YYYY/MM/dd/HH/)";
    ErrorPrefixField => "S3 error prefix", "S3 錯誤前綴";
    RetryDurationField => "Retry duration (s, empty: the destination's default)", "重試時間(秒,空白:目的地預設值)";
    BackupAllField => "Back up all records to S3 (not only failed ones)", "將所有紀錄備份到 S3(不只失敗的)";
    BackupBucketField => "S3 backup / staging bucket", "S3 備份/暫存儲存貯體";
    FunctionNameField => "Function name", "函式名稱";
    TransformBufferMb => "Transform buffer (MB)", "轉換緩衝(MB)";
    TransformIntervalS => "Transform buffer interval (s)", "轉換緩衝間隔(秒)";
    BucketField => "Bucket name", "儲存貯體名稱";
    ClusterField => "Cluster", "叢集";
    TableField => "Table", "資料表";
    ColumnsField => "Columns (a,b,c)", "欄位(a,b,c)";
    CopyOptionsField => "COPY options", "COPY 選項";
    DomainField => "Domain", "網域";
    IndexField => "Index", "索引";
    UrlField => "URL", "網址";
    EndpointNameField => "Endpoint name", "端點名稱";
    AvailableField => "Available (untick for an outage)", "可使用(取消勾選即模擬中斷)";
    RuleDeliveryName => "a delivery stream name is {0}–{1} characters of letters, digits, _ . and -", "傳遞串流名稱為 {0}–{1} 個字母、數字、_ . 或 - 字元";
    RuleBufferMib => "the buffer size is {0}–{1} MiB (OpenSearch {2}–{3}, HTTP endpoint {4}–{5})", "緩衝大小為 {0}–{1} MiB(OpenSearch {2}–{3}、HTTP 端點 {4}–{5})";
    RuleBufferInterval => "the buffer interval is {0}–{1} s", "緩衝間隔為 {0}–{1} 秒";
    RuleRetryDuration => "the retry duration is {0}–{1} s", "重試時間為 {0}–{1} 秒";
    RuleBucket => "a bucket name is {0}–{1} lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit", "儲存貯體名稱為 {0}–{1} 個小寫字母、數字、點或連字號,開頭與結尾須為字母或數字";
    RuleFunctionName => "a Lambda function name is {0}–{1} letters, digits, - and _", "Lambda 函式名稱為 {0}–{1} 個字母、數字、- 或 _";
    RuleTransformMb => "the transform's buffer is {0}–{1} MB", "轉換緩衝為 {0}–{1} MB";
    RuleCode => "the function's code is at most {0} KiB here", "這裡的函式程式碼最多 {0} KiB";
    RuleCluster => "a cluster identifier is {0}–{1} lower-case letters, digits and hyphens, starting with a letter", "叢集識別碼為 {0}–{1} 個小寫字母、數字或連字號,以字母開頭";
    RuleTable => "a table name is {0}–{1} lower-case letters, digits and _", "資料表名稱為 {0}–{1} 個小寫字母、數字或 _";
    RuleColumns => "name the columns, comma-separated (a,b,c)", "請以逗號分隔列出欄位(a,b,c)";
    RuleDomain => "a domain name is {0}–{1} lower-case letters, digits and hyphens, starting with a letter", "網域名稱為 {0}–{1} 個小寫字母、數字或連字號,以字母開頭";
    RuleIndex => "an index name is {0}–{1} characters, lower case, without spaces", "索引名稱為 {0}–{1} 個字元,小寫且不含空白";
    RuleUrl => "Firehose delivers to https:// URLs only", "Firehose 只傳遞到 https:// 網址";
    FhNoDestination => "Wire this delivery stream to a destination (S3, Redshift, OpenSearch or an HTTP endpoint) to create it.", "把這個傳遞串流連到一個目的地(S3、Redshift、OpenSearch 或 HTTP 端點)即可建立它。";
    FhSource => "Source", "來源";
    FhSourceStream => "Kinesis data stream {0}", "Kinesis 資料串流 {0}";
    FhDestination => "Destination", "目的地";
    GaugeSize => "Buffer size: {0} of {1}", "緩衝大小:{0} / {1}";
    GaugeAge => "Oldest buffered record: {0} s of {1} s", "緩衝中最舊的紀錄:{0} 秒 / {1} 秒";
    FhLastFlush => "last flush: {0}", "上次送出:{0}";
    FlushSize => "size reached", "達到大小";
    FlushInterval => "interval elapsed", "時間到";
    FhFlushes => "Recent flushes", "最近的送出";
    ColTime => "Time", "時間";
    ColReason => "Reason", "原因";
    ColBytes => "Bytes", "位元組";
    StatIncoming => "Incoming records", "傳入紀錄";
    StatDelivered => "Delivered", "已傳遞";
    StatDeliveries => "Deliveries", "傳遞次數";
    StatBackedUp => "Backed up to S3", "已備份到 S3";
    StatDroppedByTransform => "Dropped by the transform", "被轉換函式丟棄";
    StatProcessingFailed => "ProcessingFailed (to processing-failed/)", "ProcessingFailed(送往 processing-failed/)";
    StatFailedDelivery => "Failed (retry time ran out)", "失敗(重試時間已過)";
    StatInFlight => "Batches being delivered or retried", "傳遞中或重試中的批次";
    StatTransformBuffer => "In the transform's buffer", "在轉換緩衝中";
    StatDeliveryBuffer => "In the delivery buffer", "在傳遞緩衝中";
    StatAvgLatency => "Average latency (s)", "平均延遲(秒)";
    StatSourceThrottled => "Source reads throttled", "來源讀取被節流";
    ChartIncomingPerSecond => "Incoming records/s", "每秒傳入紀錄";
    ChartLatency => "End-to-end latency (ms)", "端對端延遲(毫秒)";
    ChartsThreeMinutes => "Metrics (last 3 minutes)", "指標(最近 3 分鐘)";
    LatencyOldest => "{0} oldest record · {1}", "{0} 最舊紀錄 · {1}";
    LatencyAverage => "{0} average · {1}", "{0} 平均 · {1}";
    ChartBufferFill => "Buffer fill (% of size)", "緩衝填滿度(大小的 %)";
    Replay => "Replay from the start", "從頭重播";
    ReplayRewound => "{0}: back at TRIM_HORIZON — {1} records the stream still holds will be read again.", "{0}:回到 TRIM_HORIZON — 串流仍保存的 {1} 筆紀錄將重新讀取。";
    ReplayNothing => "{0}: Firehose stores nothing, so there is nothing to replay. Its {1} delivered records are only in the destination; {2} still wait in its buffers.", "{0}:Firehose 不保存紀錄,所以沒有東西可以重播。已傳遞的 {1} 筆只在目的地;另有 {2} 筆仍在緩衝區等待。";
    ReplayNotModelled => "{0}: KCL and Lambda readers keep their place in checkpoints, which the lab does not rewind.", "{0}:KCL 與 Lambda 讀取者以檢查點記錄位置,本實驗室不會倒轉它。";
    TfTemplate => "Start from a template", "從範本開始";
    TfCode => "Function code (Rhai)", "函式程式碼(Rhai)";
    TfTest => "Test with sample records", "以範例紀錄測試";
    TfEvent => "Event sent", "送出的事件";
    TfResponse => "Response", "回應";
    TfResults => "Results", "結果";
    TfInvocationFailed => "Invocation failed: {0}", "呼叫失敗:{0}";
    TfCompileError => "Does not compile: {0}", "無法編譯:{0}";
    TfSamples => "The test sends 3 records like the ones wired producers send.", "測試會送出 3 筆與連接的生產者相同格式的紀錄。";
    TfEngineLoading => "Loading the script engine… (the clock waits for it)", "正在載入指令碼引擎…(時鐘會等它載入)";
    TfEngineFailed => "The script engine could not load: {0}", "指令碼引擎無法載入:{0}";
    TplJsonToCsv => "JSON → CSV", "JSON → CSV";
    TplFilterByField => "Filter by field", "依欄位過濾";
    TplAddField => "Add a field", "新增欄位";
    TplDropEvery3rd => "Drop every 3rd record", "每 3 筆丟棄 1 筆";
    TplBroken => "Broken (endless loop)", "故障範例(無限迴圈)";
    S3Objects => "Objects in {0}", "{0} 中的物件";
    S3Empty => "No objects yet.", "尚無物件。";
    S3Open => "Open {0}", "開啟 {0}";
    S3Body => "Contents of {0}", "{0} 的內容";
    S3Gunzipped => "gzip: {0} bytes stored, {1} bytes unzipped", "gzip:儲存 {0} 位元組,解壓後 {1} 位元組";
    BodyCut => "Showing the first {0} of {1} bytes, in whole lines.", "顯示 {1} 位元組中的前 {0} 位元組(以整行為單位)。";
    RsRows => "Rows in {0} ({1})", "{0} 中的資料列({1})";
    RsLoadErrors => "stl_load_errors", "stl_load_errors(載入錯誤)";
    OsDocuments => "Documents in {0} ({1})", "{0} 中的文件({1})";
    HttpRequests => "Requests received ({0})", "收到的請求({0})";
    DestinationDown => "unavailable", "無法使用";
    NodeFirehose => "{0} waiting · {1} delivered", "{0} 筆等待 · 已傳遞 {1}";
    NodeStore => "{0} delivered", "已傳遞 {0}";
    Lessons => "Prepared scenarios", "預先準備的情境";
    LedgerPlaces => "Where every record is", "每筆紀錄的位置";
    PlaceAtProducer => "At a producer", "在生產者";
    PlaceRetrying => "Waiting for a retry", "等待重試";
    PlaceInShard => "In a shard", "在 shard 中";
    PlaceExpired => "Expired from a shard (retention)", "已自 shard 過期(保留期)";
    PlaceRejected => "Rejected", "遭拒絕";
    PlaceDeleted => "Gone with a deleted stream", "隨串流刪除而消失";
    PlaceInTransformBuffer => "In a transform's buffer", "在轉換緩衝中";
    PlaceInDeliveryBuffer => "In a Firehose buffer or being delivered", "在 Firehose 緩衝中或傳遞中";
    PlaceDroppedByTransform => "Dropped by a transform", "被轉換函式丟棄";
    PlaceFailedToErrorPrefix => "Written to the S3 error prefix", "寫入 S3 錯誤前綴";
    PlaceDeliveredToS3 => "Delivered to S3", "已傳遞到 S3";
    PlaceDeliveredToRedshift => "Loaded into Redshift", "已載入 Redshift";
    PlaceDeliveredToOpenSearch => "Indexed in OpenSearch", "已在 OpenSearch 建立索引";
    PlaceDeliveredToHttpEndpoint => "Accepted by an HTTP endpoint", "已被 HTTP 端點接收";
    PlaceBackedUpToS3 => "Backed up to S3 (not delivered)", "已備份到 S3(未傳遞)";
    PlaceFailedDelivery => "Failed in Firehose (retry time ran out)", "在 Firehose 中失敗(重試時間已過)";
    LessonStreamsVsFirehose => "Data Streams vs Firehose (side by side)", "Data Streams 與 Firehose 對照";
    LessonClickstreamToDynamoDb => "Clickstream → Firehose → S3 → EMR page views per hour → DynamoDB", "點擊流 → Firehose → S3 → EMR 每小時頁面瀏覽數 → DynamoDB";
    LessonPageViewsSql => "Clickstream → stream → SQL page views per minute → Firehose → S3", "點擊流 → 串流 → SQL 每分鐘頁面瀏覽數 → Firehose → S3";
    LessonVideoRetention => "Camera → video stream (retention 0) → live viewer, on-demand player, motion analysis", "攝影機 → 影片串流(保留期 0)→ 即時觀看、隨選播放、動態分析";
    OlderRuleHeading => "Older study material:", "較舊的學習資料:";
    LambdaTable => "Writes each record into", "每筆紀錄寫入";
    ItemsWritten => "Items written to DynamoDB", "寫入 DynamoDB 的項目";
    ItemErrors => "Items DynamoDB refused", "DynamoDB 拒絕的項目";
    FamilyBatch => "Batch: EMR & DynamoDB", "批次處理:EMR 與 DynamoDB";
    KindEmrCluster => "EMR cluster", "EMR 叢集";
    KindMapStep => "Map step", "Map 步驟";
    KindReduceStep => "Reduce step", "Reduce 步驟";
    KindDynamoDbTable => "DynamoDB table", "DynamoDB 資料表";
    RuleSample => "sample data is {0}–{1} KiB", "範例資料為 {0}–{1} KiB";
    SampleField => "Sample data in the bucket", "儲存貯體中的範例資料";
    SampleNone => "None", "無";
    SampleCorpus => "Text corpus (word count, inverted index)", "文字語料(字數統計、反向索引)";
    SampleAccessLogs => "Web server access logs (page views per hour)", "網頁伺服器存取日誌(每小時頁面瀏覽數)";
    SampleAppLogs => "Application logs (log levels)", "應用程式日誌(日誌層級)";
    SampleIot => "IoT readings, CSV (average, top 3)", "IoT 讀數 CSV(平均值、前 3 大)";
    SampleKibField => "Sample size (KiB)", "範例大小(KiB)";
    NeedsFullModel => "Loading the full model…", "正在載入完整模型…";
    FamilyVideo => "Video Streams", "影片串流";
    AboutNeedsFullModel => "Placing one loads the full model.", "放置後會載入完整模型。";
    KindCamera => "Camera", "攝影機";
    KindVideoStream => "Video stream", "影片串流";
    KindVideoPlayer => "Video player", "影片播放器";
    KindMotionAnalyzer => "Motion analysis", "動態分析";
    FamilyAnalytics => "Analytics: streaming SQL", "分析:串流 SQL";
    KindAnalyticsApp => "Analytics application (SQL)", "Analytics 應用程式(SQL)";
}

/// Puts `args` into a text's `{0}`, `{1}`… places.
pub fn fill(template: &str, args: &[&dyn std::fmt::Display]) -> String {
    let mut out = template.to_string();
    for (i, arg) in args.iter().enumerate() {
        out = out.replace(&format!("{{{i}}}"), &arg.to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    /// Texts that are names in both languages and may stay the same.
    const SAME_IN_BOTH: &[&str] = &["Shards", "ShardCol", "SettingRefused", "TplJsonToCsv", "AppMaster"];

    fn has_cjk(s: &str) -> bool {
        s.chars().any(|c| {
            ('\u{4E00}'..='\u{9FFF}').contains(&c)
                || ('\u{3000}'..='\u{303F}').contains(&c)
                || ('\u{FF00}'..='\u{FFEF}').contains(&c)
        })
    }

    /// The page's texts and, in the build with EMR and DynamoDB, theirs.
    fn all_texts() -> Vec<(String, &'static str, &'static str)> {
        #[allow(unused_mut)]
        let mut all = T::all_pairs();
        #[cfg(feature = "dynamodb")]
        all.extend(crate::i18n_emr::TE::all_pairs());
        all.extend(crate::i18n_access::TA::all_pairs());
        all.extend(crate::i18n_export::TX::all_pairs());
        all
    }

    #[wasm_bindgen_test]
    fn every_text_exists_in_both_languages() {
        for (key, en, zh) in all_texts() {
            assert!(!en.trim().is_empty() && !zh.trim().is_empty(), "{key} lacks a language");
            if !SAME_IN_BOTH.contains(&key.as_str()) {
                assert!(has_cjk(zh), "{key}'s Chinese text {zh:?} has no Chinese in it");
                assert!(!has_cjk(en), "{key}'s English text has Chinese in it");
            }
        }
    }

    #[wasm_bindgen_test]
    fn both_languages_of_a_text_use_the_same_places() {
        for (key, en, zh) in all_texts() {
            for i in 0..4 {
                let place = format!("{{{i}}}");
                assert_eq!(en.contains(&place), zh.contains(&place), "{key} {place}");
            }
        }
        assert_eq!(fill("{1} and {0}", &[&"a", &2]), "2 and a");
    }

    #[wasm_bindgen_test]
    fn chinese_browsers_get_chinese() {
        assert_eq!(Lang::from_browser("zh-TW"), Lang::ZhTw);
        assert_eq!(Lang::from_browser("zh-Hant"), Lang::ZhTw);
        assert_eq!(Lang::from_browser("en-GB"), Lang::En);
    }
}
