//! Compiles `proto/` (at the workspace root, where `buf lint` reads it) with
//! protox (no system `protoc` needed), generates the prost messages and
//! tonic stubs, proto3-JSON serde impls (pbjson), and writes the encoded
//! descriptor set that server reflection serves.
//!
//! The descriptor set is encoded by protox itself: prost's
//! `FileDescriptorSet` has no room for extension options, so encoding that
//! would drop the `google.api.http` rules that reflection clients (and HTTP
//! gateways) read.
//!
//! The server module is behind the crate's `server` feature, and no stub
//! names `tonic::transport` (clients build their own `Channel`), so a client
//! compiles this crate with tonic's `codegen` feature alone.

use std::{env, fs, path::PathBuf};

const PROTO_ROOT: &str = "../../proto";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!("cargo:rerun-if-changed={PROTO_ROOT}");
    let out = PathBuf::from(env::var("OUT_DIR")?);
    let mut compiler = protox::Compiler::new([PROTO_ROOT])?;
    compiler
        .include_source_info(true)
        .include_imports(true)
        .open_files(["attribution/v1/attribution.proto"])?;
    let fds = compiler.file_descriptor_set();
    let descriptor_path = out.join("attribution_descriptor.bin");
    fs::write(&descriptor_path, compiler.encode_file_descriptor_set())?;

    tonic_prost_build::configure()
        .build_server(true)
        .build_client(true)
        .build_transport(false)
        .server_mod_attribute("attribution.v1", "#[cfg(feature = \"server\")]")
        .compile_fds(fds)?;

    let descriptors = fs::read(&descriptor_path)?;
    pbjson_build::Builder::new()
        .register_descriptors(&descriptors)?
        .build(&[".attribution.v1"])?;
    Ok(())
}
