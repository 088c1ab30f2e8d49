//! What every adapter's handlers share: the engine's store behind its lock,
//! the sandbox's base URL, and the Gateway credentials requests are signed
//! with. The server builds it; the adapters read it.

use std::ops::{Deref, DerefMut};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use crate::engine::{StatusChange, Store};

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
    /// Whether a guard left status changes in the store's queue: the
    /// webhook layer takes the lock to drain it only then, so a request that
    /// changed nothing takes the store's lock once, not twice.
    notifications_waiting: AtomicBool,
    base_url: String,
    credentials: GatewayCredentials,
}

impl App {
    pub(crate) fn new(store: Store, base_url: String, credentials: GatewayCredentials) -> Self {
        App {
            inner: Arc::new(Shared {
                store: Mutex::new(store),
                notifications_waiting: AtomicBool::new(false),
                base_url,
                credentials,
            }),
        }
    }

    /// The store, locked. Never hold it across an `.await`.
    pub(crate) fn store(&self) -> StoreGuard<'_> {
        // Every operation leaves the store consistent before it can panic
        // (none should), so a poisoned lock still guards a usable store.
        let store = self
            .inner
            .store
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        StoreGuard {
            store,
            waiting: &self.inner.notifications_waiting,
        }
    }

    /// The status changes waiting to be notified, taken from the store's
    /// queue (none, without locking it, when no guard left any).
    pub(crate) fn take_notifications(&self) -> Vec<StatusChange> {
        if self
            .inner
            .notifications_waiting
            .swap(false, Ordering::AcqRel)
        {
            self.store().take_notifications()
        } else {
            Vec::new()
        }
    }

    /// `http://127.0.0.1:PORT`, no trailing slash.
    pub(crate) fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    pub(crate) fn credentials(&self) -> &GatewayCredentials {
        &self.inner.credentials
    }
}

/// The locked store. When it is released with status changes in its
/// queue, it says so to [`App::take_notifications`].
pub(crate) struct StoreGuard<'a> {
    store: MutexGuard<'a, Store>,
    waiting: &'a AtomicBool,
}

impl Deref for StoreGuard<'_> {
    type Target = Store;

    fn deref(&self) -> &Store {
        &self.store
    }
}

impl DerefMut for StoreGuard<'_> {
    fn deref_mut(&mut self) -> &mut Store {
        &mut self.store
    }
}

impl Drop for StoreGuard<'_> {
    fn drop(&mut self) {
        if self.store.has_notifications() {
            self.waiting.store(true, Ordering::Release);
        }
    }
}
