//! Analytics applications in the world: what the inspector asks of one, and the glue that
//! hands an application's result rows to the Lambda functions it is wired to (the two are
//! components of their own, so the world carries the batches between them).

use super::{Split, World};
use crate::analytics::application::Application;
use crate::pipeline::{Component, Services};

impl World {
    /// The Analytics application with component id `id`.
    pub fn application(&self, id: &str) -> Option<&Application> {
        self.components().find_map(|c| match c {
            Component::AnalyticsApp(a) if a.id == id => Some(&**a),
            _ => None,
        })
    }

    /// Stops the copies a delivery stream keeps for applications that no longer read it
    /// (removed, or rewired to another source).
    pub(super) fn prune_application_readers(&mut self) {
        use crate::analytics::application::Source;
        let scenario = &self.scenario;
        let reads =
            |name: &str, app: &str| scenario.application_source(app) == Some(Source::Firehose(name.to_string()));
        self.firehose.keep_readers(reads);
    }

    /// Invokes the functions the application (or the analysis consumer) in slot `i`
    /// produced batches for.
    pub(super) fn invoke_functions_of(&mut self, i: usize) {
        let Split {
            mut ctx,
            kinesis,
            components,
            firehose,
            stores,
            #[cfg(feature = "video")]
            video,
        } = self.split();
        let batches = match components.get_mut(i) {
            Some(Some(Component::AnalyticsApp(app))) => app.take_invocations(),
            #[cfg(feature = "video")]
            Some(Some(Component::MotionAnalyzer(analyzer))) => analyzer.take_invocations(),
            _ => return,
        };
        let mut services = Services {
            kinesis,
            firehose,
            stores,
            #[cfg(feature = "video")]
            video,
        };
        for (function, rows) in batches {
            let lambda = components.iter_mut().flatten().find_map(|c| match c {
                Component::LambdaConsumer(l) if l.id == function => Some(l),
                _ => None,
            });
            if let Some(lambda) = lambda {
                lambda.invoked_by_application(&mut services, &mut ctx, rows);
            }
        }
    }
}
