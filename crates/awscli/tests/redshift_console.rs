//! `aws redshift-data` lines answered by the model: the rows Firehose loaded into a Redshift
//! table, read back from the console.

mod common;
use common::{json_of, run};
use shardlab_sim::catalogue::new_component;
use shardlab_sim::scenario::{ComponentKind, WireSpec};
use shardlab_sim::wiring::Kind;
use shardlab_sim::{Scenario, SimDuration, World};

#[test]
fn the_rows_firehose_loaded_read_back_through_the_data_api() {
    let mut s = Scenario::default();
    for kind in [Kind::Producer, Kind::Firehose, Kind::Redshift] {
        s.components.push(new_component(&s, kind, 0.0, 0.0));
    }
    for c in &mut s.components {
        if let ComponentKind::Firehose(f) = &mut c.kind {
            f.buffer_interval_s = 60;
        }
    }
    s.wires = vec![
        WireSpec { from: "producer".into(), to: "firehose".into() },
        WireSpec { from: "firehose".into(), to: "redshift".into() },
    ];
    let ComponentKind::Redshift(r) = &s.components[2].kind else { panic!("a Redshift component") };
    let (cluster, table) = (r.cluster.clone(), r.table.clone());
    let mut w = World::from_scenario(&s).unwrap();
    w.advance(SimDuration::from_secs(130));
    let rows = w.stores().redshift.clusters[&cluster].tables[&table].rows.len();
    assert!(rows > 0, "Firehose loaded rows");

    let sql = |q: &str| {
        format!("aws redshift-data execute-statement --cluster-identifier {cluster} --database dev --sql \"{q}\"")
    };
    let id = json_of(&run(&mut w, &sql(&format!("select count(*) from {table}"))).unwrap())["Id"]
        .as_str()
        .unwrap()
        .to_string();
    let described = json_of(&run(&mut w, &format!("aws redshift-data describe-statement --id {id}")).unwrap());
    assert_eq!(described["Status"], "FINISHED");
    assert!(
        described["CreatedAt"].as_str().unwrap().starts_with("2026-01-01T00:02:10"),
        "printed as ISO 8601: {described}"
    );
    let result = json_of(&run(&mut w, &format!("aws redshift-data get-statement-result --id {id}")).unwrap());
    assert_eq!(result["Records"][0][0]["longValue"].as_u64(), Some(rows as u64));

    let id = json_of(&run(&mut w, &sql(&format!("select * from {table} limit 3"))).unwrap())["Id"]
        .as_str()
        .unwrap()
        .to_string();
    let result = json_of(&run(&mut w, &format!("aws redshift-data get-statement-result --id {id}")).unwrap());
    assert_eq!(result["TotalNumRows"], 3);
    let first = &w.stores().redshift.clusters[&cluster].tables[&table].rows[0];
    assert_eq!(result["Records"][0][0]["stringValue"].as_str(), Some(first[0].as_str()));

    let id = json_of(&run(&mut w, &sql("delete from t")).unwrap())["Id"].as_str().unwrap().to_string();
    let err = run(&mut w, &format!("aws redshift-data get-statement-result --id {id}")).unwrap_err();
    assert!(
        err.starts_with("An error occurred (ResourceNotFoundException) when calling the GetStatementResult operation"),
        "{err}"
    );
}
