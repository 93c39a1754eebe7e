//! A connection that breaks under a call, over real sockets: the client
//! reports UNAVAILABLE (what gRPC specifies, and what callers retry), not
//! tonic's UNKNOWN "transport error", and its single retry reaches the
//! server again on a new connection.
//!
//! Between the client and a real server sits a TCP proxy that cuts chosen
//! connections (both directions) once the client has sent the request's
//! text through them, so the call is in flight when its connection goes.

mod common;

use attributor_client::{Client, Code, is_lost_connection};
use common::proxy::{Cut, CuttingProxy};
use common::{ARTICLE, TestServer, assert_well_formed};

/// Cuts connection `n` (from 0) once the client has sent a request's text
/// through it, for `n` below `connections`.
fn cut_first(connections: usize) -> Cut {
    Cut::After {
        connections,
        bytes: ARTICLE.len(),
    }
}

#[tokio::test]
async fn a_call_whose_connection_breaks_is_retried_on_a_new_one() {
    let server = TestServer::start_default().await;
    let proxy = CuttingProxy::start(server.addr, cut_first(1)).await;
    let client = Client::connect(proxy.url()).await.expect("connect");

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
    let proxy = CuttingProxy::start(server.addr, cut_first(usize::MAX)).await;
    let client = Client::connect(proxy.url()).await.expect("connect");

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
