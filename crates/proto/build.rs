//! Compiles `proto/` (at the workspace root, where `buf lint` reads it) with
//! protox (no system `protoc` needed), generates the prost messages and
//! tonic stubs, proto3-JSON serde impls (pbjson), and writes the encoded
//! descriptor set that server reflection serves.
//!
//! The server module is behind the crate's `server` feature, and no stub
//! names `tonic::transport` (clients build their own `Channel`), so a client
//! compiles this crate with tonic's `codegen` feature alone.

use std::{env, fs, path::PathBuf};

use prost::Message;

const PROTO_ROOT: &str = "../../proto";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!("cargo:rerun-if-changed={PROTO_ROOT}");
    let out = PathBuf::from(env::var("OUT_DIR")?);
    let fds = protox::compile(["attribution/v1/attribution.proto"], [PROTO_ROOT])?;
    let descriptor_path = out.join("attribution_descriptor.bin");
    fs::write(&descriptor_path, fds.encode_to_vec())?;

    tonic_prost_build::configure()
        .build_server(true)
        .build_client(true)
        .build_transport(false)
        .server_mod_attribute("attribution.v1", "#[cfg(feature = \"server\")]")
        .compile_fds(fds.clone())?;

    let descriptors = fs::read(&descriptor_path)?;
    pbjson_build::Builder::new()
        .register_descriptors(&descriptors)?
        .build(&[".attribution.v1"])?;
    Ok(())
}
