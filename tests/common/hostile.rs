//! Hostile servers for the loopback web (`web.rs`): answers below HTTP that no well-behaved
//! server gives, written straight to the socket: a body that never ends, headers that never
//! end, a connection accepted and never answered. A host gets one with
//! `HostSpec::new("x.test").raw(Raw::…)`; its requests are recorded like any other host's
//! (but for `Silent`, which never reads one: count its `connections` instead).
//!
//! Every listener is on loopback (see `web.rs`).

use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// How a hostile host answers every connection.
#[derive(Clone, Debug)]
pub enum Raw {
    /// `200 text/html`, chunked, a head with `<title>Endless</title>`, then body chunks for
    /// ever: as fast as the client reads (`None`), or one small chunk per interval.
    EndlessBody(Option<Duration>),
    /// `HTTP/1.1 200 OK`, then header lines for ever: as fast as the client reads (`None`),
    /// or one line per interval.
    EndlessHeaders(Option<Duration>),
    /// Accepts the connection, then neither reads nor answers nor closes (until the `Web` is
    /// dropped).
    Silent,
}

impl Raw {
    /// Whether the server reads the request before answering.
    pub fn reads_request(&self) -> bool {
        !matches!(self, Raw::Silent)
    }
}

/// A request head as read from the socket.
pub struct Head {
    pub method: String,
    pub path: String,
    /// Names in lower case.
    pub headers: Vec<(String, String)>,
}

/// Reads a request head (up to its blank line, at most 64 KiB).
pub async fn read_head(stream: &mut TcpStream) -> Option<Head> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
        if buf.len() > 64 * 1024 {
            return None;
        }
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(chunk.get(..n)?);
    }
    let text = String::from_utf8_lossy(&buf);
    let mut lines = text.split("\r\n");
    let mut first = lines.next()?.split(' ');
    let method = first.next()?.to_string();
    let path = first.next()?.to_string();
    let headers = lines
        .take_while(|l| !l.is_empty())
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    Some(Head {
        method,
        path,
        headers,
    })
}

/// Answers the hostile way until the client goes away (or for ever).
pub async fn answer(mut stream: TcpStream, raw: Raw) {
    match raw {
        Raw::Silent => {
            // the socket stays open, unread, as long as this task lives
            std::future::pending::<()>().await;
        }
        Raw::EndlessBody(pace) => {
            let head = "HTTP/1.1 200 OK\r\ncontent-type: text/html; charset=utf-8\r\n\
                        transfer-encoding: chunked\r\n\r\n";
            if stream.write_all(head.as_bytes()).await.is_err() {
                return;
            }
            let first = "<!doctype html><html><head><title>Endless</title></head><body>";
            let filler = if pace.is_some() {
                "<p>.</p>".to_string()
            } else {
                "<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit.</p>\n".repeat(256)
            };
            let mut data = first.to_string();
            loop {
                let frame = format!("{:x}\r\n{data}\r\n", data.len());
                if stream.write_all(frame.as_bytes()).await.is_err() {
                    return;
                }
                if let Some(p) = pace {
                    tokio::time::sleep(p).await;
                }
                data.clone_from(&filler);
            }
        }
        Raw::EndlessHeaders(pace) => {
            if stream
                .write_all(b"HTTP/1.1 200 OK\r\ncontent-type: text/html\r\n")
                .await
                .is_err()
            {
                return;
            }
            let pad = "a".repeat(100);
            for i in 0u64.. {
                let line = format!("x-filler-{i}: {pad}\r\n");
                if stream.write_all(line.as_bytes()).await.is_err() {
                    return;
                }
                if let Some(p) = pace {
                    tokio::time::sleep(p).await;
                }
            }
        }
    }
}

/// A plain 404, and the connection closed.
pub async fn not_found(mut stream: TcpStream) {
    let _ = stream
        .write_all(
            b"HTTP/1.1 404 Not Found\r\ncontent-type: text/html\r\ncontent-length: 0\r\n\
              connection: close\r\n\r\n",
        )
        .await;
    let _ = stream.shutdown().await;
}
