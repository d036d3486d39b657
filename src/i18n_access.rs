//! The texts that keep nobody locked out, in English and 繁體中文: wiring from the keyboard
//! and what a screen reader hears of it, the memory guard, and the caps on what a link or a
//! file may hold.

use crate::i18n::{texts, Lang};

texts! {
    TA;
    ConnectTo => "Connect to…", "連線到…";
    Connect => "Connect", "連線";
    ConnectNone => "No component on the canvas takes a wire from this one.", "畫布上沒有元件能接受從這個元件拉出的連線。";
    PortRefuses => "Does not take this wire: {0}", "不接受這條連線:{0}";
    AnnounceWired => "Wired {0} to {1}.", "已將 {0} 連到 {1}。";
    AnnounceUnwired => "Removed the wire from {0} to {1}.", "已移除從 {0} 到 {1} 的連線。";
    AnnounceRefused => "Wire refused: {0}", "連線被拒絕:{0}";
    AnnounceCancelled => "Wire cancelled.", "已取消連線。";
    MemoryFull => "The lab paused: its memory reached {0} MB of the {1} MB it may use, and more would stop the page. Most of it is held by {2}. To go on: lower the speed, shorten a stream's retention period, or restart from time zero (your design stays).", "實驗室已暫停:記憶體已用到 {0} MB,上限為 {1} MB,再多頁面就會停止運作。占用最多的是{2}。要繼續:請降低速度、縮短串流的保留期間,或從時間零重新開始(設計會保留)。";
    MemoryNothingHeld => "the lab's own running state", "實驗室本身的執行狀態";
    HeldStream => "data stream {0}: {1} records kept for {2} h", "資料串流 {0}:{1} 筆記錄,保留 {2} 小時";
    HeldBucket => "S3 bucket {0}: {1} objects", "S3 儲存貯體 {0}:{1} 個物件";
    HeldRedshift => "Redshift table {0}: {1} rows", "Redshift 資料表 {0}:{1} 列";
    HeldOpenSearch => "OpenSearch domain {0}: {1} documents", "OpenSearch 網域 {0}:{1} 份文件";
    HeldHttp => "HTTP endpoint {0}: {1} requests", "HTTP 端點 {0}:{1} 個請求";
    HeldDynamoDb => "DynamoDB table {0}: {1} items", "DynamoDB 資料表 {0}:{1} 個項目";
    CapLinkTooLong => "the link is {0} characters long, and the lab opens links of up to {1}.", "這個連結有 {0} 個字元,實驗室可開啟的連結最多 {1} 個字元。";
    CapFileTooLarge => "the file is {0} bytes, and the lab opens scenario files of up to {1} bytes.", "這個檔案有 {0} 位元組,實驗室可開啟的情境檔最多 {1} 位元組。";
    CapTooManyComponents => "it has {0} components, and one scenario may have up to {1}.", "它有 {0} 個元件,一個情境最多 {1} 個。";
    CapTooMuchLoad => "its producers together send {0} records a second, and the lab runs up to {1} in one scenario.", "它的生產者合計每秒送出 {0} 筆記錄,實驗室一個情境最多執行每秒 {1} 筆。";
    ChartLatest => "Latest second: {0}.", "最近一秒:{0}。";
    ChartLatestMean => "Latest {1} s, mean per second: {0}.", "最近 {1} 秒的每秒平均:{0}。";
    ChartsTenMinutes => "Metrics (last 10 minutes, 10-second means)", "指標(最近 10 分鐘,每 10 秒平均)";
    ChartsHour => "Metrics (last hour, 1-minute means)", "指標(最近一小時,每分鐘平均)";
    ChartLimit => "Limit: {0}.", "上限:{0}。";
    ChartNoData => "No data yet.", "尚無資料。";
    RestartFromZero => "Restart from time zero", "從時間零重新開始";
}
