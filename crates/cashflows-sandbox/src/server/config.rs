//! The sandbox's settings.

use std::fmt;
use std::time::Duration;

/// How the sandbox is configured: the credentials it accepts, how it
/// delivers webhooks, and whether it captures card payments automatically.
///
/// A sandbox reads the time from the system clock, unless it is started on
/// another one ([`Sandbox::start_with_clock`](crate::Sandbox::start_with_clock)).
///
/// `Debug` hides the API key and the Remote Auth password.
#[derive(Clone)]
pub struct SandboxConfig {
    /// The Gateway configuration ID requests must send in `ConfigurationId`.
    pub configuration_id: String,
    /// The Gateway API key that keys the `Hash` header.
    pub api_key: String,
    /// The Remote Auth profile ID (`auth_id`).
    pub auth_id: String,
    /// The Remote Auth password (`auth_pass`).
    pub auth_pass: String,
    /// The configuration's webhook URL, as set in Cashflows' portal: where
    /// a job that gives no `parameters.WebhookUrl` is notified (a payment
    /// intent's job, say, whose request has no parameters). `None` by
    /// default. Like every webhook, it must be a loopback address.
    pub webhook_url: Option<String>,
    /// How many times a webhook is attempted in all (at least once).
    pub webhook_attempts: u32,
    /// The wait after the first failed webhook attempt; it doubles after each.
    pub webhook_initial_backoff: Duration,
    /// How long a client may take to send a request's header, and then its
    /// body, before the sandbox gives up on it.
    pub read_timeout: Duration,
    /// How many requests [`Sandbox::requests`](crate::Sandbox::requests) keeps (the newest).
    pub request_log_limit: usize,
    /// How many webhook deliveries (each with its retries) may be in flight
    /// at once; a status change past it is not notified, and a warning says
    /// so. Hosted pages take unauthenticated requests, and each delivery is
    /// a task that may live for all its retries.
    pub webhook_deliveries_limit: usize,
    /// Automatic capture, as the configuration's setting in Cashflows'
    /// portal: on (`true`, the default, as Cashflows ships it), an
    /// authorised card payment is `Paid` at once; off, it stops at
    /// `Reserved` until the merchant captures it, within seven days. That
    /// the setting does this is Cashflows'; that it is a setting of the
    /// whole sandbox (Cashflows publishes no way to choose it per job;
    /// `parameters.SimulatedStatus` `Reserved` or `Paid` does, for one job
    /// in the sandbox) is the sandbox's choice.
    pub automatic_capture: bool,
    /// The token the control surface and the dashboard (under
    /// `/__sandbox`) require, from any address, when set; unset (the
    /// default), they answer callers on loopback only. Hidden from `Debug`.
    pub control_token: Option<String>,
}

impl SandboxConfig {
    /// The default number of webhook attempts (the sandbox's own choice;
    /// Cashflows only says it retries "at growing intervals").
    pub const DEFAULT_WEBHOOK_ATTEMPTS: u32 = 5;

    /// The default wait after the first failed webhook attempt.
    pub const DEFAULT_WEBHOOK_INITIAL_BACKOFF: Duration = Duration::from_millis(50);

    /// The default read timeout.
    pub const DEFAULT_READ_TIMEOUT: Duration = Duration::from_secs(10);

    /// The default number of requests kept.
    pub const DEFAULT_REQUEST_LOG_LIMIT: usize = 1000;

    /// The default number of webhook deliveries in flight (the sandbox's own
    /// choice).
    pub const DEFAULT_WEBHOOK_DELIVERIES_LIMIT: usize = 256;

    /// A configuration with these credentials and every other setting at
    /// its default (the `DEFAULT_*` constants: webhook retries whose wait
    /// doubles after each failed attempt, the deliveries in flight, the read
    /// timeout and the requests kept; automatic capture on).
    pub fn new(
        configuration_id: impl Into<String>,
        api_key: impl Into<String>,
        auth_id: impl Into<String>,
        auth_pass: impl Into<String>,
    ) -> Self {
        SandboxConfig {
            configuration_id: configuration_id.into(),
            api_key: api_key.into(),
            auth_id: auth_id.into(),
            auth_pass: auth_pass.into(),
            webhook_url: None,
            webhook_attempts: Self::DEFAULT_WEBHOOK_ATTEMPTS,
            webhook_initial_backoff: Self::DEFAULT_WEBHOOK_INITIAL_BACKOFF,
            read_timeout: Self::DEFAULT_READ_TIMEOUT,
            request_log_limit: Self::DEFAULT_REQUEST_LOG_LIMIT,
            webhook_deliveries_limit: Self::DEFAULT_WEBHOOK_DELIVERIES_LIMIT,
            automatic_capture: true,
            control_token: None,
        }
    }
}

impl fmt::Debug for SandboxConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SandboxConfig")
            .field("configuration_id", &self.configuration_id)
            .field("api_key", &"<redacted>")
            .field("auth_id", &self.auth_id)
            .field("auth_pass", &"<redacted>")
            .field("webhook_url", &self.webhook_url)
            .field("webhook_attempts", &self.webhook_attempts)
            .field("webhook_initial_backoff", &self.webhook_initial_backoff)
            .field("read_timeout", &self.read_timeout)
            .field("request_log_limit", &self.request_log_limit)
            .field("webhook_deliveries_limit", &self.webhook_deliveries_limit)
            .field("automatic_capture", &self.automatic_capture)
            .field(
                "control_token",
                &self.control_token.as_ref().map(|_| "<redacted>"),
            )
            .finish()
    }
}
