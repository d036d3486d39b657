//! Where the study notes the lab started from say something AWS has since changed, the lab
//! teaches the current rule and shows what older material says beside it ("older material
//! says 7 days"); `docs/aws-rules.md` lists the same under **Study notes**. This is that
//! list, as data in both of the page's languages, for views to show next to the settings it
//! concerns.

/// A text in the page's two languages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Text {
    pub en: &'static str,
    pub zh_hant: &'static str,
}

/// A rule whose older form learners meet in study notes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OlderRule {
    pub id: &'static str,
    /// The settings (as scenarios name them) a view shows the note beside.
    pub settings: &'static [&'static str],
    /// The rule as AWS has it now.
    pub current: Text,
    /// What older material says.
    pub older: Text,
    /// Where the current rule is written.
    pub source: &'static str,
}

pub const OLDER_RULES: &[OlderRule] = &[
    OlderRule {
        id: "retention-max",
        settings: &["retention_hours"],
        current: Text {
            en: "A data stream keeps records for 24 hours by default, and up to 8,760 hours (365 days) if you raise its retention period.",
            zh_hant: "資料串流預設保留紀錄 24 小時,調高保留期限後最長可保留 8,760 小時(365 天)。",
        },
        older: Text {
            en: "Older material says retention can be raised to 7 days at most.",
            zh_hant: "較舊的資料說保留期限最長只能設定為 7 天。",
        },
        source: "Amazon Kinesis Data Streams Developer Guide, \"Change the data retention period\"; Quotas and limits",
    },
    OlderRule {
        id: "shard-scaling",
        settings: &["mode", "shard_count"],
        current: Text {
            en: "A stream in on-demand mode manages its shards by itself: it starts at 4 MiB/s of writes and makes room for double its previous peak. In provisioned mode you choose the shard count and change it with UpdateShardCount, SplitShard and MergeShards.",
            zh_hant: "隨需(on-demand)模式的資料串流會自行管理 shard:一開始可寫入 4 MiB/s,並隨時保留先前峰值兩倍的容量。佈建(provisioned)模式則由你指定 shard 數量,再以 UpdateShardCount、SplitShard 與 MergeShards 調整。",
        },
        older: Text {
            en: "Older material says the number of shards must be set by hand and a stream cannot scale by itself.",
            zh_hant: "較舊的資料說 shard 數量必須手動指定,串流無法自動擴展。",
        },
        source: "Amazon Kinesis Data Streams Developer Guide, \"Choose the data stream capacity mode\"",
    },
];

/// The older-rule note with `id`.
pub fn older_rule(id: &str) -> Option<&'static OlderRule> {
    OLDER_RULES.iter().find(|r| r.id == id)
}

/// The older-rule notes that concern a setting (`retention_hours`, `shard_count`, `mode`).
pub fn older_rules_for(setting: &str) -> impl Iterator<Item = &'static OlderRule> + '_ {
    OLDER_RULES.iter().filter(move |r| r.settings.contains(&setting))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kinesis::limits::{ON_DEMAND_INITIAL_SHARDS, RETENTION_DEFAULT_HOURS, RETENTION_MAX_HOURS};

    fn thousands(n: u32) -> String {
        let digits = n.to_string();
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push(',');
            }
            out.push(c);
        }
        out
    }

    #[test]
    fn every_note_has_both_languages_and_a_unique_id() {
        let mut ids: Vec<&str> = OLDER_RULES.iter().map(|r| r.id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), OLDER_RULES.len());
        for r in OLDER_RULES {
            for text in [r.current, r.older] {
                assert!(!text.en.is_empty() && !text.zh_hant.is_empty(), "{}", r.id);
            }
            assert!(r.older.en.starts_with("Older material says"), "{}", r.id);
            assert!(!r.settings.is_empty() && !r.source.is_empty(), "{}", r.id);
        }
    }

    #[test]
    fn the_notes_quote_the_limits_the_model_enforces() {
        let retention = older_rule("retention-max").unwrap();
        for text in [retention.current.en, retention.current.zh_hant] {
            assert!(text.contains(&thousands(RETENTION_MAX_HOURS)), "{text}");
            assert!(text.contains(&RETENTION_DEFAULT_HOURS.to_string()), "{text}");
        }
        assert!(retention.older.en.contains("7 days"));
        let scaling = older_rule("shard-scaling").unwrap();
        assert!(scaling.current.en.contains(&format!("{ON_DEMAND_INITIAL_SHARDS} MiB/s")));
        assert_eq!(older_rules_for("retention_hours").map(|r| r.id).collect::<Vec<_>>(), ["retention-max"]);
        assert_eq!(older_rules_for("mode").map(|r| r.id).collect::<Vec<_>>(), ["shard-scaling"]);
        assert_eq!(older_rules_for("record_bytes").count(), 0);
    }
}
