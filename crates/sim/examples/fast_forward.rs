//! Runs the fast-forward workload (`workload::fast_forward_scenario`) for the virtual hours
//! given (24 by default) and prints the wall time, the virtual hours per wall second and the
//! process's peak memory (VmHWM, Linux), as `name: value unit` lines `cargo xtask bench`
//! reads, built as the native benchmarks are:
//! `cargo run --profile bench -p shardlab-sim --example fast_forward -- 24`
//!
//! With `heaviest SECONDS` it runs `workload::heaviest_scenario` instead (a million records a
//! second at a hot key) for that many virtual seconds, 10 by default; with `s3 HOURS`,
//! `workload::fast_forward_to_s3_scenario` (the same stream delivered to S3 by Firehose).

use shardlab_sim::{workload, SimDuration, World};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("heaviest") {
        let seconds = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(10);
        return heaviest(seconds);
    }
    if args.first().map(String::as_str) == Some("s3") {
        let hours = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(24);
        return to_s3(hours);
    }
    let hours: u64 = args.first().and_then(|a| a.parse().ok()).unwrap_or(24);
    let (world, wall) = run_hours(&workload::fast_forward_scenario(), hours);
    let ledger = world.ledger();
    println!("ff_virtual_hours: {hours} h");
    println!("ff_wall_s: {wall:.2} s");
    println!("ff_virtual_hours_per_s_native: {:.3} h/s", hours as f64 / wall);
    println!("ff_peak_memory_mb_native: {:.0} MB", peak_memory_kb() as f64 / 1024.0);
    println!("ff_records_created: {} records", ledger.created);
    if let Err(e) = world.audit_ledger() {
        eprintln!("the books do not agree: {e}");
        std::process::exit(1);
    }
}

/// The fast-forward workload with Firehose delivering the stream to S3.
fn to_s3(hours: u64) {
    let (world, wall) = run_hours(&workload::fast_forward_to_s3_scenario(), hours);
    let objects: Vec<_> = world.s3().buckets.values().flat_map(|b| b.objects.values()).collect();
    let held: usize = objects.iter().map(|o| o.held_bytes()).sum();
    let delivered = world.ledger().count(shardlab_sim::Place::DeliveredToS3);
    println!("ff_s3_virtual_hours: {hours} h");
    println!("ff_s3_wall_s: {wall:.2} s");
    println!("ff_s3_virtual_hours_per_s_native: {:.3} h/s", hours as f64 / wall);
    println!("ff_s3_peak_memory_mb_native: {:.0} MB", peak_memory_kb() as f64 / 1024.0);
    println!("ff_s3_objects: {} objects", objects.len());
    println!("ff_s3_records_delivered: {delivered} records");
    println!("ff_s3_object_mb: {:.0} MB", objects.iter().map(|o| o.len()).sum::<usize>() as f64 / 1e6);
    println!("ff_s3_object_held_mb: {:.1} MB", held as f64 / 1e6);
    if let Err(e) = world.audit_ledger() {
        eprintln!("the books do not agree: {e}");
        std::process::exit(1);
    }
}

/// `scenario` run for `hours` virtual hours, a virtual minute at a time, and the wall seconds
/// that took.
fn run_hours(scenario: &shardlab_sim::Scenario, hours: u64) -> (World, f64) {
    let mut world = match World::from_scenario(scenario) {
        Ok(world) => world,
        Err(e) => panic!("the workload's scenario is valid: {e:?}"),
    };
    let started = Instant::now();
    for _ in 0..hours * 60 {
        world.advance(SimDuration::from_secs(60));
    }
    (world, started.elapsed().as_secs_f64())
}

fn heaviest(seconds: u64) {
    let mut world = match World::from_scenario(&workload::heaviest_scenario()) {
        Ok(world) => world,
        Err(e) => panic!("the heaviest scenario is valid: {e:?}"),
    };
    let started = Instant::now();
    world.advance(SimDuration::from_secs(seconds));
    let wall = started.elapsed().as_secs_f64();
    let ledger = world.ledger();
    println!("heaviest_virtual_s: {seconds} s");
    println!("heaviest_wall_s: {wall:.2} s");
    println!("heaviest_peak_memory_mb_native: {:.0} MB", peak_memory_kb() as f64 / 1024.0);
    println!("heaviest_ledger: {:?}", ledger);
    if let Err(e) = world.audit_ledger() {
        eprintln!("the books do not agree: {e}");
        std::process::exit(1);
    }
}

/// The process's peak resident memory in KiB (0 where /proc is not there).
fn peak_memory_kb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}
