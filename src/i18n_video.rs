//! The texts of the Video Streams views, in English and 繁體中文: only the build with the video
//! model shows them, so the page's first load does not carry them. (The palette's names are
//! in `i18n.rs`.)

use crate::i18n::{texts, Lang};

texts! {
    TV;
    AboutCamera => "Records a moving scene and sends it to a video stream (PutMedia), one fragment per key frame.", "錄下移動的畫面並以 PutMedia 送進影片串流,每個關鍵影格開始一個片段。";
    AboutVideoStream => "Kinesis Video Streams: keeps fragments for its data retention (0: only a 5-minute buffer).", "Kinesis Video Streams:依資料保留期保存片段(0:只有 5 分鐘的緩衝)。";
    AboutVideoPlayer => "Watches a video stream: GetMedia live, or HLS live, live replay or on demand.", "觀看影片串流:GetMedia 即時播放,或 HLS 即時、即時重播、隨選播放。";
    AboutMotionAnalyzer => "Finds motion in the frames and sends each event to a stream, a Firehose or a Lambda function.", "在影格中偵測動態,並把每個事件送到串流、Firehose 或 Lambda 函式。";
    WireCameraToStream => "A camera sends its video into a Kinesis video stream (PutMedia): wire it to a video stream.", "攝影機以 PutMedia 把影片送進 Kinesis 影片串流:請把它接到影片串流。";
    WireStreamFedByCamera => "A video stream takes media from a camera (PutMedia), not records: wire a camera to it.", "影片串流接收的是攝影機以 PutMedia 送來的媒體,不是紀錄:請把攝影機接到它。";
    WireStreamFeedsViewers => "A video stream's media is read by a player (GetMedia or HLS) or a motion analysis: wire it to one of those.", "影片串流的媒體由播放器(GetMedia 或 HLS)或動態分析讀取:請接到其中之一。";
    WireViewerReadsStream => "A player or a motion analysis reads a Kinesis video stream: wire a video stream to it.", "播放器或動態分析讀取的是 Kinesis 影片串流:請把影片串流接到它。";
    WirePlayerNoOutput => "A player shows the video: it has no output to wire.", "播放器只負責顯示影片,沒有可接出的輸出。";
    WireAnalyzerWrites => "A motion analysis sends its events to a Kinesis data stream, a Firehose delivery stream or a Lambda function.", "動態分析把事件送到 Kinesis 資料串流、Firehose 傳遞串流或 Lambda 函式。";
    WireOneVideoStream => "A camera sends to one video stream, and a player or a motion analysis reads one; remove the other wire first.", "一台攝影機只送到一個影片串流,播放器或動態分析也只讀一個;請先移除另一條連線。";
    RuleFps => "a camera records {0}–{1} frames a second", "攝影機每秒錄製 {0}–{1} 個影格";
    RuleKeyFrames => "a key frame comes every {0}–{1} frames", "每 {0}–{1} 個影格一個關鍵影格";
    RuleBitrate => "the bitrate is {0}–{1} kbit/s", "位元率為 {0}–{1} kbit/s";
    RuleShapes => "a scene has at most {0} moving shapes", "畫面最多有 {0} 個移動的形狀";
    RuleVideoStreamName => "a video stream name is {0}–{1} characters of letters, digits, _ . and -", "影片串流名稱為 {0}–{1} 個字元,只能用字母、數字、_ . 與 -";
    RuleDataRetention => "a video stream keeps its data {0}–{1} hours ({0}: only the service's buffer)", "影片串流保存資料 {0}–{1} 小時({0}:只有服務的緩衝)";
    RuleReplayFrom => "a replay starts at most {0} hours back (an HLS session's longest range)", "重播最多從 {0} 小時前開始(HLS 工作階段的最長範圍)";
    FpsField => "Frames per second", "每秒影格數";
    KeyFrameField => "Key frame every (frames)", "關鍵影格間隔(影格數)";
    BitrateField => "Bitrate (kbit/s)", "位元率(kbit/s)";
    ShapesField => "Moving shapes", "移動的形狀";
    FigureField => "A figure walks by every 30 s", "每 30 秒有人走過";
    FragmentEvery => "One fragment every {0} s, {1} each.", "每 {0} 秒一個片段,每個 {1}。";
    VideoStreamNameField => "Video stream name", "影片串流名稱";
    DataRetentionField => "Data retention (hours)", "資料保留期(小時)";
    RetentionZeroHint => "0 (the default): nothing is kept for playback; GetMedia still reads the last 5 minutes from the service's buffer, HLS and GetClip are refused.", "0(預設):不保存任何可回放的資料;GetMedia 仍可從服務緩衝讀取最近 5 分鐘,HLS 與 GetClip 會被拒絕。";
    ModeField => "Playback", "播放方式";
    ModeGetMedia => "GetMedia: live, from the buffer", "GetMedia:即時(來自緩衝)";
    ModeLive => "HLS LIVE", "HLS 即時(LIVE)";
    ModeLiveReplay => "HLS LIVE_REPLAY", "HLS 即時重播(LIVE_REPLAY)";
    ModeOnDemand => "HLS ON_DEMAND", "HLS 隨選(ON_DEMAND)";
    ReplayFromField => "Replay from (seconds back)", "從幾秒前開始重播";
    CameraRecorded => "Fragments recorded", "已錄製片段";
    CameraSent => "Sent (PutMedia)", "已送出(PutMedia)";
    CameraRefused => "Refused", "被拒絕";
    CameraUnsent => "Not sent (no stream)", "未送出(沒有串流)";
    LastFragment => "Last fragment number", "最後的片段編號";
    LastError => "Last refusal: {0}: {1}", "最後一次拒絕:{0}:{1}";
    StreamRetention => "Data retention", "資料保留期";
    RetentionHours => "{0} h", "{0} 小時";
    RetentionNone => "0 — only the 5-minute buffer", "0 — 只有 5 分鐘緩衝";
    FragmentsHeld => "Fragments held", "保存中的片段";
    FragmentsIngested => "Ingested", "已接收";
    FragmentsExpired => "Expired", "已過期";
    FragmentsRefused => "Refused", "被拒絕";
    ReadBy => "Read by {0}: {1}", "{0} 讀取:{1}";
    TimelineLabel => "Stored fragments over the last {0}", "最近 {0} 內保存的片段";
    TimelineRetained => "kept for playback", "可回放";
    TimelineBuffer => "only in the buffer", "只在緩衝中";
    TimelineEmpty => "The stream holds no fragment.", "串流中沒有片段。";
    LiveEdge => "live", "即時";
    PlayheadLegend => "playhead", "播放位置";
    PlayerLatency => "Behind live: {0} s", "落後即時:{0} 秒";
    PlayerStalled => "Waiting for media", "等待媒體中";
    PlayerNothing => "Nothing to play yet.", "還沒有可以播放的內容。";
    PlayerRefused => "{0}: {1}", "{0}:{1}";
    PlayerRetry => "Asked again every 5 s.", "每 5 秒重試一次。";
    PlayerPosition => "Playing {0}", "播放中:{0}";
    ScrubLabel => "Playhead (drag to move on demand)", "播放位置(隨選時可拖曳)";
    SessionsOpened => "Sessions opened", "已開啟的工作階段";
    FragmentsReceived => "Fragments received", "已收到的片段";
    FragmentsMissed => "Fragments missed", "錯過的片段";
    PlayerFrameAlt => "Frame {0} of {1}", "{1} 的第 {0} 個影格";
    DownloadClip => "Download the last 10 s as GIF (GetClip)", "下載最近 10 秒的 GIF(GetClip)";
    FramesAnalysed => "Frames analysed", "已分析的影格";
    MotionEvents => "Motion events", "動態事件";
    RecentEvents => "Latest events", "最近的事件";
    NoEvents => "No motion seen yet.", "尚未偵測到動態。";
    EventLine => "{0}: {1} box(es)", "{0}:{1} 個框";
    NodeCamera => "Sent {0} · refused {1}", "已送出 {0} · 被拒絕 {1}";
    NodeStream => "{0} fragments · {1} h", "{0} 個片段 · {1} 小時";
    NodeMotion => "{0} motion events", "{0} 個動態事件";
    NewestFragments => "Newest fragments", "最新的片段";
    FragmentLength => "Length", "長度";
    FragmentKept => "Kept", "保存方式";
    SeekLiveEdge => "This player plays the live edge: only ON_DEMAND and LIVE_REPLAY sessions can be moved.", "這個播放器播放的是即時畫面:只有 ON_DEMAND 與 LIVE_REPLAY 工作階段可以移動播放位置。";
    SeekNothingKept => "The player has no fragment at that time: the stream did not keep one there.", "播放器在那個時間沒有片段:串流沒有保存那段影片。";
    SeekNoPlayer => "There is no such player.", "沒有這個播放器。";
    ShowBoxes => "Overlay the motion boxes of {0}", "疊上 {0} 的動態框";
}

/// The video settings whose range rule the page words.
pub const SETTINGS: [&str; 7] = [
    "fps",
    "key_frame_interval",
    "bitrate_kbps",
    "moving_shapes",
    "video_stream_name",
    "data_retention_hours",
    "replay_from_seconds",
];

/// The range rule of a video setting, in `lang`, with places for the model's numbers.
pub fn setting_rule(setting: &str, lang: Lang) -> Option<&'static str> {
    let text = match setting {
        "fps" => TV::RuleFps,
        "key_frame_interval" => TV::RuleKeyFrames,
        "bitrate_kbps" => TV::RuleBitrate,
        "moving_shapes" => TV::RuleShapes,
        "video_stream_name" => TV::RuleVideoStreamName,
        "data_retention_hours" => TV::RuleDataRetention,
        "replay_from_seconds" => TV::RuleReplayFrom,
        _ => return None,
    };
    Some(text.t(lang))
}
