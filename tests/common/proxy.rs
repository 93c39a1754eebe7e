//! A TCP proxy between a client and a real server that cuts connections:
//! the faults the lost-connection and bulk tests need, made outside the
//! server (never a test-only flag in the shipped binary).

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// What makes the proxy cut a connection.
#[derive(Clone, Copy)]
pub enum Cut {
    /// Connections numbered (from 0) below `connections` are cut once the
    /// client has sent `bytes` through them.
    After { connections: usize, bytes: usize },
    /// Every connection is cut when this marker passes towards the server
    /// (before the server sees it).
    OnMarker(&'static str),
}

/// A TCP proxy to `upstream` that cuts connections as `cut` says.
pub struct CuttingProxy {
    /// `host:port` of the proxy.
    pub addr: String,
    connections: Arc<AtomicUsize>,
}

impl CuttingProxy {
    pub async fn start(upstream: std::net::SocketAddr, cut: Cut) -> CuttingProxy {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("local addr").to_string();
        let connections = Arc::new(AtomicUsize::new(0));
        let counter = connections.clone();
        tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                let n = counter.fetch_add(1, Ordering::SeqCst);
                let Ok(server) = TcpStream::connect(upstream).await else {
                    continue;
                };
                tokio::spawn(forward(client, server, n, cut));
            }
        });
        CuttingProxy { addr, connections }
    }

    /// Connections the proxy has accepted.
    pub fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }

    /// `http://host:port` of the proxy, for `Client::connect`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }
}

/// Whether the client's bytes so far (`seen`: a tail kept across reads for
/// a marker) call for a cut.
fn must_cut(cut: Cut, connection: usize, sent: usize, seen: &[u8]) -> bool {
    match cut {
        Cut::After { connections, bytes } => connection < connections && sent > bytes,
        Cut::OnMarker(marker) => seen
            .windows(marker.len())
            .any(|window| window == marker.as_bytes()),
    }
}

async fn forward(mut client: TcpStream, mut server: TcpStream, connection: usize, cut: Cut) {
    let (mut client_read, mut client_write) = client.split();
    let (mut server_read, mut server_write) = server.split();
    let mut up = vec![0u8; 16 * 1024];
    let mut down = vec![0u8; 16 * 1024];
    let mut sent = 0;
    let mut tail: Vec<u8> = Vec::new();
    loop {
        tokio::select! {
            read = client_read.read(&mut up) => {
                let Ok(n @ 1..) = read else { return };
                sent += n;
                tail.extend_from_slice(&up[..n]);
                if must_cut(cut, connection, sent, &tail) {
                    return;
                }
                let keep = tail.len().min(64);
                tail.drain(..tail.len() - keep);
                if server_write.write_all(&up[..n]).await.is_err() {
                    return;
                }
            }
            read = server_read.read(&mut down) => {
                let Ok(n @ 1..) = read else { return };
                if client_write.write_all(&down[..n]).await.is_err() {
                    return;
                }
            }
        }
    }
}
