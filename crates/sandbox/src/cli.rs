//! Command-line options of the `asa2-sandbox` binary and the text it prints on start.

use std::path::PathBuf;

use crate::config::{SandboxConfig, parse_version};

/// The usage text.
pub const USAGE: &str =
    "asa2-sandbox: a local stand-in for Amazon's Creators API, its token endpoints and PA-API 5.0

Usage: asa2-sandbox [options]

  --config FILE        JSON configuration (default: the built-in demo, crates/sandbox/demo.json)
  --port N             port to listen on; 0 picks a free one (env ASA2_SANDBOX_PORT; default 8765)
  --bind ADDR          address to listen on (default 127.0.0.1)
  --seed N             catalog seed: the same seed gives the same products
  --rps X              API requests per second per credential; 0 = no limit (default 1)
  --token-ttl SECS     lifetime of issued tokens (default 3600)
  --latency-ms N       delay every answer by N milliseconds
  --error-every N      every Nth API call answers 500
  --truncate-every N   every Nth successful API answer is cut in half (invalid JSON)
  --outage             every endpoint answers 503
  --token-outage       only the token endpoints answer 503
  --not-eligible ID    the account of credential ID (or PA-API access key) gets 403
                       AssociateNotEligible; repeat for more
  --quiet              no request log on stderr
  -h, --help           this text

The first line on stdout is the base URL (for scripts). Settings can be changed while running
with POST /__sandbox/config, e.g. {\"rps\": 0, \"outage\": true}.";

/// What the command line asks for.
#[derive(Debug)]
pub enum Command {
    /// Run with this configuration.
    Run(Box<SandboxConfig>),
    /// Print the usage text.
    Help,
}

fn value<T: std::str::FromStr>(flag: &str, v: Option<String>) -> Result<T, String> {
    let v = v.ok_or_else(|| format!("{flag} needs a value; see --help"))?;
    v.parse()
        .map_err(|_| format!("{flag}: \"{v}\" is not a valid value; see --help"))
}

/// Parses the arguments (without the program name). `env_port` is `ASA2_SANDBOX_PORT`.
/// Precedence: flags, then the environment, then the config file, then defaults.
pub fn parse_args(
    args: impl IntoIterator<Item = String>,
    env_port: Option<String>,
) -> Result<Command, String> {
    let mut args = args.into_iter();
    let mut config_path: Option<PathBuf> = None;
    let mut patches: Vec<(String, Option<String>)> = Vec::new();
    while let Some(a) = args.next() {
        let (flag, inline) = match a.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
            _ => (a.clone(), None),
        };
        match flag.as_str() {
            "-h" | "--help" => return Ok(Command::Help),
            "--config" => {
                config_path = Some(PathBuf::from(value::<String>(
                    "--config",
                    inline.or_else(|| args.next()),
                )?))
            }
            "--quiet" | "--outage" | "--token-outage" => patches.push((flag, None)),
            "--port" | "--bind" | "--seed" | "--rps" | "--token-ttl" | "--latency-ms"
            | "--error-every" | "--truncate-every" | "--not-eligible" => {
                let v = inline.or_else(|| args.next());
                patches.push((flag, v));
            }
            other => return Err(format!("unknown option {other}; see --help")),
        }
    }
    let mut config = match &config_path {
        Some(p) => SandboxConfig::from_file(p).map_err(|e| e.to_string())?,
        None => SandboxConfig::demo(),
    };
    if let Some(p) = env_port.filter(|p| !p.trim().is_empty()) {
        config.port = value("ASA2_SANDBOX_PORT", Some(p.trim().to_string()))?;
    }
    for (flag, v) in patches {
        match flag.as_str() {
            "--port" => config.port = value(&flag, v)?,
            "--bind" => config.bind = value(&flag, v)?,
            "--seed" => config.seed = value(&flag, v)?,
            "--rps" => config.settings.rps = value(&flag, v)?,
            "--token-ttl" => config.settings.token_ttl_secs = value(&flag, v)?,
            "--latency-ms" => config.settings.latency_ms = value(&flag, v)?,
            "--error-every" => config.settings.error_every = value(&flag, v)?,
            "--truncate-every" => config.settings.truncate_every = value(&flag, v)?,
            "--not-eligible" => config.settings.not_eligible.push(value(&flag, v)?),
            "--outage" => config.settings.outage = true,
            "--token-outage" => config.settings.token_outage = true,
            "--quiet" => config.log = false,
            _ => {}
        }
    }
    config.check().map_err(|e| e.to_string())?;
    Ok(Command::Run(Box::new(config)))
}

/// The text printed on start: the URL first (alone on its line, for scripts), then the demo
/// credentials and the wp-config.php line.
pub fn banner(config: &SandboxConfig, url: &str) -> String {
    let mut out = format!("{url}\n");
    out.push_str("asa2-sandbox is running: a local stand-in for Amazon (tokens, Creators API, PA-API 5.0).\n\n");
    out.push_str("Add this line to wp-config.php to send every Amazon call here:\n");
    out.push_str(&format!("  define( 'ASA2_API_BASE', '{url}' );\n\n"));
    if !config.credentials.is_empty() {
        out.push_str("Creators API credentials (ASA2 -> Setup -> Amazon Creators API -> + Add Marketplace):\n");
        for c in &config.credentials {
            let kind = match parse_version(&c.version) {
                Some((crate::config::Kind::Cognito, _)) => "Cognito (v2)",
                _ => "LWA (v3)",
            };
            let markets = if c.marketplaces.is_empty() {
                "every marketplace of its region".to_string()
            } else {
                c.marketplaces.join(", ")
            };
            if !c.label.is_empty() {
                out.push_str(&format!("  # {}\n", c.label));
            }
            out.push_str(&format!(
                "  Marketplace: {markets}\n  Credential Type: {kind} (version {})\n  Credential ID: {}\n  Credential Secret: {}\n  Partner Tag: {}\n\n",
                c.version,
                c.id,
                c.secret,
                c.partner_tags.join(", ")
            ));
        }
    }
    if !config.paapi_keys.is_empty() {
        out.push_str("PA-API 5.0 access keys (ASA2 -> Setup -> Amazon PA API):\n");
        for k in &config.paapi_keys {
            if !k.label.is_empty() {
                out.push_str(&format!("  # {}\n", k.label));
            }
            out.push_str(&format!(
                "  Marketplaces: {}\n  Access Key: {}\n  Secret Key: {}\n  Partner Tags: {}\n\n",
                k.marketplaces.join(", "),
                k.access_key,
                k.secret_key,
                k.partner_tags.join(", ")
            ));
        }
    }
    let s = &config.settings;
    out.push_str(&format!(
        "Limits: {} request(s)/s per credential, tokens live {} s. ASINs starting with B0NA are not accessible, B0NF do not exist.\n",
        s.rps, s.token_ttl_secs
    ));
    out.push_str("Sandbox endpoints: GET /__sandbox/health, GET /__sandbox/stats, POST /__sandbox/reset, GET|POST /__sandbox/config\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(args: &[&str], env: Option<&str>) -> Result<SandboxConfig, String> {
        match parse_args(args.iter().map(|s| s.to_string()), env.map(str::to_string))? {
            Command::Run(c) => Ok(*c),
            Command::Help => Err("help".into()),
        }
    }

    #[test]
    fn flags_override_env_and_file() {
        let c = run(
            &["--port", "0", "--rps=5", "--token-ttl", "1", "--seed", "9"],
            Some("1234"),
        )
        .unwrap();
        assert_eq!(
            (c.port, c.settings.rps, c.settings.token_ttl_secs, c.seed),
            (0, 5.0, 1, 9)
        );
        let c = run(&[], Some("1234")).unwrap();
        assert_eq!(c.port, 1234);
        assert!(run(&["--port", "x"], None).unwrap_err().contains("--port"));
        assert!(
            run(&["--nope"], None)
                .unwrap_err()
                .contains("unknown option")
        );
        assert!(run(&["--token-ttl", "0"], None).is_err());
        assert!(
            run(&["--config", "/nonexistent.json"], None)
                .unwrap_err()
                .contains("cannot read")
        );
        assert_eq!(run(&["-h"], None).unwrap_err(), "help");
        let c = run(
            &[
                "--outage",
                "--token-outage",
                "--not-eligible",
                "a",
                "--not-eligible=b",
                "--truncate-every",
                "3",
                "--quiet",
            ],
            None,
        )
        .unwrap();
        assert!(c.settings.outage && c.settings.token_outage && !c.log);
        assert_eq!(c.settings.not_eligible, ["a", "b"]);
        assert_eq!(c.settings.truncate_every, 3);
    }

    #[test]
    fn banner_starts_with_the_url_and_lists_the_demo_accounts() {
        let c = SandboxConfig::demo();
        let b = banner(&c, "http://127.0.0.1:9");
        assert_eq!(b.lines().next(), Some("http://127.0.0.1:9"));
        assert!(b.contains("define( 'ASA2_API_BASE', 'http://127.0.0.1:9' );"));
        for cred in &c.credentials {
            assert!(b.contains(&cred.id) && b.contains(&cred.secret));
        }
        assert!(b.contains("demo-de-21") && b.contains("demo-us-20"));
    }
}
