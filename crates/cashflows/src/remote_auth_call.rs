//! Sending a Remote Auth request.

use std::time::Instant;

use tracing::Instrument;

use crate::Client;
use crate::error::{ApiError, DecodeError, Error};
use crate::remote_auth::{RemoteAuthReply, RemoteAuthRequest};

impl Client {
    /// Sends a Remote Auth request (sale, verify, refund or void, as its
    /// `tran_type` says) and parses the reply. A decline is a reply, not an
    /// error: look at [`RemoteAuthReply::is_authorised`].
    ///
    /// Remote Auth requests are never retried once sent: a second sale
    /// could charge twice.
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
        let tran_type = request
            .tran_type
            .as_ref()
            .map(|t| t.as_str().to_owned())
            .unwrap_or_default();
        let span = tracing::info_span!(
            "cashflows.remote_auth",
            tran_type = %tran_type,
            status = tracing::field::Empty,
            duration_ms = tracing::field::Empty,
            attempts = tracing::field::Empty,
        );
        let send = || {
            self.http()
                .post(&url)
                .header(
                    reqwest::header::CONTENT_TYPE,
                    crate::remote_auth::CONTENT_TYPE,
                )
                .timeout(self.timeout())
                .body(body.clone())
        };
        async move {
            let started = Instant::now();
            let result = self.send_with_retries(send, false).await;
            let current = tracing::Span::current();
            current.record("duration_ms", started.elapsed().as_millis() as u64);
            let (status, bytes) = result?;
            current.record("status", status);
            decode_reply(status, &bytes)
        }
        .instrument(span)
        .await
    }
}

fn decode_reply(status: u16, bytes: &[u8]) -> Result<RemoteAuthReply, Error> {
    let text = String::from_utf8_lossy(bytes).into_owned();
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
