//! Building a world from a scenario: its streams, its running components, and the services'
//! resources (delivery streams, tables, clusters).

use super::*;

impl World {
    /// Creates the scenario's streams (already ACTIVE: they exist when the scenario starts)
    /// and its components, wired to the streams they write to or read from.
    pub(super) fn build_pipeline(&mut self) -> Result<(), ScenarioError> {
        let scenario = self.scenario.clone();
        for spec in &scenario.components {
            if let ComponentKind::DataStream(s) = &spec.kind {
                let shards = s.initial_shard_count();
                self.kinesis.check_quota(shards).map_err(|e| ScenarioError::BadSetting {
                    id: spec.id.clone(),
                    setting: "shard_count",
                    rule: e.message,
                })?;
                let mut stream = Stream::new(&s.stream_name, s.mode, shards, SimTime::ZERO);
                stream.status = StreamStatus::Active;
                stream.busy_until = None;
                stream.retention_hours = s.retention_hours;
                self.kinesis.streams.insert(s.stream_name.clone(), stream);
            }
        }
        #[cfg(feature = "video")]
        self.sync_video_streams(&Scenario::default(), &scenario)?;
        // ON_DEMAND streams review their capacity on their own from the start.
        if let Some(at) = self.kinesis.next_wakeup() {
            self.queue_tick(at);
        }
        for spec in &scenario.components {
            self.add_component(&scenario, spec);
        }
        self.sync_deliveries(&scenario, &scenario, true)?;
        self.sync_batch(&scenario, &scenario, true)
    }

    /// Starts the component `spec` of `scenario` (a data stream is not a component: it lives
    /// in the service). It runs first at the current time.
    pub(super) fn add_component(&mut self, scenario: &Scenario, spec: &ComponentSpec) {
        // A producer's wire goes out to a stream or a Firehose; a consumer's comes in from a stream.
        let reads_from = scenario.stream_of_wire(&spec.id);
        let rng = self.rng.derive(&spec.id);
        let component = match &spec.kind {
            // Services' resources, not running components (see `sync_deliveries`).
            ComponentKind::DataStream(_)
            | ComponentKind::Firehose(_)
            | ComponentKind::FirehoseTransform(_)
            | ComponentKind::S3Bucket(_)
            | ComponentKind::Redshift(_)
            | ComponentKind::OpenSearch(_)
            | ComponentKind::HttpEndpoint(_)
            | ComponentKind::EmrCluster(_)
            | ComponentKind::MapStep(_)
            | ComponentKind::ReduceStep(_)
            | ComponentKind::DynamoDbTable(_)
            | ComponentKind::VideoStream(_) => return,
            // Video components run in a build with the video model (the page's full build).
            #[cfg(not(feature = "video"))]
            ComponentKind::Camera(_) | ComponentKind::VideoPlayer(_) | ComponentKind::MotionAnalyzer(_) => return,
            #[cfg(feature = "video")]
            ComponentKind::Camera(s) => Component::Camera(crate::video::camera::Camera::new(
                &spec.id,
                scenario.video_stream_of_wire(&spec.id),
                s.clone(),
                rng.clone().next_u64(),
                self.now,
            )),
            #[cfg(feature = "video")]
            ComponentKind::VideoPlayer(s) => Component::VideoPlayer(Box::new(crate::video::player::Player::new(
                &spec.id,
                scenario.video_stream_of_wire(&spec.id),
                s.clone(),
            ))),
            #[cfg(feature = "video")]
            ComponentKind::MotionAnalyzer(_) => {
                Component::MotionAnalyzer(Box::new(crate::video::analyzer::Analyzer::new(
                    &spec.id,
                    scenario.video_stream_of_wire(&spec.id),
                    scenario.application_outputs(&spec.id),
                    rng,
                )))
            }
            // Applications run in a build with the SQL engine (the page's full build).
            #[cfg(not(feature = "analytics"))]
            ComponentKind::AnalyticsApp(_) => return,
            #[cfg(feature = "analytics")]
            ComponentKind::AnalyticsApp(s) => {
                Component::AnalyticsApp(Box::new(crate::analytics::application::Application::new(
                    &spec.id,
                    s.clone(),
                    scenario.application_source(&spec.id),
                    scenario.application_outputs(&spec.id),
                    rng,
                )))
            }
            ComponentKind::Producer(s) => {
                Component::Producer(Producer::new(&spec.id, s.clone(), scenario.producer_target(&spec.id), rng))
            }
            ComponentKind::PollingConsumer(s) => {
                Component::PollingConsumer(PollingConsumer::new(&spec.id, s.clone(), reads_from))
            }
            ComponentKind::KclApp(s) => Component::KclApp(KclApp::new(&spec.id, s.clone(), reads_from)),
            ComponentKind::EfoConsumer(s) => Component::EfoConsumer(EfoConsumer::new(&spec.id, s.clone(), reads_from)),
            ComponentKind::LambdaConsumer(s) => Component::LambdaConsumer(LambdaConsumer::new(
                &spec.id,
                s.clone(),
                reads_from,
                scenario.table_of_wire(&spec.id),
            )),
        };
        self.queue.push(self.now, Due::Component(self.components.len()));
        self.components.push(Some(component));
    }

    /// Brings DynamoDB tables and EMR clusters in step with `next` (in a build with those
    /// models; the page's first load has neither, and loads the build that has them as soon
    /// as a scenario places one).
    #[allow(unused_variables)]
    pub(super) fn sync_batch(&mut self, old: &Scenario, next: &Scenario, at_start: bool) -> Result<(), ScenarioError> {
        #[cfg(feature = "dynamodb")]
        self.sync_tables(old, next, at_start)?;
        #[cfg(feature = "emr")]
        self.sync_emr(old, next)?;
        Ok(())
    }
}
