//! How Kinesis Video Streams components are wired on a scenario: the video stream a camera
//! sends to and a player or analysis consumer reads, where an analysis consumer's events go,
//! and the counts those wires allow (one stream each).

use crate::scenario::{ComponentKind, Scenario};
use crate::wiring::{Kind, Refusal};

impl Scenario {
    /// A camera sends to one video stream; a player or an analysis consumer reads one.
    pub(crate) fn check_video_wire_counts(
        &self,
        from: &str,
        to: &str,
        from_kind: Kind,
        to_kind: Kind,
    ) -> Result<(), Refusal> {
        let streams = |ids: &mut dyn Iterator<Item = &str>| {
            ids.filter(|id| self.component(id).is_some_and(|c| c.kind.kind() == Kind::VideoStream)).count()
        };
        if from_kind == Kind::Camera && streams(&mut self.outputs_of(from)) > 1 {
            return Err(Refusal::OneVideoStream);
        }
        if matches!(to_kind, Kind::VideoPlayer | Kind::MotionAnalyzer) && streams(&mut self.inputs_of(to)) > 1 {
            return Err(Refusal::OneVideoStream);
        }
        Ok(())
    }

    /// The name of the video stream a camera sends to, or a player or an analysis consumer
    /// reads.
    pub fn video_stream_of_wire(&self, id: &str) -> Option<String> {
        self.outputs_of(id).chain(self.inputs_of(id)).find_map(|other| match self.component(other).map(|c| &c.kind) {
            Some(ComponentKind::VideoStream(v)) => Some(v.stream_name.clone()),
            _ => None,
        })
    }

    /// The video streams of the scenario, by name, with their retention.
    pub fn video_streams(&self) -> impl Iterator<Item = (&str, u32)> + '_ {
        self.components.iter().filter_map(|c| match &c.kind {
            ComponentKind::VideoStream(v) => Some((v.stream_name.as_str(), v.retention_hours)),
            _ => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::catalogue::new_component;
    use crate::scenario::{Scenario, WireSpec};
    use crate::wiring::{Kind, Refusal};

    fn with(kinds: &[Kind]) -> Scenario {
        let mut s = Scenario::default();
        for kind in kinds {
            let c = new_component(&s, *kind, 0.0, 0.0);
            s.components.push(c);
        }
        s
    }

    fn wire(s: &mut Scenario, from: &str, to: &str) {
        s.wires.push(WireSpec { from: from.into(), to: to.into() });
    }

    #[test]
    fn a_camera_sends_to_one_stream_and_a_player_reads_one() {
        let mut s = with(&[Kind::Camera, Kind::VideoStream, Kind::VideoStream, Kind::VideoPlayer]);
        wire(&mut s, "camera", "video");
        assert_eq!(s.wire_verdict("camera", "video-2"), Some(Err(Refusal::OneVideoStream)));
        wire(&mut s, "video", "player");
        assert_eq!(s.wire_verdict("video-2", "player"), Some(Err(Refusal::OneVideoStream)));
        assert_eq!(s.wire_verdict("camera", "video"), Some(Err(Refusal::AlreadyWired)));
        s.validate().unwrap();
        assert_eq!(s.video_stream_of_wire("camera").as_deref(), Some("video"));
        assert_eq!(s.video_stream_of_wire("player").as_deref(), Some("video"));
        assert_eq!(s.video_streams().collect::<Vec<_>>(), vec![("video", 0), ("video-2", 0)]);
    }

    #[test]
    fn two_video_streams_may_not_share_a_name() {
        let mut s = with(&[Kind::VideoStream, Kind::VideoStream]);
        if let crate::scenario::ComponentKind::VideoStream(v) = &mut s.components[1].kind {
            v.stream_name = "video".into();
        }
        assert!(s.validate().unwrap_err().to_string().contains("video streams"), "{:?}", s.validate());
    }

    #[test]
    fn a_lambda_function_takes_one_source_an_analysis_consumer_counting_as_one() {
        let mut s = with(&[Kind::DataStream, Kind::MotionAnalyzer, Kind::LambdaConsumer]);
        wire(&mut s, "stream", "lambda");
        assert_eq!(s.wire_verdict("motion", "lambda"), Some(Err(Refusal::OneFunctionSource)));
    }
}
