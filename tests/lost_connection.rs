//! A connection that breaks under a call, over real sockets: the client
//! reports UNAVAILABLE (what gRPC specifies, and what callers retry), not
//! tonic's UNKNOWN "transport error", and its single retry reaches the
//! server again on a new connection.
//!
//! Between the client and a real server sits a TCP proxy that cuts chosen
//! connections (both directions) once the client has sent the request's
//! text through them, so the call is in flight when its connection goes.

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use attributor_client::{Client, Code, is_lost_connection};
use common::{ARTICLE, TestServer, assert_well_formed};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// Forwards connections to `upstream`; connection `n` (from 0) is cut once
/// the client has sent more than `ARTICLE.len()` bytes through it if
/// `cut(n)`. Counts the connections it accepted.
struct CuttingProxy {
    url: String,
    connections: Arc<AtomicUsize>,
}

impl CuttingProxy {
    async fn start(upstream: std::net::SocketAddr, cut: fn(usize) -> bool) -> CuttingProxy {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let url = format!("http://{}", listener.local_addr().expect("local addr"));
        let connections = Arc::new(AtomicUsize::new(0));
        let counter = connections.clone();
        // Ends with the test's runtime.
        tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                let n = counter.fetch_add(1, Ordering::SeqCst);
                let server = TcpStream::connect(upstream).await.expect("upstream");
                tokio::spawn(forward(client, server, cut(n)));
            }
        });
        CuttingProxy { url, connections }
    }

    fn connections(&self) -> usize {
        self.connections.load(Ordering::SeqCst)
    }
}

/// Copies bytes both ways until either side closes, or, with `cut`, until
/// the client has sent a request's worth; then drops both sockets.
async fn forward(mut client: TcpStream, mut server: TcpStream, cut: bool) {
    let (mut client_read, mut client_write) = client.split();
    let (mut server_read, mut server_write) = server.split();
    let mut up = vec![0u8; 16 * 1024];
    let mut down = vec![0u8; 16 * 1024];
    let mut sent = 0;
    loop {
        tokio::select! {
            read = client_read.read(&mut up) => {
                let Ok(n @ 1..) = read else { return };
                sent += n;
                if cut && sent > ARTICLE.len() {
                    return;
                }
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

#[tokio::test]
async fn a_call_whose_connection_breaks_is_retried_on_a_new_one() {
    let server = TestServer::start_default().await;
    let proxy = CuttingProxy::start(server.addr, |n| n == 0).await;
    let client = Client::connect(proxy.url.clone()).await.expect("connect");

    let response = client
        .extract(ARTICLE)
        .document_id("after-the-break")
        .await
        .expect("the retry, on a second connection, is answered");
    assert_eq!(response.document_id, "after-the-break");
    assert_well_formed(ARTICLE, &response);
    assert_eq!(proxy.connections(), 2, "the first connection was cut");
}

#[tokio::test]
async fn a_lost_connection_is_reported_unavailable() {
    let server = TestServer::start_default().await;
    let proxy = CuttingProxy::start(server.addr, |_| true).await;
    let client = Client::connect(proxy.url.clone()).await.expect("connect");

    let status = client.extract(ARTICLE).await.unwrap_err();
    assert_eq!(status.code(), Code::Unavailable, "{status:?}");
    assert!(is_lost_connection(&status), "{status:?}");
    assert_eq!(
        proxy.connections(),
        2,
        "the first attempt and the single retry, each on its own connection"
    );

    // A status the server sent is never taken for a lost connection.
    let direct = server.client().await;
    let refused = direct.extract("").await.unwrap_err();
    assert_eq!(refused.code(), Code::InvalidArgument, "{refused:?}");
    assert!(!is_lost_connection(&refused));
}
