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
    /// The template of the route that took it
    /// (`/api/gateway/payment-jobs/{paymentJobReference}`), or `None`
    /// where no route matched.
    pub route: Option<String>,
    /// The status it was answered with: `None` while it is in flight, or
    /// when a fault closed its connection before an answer.
    pub status: Option<u16>,
    /// Why it was refused, in the words the binary's log gives ("signature
    /// does not match"), if it was refused.
    pub reason: Option<&'static str>,
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
            .field("route", &self.route)
            .field("status", &self.status)
            .field("reason", &self.reason)
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

/// The last `capacity` requests, oldest first, each under the number it
/// was pushed with, by which its answer is filled in.
pub(crate) struct RequestLog {
    capacity: usize,
    pushed: u64,
    entries: VecDeque<(u64, RecordedRequest)>,
}

impl RequestLog {
    pub(crate) fn new(capacity: usize) -> Self {
        RequestLog {
            capacity,
            pushed: 0,
            entries: VecDeque::new(),
        }
    }

    /// Adds a request, forgetting the oldest one when the log is full; the
    /// number to [`answered`](Self::answered) it by.
    pub(crate) fn push(&mut self, request: RecordedRequest) -> u64 {
        self.pushed = self.pushed.wrapping_add(1);
        if self.capacity == 0 {
            return self.pushed;
        }
        while self.entries.len() >= self.capacity {
            self.entries.pop_front();
        }
        self.entries.push_back((self.pushed, request));
        self.pushed
    }

    /// Fills in the answer to request `number`, if it is still kept.
    pub(crate) fn answered(
        &mut self,
        number: u64,
        status: Option<u16>,
        reason: Option<&'static str>,
    ) {
        // Answers come soon after their requests: search from the newest.
        if let Some((_, request)) = self.entries.iter_mut().rev().find(|(n, _)| *n == number) {
            request.status = status;
            request.reason = reason;
        }
    }

    /// Forgets every request.
    pub(crate) fn clear(&mut self) {
        self.entries.clear();
    }

    pub(crate) fn snapshot(&self) -> Vec<RecordedRequest> {
        self.entries
            .iter()
            .map(|(_, request)| request.clone())
            .collect()
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
            route: None,
            status: None,
            reason: None,
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

    #[test]
    fn an_answer_is_filled_in_while_its_request_is_kept() {
        let mut log = RequestLog::new(2);
        let first = log.push(request("/a"));
        let second = log.push(request("/b"));
        log.answered(second, Some(401), Some("no Hash header"));
        log.push(request("/c"));
        log.answered(first, Some(200), None);
        let kept = log.snapshot();
        assert_eq!(kept[0].path, "/b");
        assert_eq!(
            (kept[0].status, kept[0].reason),
            (Some(401), Some("no Hash header"))
        );
        assert_eq!(
            kept[1].status, None,
            "the forgotten request's answer went nowhere"
        );
    }
}
