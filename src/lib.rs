//! attributor: extracts attributed statements from news text.
//!
//! [`engine`] is the extraction library (no gRPC); [`proto`] holds the
//! generated gRPC types.

pub mod engine;

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
