//! The Export entries of the Scenario menu and the embed's link to the full page, in English
//! and 繁體中文. (The dialog they open is
//! built by the console's module, with its own texts: `crates/awscli-module`.)

use crate::i18n::{texts, Lang};

texts! {
    TX;
    MenuCloudFormation => "Export → CloudFormation", "匯出 → CloudFormation";
    MenuCli => "Export → AWS CLI", "匯出 → AWS CLI";
    MenuEmbed => "Embed in course notes…", "嵌入課程筆記…";
    OpenInShardLab => "Open in ShardLab", "在 ShardLab 中開啟";
}
