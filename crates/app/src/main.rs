//! The browser entry point: mounts the app's widgets into the page the server sent. Nothing else.

fn main() {
    portal_app::start();
}
