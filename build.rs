//! Generates `include/sessl.h` from `src/ffi` with cbindgen, appending
//! OpenSSL's macros (`src/ffi/openssl_macros.h`).

use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-changed=src/ffi");
    println!("cargo:rerun-if-changed=cbindgen.toml");
    if std::env::var_os("CARGO_FEATURE_CAPI").is_none() {
        return;
    }
    let dir = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("manifest dir"));
    let config = cbindgen::Config::from_file(dir.join("cbindgen.toml")).expect("cbindgen.toml");
    let macros = std::fs::read_to_string(dir.join("src/ffi/openssl_macros.h")).expect("macros");
    match cbindgen::Builder::new()
        .with_crate(&dir)
        .with_config(config)
        .with_trailer(macros)
        .generate()
    {
        Ok(bindings) => {
            bindings.write_to_file(dir.join("include/sessl.h"));
        }
        Err(e) => println!("cargo:warning=cbindgen: {e}"),
    }
}
