//! A cut-short answer: the status line and headers with the body's full
//! `Content-Length`, the first half of the body, then a broken connection.
//! The body is streamed: its first half, a pause for hyper to flush it, then
//! an error, on which hyper aborts the connection without writing the rest.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::{Body, Bytes, to_bytes};
use axum::http::header::{CONTENT_LENGTH, TRANSFER_ENCODING};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use hyper::body::{Frame, SizeHint};
use tokio::time::Sleep;

/// How long the half body is left to reach the socket before the
/// connection is broken.
const FLUSH_PAUSE: Duration = Duration::from_millis(100);

/// `response` with its body cut to the first half.
pub(super) async fn truncated(response: Response) -> Response {
    let (mut parts, body) = response.into_parts();
    // The sandbox's own answers are small; a body that cannot be read whole
    // is answered as a failure rather than cut.
    let Ok(bytes) = to_bytes(body, usize::MAX).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let full = bytes.len();
    parts.headers.remove(TRANSFER_ENCODING);
    parts
        .headers
        .insert(CONTENT_LENGTH, HeaderValue::from(full));
    let half = bytes.slice(..full.checked_div(2).unwrap_or_default());
    let body = HalfBody {
        half: Some(half),
        pause: None,
        full: u64::try_from(full).unwrap_or(u64::MAX),
    };
    Response::from_parts(parts, Body::new(body))
}

/// The half body, then (after [`FLUSH_PAUSE`]) an error.
struct HalfBody {
    half: Option<Bytes>,
    pause: Option<Pin<Box<Sleep>>>,
    full: u64,
}

/// The error that ends a cut-short body.
#[derive(Debug)]
struct CutShort;

impl std::fmt::Display for CutShort {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("body cut short by a fault")
    }
}

impl std::error::Error for CutShort {}

impl hyper::body::Body for HalfBody {
    type Data = Bytes;
    type Error = CutShort;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, CutShort>>> {
        if let Some(half) = self.half.take() {
            return Poll::Ready(Some(Ok(Frame::data(half))));
        }
        let pause = self
            .pause
            .get_or_insert_with(|| Box::pin(tokio::time::sleep(FLUSH_PAUSE)));
        match pause.as_mut().poll(cx) {
            Poll::Pending => Poll::Pending,
            Poll::Ready(()) => Poll::Ready(Some(Err(CutShort))),
        }
    }

    fn is_end_stream(&self) -> bool {
        false
    }

    fn size_hint(&self) -> SizeHint {
        SizeHint::with_exact(self.full)
    }
}
