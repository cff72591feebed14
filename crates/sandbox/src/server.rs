//! The HTTP server: tiny_http with a small pool of worker threads, one log line per request.

use std::io::Read;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::Instant;

use crate::config::SandboxConfig;
use crate::http::{Reply, Req};
use crate::router::route;
use crate::state::State;

/// Largest request body read; larger bodies are cut (Amazon's limits are far below this).
const MAX_BODY: u64 = 1 << 20;

/// A sandbox that could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// The configuration is invalid.
    #[error(transparent)]
    Config(#[from] crate::config::ConfigError),
    /// The address could not be bound (port in use, no permission …).
    #[error("cannot listen on {address}: {reason}")]
    Bind {
        /// The address tried.
        address: String,
        /// Why it failed.
        reason: String,
    },
}

/// A running sandbox. It stops when dropped (or with [`Sandbox::stop`]).
pub struct Sandbox {
    url: String,
    port: u16,
    server: Arc<tiny_http::Server>,
    stopping: Arc<AtomicBool>,
    workers: Vec<JoinHandle<()>>,
    state: Arc<State>,
}

impl Sandbox {
    /// Checks `config`, binds `{bind}:{port}` (port 0 = a free one) and starts serving.
    pub fn start(config: SandboxConfig) -> Result<Sandbox, StartError> {
        config.check()?;
        let address = format!("{}:{}", config.bind, config.port);
        let server = tiny_http::Server::http(&address).map_err(|e| StartError::Bind {
            address: address.clone(),
            reason: e.to_string(),
        })?;
        let port = server
            .server_addr()
            .to_ip()
            .map(|a| a.port())
            .unwrap_or(config.port);
        let host = if config.bind == "0.0.0.0" {
            "127.0.0.1"
        } else {
            config.bind.as_str()
        };
        let url = format!("http://{host}:{port}");
        let state = Arc::new(State::new(&config));
        *state
            .fallback_base
            .write()
            .unwrap_or_else(|p| p.into_inner()) =
            config.public_url.clone().unwrap_or_else(|| url.clone());
        let server = Arc::new(server);
        let stopping = Arc::new(AtomicBool::new(false));
        let workers = (0..config.workers)
            .map(|i| {
                let server = Arc::clone(&server);
                let state = Arc::clone(&state);
                let stopping = Arc::clone(&stopping);
                let log = config.log;
                std::thread::Builder::new()
                    .name(format!("asa2-sandbox-{i}"))
                    .spawn(move || worker(&server, &state, &stopping, log))
                    .expect("a worker thread can be started")
            })
            .collect();
        Ok(Sandbox {
            url,
            port,
            server,
            stopping,
            workers,
            state,
        })
    }

    /// The base URL, e.g. `http://127.0.0.1:8765` (the value for `ASA2_API_BASE`).
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The bound port.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// Changes the runtime settings, as `POST /__sandbox/config` does.
    pub fn configure(&self, patch: &serde_json::Value) -> Result<(), String> {
        let next = self.state.settings().patched(patch)?;
        self.state.set_settings(next);
        Ok(())
    }

    /// Stops serving and waits for the workers.
    pub fn stop(mut self) {
        self.shutdown();
    }

    /// Blocks until the sandbox stops (it never does on its own; for the binary).
    pub fn wait(mut self) {
        for w in self.workers.drain(..) {
            let _ = w.join();
        }
    }

    fn shutdown(&mut self) {
        self.stopping.store(true, Ordering::SeqCst);
        for _ in 0..self.workers.len() {
            self.server.unblock();
        }
        for w in self.workers.drain(..) {
            let _ = w.join();
        }
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        self.shutdown();
    }
}

fn worker(server: &tiny_http::Server, state: &State, stopping: &AtomicBool, log: bool) {
    loop {
        let request = match server.recv() {
            Ok(r) => r,
            Err(_) if stopping.load(Ordering::SeqCst) => return,
            Err(_) => continue,
        };
        if stopping.load(Ordering::SeqCst) {
            return;
        }
        serve(request, state, log);
    }
}

fn serve(mut request: tiny_http::Request, state: &State, log: bool) {
    let started = Instant::now();
    let url = request.url().to_string();
    let (path, query) = match url.split_once('?') {
        Some((p, q)) => (p.to_string(), q.to_string()),
        None => (url.clone(), String::new()),
    };
    let headers = request
        .headers()
        .iter()
        .map(|h| {
            (
                h.field.as_str().as_str().to_string(),
                h.value.as_str().to_string(),
            )
        })
        .collect();
    let mut body = Vec::new();
    let read_ok = request
        .as_reader()
        .take(MAX_BODY)
        .read_to_end(&mut body)
        .is_ok();
    let req = Req {
        method: request.method().as_str().to_ascii_uppercase(),
        path,
        query,
        headers,
        body,
    };
    let reply = if read_ok {
        // A bug in one handler answers 500 instead of taking the worker down.
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| route(state, &req)))
            .unwrap_or_else(|_| {
                Reply::json(
                    500,
                    &serde_json::json!({"type": "InternalServerException", "message": "The sandbox failed to answer this request."}),
                )
            })
    } else {
        Reply::json(
            400,
            &serde_json::json!({"message": "the request body could not be read"}),
        )
    };
    if !reply.delay.is_zero() {
        std::thread::sleep(reply.delay);
    }
    if log {
        eprintln!(
            "asa2-sandbox: {} {} {} {}ms{}",
            req.method,
            req.path,
            reply.status,
            started.elapsed().as_millis(),
            reply
                .log_credential
                .as_deref()
                .map(|c| format!(" cred={c}"))
                .unwrap_or_default()
        );
    }
    let mut response = tiny_http::Response::from_data(reply.body).with_status_code(reply.status);
    for (k, v) in &reply.headers {
        if let Ok(h) = tiny_http::Header::from_bytes(k.as_bytes(), v.as_bytes()) {
            response.add_header(h);
        }
    }
    // A client that hung up is not the sandbox's problem.
    let _ = request.respond(response);
}
