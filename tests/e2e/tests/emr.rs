//! EMR in the page, as a new user builds it: an S3 bucket with sample text, an EMR cluster,
//! a map step and a reduce step wired to a DynamoDB table. The first load has no EMR model;
//! placing the cluster switches to the build that has it, and the work comes back. Then the
//! word count runs and the top words are read in the table browser; a Spot node is reclaimed
//! mid-job and its tasks rerun; a core node is lost with replication 1 and the step fails.

use shardlab_e2e::{serve_dist, Browser};

fn model(b: &Browser) -> serde_json::Value {
    b.execute("return document.documentElement.dataset.model || null;", vec![])
}

/// Places and wires bucket → map ← cluster, map → reduce → `output`, with sample text in
/// the bucket; returns once the full build runs it.
fn build_word_count(browser: &Browser, output: &str) {
    browser.place("S3 bucket");
    browser.place("EMR cluster");
    // The lab build hands over to the full build; the bucket and the cluster come back.
    browser.wait_for("the full build", || (model(browser) == serde_json::json!("full")).then_some(()));
    browser.by_role("button", "EMR cluster cluster");
    browser.place("Map step");
    browser.place("Reduce step");
    browser.place(output);
    browser.wire("bucket", "map");
    browser.wire("cluster", "map");
    browser.wire("map", "reduce");
    browser.wire("reduce", if output == "DynamoDB table" { "table" } else { "bucket" });
    browser.click(&browser.by_role("button", "S3 bucket bucket"));
    browser.select_option(
        &browser.by_role("combobox", "Sample data in the bucket"),
        "Text corpus (word count, inverted index)",
    );
}

fn run_map_step(browser: &Browser) {
    browser.click(&browser.by_role("button", "Map step map"));
    browser.select_option(&browser.by_role("combobox", "Speed"), "60×");
    browser.click(&browser.by_role("button", "Play"));
    let run = browser.by_role("button", "Run the job (AddJobFlowSteps)");
    browser.wait_for("the step to be runnable", || browser.attribute(&run, "disabled").is_none().then_some(()));
    browser.click(&run);
}

fn step_state(browser: &Browser) -> String {
    browser.find_all(".emr-job").first().and_then(|el| browser.attribute(el, "data-step-state")).unwrap_or_default()
}

fn forget_full_model(browser: &Browser) {
    browser.execute("localStorage.clear();", vec![]);
}

#[test]
fn word_count_into_a_dynamodb_table_then_read_the_top_words() {
    let url = serve_dist();
    let browser = Browser::start();
    browser.goto(&url);
    browser.wait_for("the lab build", || (model(&browser) == serde_json::json!("lab")).then_some(()));
    build_word_count(&browser, "DynamoDB table");
    run_map_step(&browser);
    browser.wait_for("the job to complete", || (step_state(&browser) == "COMPLETED").then_some(()));
    // Waves: 1 MiB of text at 1 KiB a MB is 8 splits of 128 MB, on 6 free map containers.
    let text = |css: &str| browser.find_all(css).first().map(|el| browser.text(el)).unwrap_or_default();
    assert_eq!(text(".map-tasks"), "8");
    assert_eq!(text(".waves"), "2");
    let gantt = browser.find_all(".gantt canvas");
    assert!(browser.attribute(&gantt[0], "data-bars").is_some_and(|n| n.parse::<u32>().unwrap() >= 10));

    browser.click(&browser.by_role("button", "DynamoDB table table"));
    browser.wait_for("the table's items", || {
        let rows = browser.find_all(".items-table tbody tr");
        (rows.len() >= 10).then_some(())
    });
    let rows = browser.find_all(".items-table tbody tr");
    let cells = |i: usize| {
        let text = browser.text(&rows[i]);
        let (word, n) = text.rsplit_once(char::is_whitespace).unwrap_or_default();
        (word.trim().to_string(), n.trim().parse::<u64>().unwrap_or(0))
    };
    let (top, top_n) = cells(0);
    assert!(top_n > 100, "the top word '{top}' is counted {top_n} times");
    for i in 1..10 {
        assert!(cells(i).1 <= top_n, "largest values first");
    }

    // The same cluster and table through the console, as the AWS CLI prints them.
    browser.click(&browser.by_role("button", "EMR cluster cluster"));
    let state = browser.text(&browser.find_all(".cluster-state")[0]);
    let cluster_id = state.split(" · ").find(|w| w.starts_with("j-")).expect("the cluster's ID is shown").to_string();
    browser.click(&browser.by_role("tab", "Console"));
    let input = browser.by_role("textbox", "AWS CLI command");
    browser.type_text(&input, &format!("aws emr list-instance-groups --cluster-id {cluster_id}\u{E007}"));
    browser.type_text(
        &input,
        &format!("aws dynamodb get-item --table-name table --key '{{\"key\":{{\"S\":\"{top}\"}}}}'\u{E007}"),
    );
    // The CLI's own subcommand: create-cluster prints ClusterId where RunJobFlow answers JobFlowId.
    browser.type_text(
        &input,
        "aws emr create-cluster --release-label emr-7.5.0 --instance-type m5.xlarge --instance-count 3\u{E007}",
    );
    let answers = browser.wait_for("three answers", || {
        let found: Vec<String> = browser.find_all(".console-answer").iter().map(|a| browser.text(a)).collect();
        (found.len() == 3).then_some(found)
    });
    assert!(answers[0].contains("\"InstanceGroupType\": \"CORE\""), "{}", answers[0]);
    assert!(answers[1].contains(&format!("\"N\": \"{top_n}\"")), "the console reads the same item: {}", answers[1]);
    assert!(answers[2].contains("\"ClusterId\": \"j-") && !answers[2].contains("JobFlowId"), "{}", answers[2]);
    forget_full_model(&browser);
}

#[test]
fn losing_a_core_node_with_replication_1_fails_the_step_naming_the_lost_blocks() {
    let url = serve_dist();
    let browser = Browser::start();
    browser.goto(&url);
    build_word_count(&browser, "DynamoDB table");
    // Eight times the text: the map phase lasts long enough to lose a node in it.
    browser.set_number("Sample size (KiB)", "8192");
    run_map_step(&browser);
    // At 60× the job's maps take about two wall seconds, less than a round of WebDriver
    // look-ups can: the page itself presses Pause in the frame the job is seen running.
    let paused = browser.execute_async(
        "const done = arguments[arguments.length - 1];
         const look = () => {
             const job = document.querySelector('.emr-job');
             if (job && job.getAttribute('data-step-state') === 'RUNNING') {
                 document.querySelector('.run-controls button[aria-label=\"Pause\"]').click();
                 done(true);
             } else {
                 requestAnimationFrame(look);
             }
         };
         look();",
        vec![],
    );
    assert_eq!(paused, serde_json::json!(true));
    assert_eq!(step_state(&browser), "RUNNING", "paused while the job runs");
    browser.click(&browser.by_role("button", "EMR cluster cluster"));
    let core_2 = browser.find_all("[data-node='core-2'] button.danger");
    assert_eq!(core_2.len(), 1, "core-2 has one fault button: lose it");
    browser.click(&core_2[0]);
    browser.click(&browser.by_role("button", "Play"));
    browser.click(&browser.by_role("button", "Map step map"));
    browser.wait_for("the step to fail", || (step_state(&browser) == "FAILED").then_some(()));
    let failure = browser.find_all(".job-failure");
    assert!(browser.text(&failure[0]).contains("blk_"), "the failure names the lost blocks");
    forget_full_model(&browser);
}

#[test]
fn a_spot_node_reclaimed_mid_job_takes_its_work_with_it_and_the_tasks_rerun() {
    let url = serve_dist();
    let browser = Browser::start();
    browser.goto(&url);
    build_word_count(&browser, "DynamoDB table");
    // A job longer than the two-minute notice: 8 MiB at 128 bytes a MB is 512 splits.
    browser.set_number("Sample size (KiB)", "8192");
    browser.click(&browser.by_role("button", "EMR cluster cluster"));
    browser.set_number("Real bytes per simulated MB", "128");
    browser.set_number("Task nodes", "2");
    browser.select_option(&browser.by_role("combobox", "Task nodes bought"), "Spot (may be reclaimed)");
    run_map_step(&browser);
    browser.wait_for("the job to run", || (step_state(&browser) == "RUNNING").then_some(()));
    browser.click(&browser.by_role("button", "Pause"));
    browser.click(&browser.by_role("button", "EMR cluster cluster"));
    let reclaim = browser
        .find_all("[data-node='task-1'] button")
        .into_iter()
        .find(|b| browser.text(b) == "Reclaim this Spot node")
        .expect("task-1 is a Spot node with a reclaim button");
    browser.click(&reclaim);
    browser.wait_for("the notice", || {
        browser.find_all("[data-node='task-1']").first().map(|n| browser.text(n)).filter(|t| t.contains("Spot notice"))
    });
    browser.click(&browser.by_role("button", "Play"));
    browser.wait_for("EC2 to take the node", || browser.find_all("[data-node='task-1'].gone").first().map(|_| ()));
    browser.click(&browser.by_role("button", "Map step map"));
    browser.wait_for("the job to complete", || (step_state(&browser) == "COMPLETED").then_some(()));
    let books = browser.text(&browser.find_all(".attempt-books")[0]);
    let killed: u64 = books.rsplit('/').next().unwrap().trim().parse().unwrap();
    assert!(killed > 0, "the reclaimed node's work was killed and rerun: {books}");
    forget_full_model(&browser);
}
