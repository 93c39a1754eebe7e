//! attributor: extracts attributed statements from news text.
//!
//! [`engine`] is the extraction library (no gRPC); [`proto`] holds the
//! generated gRPC types. Around them, thin shells: [`convert`] and [`error`]
//! map engine results to the contract, [`service`] implements it, [`server`]
//! wires it into a tonic server, [`web`] adds HTTP/JSON, gRPC-Web and a
//! browser page on the same port, and [`cli`] is the `attributor` command.

pub mod auth;
pub mod cli;
pub mod convert;
pub mod engine;
pub mod error;
pub mod server;
pub mod service;
pub mod telemetry;
pub mod web;

/// Generated protobuf and gRPC code for `attribution.v1`.
pub mod proto {
    #![allow(clippy::all, missing_docs)]
    tonic::include_proto!("attribution.v1");
    include!(concat!(env!("OUT_DIR"), "/attribution.v1.serde.rs"));

    /// Encoded `FileDescriptorSet` for server reflection.
    pub const FILE_DESCRIPTOR_SET: &[u8] =
        tonic::include_file_descriptor_set!("attribution_descriptor");
}
pub mod metrics;
