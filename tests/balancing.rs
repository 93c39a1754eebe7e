//! Client-side balancing with discovery: several real servers on
//! 127.0.0.1:0 behind a resolver the test controls, so replicas can come and
//! go between two resolutions, as pods behind a headless Service do.

mod common;

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use attributor::engine::{self, Document};
use attributor::server::ServerConfig;
use attributor::service::{ExtractionService, Extractor, ServiceConfig};
use attributor_client::{Client, Discovery, Resolver};
use common::{ARTICLE, TestServer, wait_for};

/// A real server that counts the documents it extracts.
struct Replica {
    server: TestServer,
    served: Arc<AtomicUsize>,
}

impl Replica {
    async fn start() -> Replica {
        let served = Arc::new(AtomicUsize::new(0));
        let counter = served.clone();
        let extractor: Extractor = Arc::new(move |document: &Document<'_>| {
            counter.fetch_add(1, Ordering::SeqCst);
            engine::extract(document)
        });
        let service = ExtractionService::with_extractor(ServiceConfig::default(), extractor);
        let server = TestServer::start(ServerConfig::default(), service).await;
        Replica { server, served }
    }

    fn served(&self) -> usize {
        self.served.load(Ordering::SeqCst)
    }
}

/// The "DNS" of the test: answers `addresses`, counting its answers.
#[derive(Clone, Default)]
struct FakeDns {
    addresses: Arc<Mutex<Vec<SocketAddr>>>,
    answers: Arc<AtomicUsize>,
}

impl FakeDns {
    fn resolver(&self) -> Resolver {
        let dns = self.clone();
        Arc::new(move || {
            let addresses = dns.addresses.lock().unwrap().clone();
            dns.answers.fetch_add(1, Ordering::SeqCst);
            Box::pin(async move { Ok(addresses) })
        })
    }

    /// Changes the answer and waits until the client has applied it: a
    /// resolution that started after the change has completed once the
    /// one after it starts.
    async fn answer(&self, replicas: &[&Replica]) {
        *self.addresses.lock().unwrap() = replicas.iter().map(|r| r.server.addr).collect();
        let seen = self.answers.load(Ordering::SeqCst);
        wait_for("two resolutions after the change", || async {
            self.answers.load(Ordering::SeqCst) >= seen + 2
        })
        .await;
    }
}

async fn extract_until(client: &Client, what: &str, done: impl Fn() -> bool) {
    let mut calls = 0;
    wait_for(what, || {
        calls += 1;
        let id = format!("doc-{calls}");
        let call = client.extract(ARTICLE).document_id(id.clone());
        let done = &done;
        async move {
            let response = call.await.expect("every call succeeds");
            assert_eq!(response.document_id, id);
            done()
        }
    })
    .await;
}

#[tokio::test]
async fn calls_follow_replicas_as_they_come_and_go() {
    let (a, b, c) = (
        Replica::start().await,
        Replica::start().await,
        Replica::start().await,
    );
    let dns = FakeDns::default();
    *dns.addresses.lock().unwrap() = vec![a.server.addr, b.server.addr];
    let client = Client::discover_with(dns.resolver(), Discovery::every(Duration::from_millis(20)));

    extract_until(&client, "both resolved replicas to serve", || {
        a.served() > 0 && b.served() > 0
    })
    .await;
    assert_eq!(c.served(), 0, "an unresolved replica gets nothing");

    // a leaves, c arrives.
    dns.answer(&[&b, &c]).await;
    let a_before = a.served();
    extract_until(&client, "the new replica to serve", || c.served() > 0).await;
    for _ in 0..20 {
        client.extract(ARTICLE).await.expect("extract");
    }
    assert_eq!(a.served(), a_before, "a removed replica gets nothing");

    // An empty answer (a DNS hiccup) keeps the replicas known so far.
    dns.answer(&[]).await;
    let before = b.served() + c.served();
    client.extract(ARTICLE).await.expect("still served");
    assert_eq!(b.served() + c.served(), before + 1);
}
