//! The Learn panel's own words, in English and 繁體中文 (the lessons' and questions' texts are
//! the course's data files). `{}` marks where a figure goes, in order.

pub struct Text {
    pub en: &'static str,
    pub zh: &'static str,
}

impl Text {
    pub fn get(&self, lang: &str) -> &'static str {
        shardlab_course::text::in_lang(lang, self.en, self.zh)
    }

    /// The text in `lang` with each `{}` replaced by the next of `values`.
    pub fn fill(&self, lang: &str, values: &[&str]) -> String {
        let mut out = String::new();
        let mut values = values.iter();
        for (i, part) in self.get(lang).split("{}").enumerate() {
            if i > 0 {
                out.push_str(values.next().copied().unwrap_or_default());
            }
            out.push_str(part);
        }
        out
    }
}

macro_rules! texts {
    ($($name:ident: $en:literal, $zh:literal;)*) => {
        $(pub const $name: Text = Text { en: $en, zh: $zh };)*
        #[cfg(test)]
        pub const ALL: &[&Text] = &[$(&$name),*];
    };
}

texts! {
    LEARN: "Learn", "學習";
    LESSONS: "Lessons", "課程";
    QUIZ: "Quiz", "測驗";
    EXAM: "Exam", "模擬考";
    CLOSE: "Close the Learn panel", "關閉學習面板";
    ALL_LESSONS: "← All lessons", "← 所有課程";
    LESSON_N: "Lesson {}", "第 {} 課";
    OPEN_SCENARIO: "Open the lesson's scenario", "開啟本課的情境";
    OPEN_HINT: "It replaces the canvas; your own work is kept, and “Back to my work” brings it back.", "它會取代畫布上的內容;你自己的作品會保留,按「回到我的作品」即可取回。";
    BACK_TO_WORK: "Back to my work", "回到我的作品";
    STEP_N: "Step {} of {}", "步驟 {}/{}";
    PREVIOUS: "Back", "上一步";
    NEXT: "Next", "下一步";
    SHOW: "Show on the canvas", "在畫布上顯示";
    CHALLENGE: "Challenge", "挑戰";
    START: "Start the challenge", "開始挑戰";
    AGAIN: "Try again", "再試一次";
    RUNNING: "Under way: {} of {} virtual time. Let the clock run (a higher speed helps).", "進行中:虛擬時間 {}/{}。讓時鐘繼續走(加快速度會比較快)。";
    PASSED: "Passed", "通過";
    FAILED: "Not passed", "未通過";
    DONE: "done", "已完成";
    ATTEMPTS: "{} attempts", "嘗試 {} 次";
    BEST: "best: {}", "最佳:{}";
    RESET: "Reset this lesson's progress", "重設本課進度";
    UNAVAILABLE: "The challenge cannot be graded: {}. Open the lesson's scenario again.", "無法評分這個挑戰:{}。請重新開啟本課的情境。";
    HOLDS: "holds", "符合";
    BREAKS: "does not hold", "不符合";
    AT_LEAST: "at least {}", "至少 {}";
    AT_MOST: "at most {}", "最多 {}";
    QUESTION_N: "Question {} of {}", "第 {} 題,共 {} 題";
    CHOOSE_ONE: "Choose one.", "選擇一項。";
    CHOOSE_N: "Choose {}.", "選擇 {} 項。";
    CHECK: "Check", "檢查答案";
    RIGHT: "Right.", "答對了。";
    WRONG: "Not right: the answer is {}.", "答錯了:正確答案是 {}。";
    NEXT_QUESTION: "Next question", "下一題";
    OPEN_IN_LAB: "Open in the lab", "在實驗室中開啟";
    ALL_TOPICS: "All topics", "所有主題";
    TOPIC: "Topic", "主題";
    EXAM_INTRO: "{} questions drawn from the bank, {} minutes, like the real exam's pace. The same set number gives the same questions: share the link to give a class the same exam.", "從題庫抽出 {} 題,限時 {} 分鐘,與正式考試的節奏相同。相同的題組編號會抽出相同的題目:分享連結就能讓全班考同一份試卷。";
    SET_NUMBER: "Set number", "題組編號";
    START_EXAM: "Start the exam", "開始模擬考";
    TIME_LEFT: "Time left: {}", "剩餘時間:{}";
    HAND_IN: "Hand in", "交卷";
    SCORE: "Score: {} of {} ({}%)", "得分:{}/{}({}%)";
    REVIEW: "The questions you missed", "答錯的題目";
    ALL_RIGHT: "Every answer was right.", "每一題都答對了。";
    YOUR_ANSWER: "Your answer: {}", "你的答案:{}";
    NO_ANSWER: "none", "未作答";
    EXAM_LINK: "Link to this set", "這份題組的連結";
    PAST_EXAMS: "Past exams", "過去的模擬考";
    NEW_EXAM: "Another exam", "再考一次";
    TIMES_UP: "Time is up: the exam was handed in.", "時間到:已自動交卷。";
    PASS_MARK: "The real exam's pass mark is 720 of 1,000.", "正式考試的及格分數是 1,000 分中的 720 分。";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_is_in_both_languages_with_the_same_blanks() {
        for t in ALL {
            assert!(!t.en.is_empty(), "{}", t.zh);
            assert!(shardlab_course::text::has_han(t.zh), "{}", t.zh);
            assert_eq!(t.en.matches("{}").count(), t.zh.matches("{}").count(), "{}", t.en);
        }
        assert_eq!(STEP_N.fill("zh-Hant", &["2", "5"]), "步驟 2/5");
        assert_eq!(STEP_N.fill("en", &["2", "5"]), "Step 2 of 5");
    }
}
