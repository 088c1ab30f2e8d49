//! What the control surface's handlers share.

use std::sync::Arc;

use super::access::Access;
use super::controls::Controls;
use super::pages::Pages;

/// The operations, who may call them, and the dashboard's templates.
#[derive(Clone)]
pub(super) struct ControlState {
    pub(super) controls: Controls,
    pub(super) access: Arc<Access>,
    pub(super) pages: Arc<Pages>,
}
