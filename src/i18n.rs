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

macro_rules! texts {
    ($($key:ident => $en:literal, $zh:literal;)*) => {
        /// A text of the page; `t(lang)` gives it in that language.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum T { $($key),* }

        impl T {
            pub const ALL: &'static [T] = &[$(T::$key),*];

            pub fn t(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $((T::$key, Lang::En) => $en, (T::$key, Lang::ZhTw) => $zh,)*
                }
            }
        }
    };
}

texts! {
    AppName => "ShardLab", "ShardLab 實驗室";
    Tagline => "AWS analytics lab", "AWS 分析服務實驗室";
    Play => "Play", "播放";
    Pause => "Pause", "暫停";
    Step => "Step one second", "前進一秒";
    NextEvent => "Run to the next event", "執行到下一個事件";
    RunControls => "Run controls", "執行控制";
    Speed => "Speed", "速度";
    VirtualClock => "Virtual clock", "虛擬時鐘";
    Language => "Language", "語言";
    DarkTheme => "Dark theme", "深色主題";
    Palette => "Components", "元件";
    PaletteHelp => "Drag a component onto the canvas, or select it and press Enter.", "將元件拖曳到畫布上,或選取後按 Enter。";
    Canvas => "Pipeline canvas", "管線畫布";
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
    ConsoleHint => "Type an AWS CLI command, e.g. aws kinesis create-stream --stream-name clicks --shard-count 2 — ↑ / ↓ recall earlier commands, “help” lists them all.", "輸入 AWS CLI 指令,例如 aws kinesis create-stream --stream-name clicks --shard-count 2 — 按 ↑ / ↓ 叫出先前的指令,輸入「help」列出全部指令。";
    ConsoleRun => "Run", "執行";
    ConsoleOutput => "Console output", "主控台輸出";
    EvStreamStatus => "Stream “{0}” is {1}", "資料串流「{0}」狀態為 {1}";
    EvShardSplit => "{0} split into {1} and {2}", "{0} 分割為 {1} 與 {2}";
    EvShardsMerged => "{0} and {1} merged into {2}", "{0} 與 {1} 合併為 {2}";
    EvWritesThrottled => "{0} writes throttled on {1} (over 1 MiB/s or 1,000 records/s)", "{1} 有 {0} 筆寫入遭到節流(超過每秒 1 MiB 或 1,000 筆)";
    EvReadsThrottled => "{0} GetRecords calls throttled on {1} (over 5 calls/s or 2 MiB/s)", "{1} 有 {0} 次 GetRecords 呼叫遭到節流(超過每秒 5 次或 2 MiB)";
    EvRecordsExpired => "{0} records expired from {1}", "{1} 有 {0} 筆紀錄超過保留期限而移除";
    EvRetentionChanged => "Retention of “{0}” set to {1} h", "「{0}」的保留期限設為 {1} 小時";
    EvWorkerDied => "{1} of {0} stopped", "{0} 的 {1} 已停止";
    EvLeaseTaken => "{2} took over the lease of {1} and restarts from the last checkpoint", "{2} 接手 {1} 的租約,從上次的檢查點重新開始";
    EvLambdaInvoked => "{0} invoked with {1} records", "{0} 以 {1} 筆紀錄被呼叫";
    ErrorTitle => "Something went wrong inside ShardLab.", "ShardLab 內部發生錯誤。";
    ErrorBody => "Your work is saved in this browser. Reload the page to carry on.", "你的作業已儲存在這個瀏覽器中。重新載入頁面即可繼續。";
    Reload => "Reload", "重新載入";
    Dismiss => "Dismiss", "關閉";
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
    const SAME_IN_BOTH: &[T] = &[];

    fn has_cjk(s: &str) -> bool {
        s.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c) || ('\u{3000}'..='\u{303F}').contains(&c))
    }

    #[wasm_bindgen_test]
    fn every_text_exists_in_both_languages() {
        for &key in T::ALL {
            for lang in Lang::ALL {
                assert!(!key.t(lang).trim().is_empty(), "{key:?} has no {lang:?} text");
            }
            if !SAME_IN_BOTH.contains(&key) {
                assert!(
                    has_cjk(key.t(Lang::ZhTw)),
                    "{key:?}'s Chinese text {:?} has no Chinese in it",
                    key.t(Lang::ZhTw)
                );
                assert!(!has_cjk(key.t(Lang::En)), "{key:?}'s English text has Chinese in it");
            }
        }
    }

    #[wasm_bindgen_test]
    fn both_languages_of_a_text_use_the_same_places() {
        for &key in T::ALL {
            for i in 0..4 {
                let place = format!("{{{i}}}");
                assert_eq!(key.t(Lang::En).contains(&place), key.t(Lang::ZhTw).contains(&place), "{key:?} {place}");
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
