//! The control surface's operations, over the parts of the server they act
//! on, and where its routes live.

use std::sync::Arc;

use crate::app::App;
use crate::engine::{SandboxClock, Snapshot, SnapshotError};
use crate::server::faults::Faults;
use crate::server::recorder::Recorder;
use crate::server::webhooks::Webhooks;

/// Where the sandbox's control surface and dashboard live: a path prefix
/// that no Gateway, Remote Auth or shopper page path starts with.
pub const PREFIX: &str = "/__sandbox";

/// The operations of the control surface, over the parts of the server they
/// act on (cheap to clone).
#[derive(Clone)]
pub(crate) struct Controls {
    inner: Arc<Parts>,
}

struct Parts {
    app: App,
    clock: SandboxClock,
    recorder: Recorder,
    faults: Faults,
    webhooks: Arc<Webhooks>,
}

impl Controls {
    pub(crate) fn new(
        app: App,
        clock: SandboxClock,
        recorder: Recorder,
        faults: Faults,
        webhooks: Arc<Webhooks>,
    ) -> Self {
        Controls {
            inner: Arc::new(Parts {
                app,
                clock,
                recorder,
                faults,
                webhooks,
            }),
        }
    }

    pub(crate) fn app(&self) -> &App {
        &self.inner.app
    }

    pub(crate) fn clock(&self) -> &SandboxClock {
        &self.inner.clock
    }

    pub(crate) fn recorder(&self) -> &Recorder {
        &self.inner.recorder
    }

    pub(crate) fn faults(&self) -> &Faults {
        &self.inner.faults
    }

    pub(crate) fn webhooks(&self) -> &Arc<Webhooks> {
        &self.inner.webhooks
    }

    /// Empties the sandbox: jobs, payments, tokens, intents, Remote Auth
    /// transactions, the request log, the faults waiting and the webhook
    /// deliveries. The clock stays where it is, and references keep
    /// counting, so none handed out before a reset is handed out again.
    pub(crate) fn reset(&self) {
        self.inner.faults.clear();
        self.inner.app.store().reset();
        self.inner.recorder.clear();
        self.inner.webhooks.clear_deliveries();
    }

    /// The whole state of the engine.
    pub(crate) fn snapshot(&self) -> Snapshot {
        self.inner.app.store().snapshot()
    }

    /// Replaces the engine's state with `snapshot`, or, when it is refused,
    /// leaves it as it was.
    pub(crate) fn restore(&self, snapshot: Snapshot) -> Result<(), SnapshotError> {
        self.inner.app.store().restore(snapshot)
    }
}
