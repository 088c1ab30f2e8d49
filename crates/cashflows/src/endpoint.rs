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
    /// The model in the response's `data` (`list<…>` for a list).
    pub response: &'static str,
    /// The status of a successful call.
    pub success_status: u16,
    /// The other documented statuses.
    pub other_statuses: &'static [u16],
}

/// Percent-encodes one path segment, so a reference can never change the path.
pub(crate) fn segment(value: &str) -> percent_encoding::PercentEncode<'_> {
    percent_encoding::utf8_percent_encode(value, SEGMENT)
}

/// Everything but RFC 3986's unreserved characters.
const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');
