//! The `attribution.v1` contract as Rust types: the messages, the client
//! stub and (with the `server` feature) the server trait, generated from
//! `proto/` at build time by protox and tonic-prost-build (no system
//! `protoc`), plus serde impls in the proto3 JSON mapping (pbjson), which is
//! what grpcurl sends and `attributor extract --jsonl` prints.
//!
//! A crate of its own so that clients get the contract without the engine
//! or the server: `attributor-client` depends on this crate only.

#![allow(clippy::all, missing_docs)]

tonic::include_proto!("attribution.v1");
include!(concat!(env!("OUT_DIR"), "/attribution.v1.serde.rs"));

/// Encoded `FileDescriptorSet` for server reflection.
pub const FILE_DESCRIPTOR_SET: &[u8] =
    tonic::include_file_descriptor_set!("attribution_descriptor");
