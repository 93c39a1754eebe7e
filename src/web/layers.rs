//! gRPC-Web and CORS in front of the one router.
//!
//! tonic-web's `GrpcWebLayer` translates a gRPC-Web call into a gRPC call
//! and back, but answers every other HTTP/1.1 request with 400, so it cannot
//! sit in front of the JSON routes. [`GrpcWebLayer`] here sends only
//! requests whose content type is `application/grpc-web*` through tonic-web
//! and everything else straight on, both into the same inner stack. That
//! stack (metrics, the oversize fix, the router) therefore sees a gRPC-Web
//! call as the gRPC call it becomes: counted, limited and authorized alike.
//!
//! CORS is off unless origins are named (`--cors-origin`): without it a
//! browser lets only pages served by this server (the page at `/`) call it.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use http::header::{AUTHORIZATION, CONTENT_TYPE, RETRY_AFTER};
use http::{HeaderMap, HeaderName, HeaderValue, Method, Request, Response};
use tonic::body::Body;
use tower::{Layer, Service, ServiceExt};
use tower_http::cors::{AllowOrigin, CorsLayer};

type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// Routes gRPC-Web requests through tonic-web, the rest straight on.
#[derive(Clone, Copy, Debug, Default)]
pub struct GrpcWebLayer;

impl<S: Clone> Layer<S> for GrpcWebLayer {
    type Service = GrpcWebOrNot<S>;

    fn layer(&self, inner: S) -> Self::Service {
        GrpcWebOrNot {
            web: tonic_web::GrpcWebLayer::new().layer(inner.clone()),
            plain: inner,
        }
    }
}

/// See [`GrpcWebLayer`].
#[derive(Clone, Debug)]
pub struct GrpcWebOrNot<S> {
    plain: S,
    web: tonic_web::GrpcWebService<S>,
}

type ResponseFuture<E> = Pin<Box<dyn Future<Output = Result<Response<Body>, E>> + Send>>;

impl<S, B> Service<Request<Body>> for GrpcWebOrNot<S>
where
    S: Service<Request<Body>, Response = Response<B>> + Clone + Send + 'static,
    S::Future: Send + 'static,
    S::Error: Send + 'static,
    B: http_body::Body<Data = bytes::Bytes> + Send + 'static,
    B::Error: Into<BoxError> + fmt::Display,
{
    type Response = Response<Body>;
    type Error = S::Error;
    type Future = ResponseFuture<S::Error>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.plain.poll_ready(cx)
    }

    fn call(&mut self, request: Request<Body>) -> Self::Future {
        if is_grpc_web(request.headers()) {
            return Box::pin(self.web.clone().oneshot(request));
        }
        let future = self.plain.call(request);
        Box::pin(async move { Ok(future.await?.map(Body::new)) })
    }
}

fn is_grpc_web(headers: &HeaderMap) -> bool {
    headers
        .get(CONTENT_TYPE)
        .is_some_and(|value| value.as_bytes().starts_with(b"application/grpc-web"))
}

/// CORS for `origins` (none: no CORS layer at all). Browsers may then call
/// the JSON routes and gRPC-Web from pages of those origins, sending a
/// token and a deadline, and read the gRPC status and `Retry-After`.
pub fn cors_layer(origins: &[HeaderValue]) -> Option<CorsLayer> {
    if origins.is_empty() {
        return None;
    }
    let named = HeaderName::from_static;
    let request_headers = [
        CONTENT_TYPE,
        AUTHORIZATION,
        named("x-grpc-web"),
        named("x-user-agent"),
        named("grpc-timeout"),
        named("connect-protocol-version"),
        named("connect-timeout-ms"),
    ];
    let response_headers = [
        named("grpc-status"),
        named("grpc-message"),
        named("grpc-status-details-bin"),
        RETRY_AFTER,
    ];
    Some(
        CorsLayer::new()
            .allow_origin(AllowOrigin::list(origins.iter().cloned()))
            .allow_methods([Method::GET, Method::POST])
            .allow_headers(request_headers)
            .expose_headers(response_headers)
            .max_age(Duration::from_secs(3600)),
    )
}
