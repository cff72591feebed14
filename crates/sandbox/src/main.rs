//! The `asa2-sandbox` binary: parses the flags, starts the sandbox, prints the URL (first line
//! of stdout) and the demo credentials, then serves until stopped.

use std::io::Write;

use asa2_sandbox::Sandbox;
use asa2_sandbox::cli::{Command, USAGE, banner, parse_args};

fn main() {
    let env_port = std::env::var("ASA2_SANDBOX_PORT").ok();
    let config = match parse_args(std::env::args().skip(1), env_port) {
        Ok(Command::Run(c)) => *c,
        Ok(Command::Help) => {
            println!("{USAGE}");
            return;
        }
        Err(e) => {
            eprintln!("asa2-sandbox: {e}");
            std::process::exit(2);
        }
    };
    let sandbox = match Sandbox::start(config.clone()) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("asa2-sandbox: {e}");
            std::process::exit(1);
        }
    };
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(banner(&config, sandbox.url()).as_bytes());
    let _ = out.flush();
    drop(out);
    sandbox.wait();
}
