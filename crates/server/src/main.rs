//! `portal-server`: serves a built site with the site folder's headers.
//!
//! ```text
//! portal-server [--root dist] [--site site] [--host 127.0.0.1] [--port 8080] [--prefix /tietosuoja] [--data data]
//! ```
//!
//! `--port` defaults to `PORT`, else 8080; port 0 takes any free port. `--site` (default
//! `PORTAL_SITE`, else `site`) is the site folder the build was made from: its services make the
//! Content-Security-Policy, and its `[consent] log` turns the consent log on: kept in SQLite at
//! `--data` (default `data/`)`/consent.sqlite`, or in the PostgreSQL database `DATABASE_URL`
//! names; `PORTAL_ADMIN_TOKEN` (or the file `PORTAL_ADMIN_TOKEN_FILE` names) opens the DPO's
//! routes. The first line on stdout is the address it listens on
//! (`listening on http://127.0.0.1:8080/`), then one line per request. SIGTERM or SIGINT stops
//! it after the requests under way have been answered; so does the end of stdin with
//! `--until-stdin-closes` (a test's server then ends with the test process, however it ends).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::{bail, Context};

use portal_core::i18n::Lang;
use portal_server::consent::{AdminToken, ConsentLog};
use portal_server::store::Store;
use portal_server::{normalise_prefix, router, security_headers, AppState, Config};

const USAGE: &str =
    "usage: portal-server [--root DIR] [--site DIR] [--host ADDRESS] [--port N] [--prefix /PATH] [--data DIR] [--plain] [--until-stdin-closes]";

struct Args {
    root: PathBuf,
    site: PathBuf,
    host: String,
    port: u16,
    prefix: String,
    /// Where the consent log's SQLite file is kept when `DATABASE_URL` names no database.
    data: PathBuf,
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
        data: PathBuf::from("data"),
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
            "--data" => args.data = value.into(),
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
    let (headers, site) = if args.plain {
        (vec![("X-Content-Type-Options", "nosniff".to_owned())], None)
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
        (security_headers(&site), Some(site))
    };
    let consent = match site.filter(|site| site.consent.log) {
        Some(site) => Some(consent_log(&site, &args).await?),
        None => None,
    };
    let store = consent.as_ref().map(|log| log.store.clone());
    let state = Arc::new(AppState::new(Config {
        root: args.root.clone(),
        prefix: args.prefix.clone(),
        headers,
        consent,
    })?);
    let address = format!("{}:{}", args.host, args.port);
    let listener = tokio::net::TcpListener::bind(&address)
        .await
        .with_context(|| format!("cannot listen on {address}"))?;
    let bound: SocketAddr = listener.local_addr()?;
    // The first line: what a test or a script reads to find the server.
    portal_server::log::event(&format!("listening on http://{bound}{}/", args.prefix));
    if let Some(log) = &state.consent {
        portal_server::log::event(&format!(
            "consent log: {} (entries kept {} months; the DPO's routes {})",
            log.store.shown(),
            log.keep_months,
            if log.admin_token.is_some() {
                "on"
            } else {
                "off: no PORTAL_ADMIN_TOKEN"
            }
        ));
        tokio::spawn(portal_server::consent::delete_expired_daily(state.clone()));
    }
    axum::serve(listener, router(state))
        .with_graceful_shutdown(stopped(args.until_stdin_closes))
        .await
        .context("the server stopped with an error")?;
    if let Some(store) = store {
        store.close().await;
    }
    portal_server::log::event("stopped");
    Ok(())
}

/// The consent log of `site` (its `[consent] log` is on): `DATABASE_URL`, else SQLite at
/// `--data`/consent.sqlite; the DPO's token from `PORTAL_ADMIN_TOKEN`, or the file
/// `PORTAL_ADMIN_TOKEN_FILE` names.
async fn consent_log(site: &site_folder::Site, args: &Args) -> anyhow::Result<ConsentLog> {
    let database_url = std::env::var("DATABASE_URL").ok().filter(|url| !url.is_empty());
    let store = Store::open(database_url.as_deref(), &args.data.join("consent.sqlite")).await?;
    let admin_token = match (
        std::env::var("PORTAL_ADMIN_TOKEN").ok().filter(|t| !t.is_empty()),
        std::env::var_os("PORTAL_ADMIN_TOKEN_FILE").filter(|f| !f.is_empty()),
    ) {
        (Some(token), _) => {
            Some(AdminToken::new(&token).map_err(|e| anyhow::anyhow!("PORTAL_ADMIN_TOKEN: {e}"))?)
        }
        (None, Some(file)) => {
            let token = std::fs::read_to_string(&file).with_context(|| {
                format!(
                    "PORTAL_ADMIN_TOKEN_FILE: cannot read {}",
                    PathBuf::from(&file).display()
                )
            })?;
            Some(AdminToken::new(&token).map_err(|e| {
                anyhow::anyhow!("PORTAL_ADMIN_TOKEN_FILE {}: {e}", PathBuf::from(&file).display())
            })?)
        }
        (None, None) => None,
    };
    Ok(ConsentLog {
        store,
        origin: site.origin.to_string(),
        keep_months: site.consent.log_months.unwrap_or(36),
        admin_token,
        languages: site
            .languages
            .iter()
            .map(|language| match language {
                site_folder::Language::Fi => Lang::Fi,
                site_folder::Language::Sv => Lang::Sv,
                site_folder::Language::En => Lang::En,
            })
            .collect(),
        published: Default::default(),
    })
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
