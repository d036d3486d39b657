//! EMR's moving parts as dots on the wires, read from the jobs' own attempts: a split leaves
//! the input bucket for the map stage when its map attempt starts (coloured by the wave it
//! runs in), shuffle dots run from the map stage to the reduce stage when a reducer starts
//! (coloured by its partition), and the output lands in the store when a reducer commits.
//! Whatever time a frame covers, every attempt that started or ended in it is drawn once.

use crate::components::records_layer::{ports, Dot};
use shardlab_sim::emr::job::{AttemptState, TaskKind};
use shardlab_sim::{Scenario, SimTime, World};

/// Dots added per frame at most (a 3,600× frame may cover a whole job).
const MOST_PER_FRAME: usize = 80;

/// A wave's hue: blue, green, purple, amber, as the containers are coloured.
fn wave_hue(wave: u32) -> u32 {
    [215, 135, 270, 40][(wave.max(1) as usize - 1) % 4]
}

/// Adds the dots of what happened in EMR jobs after `*since`, up to the world's time.
pub fn take_new(dots: &mut Vec<Dot>, since: &mut SimTime, doc: &Scenario, world: &World, now_ms: f64) {
    let now = world.now();
    let after = *since;
    *since = now;
    if now <= after {
        return;
    }
    let mut added = 0;
    for map in doc.components.iter().filter(|c| c.kind.kind() == shardlab_sim::wiring::Kind::MapStep) {
        let Some(run) = world.emr_runs(&map.id).last() else { continue };
        let Some(cluster) = world.emr().cluster(&run.cluster) else { continue };
        let Some(job) = cluster.steps.iter().find(|s| Some(&s.id) == run.steps.last()).and_then(|s| s.job.as_ref())
        else {
            continue;
        };
        let wiring = doc.emr_step(&map.id);
        let spec = |id: Option<String>| id.and_then(|id| doc.component(&id).cloned());
        let (input, reduce, output) = (spec(wiring.input), spec(wiring.reduce), spec(wiring.output));
        let in_window = |t: SimTime| t > after && t <= now;
        for a in &job.attempts {
            let task = &job.tasks[a.task];
            let partition_hue = (task.index as u32 * 47 + 300) % 360;
            // An attempt may both start and end within one frame: each leg is looked at.
            let legs = [
                (task.kind == TaskKind::Map && in_window(a.start))
                    .then(|| input.as_ref().map(|i| (ports(i).0, ports(map).1, wave_hue(a.wave))))
                    .flatten(),
                (task.kind == TaskKind::Reduce && in_window(a.start))
                    .then(|| reduce.as_ref().map(|r| (ports(map).0, ports(r).1, partition_hue)))
                    .flatten(),
                (task.kind == TaskKind::Reduce && a.state == AttemptState::Succeeded && in_window(a.end))
                    .then(|| reduce.as_ref().zip(output.as_ref()).map(|(r, o)| (ports(r).0, ports(o).1, partition_hue)))
                    .flatten(),
            ];
            for (from, to, hue) in legs.into_iter().flatten() {
                if added >= MOST_PER_FRAME {
                    return;
                }
                dots.push(Dot::between(from, to, hue, now_ms));
                added += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shardlab_sim::catalogue::new_component;
    use shardlab_sim::emr::datasets::Dataset;
    use shardlab_sim::pipeline::delivery_settings::SampleData;
    use shardlab_sim::scenario::{ComponentKind, WireSpec};
    use shardlab_sim::wiring::Kind;
    use shardlab_sim::SimDuration;
    use wasm_bindgen_test::wasm_bindgen_test;

    /// A world whose map step has run its word count over 256 KiB of text (2 splits).
    fn world() -> (Scenario, World) {
        let mut s = Scenario::default();
        for kind in [Kind::S3Bucket, Kind::EmrCluster, Kind::MapStep, Kind::ReduceStep, Kind::DynamoDbTable] {
            s.components.push(new_component(&s, kind, 0.0, 0.0));
        }
        if let ComponentKind::S3Bucket(b) = &mut s.components[0].kind {
            b.sample = Some(SampleData { dataset: Dataset::Corpus, kib: 256 });
        }
        let wire = |from: &str, to: &str| WireSpec { from: from.into(), to: to.into() };
        s.wires = vec![wire("bucket", "map"), wire("cluster", "map"), wire("map", "reduce"), wire("reduce", "table")];
        let mut w = World::from_scenario(&s).unwrap();
        w.advance(SimDuration::from_secs(400));
        w.run_map_step("map").unwrap();
        (s, w)
    }

    #[wasm_bindgen_test]
    fn every_attempt_is_drawn_once_however_the_frames_slice_time() {
        let (doc, mut w) = world();
        let start = w.now();
        let (mut dots, mut since) = (Vec::new(), start);
        let mut drawn = 0;
        for _ in 0..300 {
            w.advance(SimDuration::from_secs(1));
            take_new(&mut dots, &mut since, &doc, &w, 0.0);
            drawn += std::mem::take(&mut dots).len();
        }
        let job = w.canvas_cluster("cluster").unwrap().steps.last().unwrap().job.clone().unwrap();
        let maps = job.attempts.iter().filter(|a| job.tasks[a.task].kind == TaskKind::Map).count();
        let reduce_starts = job.attempts.iter().filter(|a| job.tasks[a.task].kind == TaskKind::Reduce).count();
        let commits = job
            .attempts
            .iter()
            .filter(|a| job.tasks[a.task].kind == TaskKind::Reduce && a.state == AttemptState::Succeeded)
            .count();
        assert!(maps >= 2 && commits == 2, "the job ran: {maps} maps, {commits} commits");
        assert_eq!(drawn, maps + reduce_starts + commits);
        // One frame over the whole job draws the same.
        let (mut one, mut since) = (Vec::new(), start);
        take_new(&mut one, &mut since, &doc, &w, 0.0);
        assert_eq!(one.len(), drawn);
        take_new(&mut one, &mut since, &doc, &w, 0.0);
        assert_eq!(one.len(), drawn, "nothing twice");
    }
}
