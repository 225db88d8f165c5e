//! The browser entry point: mounts the app's widgets into the page the server sent. Nothing else.

#[cfg(target_arch = "wasm32")]
fn main() {
    privacy_portal::app::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("privacy-portal is the browser app: build it with `trunk build` (see README.md)");
}
