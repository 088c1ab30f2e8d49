//! Where the shopper's pages live: sandbox-only paths, which the Gateway
//! adapter links to (`links.action`), embedded checkout sends its 3-D
//! Secure step to, the pages serve, and [`Shopper`](crate::Shopper)
//! recognises.

/// Where a challenged card payment's 3-D Secure page lives:
/// `{base}/sandbox/3ds/{paymentJobReference}/{paymentReference}`. A
/// sandbox-only path.
pub(crate) const THREE_D_SECURE_PATH: &str = "/sandbox/3ds";

/// Where a job without card data is paid, standing in for the hosted
/// payment page: `{base}/sandbox/pay/{paymentJobReference}`. A sandbox-only
/// path.
pub(crate) const HOSTED_PAGE_PATH: &str = "/sandbox/pay";
