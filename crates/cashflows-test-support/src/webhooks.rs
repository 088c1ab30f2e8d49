//! A webhook receiver for tests: it acknowledges every notification as the
//! Gateway expects (HTTP 200 echoing both references) and passes each on.

use serde_json::{Value, json};
use tokio::sync::mpsc;

use crate::raw_http;

/// Starts a receiver on loopback; its URL, and the notifications it gets.
pub async fn acknowledging_receiver() -> (String, mpsc::UnboundedReceiver<Value>) {
    let (listener, base) = raw_http::listen().await;
    let (sent, received) = mpsc::unbounded_channel();
    tokio::spawn(async move {
        while let Ok((mut stream, _)) = listener.accept().await {
            let Some(message) = raw_http::read_message(&mut stream).await else {
                continue;
            };
            let notification: Value = serde_json::from_slice(message.body()).unwrap_or_default();
            let acknowledgement = json!({
                "paymentJobReference": notification["paymentJobReference"],
                "paymentReference": notification["paymentReference"],
            })
            .to_string();
            let _ = raw_http::respond(
                &mut stream,
                "200 OK",
                "application/json",
                acknowledgement.as_bytes(),
            )
            .await;
            let _ = sent.send(notification);
        }
    });
    (format!("{base}/hook"), received)
}
