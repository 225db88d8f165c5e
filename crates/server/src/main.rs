//! `portal-server`: serves a built site with the site folder's headers.
//!
//! ```text
//! portal-server [--root dist] [--site site] [--host 127.0.0.1] [--port 8080] [--prefix /tietosuoja]
//! ```
//!
//! `--port` defaults to `PORT`, else 8080; port 0 takes any free port. `--site` (default
//! `PORTAL_SITE`, else `site`) is the site folder the build was made from: its services make the
//! Content-Security-Policy. The first line on stdout is the address it listens on
//! (`listening on http://127.0.0.1:8080/`), then one line per request. SIGTERM or SIGINT stops
//! it after the requests under way have been answered; so does the end of stdin with
//! `--until-stdin-closes` (a test's server then ends with the test process, however it ends).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::{bail, Context};

use portal_server::{normalise_prefix, router, security_headers, AppState, Config};

const USAGE: &str =
    "usage: portal-server [--root DIR] [--site DIR] [--host ADDRESS] [--port N] [--prefix /PATH] [--plain] [--until-stdin-closes]";

struct Args {
    root: PathBuf,
    site: PathBuf,
    host: String,
    port: u16,
    prefix: String,
    /// Only `X-Content-Type-Options: nosniff` instead of the site's headers: for pages that are
    /// not this site's (the benchmark's peers, whose scripts are inline).
    plain: bool,
    /// Stop when stdin ends, as on SIGTERM.
    until_stdin_closes: bool,
}

fn parse_args() -> anyhow::Result<Args> {
    let mut args = Args {
        root: PathBuf::from("dist"),
        site: PathBuf::from(std::env::var_os("PORTAL_SITE").unwrap_or_else(|| "site".into())),
        host: "127.0.0.1".to_owned(),
        port: match std::env::var("PORT") {
            Ok(port) => port
                .parse()
                .with_context(|| format!("PORT={port:?} is not a port number (0 to 65535)"))?,
            Err(_) => 8080,
        },
        prefix: String::new(),
        plain: false,
        until_stdin_closes: false,
    };
    let mut given = std::env::args().skip(1);
    while let Some(flag) = given.next() {
        if flag == "--plain" {
            args.plain = true;
            continue;
        }
        if flag == "--until-stdin-closes" {
            args.until_stdin_closes = true;
            continue;
        }
        if flag == "--help" || flag == "-h" {
            println!("{USAGE}");
            std::process::exit(0);
        }
        let Some(value) = given.next() else {
            bail!("{flag} needs a value\n{USAGE}");
        };
        match flag.as_str() {
            "--root" => args.root = value.into(),
            "--site" => args.site = value.into(),
            "--host" => args.host = value,
            "--port" => {
                args.port = value
                    .parse()
                    .with_context(|| format!("--port {value:?} is not a port number (0 to 65535)"))?
            }
            "--prefix" => args.prefix = normalise_prefix(&value).map_err(anyhow::Error::msg)?,
            _ => bail!("unknown option {flag}\n{USAGE}"),
        }
    }
    Ok(args)
}

/// Runs the server; a failure to start is one clear message on stderr (with its causes, without
/// a backtrace) and exit status 1.
fn main() -> std::process::ExitCode {
    match run() {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("portal-server: {error:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

#[tokio::main]
async fn run() -> anyhow::Result<()> {
    let args = parse_args()?;
    if !args.root.join("index.html").is_file() {
        bail!(
            "{} has no index.html: build the site first (scripts/build.sh) or name it with --root",
            args.root.display()
        );
    }
    let headers = if args.plain {
        vec![("X-Content-Type-Options", "nosniff".to_owned())]
    } else {
        let site = site_folder::load(&args.site).map_err(|problems| {
            anyhow::anyhow!(
                "the site folder {} cannot be read:\n{}",
                args.site.display(),
                problems
                    .iter()
                    .map(|p| format!("  {p}"))
                    .collect::<Vec<_>>()
                    .join("\n")
            )
        })?;
        security_headers(&site)
    };
    let state = AppState::new(Config {
        root: args.root.clone(),
        prefix: args.prefix.clone(),
        headers,
    })?;
    let address = format!("{}:{}", args.host, args.port);
    let listener = tokio::net::TcpListener::bind(&address)
        .await
        .with_context(|| format!("cannot listen on {address}"))?;
    let bound: SocketAddr = listener.local_addr()?;
    // The first line: what a test or a script reads to find the server.
    portal_server::log::event(&format!("listening on http://{bound}{}/", args.prefix));
    axum::serve(listener, router(Arc::new(state)))
        .with_graceful_shutdown(stopped(args.until_stdin_closes))
        .await
        .context("the server stopped with an error")?;
    portal_server::log::event("stopped");
    Ok(())
}

/// Resolves on SIGTERM or SIGINT (Ctrl+C), or when stdin ends if `watch_stdin`; the server then
/// answers what it has accepted and ends.
async fn stopped(watch_stdin: bool) {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    let stdin_closed = async {
        if !watch_stdin {
            return std::future::pending::<()>().await;
        }
        // A thread of its own: a blocking read cannot be cancelled, and in tokio's blocking pool
        // it would keep the runtime from ending. Whatever is written is ignored; the end (or an
        // error) stops the server.
        let (closed, on_close) = tokio::sync::oneshot::channel::<()>();
        std::thread::spawn(move || {
            use std::io::Read;
            let mut buffer = [0u8; 256];
            while let Ok(1..) = std::io::stdin().read(&mut buffer) {}
            let _ = closed.send(());
        });
        let _ = on_close.await;
    };
    tokio::select! {
        () = interrupt => {}
        () = terminate => {}
        () = stdin_closed => {}
    }
    portal_server::log::event("stopping: answering the requests under way");
}
