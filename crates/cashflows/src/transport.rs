//! Sending a request: retries where they are safe, a size cap on what is
//! read, no redirect ever followed, and transport failures told apart from
//! answers.

use std::time::{Duration, Instant};

use tracing::Instrument;

use crate::Client;
use crate::endpoints::Method;
use crate::error::{Error, TransportError};

/// What the server answered.
pub(crate) struct Answer {
    pub(crate) status: u16,
    pub(crate) body: Vec<u8>,
    /// The `Location` of a redirect.
    pub(crate) location: Option<String>,
}

/// How to build a request again for each attempt.
pub(crate) type BuildRequest<'a> = &'a (dyn Fn() -> reqwest::RequestBuilder + Sync);

impl Client {
    /// [`send_with_retries`](Self::send_with_retries) inside `span`, which
    /// gets the duration, the attempts and the status (never bodies).
    pub(crate) async fn send_traced(
        &self,
        span: tracing::Span,
        build: BuildRequest<'_>,
        is_read: bool,
    ) -> Result<Answer, Error> {
        // The clock is read only when someone listens.
        let started = (!span.is_disabled()).then(Instant::now);
        async move {
            let result = self.send_with_retries(build, is_read).await;
            let current = tracing::Span::current();
            if let Some(started) = started {
                current.record("duration_ms", started.elapsed().as_millis() as u64);
            }
            let answer = result?;
            current.record("status", answer.status);
            tracing::debug!(status = answer.status, "answer received");
            Ok(answer)
        }
        .instrument(span)
        .await
    }

    /// Sends a request, retrying only where [`RetryPolicy`] says it is safe.
    /// Returns the status, the body (read up to the size cap) and where a
    /// redirect points; redirects are never followed.
    async fn send_with_retries(
        &self,
        build: BuildRequest<'_>,
        is_read: bool,
    ) -> Result<Answer, Error> {
        let policy = self.config.retry;
        let mut backoff = policy.initial_backoff;
        let mut attempt = 0;
        loop {
            attempt += 1;
            tracing::Span::current().record("attempts", attempt);
            let outcome = self.attempt(build).await;
            let retryable = attempt <= policy.max_retries && outcome.may_retry(is_read);
            if !retryable {
                return outcome.finish();
            }
            let wait = outcome
                .retry_after()
                .unwrap_or(backoff)
                .min(policy.max_backoff);
            tracing::debug!(attempt, wait_ms = wait.as_millis() as u64, "retrying");
            tokio::time::sleep(wait).await;
            backoff = backoff.saturating_mul(2);
        }
    }

    /// One attempt: the request sent and its answer read.
    async fn attempt(&self, build: BuildRequest<'_>) -> Attempt {
        match build().send().await {
            Ok(response) => {
                let status = response.status().as_u16();
                let retry_after = retry_after(&response);
                let location = location(&response);
                match self.read_body(response).await {
                    Ok(body) => Attempt::Answered {
                        answer: Answer {
                            status,
                            body,
                            location,
                        },
                        retry_after,
                    },
                    Err(error) => Attempt::Failed(error),
                }
            }
            Err(error) => Attempt::Failed(self.transport_error(error)),
        }
    }

    async fn read_body(&self, mut response: reqwest::Response) -> Result<Vec<u8>, Error> {
        let limit = self.config.max_response_bytes;
        if response
            .content_length()
            .is_some_and(|length| length > limit as u64)
        {
            return Err(Error::ResponseTooLarge { limit });
        }
        let mut body = Vec::new();
        loop {
            match response.chunk().await {
                Ok(Some(chunk)) => {
                    if body.len() + chunk.len() > limit {
                        return Err(Error::ResponseTooLarge { limit });
                    }
                    body.extend_from_slice(&chunk);
                }
                Ok(None) => return Ok(body),
                Err(error) => return Err(self.transport_error(error)),
            }
        }
    }

    fn transport_error(&self, error: reqwest::Error) -> Error {
        if error.is_timeout() {
            return Error::Timeout {
                after: self.config.timeout,
            };
        }
        Error::Transport(TransportError {
            message: describe(&error),
            not_sent: error.is_connect(),
            source: Some(error),
        })
    }
}

/// What one attempt came to.
enum Attempt {
    Answered {
        answer: Answer,
        retry_after: Option<Duration>,
    },
    Failed(Error),
}

impl Attempt {
    fn may_retry(&self, is_read: bool) -> bool {
        match self {
            // Never 401: repeated signature failures lock the account.
            Attempt::Answered { answer, .. } => {
                is_read && matches!(answer.status, 429 | 500 | 502 | 503 | 504)
            }
            Attempt::Failed(Error::Transport(transport)) => transport.not_sent || is_read,
            Attempt::Failed(Error::Timeout { .. }) => is_read,
            Attempt::Failed(_) => false,
        }
    }

    fn retry_after(&self) -> Option<Duration> {
        match self {
            Attempt::Answered { retry_after, .. } => *retry_after,
            Attempt::Failed(_) => None,
        }
    }

    fn finish(self) -> Result<Answer, Error> {
        match self {
            Attempt::Answered { answer, .. } => Ok(answer),
            Attempt::Failed(error) => Err(error),
        }
    }
}

pub(crate) fn http_method(method: Method) -> reqwest::Method {
    match method {
        Method::Get => reqwest::Method::GET,
        Method::Head => reqwest::Method::HEAD,
        Method::Post => reqwest::Method::POST,
        Method::Put => reqwest::Method::PUT,
        Method::Patch => reqwest::Method::PATCH,
        Method::Delete => reqwest::Method::DELETE,
    }
}

/// `Retry-After` in seconds (the HTTP-date form is ignored).
fn retry_after(response: &reqwest::Response) -> Option<Duration> {
    let value = response
        .headers()
        .get(reqwest::header::RETRY_AFTER)?
        .to_str()
        .ok()?;
    value.trim().parse::<u64>().ok().map(Duration::from_secs)
}

/// The `Location` header, as sent.
fn location(response: &reqwest::Response) -> Option<String> {
    let value = response.headers().get(reqwest::header::LOCATION)?;
    Some(String::from_utf8_lossy(value.as_bytes()).into_owned())
}

/// The error and its causes. reqwest's text names the URL, which is kept:
/// it says which call failed, and nothing secret travels in a Gateway URL
/// (references are path segments; card data goes in signed bodies only).
fn describe(error: &reqwest::Error) -> String {
    let mut text = error.to_string();
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}
