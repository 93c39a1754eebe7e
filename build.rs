//! Compiles `proto/` with protox (no system `protoc` needed), generates the
//! tonic/prost code, proto3-JSON serde impls (pbjson), and writes the encoded
//! descriptor set that server reflection serves.

use std::{env, fs, path::PathBuf};

use prost::Message;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!("cargo:rerun-if-changed=proto");
    let out = PathBuf::from(env::var("OUT_DIR")?);
    let fds = protox::compile(["attribution/v1/attribution.proto"], ["proto"])?;
    let descriptor_path = out.join("attribution_descriptor.bin");
    fs::write(&descriptor_path, fds.encode_to_vec())?;

    tonic_prost_build::configure()
        .build_server(true)
        .build_client(true)
        .compile_fds(fds.clone())?;

    let descriptors = fs::read(&descriptor_path)?;
    pbjson_build::Builder::new()
        .register_descriptors(&descriptors)?
        .build(&[".attribution.v1"])?;
    Ok(())
}
