//! Runs the fast-forward workload (`workload::fast_forward_scenario`) for the virtual hours
//! given (24 by default) and prints the wall time, the virtual hours per wall second and the
//! process's peak memory (VmHWM, Linux), as `name: value unit` lines `cargo xtask bench`
//! reads. `cargo run --release -p shardlab-sim --example fast_forward -- 24`

use shardlab_sim::{workload, SimDuration, World};
use std::time::Instant;

fn main() {
    let hours: u64 = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(24);
    let mut world = match World::from_scenario(&workload::fast_forward_scenario()) {
        Ok(world) => world,
        Err(e) => panic!("the fast-forward scenario is valid: {e:?}"),
    };
    let started = Instant::now();
    for _ in 0..hours * 60 {
        world.advance(SimDuration::from_secs(60));
    }
    let wall = started.elapsed().as_secs_f64();
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

/// The process's peak resident memory in KiB (0 where /proc is not there).
fn peak_memory_kb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}
