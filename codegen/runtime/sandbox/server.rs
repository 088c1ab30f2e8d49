//! Starting and stopping the sandbox. (Stub: to be implemented.)

/// How the sandbox is configured.
#[derive(Clone)]
pub struct SandboxConfig {}

/// A running sandbox.
pub struct Sandbox {}

/// A request the sandbox received.
#[derive(Debug, Clone)]
pub struct RecordedRequest {}

/// Shared state of the handlers.
#[derive(Clone)]
pub(crate) struct AppState {}
