//! The sandbox's limits, each stated here once with its value. They are the
//! sandbox's own choices, not Cashflows' (Cashflows publishes none of them):
//! they keep a sandbox that takes hostile input from losing money, hanging or
//! growing without bound.
//!
//! The limits a test may change are settings of [`SandboxConfig`], with their
//! defaults beside them: the read timeout ([`DEFAULT_READ_TIMEOUT`]), the
//! request log's size ([`DEFAULT_REQUEST_LOG_LIMIT`]), the webhook deliveries
//! in flight ([`DEFAULT_WEBHOOK_DELIVERIES_LIMIT`]) and the webhook attempts
//! ([`DEFAULT_WEBHOOK_ATTEMPTS`]).
//!
//! [`SandboxConfig`]: crate::SandboxConfig
//! [`DEFAULT_READ_TIMEOUT`]: crate::SandboxConfig::DEFAULT_READ_TIMEOUT
//! [`DEFAULT_REQUEST_LOG_LIMIT`]: crate::SandboxConfig::DEFAULT_REQUEST_LOG_LIMIT
//! [`DEFAULT_WEBHOOK_DELIVERIES_LIMIT`]: crate::SandboxConfig::DEFAULT_WEBHOOK_DELIVERIES_LIMIT
//! [`DEFAULT_WEBHOOK_ATTEMPTS`]: crate::SandboxConfig::DEFAULT_WEBHOOK_ATTEMPTS

use cashflows::Decimal;

/// The largest amount the sandbox accepts in one job, payment, capture or
/// refund (and in a Remote Auth `tran_amount`): 999,999,999.99. It keeps
/// every sum far from `Decimal::MAX`.
pub const MAX_AMOUNT: Decimal = Decimal::from_parts(1_215_752_191, 23, 0, false, 2);

/// How many times a shopper may try to pay one job, on the hosted page and
/// through embedded checkout together, refused cards included: 10. Further
/// attempts answer `TooManyAttempts` (Cashflows publishes only the error,
/// "Too many attempts.").
pub const MAX_PAYMENT_ATTEMPTS: u32 = 10;

/// The largest request body the sandbox reads: 2 MiB. A larger one is
/// refused with 413.
pub const BODY_LIMIT: usize = 2 * 1024 * 1024;

/// The largest body a browser call of embedded checkout may send: 16 KiB (a
/// payment names four preparations). A larger one is refused with 413.
pub const BROWSER_BODY_LIMIT: usize = 16 * 1024;

/// The largest update a card field page sends: 4 KiB.
pub const FIELD_UPDATE_LIMIT: usize = 4 * 1024;

/// How much of each body the request log keeps: 16 KiB. Every request of
/// both protocols fits whole; a larger body is kept cut, and says so.
pub const RECORDED_BODY_LIMIT: usize = 16 * 1024;

/// How many card tokens one customer (`order.customerReference`) may hold:
/// 5. Asking for one more (`GenerateToken` or `StoreCardDetails` on a card
/// payment) still creates the job, with the warning
/// `MaximunNumberOfTokensReached` ("The maximum number of stored tokens for
/// a customer has been reached") and no token. Cashflows publishes the
/// warning, not the number.
pub const MAX_TOKENS_PER_CUSTOMER: usize = 5;

/// The largest snapshot the sandbox reads back
/// ([`Snapshot::from_json`](crate::Snapshot::from_json)): 32 MiB. A larger
/// one is refused before it is parsed.
pub const SNAPSHOT_LIMIT: usize = 32 * 1024 * 1024;

/// How many JSON objects a snapshot read back may hold: 250,000 (some tens
/// of thousands of jobs with their payments). Each becomes a model in
/// memory many times its size as text, so they are counted before the
/// snapshot is parsed.
pub const SNAPSHOT_OBJECT_LIMIT: usize = 250_000;

/// How many JSON values (array items and object members) a snapshot read
/// back may hold: 4,000,000, counted with the objects, before parsing.
pub const SNAPSHOT_VALUE_LIMIT: usize = 4_000_000;
