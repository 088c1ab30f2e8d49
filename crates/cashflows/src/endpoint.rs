//! The shape of a Gateway endpoint descriptor.

/// An HTTP method the Gateway uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    /// `GET`
    Get,
    /// `HEAD`
    Head,
    /// `POST`
    Post,
    /// `PUT`
    Put,
    /// `PATCH`
    Patch,
    /// `DELETE`
    Delete,
}

impl Method {
    /// The method as sent on the wire.
    pub const fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Head => "HEAD",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }
}

impl std::fmt::Display for Method {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What the spec says of one Gateway endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Endpoint {
    /// Which endpoint this is, as a variant the compiler can check a
    /// `match` against.
    pub operation: crate::endpoints::Operation,
    /// The operation's name, as in the spec (`create_payment_job`).
    pub name: &'static str,
    /// What the endpoint does.
    pub summary: &'static str,
    /// The HTTP method.
    pub method: Method,
    /// The path with `{placeholders}`, as documented.
    pub path_template: &'static str,
    /// The request body's model, if the call has a body.
    pub request: Option<&'static str>,
    /// The model in the response's `data` (`list<…>` for a list); `None`
    /// for a call answered without a body (`HEAD`).
    pub response: Option<&'static str>,
    /// The status of a successful call, where published.
    pub success_status: Option<u16>,
    /// The other statuses: those Cashflows documents for the call or, for a
    /// call that publishes none (`order_exists`, `create_payment_intent`),
    /// those every documented call lists, as the project assumes. The book's
    /// entry for the call says which.
    pub other_statuses: &'static [u16],
}

impl Endpoint {
    /// Whether the call only reads, so that sending it again is harmless.
    pub fn is_read(&self) -> bool {
        matches!(self.method, Method::Get | Method::Head)
    }
}

/// A value that cannot be one segment of a path: empty, `.` or `..`. Those
/// would be dropped or walk up the path (URLs normalise them, even
/// percent-encoded), so that a reference could address another resource.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidPathSegment {
    value: String,
}

impl std::fmt::Display for InvalidPathSegment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "`{}` cannot be a reference: it would not stay one segment of the path",
            self.value
        )
    }
}

impl std::error::Error for InvalidPathSegment {}

impl From<InvalidPathSegment> for crate::Error {
    fn from(error: InvalidPathSegment) -> Self {
        crate::Error::Invalid(error.to_string())
    }
}

/// One path segment, percent-encoded, so a reference can never change the
/// path: every reserved character is encoded, and `.`, `..` and the empty
/// string are refused.
///
/// ```
/// let path = cashflows::endpoints::retrieve_payment_job_path("a/b?c");
/// assert_eq!(path.unwrap(), "/api/gateway/payment-jobs/a%2Fb%3Fc");
/// assert!(cashflows::endpoints::retrieve_payment_job_path("..").is_err());
/// ```
pub(crate) fn segment(
    value: &str,
) -> Result<percent_encoding::PercentEncode<'_>, InvalidPathSegment> {
    if matches!(value, "" | "." | "..") {
        return Err(InvalidPathSegment {
            value: value.to_owned(),
        });
    }
    Ok(percent_encoding::utf8_percent_encode(value, SEGMENT))
}

/// Everything but RFC 3986's unreserved characters.
const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');
