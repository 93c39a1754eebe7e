//! attributor: the gRPC server and the `attributor` command around the
//! extraction engine.
//!
//! The workspace is split by concept, so the compiler keeps the seams:
//! [`engine`] (crate `attributor-engine`) is the extraction library and knows
//! nothing of gRPC; [`proto`] (crate `attributor-proto`) holds the generated
//! contract. This crate is the thin shell around them: [`convert`] and
//! [`error`] map engine results to the contract, [`service`] implements it,
//! [`server`] wires it into a tonic server, [`web`] adds HTTP/JSON,
//! gRPC-Web and a browser page on the same port, and [`cli`] is the
//! `attributor` command.

pub use attributor_engine as engine;
pub use attributor_proto as proto;

pub mod auth;
pub mod cli;
pub mod convert;
pub mod error;
pub mod metrics;
pub mod server;
pub mod service;
pub mod telemetry;
pub mod web;
