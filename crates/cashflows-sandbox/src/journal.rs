//! The request log: what the sandbox records of each request, bounded,
//! newest last, keeping the start of each body, so a long-running sandbox
//! or a client sending large bodies cannot grow its memory without bound.
//! The server's recorder fills it, and logs each request with the reason
//! of its refusal, if any.

use std::collections::VecDeque;
use std::fmt;

/// A request the sandbox received, as received.
///
/// `Debug` shows the body's length only: bodies carry card data and the
/// Remote Auth password.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RecordedRequest {
    /// The method (`GET`, `POST`, `PATCH`, …).
    pub method: String,
    /// The path with its query string, if any (`/api/gateway/…?locale=en_GB`).
    pub path: String,
    /// The `ConfigurationId` header, if present.
    pub configuration_id: Option<String>,
    /// The `Hash` header, if present.
    pub hash: Option<String>,
    /// The `Content-Type` header, if present.
    pub content_type: Option<String>,
    /// The body, byte for byte, up to
    /// [`RECORDED_BODY_LIMIT`](crate::RECORDED_BODY_LIMIT) bytes.
    pub body: Vec<u8>,
    /// Whether the body was longer than
    /// [`RECORDED_BODY_LIMIT`](crate::RECORDED_BODY_LIMIT) (and is cut here),
    /// or was refused for its size or for arriving too slowly.
    pub body_truncated: bool,
    /// The kind of the fault the request met (`drop_after_processing`,
    /// `status`, …; see [`Fault`](crate::Fault)), if it met one.
    pub fault: Option<String>,
}

impl fmt::Debug for RecordedRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RecordedRequest")
            .field("method", &self.method)
            .field("path", &self.path)
            .field("configuration_id", &self.configuration_id)
            .field("hash", &self.hash)
            .field("content_type", &self.content_type)
            .field("body", &format_args!("<{} bytes>", self.body.len()))
            .field("body_truncated", &self.body_truncated)
            .field("fault", &self.fault)
            .finish()
    }
}

/// Why the sandbox refused a request, in a few words ("signature does not
/// match", "two Hash headers", "body is not JSON"), for the log: the code
/// that decides sets it on its answer, and the recorder logs it beside the
/// method, route and status. A fixed phrase, never text from the request,
/// so that no key, hash or card data can reach a log through it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RefusalReason(pub(crate) &'static str);

/// The last `capacity` requests, oldest first.
pub(crate) struct RequestLog {
    capacity: usize,
    entries: VecDeque<RecordedRequest>,
}

impl RequestLog {
    pub(crate) fn new(capacity: usize) -> Self {
        RequestLog {
            capacity,
            entries: VecDeque::new(),
        }
    }

    /// Adds a request, forgetting the oldest one when the log is full.
    pub(crate) fn push(&mut self, request: RecordedRequest) {
        if self.capacity == 0 {
            return;
        }
        while self.entries.len() >= self.capacity {
            self.entries.pop_front();
        }
        self.entries.push_back(request);
    }

    /// Forgets every request.
    pub(crate) fn clear(&mut self) {
        self.entries.clear();
    }

    pub(crate) fn snapshot(&self) -> Vec<RecordedRequest> {
        self.entries.iter().cloned().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(path: &str) -> RecordedRequest {
        RecordedRequest {
            method: "GET".to_owned(),
            path: path.to_owned(),
            configuration_id: None,
            hash: None,
            content_type: None,
            body: Vec::new(),
            body_truncated: false,
            fault: None,
        }
    }

    #[test]
    fn the_log_keeps_the_newest() {
        let mut log = RequestLog::new(2);
        for path in ["/a", "/b", "/c"] {
            log.push(request(path));
        }
        let paths: Vec<String> = log.snapshot().into_iter().map(|entry| entry.path).collect();
        assert_eq!(paths, ["/b", "/c"]);
    }
}
