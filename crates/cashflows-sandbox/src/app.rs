//! What every adapter's handlers share: the engine's store behind its lock,
//! the sandbox's base URL, and the Gateway credentials requests are signed
//! with. The server builds it; the adapters read it.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use crate::engine::Store;

/// The Gateway configuration requests must name, and the API key that
/// keys their `Hash` header.
pub(crate) struct GatewayCredentials {
    pub(crate) configuration_id: String,
    pub(crate) api_key: String,
}

/// The handlers' shared state (cheap to clone).
#[derive(Clone)]
pub(crate) struct App {
    inner: Arc<Shared>,
}

struct Shared {
    store: Mutex<Store>,
    base_url: String,
    credentials: GatewayCredentials,
}

impl App {
    pub(crate) fn new(store: Store, base_url: String, credentials: GatewayCredentials) -> Self {
        App {
            inner: Arc::new(Shared {
                store: Mutex::new(store),
                base_url,
                credentials,
            }),
        }
    }

    /// The store, locked. Never hold it across an `.await`.
    pub(crate) fn store(&self) -> MutexGuard<'_, Store> {
        // Every operation leaves the store consistent before it can panic
        // (none should), so a poisoned lock still guards a usable store.
        self.inner
            .store
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// `http://127.0.0.1:PORT`, no trailing slash.
    pub(crate) fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    pub(crate) fn credentials(&self) -> &GatewayCredentials {
        &self.inner.credentials
    }
}
