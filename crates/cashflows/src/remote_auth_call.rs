//! Sending a Remote Auth request.

use crate::Client;
use crate::error::{ApiError, DecodeError, Error, OutcomeUnknown, Redirect};
use crate::remote_auth::{RemoteAuthReply, RemoteAuthRequest};
use crate::transport::Answer;

impl Client {
    /// Sends a Remote Auth request (sale, verify, refund or void, as its
    /// `tran_type` says) and parses the reply. A decline is a reply, not an
    /// error: look at [`RemoteAuthReply::is_authorised`].
    ///
    /// Remote Auth requests are never retried once sent: a second sale
    /// could charge twice. When a sent request's answer is lost, unreadable,
    /// a redirect, a server failure (5xx) or a 406, the error is
    /// [`Error::OutcomeUnknown`]: the transaction may have happened. Any
    /// other refusal (4xx) means it did not.
    pub async fn remote_auth(&self, request: &RemoteAuthRequest) -> Result<RemoteAuthReply, Error> {
        let credentials = self.remote_auth_credentials()?;
        let mut form = form_urlencoded::Serializer::new(String::new());
        form.append_pair(crate::environments::AUTH_ID_FIELD, credentials.auth_id());
        form.append_pair(
            crate::environments::AUTH_PASS_FIELD,
            credentials.auth_pass(),
        );
        for (name, value) in request.form_fields()? {
            form.append_pair(name, &value);
        }
        let body = form.finish();
        let url = self.environment().remote_auth_url();
        let send = || {
            self.http()
                .post(&url)
                .header(
                    reqwest::header::CONTENT_TYPE,
                    crate::remote_auth::CONTENT_TYPE,
                )
                .body(body.clone())
        };
        self.send_traced(remote_auth_span(request), &send, false)
            .await
            .and_then(|answer| decode_reply(&answer))
            .map_err(unknown_outcome)
    }
}

/// The span of one Remote Auth call: its transaction type, then status,
/// duration and attempts (never the form: it holds card data).
fn remote_auth_span(request: &RemoteAuthRequest) -> tracing::Span {
    let tran_type = request
        .tran_type
        .as_ref()
        .map(|t| t.as_str())
        .unwrap_or_default();
    tracing::info_span!(
        "cashflows.remote_auth",
        tran_type = %tran_type,
        status = tracing::field::Empty,
        duration_ms = tracing::field::Empty,
        attempts = tracing::field::Empty,
    )
}

/// After a sent request, anything but a refusal (4xx but 406) leaves the
/// transaction's outcome unknown.
fn unknown_outcome(error: Error) -> Error {
    let may_have_happened = match &error {
        Error::Api(refusal) => crate::client::status_leaves_outcome_unknown(refusal.status),
        Error::Transport(transport) => !transport.not_sent,
        Error::Invalid(_) | Error::OutcomeUnknown(_) => false,
        _ => true,
    };
    if !may_have_happened {
        return error;
    }
    Error::OutcomeUnknown(OutcomeUnknown {
        call: "remote_auth",
        order_number: None,
        cause: Box::new(error),
    })
}

fn decode_reply(answer: &Answer) -> Result<RemoteAuthReply, Error> {
    let status = answer.status;
    if (300..400).contains(&status) {
        return Err(Error::Redirected(Redirect {
            status,
            location: answer.location.clone(),
        }));
    }
    let text = String::from_utf8_lossy(&answer.body).into_owned();
    if !(200..300).contains(&status) {
        return Err(Error::Api(ApiError {
            status,
            errors: Vec::new(),
            warnings: Vec::new(),
            body: text,
        }));
    }
    RemoteAuthReply::parse(&text).map_err(|err| {
        Error::Decode(DecodeError {
            status: Some(status),
            reason: err.to_string(),
            body: text.clone(),
        })
    })
}
