//! Rebuilds when the embedded rule packs change.
fn main() {
    println!("cargo:rerun-if-changed=rules");
}
