//! Compiles `proto/` with protox (no system `protoc` needed), generates the
//! tonic/prost code, proto3-JSON serde impls (pbjson), and writes the encoded
//! descriptor set that server reflection serves.
//!
//! The descriptor set is encoded by protox itself: prost's
//! `FileDescriptorSet` has no room for extension options, so encoding that
//! would drop the `google.api.http` rules that reflection clients (and HTTP
//! gateways) read.

use std::{env, fs, path::PathBuf};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!("cargo:rerun-if-changed=proto");
    let out = PathBuf::from(env::var("OUT_DIR")?);
    let mut compiler = protox::Compiler::new(["proto"])?;
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
        .compile_fds(fds)?;

    let descriptors = fs::read(&descriptor_path)?;
    pbjson_build::Builder::new()
        .register_descriptors(&descriptors)?
        .build(&[".attribution.v1"])?;
    Ok(())
}
