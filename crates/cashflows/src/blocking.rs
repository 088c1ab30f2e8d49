//! A blocking client, for scripts, batch jobs and synchronous services
//! (the `blocking` feature).
//!
//! It wraps the async [`crate::Client`] and owns a small Tokio runtime of
//! its own (one worker thread, which keeps pooled connections serviced
//! between calls), so every call has the async client's signing, retries,
//! timeouts, size cap, redirect refusal and secrets handling, and returns the
//! same [`Error`]. The Gateway calls are generated beside the async ones.
//!
//! ```no_run
//! use cashflows::{Environment, GatewayCredentials};
//!
//! # fn run() -> Result<(), cashflows::Error> {
//! let client = cashflows::blocking::Client::builder(Environment::Integration)
//!     .gateway_credentials(GatewayCredentials::new("configuration-id", "api-key"))
//!     .build_blocking()?;
//! let job = client.retrieve_payment_job("220516143012345678")?;
//! println!("{:?}", job.data.payment_status);
//! # Ok(())
//! # }
//! ```
//!
//! Inside async code use [`crate::Client`]: a blocking call made on an async
//! runtime's thread would stall that thread, so it is refused with
//! [`Error::Invalid`] instead.

use std::future::Future;
use std::sync::Arc;

use crate::error::OutcomeUnknown;
use crate::remote_auth::{RemoteAuthReply, RemoteAuthRequest};
use crate::{ClientBuilder, CreateOutcome, Environment, Error};

/// A blocking client for the Gateway and Remote Auth APIs. Cloning it is
/// cheap: clones share the connection pool and the runtime.
#[derive(Debug, Clone)]
pub struct Client {
    pub(crate) inner: crate::Client,
    runtime: Arc<OwnedRuntime>,
}

impl Client {
    /// A builder for a client of `environment`; finish it with
    /// [`ClientBuilder::build_blocking`].
    pub fn builder(environment: Environment) -> ClientBuilder {
        crate::Client::builder(environment)
    }

    /// The environment this client calls.
    pub fn environment(&self) -> &Environment {
        self.inner.environment()
    }

    /// Sends a Remote Auth request and reads its reply (see
    /// [`crate::Client::remote_auth`]).
    pub fn remote_auth(&self, request: &RemoteAuthRequest) -> Result<RemoteAuthReply, Error> {
        self.block_on(self.inner.remote_auth(request))
    }

    /// Whether a create whose outcome is unknown happened (see
    /// [`crate::Client::resolve_unknown_create`]).
    pub fn resolve_unknown_create(&self, unknown: &OutcomeUnknown) -> Result<CreateOutcome, Error> {
        self.block_on(self.inner.resolve_unknown_create(unknown))
    }

    /// Runs one call of the async client to completion on this client's
    /// runtime.
    pub(crate) fn block_on<T>(
        &self,
        call: impl Future<Output = Result<T, Error>>,
    ) -> Result<T, Error> {
        if tokio::runtime::Handle::try_current().is_ok() {
            return Err(Error::Invalid(
                "the blocking client was called from async code; use cashflows::Client there"
                    .to_owned(),
            ));
        }
        match &self.runtime.0 {
            Some(runtime) => runtime.block_on(call),
            // The runtime is taken only when the last clone is dropped, after
            // which nothing can call: an error, not a panic, all the same.
            None => Err(Error::Invalid(
                "the blocking client's runtime has shut down".to_owned(),
            )),
        }
    }
}

impl ClientBuilder {
    /// The blocking client, with the same configuration as
    /// [`ClientBuilder::build`].
    pub fn build_blocking(self) -> Result<Client, Error> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("cashflows-blocking")
            .enable_all()
            .build()
            .map_err(|err| Error::Invalid(format!("cannot start the client's runtime: {err}")))?;
        Ok(Client {
            inner: self.build()?,
            runtime: Arc::new(OwnedRuntime(Some(runtime))),
        })
    }
}

/// The client's runtime. Dropping a Tokio runtime from async code panics, so
/// it is shut down in the background instead: the last clone of a blocking
/// client may be dropped anywhere.
#[derive(Debug)]
struct OwnedRuntime(Option<tokio::runtime::Runtime>);

impl Drop for OwnedRuntime {
    fn drop(&mut self) {
        if let Some(runtime) = self.0.take() {
            runtime.shutdown_background();
        }
    }
}
