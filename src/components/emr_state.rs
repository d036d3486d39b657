//! The live state of the EMR components: a cluster's nodes (containers, HDFS blocks with
//! their copies, the fault buttons), steps and activity; a map step's run (the Run button,
//! or why it cannot run), its tasks, waves, queue and Gantt chart; a reduce step's shuffle
//! and its output (part files or items). Every figure is read from the model.

use crate::components::component_state::grouped;
use crate::components::gantt::{Bar, BarKind, Gantt};
use crate::i18n::{fill, Lang};
use crate::i18n_emr::TE;
use crate::notice::Notice;
use crate::world_handle::WorldHandle;
use shardlab_sim::emr::cluster::{Cluster, Fault};
use shardlab_sim::emr::job::{AttemptState, Job, Locality, TaskKind, TaskState};
use shardlab_sim::emr::node::{ContainerKind, Market, NodeRole, NodeState};
use shardlab_sim::emr::step::StepKind;
use shardlab_sim::scenario::{ComponentKind, ComponentSpec};
use shardlab_sim::world::emr_canvas::RunRefusal;
use shardlab_sim::World;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct EmrStateProps {
    pub lang: Lang,
    pub spec: ComponentSpec,
    pub revision: u64,
    pub on_world_changed: Callback<()>,
    pub on_notice: Callback<Notice>,
    pub dark: bool,
}

fn refusal_text(r: &RunRefusal, lang: Lang) -> String {
    match r {
        RunRefusal::NotAMapStep => TE::RunNotAMapStep.t(lang).to_string(),
        RunRefusal::NoInputBucket => TE::RunNoInput.t(lang).to_string(),
        RunRefusal::NoCluster => TE::RunNoCluster.t(lang).to_string(),
        RunRefusal::NoReduceStep => TE::RunNoReduce.t(lang).to_string(),
        RunRefusal::NoOutput => TE::RunNoOutput.t(lang).to_string(),
        RunRefusal::ClusterEnded(state) => fill(TE::RunClusterEnded.t(lang), &[state]),
        RunRefusal::ReadsItsOwnOutput => TE::RunReadsOwnOutput.t(lang).to_string(),
        RunRefusal::Refused(m) => fill(TE::RunRefusedByEmr.t(lang), &[m]),
    }
}

fn seconds(t: shardlab_sim::SimTime) -> f64 {
    t.as_millis() as f64 / 1000.0
}

#[function_component(EmrState)]
pub fn emr_state(p: &EmrStateProps) -> Html {
    let handle = use_context::<WorldHandle>().expect("the world is provided");
    let world = handle.world.borrow();
    match &p.spec.kind {
        ComponentKind::EmrCluster(_) => cluster_view(p, &world, &handle),
        ComponentKind::MapStep(_) => map_view(p, &world, &handle),
        ComponentKind::ReduceStep(_) => reduce_view(p, &world),
        _ => html! {},
    }
}

fn fault_button(p: &EmrStateProps, handle: &WorldHandle, text: TE, fault: Fault) -> Html {
    let (world, done, notice, cluster) =
        (handle.world.clone(), p.on_world_changed.clone(), p.on_notice.clone(), p.spec.id.clone());
    let onclick = Callback::from(move |_: MouseEvent| {
        let result = world.borrow_mut().emr_fault(&cluster, fault.clone());
        if let Err(message) = result {
            notice.emit(Notice::OperationRefused {
                operation: "EMR".into(),
                error_type: "InvalidRequestException".into(),
                message,
            });
        }
        done.emit(());
    });
    html! { <button type="button" class="danger small" {onclick}>{text.t(p.lang)}</button> }
}

fn cluster_view(p: &EmrStateProps, world: &World, handle: &WorldHandle) -> Html {
    let lang = p.lang;
    let Some(c) = world.canvas_cluster(&p.spec.id) else { return html! {} };
    let job = running_job(c);
    html! { <>
        <dl class="facts">
            <dt>{TE::ClusterStateLabel.t(lang)}</dt>
            <dd class="cluster-state" data-state={c.state.api_name()}>{format!("{} · {} · {}", c.state.api_name(), c.id, c.state_since)}</dd>
            <dt>{TE::ReplicationField.t(lang)}</dt><dd>{c.hdfs.replication}</dd>
        </dl>
        <p class="hint scale-note">{fill(TE::ScaleNote.t(lang), &[&c.config.scale.bytes_per_mb])}</p>
        <h4>{TE::NodesHeading.t(lang)}</h4>
        <ul class="emr-nodes">
            { for c.nodes.iter().enumerate().map(|(i, n)| {
                let gone = n.is_gone();
                let state = match &n.state {
                    NodeState::Provisioning { .. } => "PROVISIONING".to_string(),
                    NodeState::Running => "RUNNING".to_string(),
                    NodeState::Reclaiming { gone_at } => format!("RUNNING · Spot notice, gone at {gone_at}"),
                    NodeState::Decommissioning => "DECOMMISSIONING".to_string(),
                    NodeState::Terminated { reason, .. } => format!("{} ({reason:?})", TE::NodeGone.t(lang)),
                };
                let market = if n.market == Market::Spot { " · Spot" } else { "" };
                let blocks = c.hdfs.replicas_on(i);
                let live = !gone && matches!(n.state, NodeState::Running | NodeState::Reclaiming { .. } | NodeState::Decommissioning);
                html! {
                    <li class={classes!("emr-node", n.role.short(), gone.then_some("gone"))} data-node={n.name.clone()}>
                        <div class="emr-node-head">
                            <strong>{&n.name}</strong>{format!(" · {}{market} · {} · {state}", n.role.api_name(), n.instance_type.name)}
                        </div>
                        <div class="containers" aria-label={format!("{} {}", n.name, TE::ContainersLabel.t(lang))}>
                            { for n.containers.iter().flatten().map(|ct| container_chip(ct, job, lang)) }
                            if n.running_containers() == 0 { <span class="hint">{TE::NoContainers.t(lang)}</span> }
                        </div>
                        if n.role == NodeRole::Core {
                            <div class="blocks">
                                {format!("{}: {blocks} ", TE::HdfsBlocks.t(lang))}
                                { for block_names(c, i).into_iter().take(12).map(|(name, copies)| html! {
                                    <span class={classes!("block", (copies > 1).then_some("replicated"))}
                                          title={format!("{copies} {}", TE::ReplicaMark.t(lang))}>{name}</span>
                                }) }
                            </div>
                        }
                        if live && n.market == Market::Spot && n.state == NodeState::Running {
                            { fault_button(p, handle, TE::ReclaimSpot, Fault::ReclaimSpot(n.name.clone())) }
                        }
                        if live && n.role != NodeRole::Primary {
                            { fault_button(p, handle, TE::LoseNode, Fault::LoseNode(n.name.clone())) }
                        }
                    </li>
                }
            }) }
        </ul>
        <h4>{TE::StepsHeading.t(lang)}</h4>
        <ol class="emr-steps">
            { for c.steps.iter().map(|s| html! {
                <li data-state={s.state.api_name()}>
                    <code>{&s.id}</code>{format!(" · {} · {}", s.name, s.state.api_name())}
                    if let Some(f) = &s.failure { <p class="error-text">{f}</p> }
                </li>
            }) }
        </ol>
        <h4>{TE::ActivityHeading.t(lang)}</h4>
        <ul class="emr-activity">
            { for c.activity.iter().rev().take(12).map(|(t, line)| html! { <li><time>{t.to_string()}</time>{" "}{line}</li> }) }
        </ul>
    </> }
}

/// The blocks with a copy on node `i`, and how many copies each has.
fn block_names(c: &Cluster, i: usize) -> Vec<(String, usize)> {
    c.hdfs
        .files
        .values()
        .flat_map(|f| &f.blocks)
        .filter(|b| b.replicas.contains(&i))
        .map(|b| (b.name(), b.replicas.len()))
        .collect()
}

/// The job of the running step, if it is a MapReduce job.
fn running_job(c: &Cluster) -> Option<&Job> {
    c.running_step().and_then(|i| c.steps[i].job.as_ref())
}

fn container_chip(ct: &shardlab_sim::emr::node::Container, job: Option<&Job>, lang: Lang) -> Html {
    let attempt = ct.attempt.and_then(|a| job.and_then(|j| j.attempts.get(a)));
    match (ct.kind, attempt) {
        (ContainerKind::AppMaster, _) => html! { <span class="container am">{TE::AppMaster.t(lang)}</span> },
        (kind, Some(a)) => {
            let task = &job.expect("an attempt has its job").tasks[a.task];
            let wave = if kind == ContainerKind::Reduce {
                "reduce".to_string()
            } else {
                format!("wave-{}", a.wave.clamp(1, 4))
            };
            html! { <span class={classes!("container", wave)} title={a.id.clone()}>{&task.name}</span> }
        }
        _ => html! { <span class="container">{"…"}</span> },
    }
}

/// The last run's MapReduce job of a map step, and its cluster.
fn last_job<'w>(world: &'w World, map_id: &str) -> Option<(&'w Cluster, &'w shardlab_sim::emr::step::Step)> {
    let run = world.emr_runs(map_id).last()?;
    let c = world.emr().cluster(&run.cluster)?;
    let step = c.steps.iter().find(|s| Some(&s.id) == run.steps.last())?;
    Some((c, step))
}

fn map_view(p: &EmrStateProps, world: &World, handle: &WorldHandle) -> Html {
    let lang = p.lang;
    let plan = world.plan_map_step(&p.spec.id);
    let run = {
        let (world, done, notice, id) =
            (handle.world.clone(), p.on_world_changed.clone(), p.on_notice.clone(), p.spec.id.clone());
        Callback::from(move |_: MouseEvent| {
            let result = world.borrow_mut().run_map_step(&id);
            if let Err(RunRefusal::Refused(message)) = result {
                notice.emit(Notice::OperationRefused {
                    operation: "AddJobFlowSteps".into(),
                    error_type: "InvalidRequestException".into(),
                    message,
                });
            }
            done.emit(());
        })
    };
    let export = pyspark_link(p, world);
    html! { <>
        <button type="button" class="primary run-job" onclick={run} disabled={plan.is_err()}>{TE::RunJob.t(lang)}</button>
        if let Err(why) = &plan {
            <p class="hint cannot-run" role="status">{fill(TE::CannotRun.t(lang), &[&refusal_text(why, lang)])}</p>
        }
        { export }
        { match last_job(world, &p.spec.id) {
            None => html! { <p class="hint">{TE::NoRunsYet.t(lang)}</p> },
            Some((c, step)) => job_view(p, world, c, step),
        } }
    </> }
}

fn pyspark_link(p: &EmrStateProps, world: &World) -> Html {
    let ComponentKind::MapStep(m) = &p.spec.kind else { return html! {} };
    let shardlab_sim::pipeline::emr_settings::StepProgram::Builtin { job } = &m.program else { return html! {} };
    // The export names the reducers the step's reduce stage asks for.
    let reducers = world
        .scenario()
        .emr_step(&p.spec.id)
        .reduce
        .and_then(|r| match world.scenario().component(&r).map(|c| &c.kind) {
            Some(ComponentKind::ReduceStep(r)) => Some(r.reducers),
            _ => None,
        })
        .unwrap_or(1);
    let script = shardlab_sim::emr::pyspark::script(*job, reducers);
    let href = format!("data:text/x-python;charset=utf-8,{}", js_sys::encode_uri_component(&script));
    html! {
        <a class="button-link" download={format!("{}.py", job.name())} {href}>{TE::ExportPyspark.t(p.lang)}</a>
    }
}

fn job_view(p: &EmrStateProps, world: &World, c: &Cluster, step: &shardlab_sim::emr::step::Step) -> Html {
    let lang = p.lang;
    let Some(job) = &step.job else {
        return html! {
            <p class="hint" data-step-state={step.state.api_name()}>
                {format!("{} · {}", step.name, step.state.api_name())}
                if let Some(f) = &step.failure { <span class="error-text">{" "}{f}</span> }
            </p>
        };
    };
    let books = &job.books;
    let count = |m: &std::collections::BTreeMap<TaskState, u64>, s| m.get(&s).copied().unwrap_or(0);
    let attempts = |s| books.attempts.get(&s).copied().unwrap_or(0);
    let counters = &job.counters;
    let start = seconds(job.started);
    let now = seconds(world.now());
    let mut rows: Vec<(usize, usize)> = job.attempts.iter().map(|a| (a.node, a.slot)).collect();
    rows.sort();
    rows.dedup();
    let bars = job
        .attempts
        .iter()
        .map(|a| Bar {
            row: rows.iter().position(|r| *r == (a.node, a.slot)).unwrap_or(0),
            solid: match a.locality {
                Locality::NodeLocal | Locality::Shuffle => 1.0,
                Locality::RackLocal => 0.6,
                Locality::OffNode => 0.4,
            },
            start: seconds(a.start) - start,
            end: (if a.state == AttemptState::Running { now.min(seconds(a.end)) } else { seconds(a.end) }) - start,
            kind: match a.state {
                AttemptState::Failed => BarKind::Failed,
                AttemptState::Killed => BarKind::Killed,
                _ if job.tasks[a.task].kind == TaskKind::Reduce => BarKind::Reduce,
                _ => BarKind::Wave(a.wave),
            },
        })
        .collect::<Vec<_>>();
    let row_names = rows.iter().map(|(n, s)| format!("{} #{s}", c.nodes[*n].name)).collect::<Vec<_>>();
    html! { <>
        <h4>{fill(TE::JobRunHeading.t(lang), &[&world.emr_runs(&p.spec.id).len()])}</h4>
        <dl class="facts emr-job" data-step-state={step.state.api_name()}>
            <dt>{TE::JobStateLabel.t(lang)}</dt><dd class="job-state">{format!("{} · {} · {}", job.id, step.name, step.state.api_name())}</dd>
            <dt>{TE::MapTasks.t(lang)}</dt><dd class="map-tasks">{job.map_count()}</dd>
            <dt>{TE::ContainersFree.t(lang)}</dt><dd>{job.containers_at_start}</dd>
            <dt>{TE::WavesLabel.t(lang)}</dt><dd class="waves">{job.waves()}</dd>
            <dt>{TE::QueueLabel.t(lang)}</dt><dd class="queue">{job.queue.len()}</dd>
            <dt>{TE::AttemptsBooks.t(lang)}</dt>
            <dd class="attempt-books">{format!("{} / {} / {} / {}", attempts(AttemptState::Running), attempts(AttemptState::Succeeded), attempts(AttemptState::Failed), attempts(AttemptState::Killed))}</dd>
            <dt>{TE::DataLocalMaps.t(lang)}</dt>
            <dd>{format!("{} / {} / {}", counters.data_local_maps, counters.rack_local_maps, counters.off_node_maps)}</dd>
            <dt>{TE::ReduceTasks.t(lang)}</dt>
            <dd>{format!("{} ({} ✓)", job.reduce_count(), count(&books.reduces, TaskState::Succeeded))}</dd>
        </dl>
        if let Some(f) = &step.failure { <p class="error-text job-failure" role="status">{fill(TE::JobFailedBecause.t(lang), &[f])}</p> }
        <Gantt title={TE::GanttTitle.t(lang)} rows={row_names} {bars} dark={p.dark} />
    </> }
}

fn reduce_view(p: &EmrStateProps, world: &World) -> Html {
    let lang = p.lang;
    let Some(map_id) = world.scenario().map_step_of(&p.spec.id).map(str::to_string) else {
        return html! { <p class="hint">{crate::i18n_emr::TE::WireReduceFedByMap.t(lang)}</p> };
    };
    let Some((_, step)) = last_job(world, &map_id) else {
        return html! { <p class="hint">{TE::NoRunsYet.t(lang)}</p> };
    };
    let Some(job) = &step.job else {
        return html! { <p class="hint">{format!("{} · {}", step.name, step.state.api_name())}</p> };
    };
    let output = match &step.kind {
        StepKind::MapReduce(spec) => spec.output.clone(),
        StepKind::DistCp { dest, .. } => dest.clone(),
    };
    let (out, files) = job.output.read_back(world.stores());
    html! { <>
        <dl class="facts">
            <dt>{TE::ReduceTasks.t(lang)}</dt><dd>{job.reduce_count()}</dd>
            <dt>{TE::ShuffleBytes.t(lang)}</dt><dd class="shuffle-bytes">{grouped(job.counters.shuffle_bytes)}</dd>
            <dt>{TE::OutputWhere.t(lang)}</dt><dd><code>{output}</code></dd>
            <dt>{TE::PartFiles.t(lang)}</dt><dd>{files.join(", ")}</dd>
        </dl>
        <h4>{TE::OutputHeading.t(lang)}</h4>
        <table class="output-table" aria-label={TE::OutputHeading.t(lang)}>
            <thead><tr><th scope="col">{TE::OutputKey.t(lang)}</th><th scope="col">{TE::OutputValue.t(lang)}</th></tr></thead>
            <tbody>
                { for out.iter().take(40).map(|(k, v)| html! { <tr><td>{k}</td><td>{v}</td></tr> }) }
            </tbody>
        </table>
    </> }
}
