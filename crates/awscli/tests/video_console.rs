//! `aws kinesisvideo` and `aws kinesis-video-archived-media` lines answered by the model: a
//! stream made and given retention from the console, the canvas camera's fragments listed,
//! and an HLS session refused while the stream kept nothing.

mod common;
use common::{json_of, run};
use shardlab_sim::catalogue::new_component;
use shardlab_sim::scenario::{ComponentKind, WireSpec};
use shardlab_sim::wiring::Kind;
use shardlab_sim::{Scenario, SimDuration, World};

#[test]
fn a_stream_made_in_the_console_keeps_the_cameras_fragments_once_it_has_retention() {
    let mut s = Scenario::default();
    s.components.push(new_component(&s, Kind::Camera, 0.0, 0.0));
    s.components.push(new_component(&s, Kind::VideoStream, 0.0, 0.0));
    s.wires = vec![WireSpec { from: "camera".into(), to: "video".into() }];
    let ComponentKind::VideoStream(v) = &s.components[1].kind else { panic!("a video stream") };
    let name = v.stream_name.clone();
    let mut w = World::from_scenario(&s).unwrap();
    w.advance(SimDuration::from_secs(5));

    let refused =
        run(&mut w, &format!("aws kinesis-video-archived-media get-hls-streaming-session-url --stream-name {name}"))
            .unwrap_err();
    assert!(refused.contains("NoDataRetentionException"), "{refused}");

    let info = json_of(&run(&mut w, &format!("aws kinesisvideo describe-stream --stream-name {name}")).unwrap());
    let version = info["StreamInfo"]["Version"].as_str().unwrap().to_string();
    run(
        &mut w,
        &format!(
            "aws kinesisvideo update-data-retention --stream-name {name} --current-version {version} --operation INCREASE_DATA_RETENTION --data-retention-change-in-hours 2"
        ),
    )
    .unwrap();
    w.advance(SimDuration::from_secs(10));
    let listed = json_of(
        &run(&mut w, &format!("aws kinesis-video-archived-media list-fragments --stream-name {name}")).unwrap(),
    );
    let fragments = listed["Fragments"].as_array().unwrap();
    assert!(fragments.len() >= 8, "about one fragment a second since the retention was raised: {listed}");
    let clip = json_of(
        &run(
            &mut w,
            &format!(
                "aws kinesis-video-archived-media get-clip --stream-name {name} --clip-fragment-selector '{{\"FragmentSelectorType\": \"SERVER_TIMESTAMP\", \"TimestampRange\": {{\"StartTimestamp\": 1767225605, \"EndTimestamp\": 1767225612}}}}'"
            ),
        )
        .unwrap(),
    );
    assert_eq!(clip["ContentType"], "image/gif", "{clip}");
    assert!(clip["Payload"].as_str().unwrap().starts_with("R0lGOD"), "a GIF, base64");
    let url = json_of(
        &run(&mut w, &format!("aws kinesis-video-archived-media get-hls-streaming-session-url --stream-name {name} --playback-mode LIVE")).unwrap(),
    );
    assert!(url["HLSStreamingSessionURL"].as_str().unwrap().starts_with("https://"), "{url}");

    run(&mut w, "aws kinesisvideo create-stream --stream-name side-door --data-retention-in-hours 24").unwrap();
    let streams = json_of(&run(&mut w, "aws kinesisvideo list-streams").unwrap());
    let names: Vec<&str> =
        streams["StreamInfoList"].as_array().unwrap().iter().map(|s| s["StreamName"].as_str().unwrap()).collect();
    assert!(names.contains(&"side-door") && names.contains(&name.as_str()), "{names:?}");
    let bad = run(&mut w, "aws kinesisvideo update-data-retention --stream-name side-door").unwrap_err();
    assert!(bad.contains("--current-version"), "the CLI names the missing option: {bad}");
}
