//! HTTP/1.1 by hand, for the tests' own servers: read one message (its head,
//! then as many body bytes as `content-length` announces), and write an
//! answer that closes the connection. A hand-written server can misbehave,
//! hold a connection or lose an answer, which no HTTP library would do.

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;

/// One HTTP message as received: every byte read, head and body.
pub struct Message {
    bytes: Vec<u8>,
    body_start: usize,
}

impl Message {
    /// Every byte received, as sent: what a proxy forwards.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The request or status line and the headers, as text.
    pub fn head(&self) -> String {
        String::from_utf8_lossy(&self.bytes[..self.body_start]).into_owned()
    }

    /// The first line: `GET /path HTTP/1.1`, or `HTTP/1.1 200 OK`.
    pub fn first_line(&self) -> String {
        self.head().lines().next().unwrap_or_default().to_owned()
    }

    /// The body.
    pub fn body(&self) -> &[u8] {
        &self.bytes[self.body_start..]
    }
}

/// Reads one message from `stream`; `None` when the connection ends or
/// fails before the head and the announced body have arrived.
pub async fn read_message(stream: &mut TcpStream) -> Option<Message> {
    let mut bytes = Vec::new();
    let mut buffer = [0u8; 8192];
    loop {
        match stream.read(&mut buffer).await {
            Ok(0) | Err(_) => return None,
            Ok(read) => bytes.extend_from_slice(&buffer[..read]),
        }
        if let Some(body_start) = body_start(&bytes) {
            return Some(Message { bytes, body_start });
        }
    }
}

/// Where the body starts, once the head has ended and the body is whole.
fn body_start(bytes: &[u8]) -> Option<usize> {
    let head_end = bytes.windows(4).position(|window| window == b"\r\n\r\n")?;
    let body_start = head_end + 4;
    let head = String::from_utf8_lossy(&bytes[..head_end]);
    let length = head
        .lines()
        .find_map(|line| {
            let line = line.to_ascii_lowercase();
            let value = line.strip_prefix("content-length:")?;
            Some(value.trim().parse::<usize>().unwrap_or(0))
        })
        .unwrap_or(0);
    (bytes.len() - body_start >= length).then_some(body_start)
}

/// The head of an answer with `status` (`200 OK`), a body of `length`
/// bytes of `content_type`, and `connection: close`.
pub fn response_head(status: &str, content_type: &str, length: usize) -> String {
    format!(
        "HTTP/1.1 {status}\r\ncontent-type: {content_type}\r\ncontent-length: {length}\r\nconnection: close\r\n\r\n"
    )
}

/// A whole answer: its head and `body`.
pub fn response(status: &str, content_type: &str, body: &str) -> String {
    response_head(status, content_type, body.len()) + body
}

/// Writes an answer to `stream` and closes it.
pub async fn respond(
    stream: &mut TcpStream,
    status: &str,
    content_type: &str,
    body: &[u8],
) -> std::io::Result<()> {
    let head = response_head(status, content_type, body.len());
    stream.write_all(head.as_bytes()).await?;
    stream.write_all(body).await?;
    stream.shutdown().await
}

/// A listener on a free loopback port, and its base URL (`http://…`).
pub async fn listen() -> (TcpListener, String) {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("binds");
    let base = format!("http://{}", listener.local_addr().expect("an address"));
    (listener, base)
}

/// A server that takes each request and never answers: every connection is
/// held until the server's runtime ends. Its base URL, and one message per
/// request it has read.
pub async fn silent_server() -> (String, mpsc::UnboundedReceiver<()>) {
    let (listener, base) = listen().await;
    let (sent, taken) = mpsc::unbounded_channel();
    tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((mut stream, _)) = listener.accept().await {
            read_message(&mut stream).await;
            let _ = sent.send(());
            held.push(stream);
        }
    });
    (base, taken)
}
