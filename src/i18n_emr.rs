//! The texts of the EMR and DynamoDB views, in English and 繁體中文: only the build with those
//! models shows them, so the page's first load does not carry them. (The palette's names are in
//! `i18n.rs`: the first load shows them. The wiring refusals and the settings' rules of EMR
//! steps and DynamoDB tables are here: only a canvas with those components meets them.)

use crate::i18n::{texts, Lang};

texts! {
    TE;
    AboutRedshift => "Firehose stages each batch in S3, then loads it with COPY.", "Firehose 先把每批資料暫存到 S3,再以 COPY 載入資料表。";
    AboutEmrCluster => "A managed Hadoop cluster: one primary node (or 3), core nodes that store HDFS blocks and run tasks, task nodes that only run tasks (On-Demand or Spot).", "受管的 Hadoop 叢集:1 個(或 3 個)主節點、儲存 HDFS 區塊並執行任務的核心節點,以及只執行任務的任務節點(隨需或 Spot)。";
    AboutMapStep => "The map stage of a MapReduce step: one map task per {0} MB split of its input bucket, run in YARN containers on the cluster wired to it, in waves when splits outnumber containers.", "MapReduce 步驟的 map 階段:輸入儲存貯體每 {0} MB 分割一個 map 任務,在接上的叢集的 YARN 容器中執行;分割比容器多時分批(wave)執行。";
    AboutReduceStep => "The reduce stage of the same step: map output is partitioned by key hash, shuffled and sorted to its reducers, which write part files to S3 or items to DynamoDB.", "同一步驟的 reduce 階段:map 的輸出依鍵的雜湊分區,經 shuffle 與排序送到各 reducer,寫成 S3 的 part 檔案或 DynamoDB 項目。";
    AboutDynamoDbTable => "An on-demand DynamoDB table (partition key, optional sort key). EMR writes one item per output key (the key, and its value in the attribute `value`), and reads a table as a scan, one item a line of DynamoDB JSON.", "隨需容量的 DynamoDB 資料表(分割區索引鍵,可選排序索引鍵)。EMR 每個輸出鍵寫一個項目(鍵本身,值放在屬性 `value`),讀取時則掃描整個資料表,每個項目一行 DynamoDB JSON。";
    WireMapReadsBucket => "A map step reads its input from an S3 bucket, a DynamoDB table or a Redshift table and runs on an EMR cluster: wire one of those to it.", "Map 步驟從 S3 儲存貯體、DynamoDB 資料表或 Redshift 資料表讀取輸入,並在 EMR 叢集上執行:請把其中之一接到它。";
    WireReduceFedByMap => "A reduce step reduces what a map step emitted (the shuffle): wire a map step to it.", "Reduce 步驟處理 map 步驟輸出的資料(shuffle):請把 map 步驟接到它。";
    WireMapFeedsReduce => "A map step's output is shuffled to a reduce step: wire it to one.", "Map 步驟的輸出會 shuffle 到 reduce 步驟:請把它接到一個 reduce 步驟。";
    WireReduceWritesStore => "A reduce step writes its output to an S3 bucket (part files), a DynamoDB table (items) or a Redshift table (rows).", "Reduce 步驟把輸出寫到 S3 儲存貯體(part 檔案)、DynamoDB 資料表(項目)或 Redshift 資料表(資料列)。";
    WireClusterRunsMaps => "An EMR cluster runs steps: wire it to a map step (the step's reduce stage runs on the same cluster).", "EMR 叢集執行步驟:請把它接到 map 步驟(該步驟的 reduce 階段在同一叢集執行)。";
    WireClusterNoInput => "Nothing flows into an EMR cluster: jobs read S3 themselves. Wire the cluster to the map step it runs.", "沒有資料流入 EMR 叢集:作業自己讀取 S3。請把叢集接到它要執行的 map 步驟。";
    WireTableByReduce => "Items reach this DynamoDB table from an EMR reduce step or a Lambda consumer's function here: wire one of those to it.", "在這裡,項目由 EMR 的 reduce 步驟或 Lambda 消費者的函式寫入 DynamoDB 資料表:請把其中之一接到它。";
    WireOneInputBucket => "A map step reads one input (an S3 bucket, a DynamoDB table or a Redshift table); remove the other input's wire first.", "Map 步驟只讀取一個輸入(S3 儲存貯體、DynamoDB 資料表或 Redshift 資料表);請先移除另一個輸入的連線。";
    WireOneCluster => "A step runs on one EMR cluster; remove the other cluster's wire first.", "一個步驟只在一個 EMR 叢集上執行;請先移除另一個叢集的連線。";
    WireOneReduceStep => "A step has one map stage and one reduce stage: a map step feeds one reduce step, and a reduce step reduces one map step's output.", "一個步驟只有一個 map 階段與一個 reduce 階段:map 步驟只接一個 reduce 步驟,reduce 步驟只處理一個 map 步驟的輸出。";
    WireOneOutput => "A reduce step writes to one place; remove the other output's wire first.", "Reduce 步驟只寫到一個地方;請先移除另一個輸出的連線。";
    RuleClusterName => "a cluster name is {0}–{1} characters", "叢集名稱為 {0}–{1} 個字元";
    RulePrimaryCount => "a cluster has {0} primary node, or {1} for high availability", "叢集有 {0} 個主節點,高可用時為 {1} 個";
    RuleInstanceType => "choose one of the instance types the lab offers", "請選擇實驗室提供的執行個體類型";
    RuleCoreCount => "the lab's clusters have {0} to {1} core nodes", "實驗室的叢集有 {0} 到 {1} 個核心節點";
    RuleTaskCount => "the lab's clusters have at most {0} task nodes", "實驗室的叢集最多 {0} 個任務節點";
    RuleReplication => "dfs.replication must be at least {0}", "dfs.replication 至少為 {0}";
    RuleBlockMb => "dfs.blocksize is {0}–{1} MB here", "這裡的 dfs.blocksize 為 {0}–{1} MB";
    RuleBytesPerMb => "at least {0} real byte stands for one simulated MB", "每個模擬 MB 至少代表 {0} 個真實位元組";
    RuleRunningCluster => "a running cluster keeps its instance type, primary nodes, market, replication, block size, scale and auto-termination (only the core and task node counts change, with ModifyInstanceGroups): place a new cluster", "執行中的叢集保留建立時的執行個體類型、主節點、購買方式、複寫數、區塊大小、比例與自動終止設定(只有核心與任務節點數可用 ModifyInstanceGroups 變更):請放置新的叢集";
    RuleProgram => "a script job defines mapper(line, file) and reducer(key, values) (and may define combiner(key, values))", "腳本作業要定義 mapper(line, file) 與 reducer(key, values)(可再定義 combiner(key, values))";
    RuleInputPrefix => "an S3 key prefix does not start with '/'", "S3 索引鍵前綴不以 '/' 開頭";
    RuleFailTasks => "name tasks as Hadoop does (m_000003, r_000000), each failing {0} to {1} of its attempts: m_000003:2, r_000000:1", "以 Hadoop 的名稱指定任務(m_000003、r_000000),每個任務失敗 {0} 到 {1} 次嘗試:m_000003:2, r_000000:1";
    RuleReducers => "a job asks for {0} to {1} reducers here", "這裡的作業可要求 {0} 到 {1} 個 reducer";
    RuleOutputPrefix => "the output prefix is a folder: not empty, ending with '/', not starting with '/'", "輸出前綴是資料夾:不可空白、以 '/' 結尾、不以 '/' 開頭";
    RuleTableName => "a table name is {0}–{1} characters: letters, digits, '_', '-' and '.'", "資料表名稱為 {0}–{1} 個字元:字母、數字、'_'、'-' 與 '.'";
    RuleKeyName => "an attribute name is {0}–{1} characters, and the sort key is another attribute than the partition key", "屬性名稱為 {0}–{1} 個字元,排序索引鍵須與分割區索引鍵不同";
    RuleKeySchema => "a table's key schema cannot be changed after it is created: add a new table", "資料表建立後不能變更索引鍵結構:請新增資料表";
    ClusterNameField => "Cluster name", "叢集名稱";
    PrimaryNodes => "Primary nodes", "主節點";
    PrimaryHa => "3 (high availability)", "3(高可用)";
    InstanceTypeField => "Instance type", "執行個體類型";
    CoreNodes => "Core nodes", "核心節點";
    TaskNodes => "Task nodes", "任務節點";
    TaskMarketField => "Task nodes bought", "任務節點購買方式";
    MarketOnDemand => "On-Demand", "隨需";
    MarketSpot => "Spot (may be reclaimed)", "Spot(可能被收回)";
    ReplicationField => "HDFS replication (dfs.replication)", "HDFS 複寫數(dfs.replication)";
    ReplicationAuto => "EMR's default for the core count: {0}", "依核心節點數的 EMR 預設值:{0}";
    BlockMbField => "HDFS block size (MB)", "HDFS 區塊大小(MB)";
    BytesPerMbField => "Real bytes per simulated MB", "每個模擬 MB 的真實位元組";
    AutoTerminateField => "Terminate after the last step (a transient cluster)", "最後一個步驟後終止(暫時性叢集)";
    ScaleNote => "Sizes are shown at a scale: {0} real bytes of data stand for 1 MB. Outputs are exact for the real data.", "大小依比例顯示:{0} 個真實位元組代表 1 MB。輸出對真實資料完全精確。";
    JobField => "Job", "作業";
    JobScript => "Your script (Hadoop Streaming, Rhai)", "自訂腳本(Hadoop Streaming,Rhai)";
    JobWordcount => "Word count", "字數統計";
    JobPageviews => "Page views per hour", "每小時頁面瀏覽數";
    JobLogLevels => "Log lines per level", "各層級日誌行數";
    JobInvertedIndex => "Inverted index", "反向索引";
    JobTopN => "Top 3 values per key", "每個鍵的前 3 大值";
    JobAverage => "Average per key", "每個鍵的平均值";
    ScriptTemplate => "Start from a template", "從範本開始";
    InputPrefixField => "Input prefix in the bucket", "儲存貯體中的輸入前綴";
    InputFromField => "Read the input", "讀取輸入的方式";
    InputFromHdfs => "Copy into HDFS first (s3-dist-cp)", "先複製到 HDFS(s3-dist-cp)";
    InputFromS3 => "Straight from S3 (EMRFS)", "直接從 S3 讀取(EMRFS)";
    CombinerField => "Run the combiner", "執行 combiner";
    SpeculativeField => "Speculative execution", "推測執行";
    FailTasksField => "Inject task failures (task:attempts)", "注入任務失敗(任務:次數)";
    ReducersField => "Reducers (mapreduce.job.reduces)", "Reducer 數(mapreduce.job.reduces)";
    OutputPrefixField => "Output prefix (each run writes its own folder)", "輸出前綴(每次執行寫到自己的資料夾)";
    TableNameField => "Table name", "資料表名稱";
    PartitionKeyField => "Partition key", "分割區索引鍵";
    KeyTypeField => "Partition key type", "分割區索引鍵型別";
    KeyTypeS => "String (S)", "字串(S)";
    KeyTypeN => "Number (N)", "數字(N)";
    SortKeyField => "Sort key (empty: none)", "排序索引鍵(空白表示無)";
    ClusterStateLabel => "Cluster state", "叢集狀態";
    NodesHeading => "Nodes", "節點";
    HdfsBlocks => "HDFS blocks", "HDFS 區塊";
    ReplicaMark => "copy", "副本";
    NoContainers => "no containers", "無容器";
    ContainersLabel => "containers", "容器";
    AppMaster => "ApplicationMaster", "ApplicationMaster";
    ReclaimSpot => "Reclaim this Spot node", "收回這個 Spot 節點";
    LoseNode => "Lose this node", "讓這個節點故障";
    StepsHeading => "Steps", "步驟";
    ActivityHeading => "What happened", "發生了什麼";
    RunJob => "Run the job (AddJobFlowSteps)", "執行作業(AddJobFlowSteps)";
    CannotRun => "Cannot run yet: {0}", "還不能執行:{0}";
    RunNotAMapStep => "only a map step runs a job.", "只有 map 步驟能執行作業。";
    RunNoInput => "the map step has no input: wire an S3 bucket, a DynamoDB table or a Redshift table to it.", "map 步驟沒有輸入:請把 S3 儲存貯體、DynamoDB 資料表或 Redshift 資料表接到它。";
    RunNoCluster => "the map step runs on no cluster: wire an EMR cluster to it.", "map 步驟沒有叢集可執行:請把 EMR 叢集接到它。";
    RunNoReduce => "the map step has no reduce stage: wire it to a reduce step.", "map 步驟沒有 reduce 階段:請把它接到 reduce 步驟。";
    RunNoOutput => "the reduce step writes nowhere: wire it to an S3 bucket, a DynamoDB table or a Redshift table.", "reduce 步驟沒有輸出:請把它接到 S3 儲存貯體、DynamoDB 資料表或 Redshift 資料表。";
    RunClusterEnded => "the cluster is {0}: a cluster that is shutting down or terminated takes no steps.", "叢集為 {0}:正在關閉或已終止的叢集不接受步驟。";
    RunReadsOwnOutput => "the job would read its own output (its output folder is inside its input): set an input prefix.", "作業會讀到自己的輸出(輸出資料夾在輸入範圍內):請設定輸入前綴。";
    RunRefusedByEmr => "EMR refused the step: {0}", "EMR 拒絕了這個步驟:{0}";
    JobRunHeading => "Run {0}", "第 {0} 次執行";
    NoRunsYet => "No run yet: wire the step, then run it.", "尚未執行:接好步驟後執行。";
    MapTasks => "Map tasks (one per split)", "Map 任務(每個分割一個)";
    ReduceTasks => "Reduce tasks", "Reduce 任務";
    ContainersFree => "Map containers free at start", "開始時可用的 map 容器";
    WavesLabel => "Waves", "批次(wave)";
    QueueLabel => "Waiting for a container", "等待容器";
    DataLocalMaps => "Data-local / rack-local / off-node maps", "資料本地 / 機架本地 / 非本地 map";
    ShuffleBytes => "Shuffle (real bytes)", "Shuffle(真實位元組)";
    AttemptsBooks => "Attempts: running / succeeded / failed / killed", "嘗試:執行中 / 成功 / 失敗 / 終止";
    JobStateLabel => "Job", "作業";
    JobFailedBecause => "The job failed: {0}", "作業失敗:{0}";
    GanttTitle => "Task attempts per container over virtual time (colour: wave; pale: read over the network; red: failed; grey: killed)", "各容器的任務嘗試(虛擬時間;顏色:批次;淡色:經網路讀取;紅:失敗;灰:終止)";
    ExportPyspark => "Download as PySpark (spark-submit)", "下載為 PySpark(spark-submit)";
    OutputHeading => "Output", "輸出";
    OutputKey => "Key", "鍵";
    OutputValue => "Value", "值";
    OutputWhere => "Written to", "寫入位置";
    PartFiles => "Part files", "Part 檔案";
    ItemsHeading => "Items", "項目";
    ItemsCount => "{0} items", "{0} 個項目";
    TableStatusLabel => "Table status", "資料表狀態";
    FilterItems => "Filter by key", "依鍵篩選";
    SortByValue => "Largest values first", "值由大到小";
    NodeGone => "gone", "已離開";
    NodeCluster => "{0} · {1} nodes", "{0} · {1} 個節點";
    NodeStepRunning => "{0} wait · {1} run · {2} done", "等待 {0} · 執行 {1} · 完成 {2}";
    NodeStepEnded => "{0} · {1} done", "{0} · 完成 {1}";
}

/// The EMR steps' and DynamoDB tables' settings whose range rule the page words, and the text
/// of each (see `notice::setting_rule`).
pub const SETTING_RULES: &[(&str, TE)] = &[
    ("name", TE::RuleClusterName),
    ("primary_count", TE::RulePrimaryCount),
    ("instance_type", TE::RuleInstanceType),
    ("core_count", TE::RuleCoreCount),
    ("task_count", TE::RuleTaskCount),
    ("replication", TE::RuleReplication),
    ("block_mb", TE::RuleBlockMb),
    ("bytes_per_mb", TE::RuleBytesPerMb),
    ("running_cluster", TE::RuleRunningCluster),
    ("program", TE::RuleProgram),
    ("input_prefix", TE::RuleInputPrefix),
    ("fail_tasks", TE::RuleFailTasks),
    ("reducers", TE::RuleReducers),
    ("output_prefix", TE::RuleOutputPrefix),
    ("table_name", TE::RuleTableName),
    ("partition_key", TE::RuleKeyName),
    ("sort_key", TE::RuleKeyName),
    ("key_schema", TE::RuleKeySchema),
];
