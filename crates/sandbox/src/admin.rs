//! The sandbox's own endpoints under `/__sandbox/`: health, counters, reset, runtime settings
//! and the generated product pictures.

use serde_json::{Value, json};

use crate::catalog::{CATEGORIES, Rng, category_of, is_asin};
use crate::http::{Reply, Req};
use crate::state::State;

fn bad_request(message: &str) -> Reply {
    Reply::json(400, &json!({"error": message}))
}

/// Answers `/__sandbox/{rest}`.
pub(crate) fn handle(state: &State, req: &Req, rest: &str) -> Reply {
    match (req.method.as_str(), rest) {
        ("GET", "health") => Reply::json(200, &json!({"status": "ok", "service": "asa2-sandbox"})),
        ("GET", "stats") => Reply::json(200, &json!(state.stats_snapshot())),
        ("POST", "reset") => {
            let body: Value = serde_json::from_slice(&req.body).unwrap_or(Value::Null);
            let tokens = body["tokens"].as_bool().unwrap_or(false)
                || req
                    .query
                    .split('&')
                    .any(|p| p == "tokens=1" || p == "tokens=true");
            state.reset(tokens);
            Reply::json(200, &json!({"reset": true, "tokens_cleared": tokens}))
        }
        ("GET", "config") => Reply::json(200, &config_view(state)),
        ("POST", "config") => {
            let patch: Value = match serde_json::from_slice(&req.body) {
                Ok(v) => v,
                Err(e) => return bad_request(&format!("the body is not JSON: {e}")),
            };
            match state.settings().patched(&patch) {
                Ok(next) => {
                    state.set_settings(next);
                    Reply::json(200, &config_view(state))
                }
                Err(e) => bad_request(&e),
            }
        }
        ("GET", img) if img.starts_with("img/") => image(&img[4..]),
        _ => Reply::json(
            404,
            &json!({"error": format!("no sandbox endpoint {} /__sandbox/{rest}; see GET /", req.method)}),
        ),
    }
}

/// The settings and accounts, without secrets.
fn config_view(state: &State) -> Value {
    let creds: Vec<Value> = state
        .creds
        .iter()
        .map(|c| {
            json!({"id": c.id, "version": c.version,
                   "marketplaces": c.marketplaces.iter().map(|m| m.code()).collect::<Vec<_>>(),
                   "partner_tags": c.tags})
        })
        .collect();
    let keys: Vec<Value> = state
        .paapi_keys
        .iter()
        .map(|k| {
            json!({"access_key": k.access_key,
                   "marketplaces": k.marketplaces.iter().map(|m| m.code()).collect::<Vec<_>>(),
                   "partner_tags": k.tags})
        })
        .collect();
    json!({"seed": state.seed, "settings": state.settings(), "credentials": creds, "paapi_keys": keys})
}

/// A generated product picture: `/__sandbox/img/{ASIN}[-v{n}]-{size}.svg`.
fn image(name: &str) -> Reply {
    let not_found = || Reply::json(404, &json!({"error": "no such image"}));
    let Some(stem) = name.strip_suffix(".svg") else {
        return not_found();
    };
    let Some((id, size)) = stem.rsplit_once('-') else {
        return not_found();
    };
    let px = match size {
        "small" => 75,
        "medium" => 160,
        "large" => 500,
        "highres" => 1500,
        _ => return not_found(),
    };
    let (asin, variant) = match id.split_once("-v") {
        Some((a, v)) => (a, v.parse::<u64>().unwrap_or(0)),
        None => (id, 0),
    };
    if !is_asin(asin) {
        return not_found();
    }
    let svg = svg(asin, variant, px);
    Reply::raw(200, "image/svg+xml", svg.into_bytes())
        .with_header("Cache-Control", "public, max-age=86400")
}

fn svg(asin: &str, variant: u64, px: u64) -> String {
    let mut r = Rng::new(0, &["image", asin, &variant.to_string()]);
    let hue = r.range(0, 359);
    let cat = &CATEGORIES[category_of(asin)];
    let shape = match cat.name {
        "Headphones" => r##"<path d="M28 58v-8a22 22 0 0 1 44 0v8" fill="none" stroke="FG" stroke-width="6"/><rect x="22" y="54" width="12" height="20" rx="4" fill="FG"/><rect x="66" y="54" width="12" height="20" rx="4" fill="FG"/>"##,
        "Books" => r##"<rect x="30" y="20" width="40" height="56" rx="2" fill="FG"/><rect x="36" y="30" width="28" height="4" fill="#fff"/><rect x="36" y="38" width="20" height="3" fill="#fff"/>"##,
        "Running Shoes" => r##"<path d="M18 62q8-20 24-18l10 8q16 4 30 6 6 2 4 10H18z" fill="FG"/>"##,
        "Backpacks" => r##"<rect x="28" y="28" width="44" height="50" rx="12" fill="FG"/><rect x="38" y="50" width="24" height="16" rx="4" fill="#fff" opacity=".5"/><path d="M40 28a10 10 0 0 1 20 0" fill="none" stroke="FG" stroke-width="4"/>"##,
        "Coffee Machines" => r##"<rect x="28" y="20" width="44" height="58" rx="4" fill="FG"/><rect x="40" y="52" width="20" height="16" rx="2" fill="#fff"/>"##,
        _ => r##"<rect x="26" y="26" width="48" height="48" rx="10" fill="FG"/><circle cx="50" cy="50" r="12" fill="#fff" opacity=".6"/>"##,
    }
    .replace("FG", &format!("hsl({hue},55%,42%)"));
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="{px}" height="{px}" viewBox="0 0 100 100"><rect width="100" height="100" fill="hsl({hue},40%,94%)"/>{shape}<text x="50" y="92" font-family="sans-serif" font-size="7" text-anchor="middle" fill="#333">{asin}</text></svg>"##
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_are_svg_and_names_are_checked() {
        let r = image("B09B2SBHQK-medium.svg");
        assert_eq!(r.status, 200);
        let body = String::from_utf8(r.body).unwrap();
        assert!(
            body.starts_with("<svg")
                && body.contains("B09B2SBHQK")
                && body.contains("width=\"160\"")
        );
        assert_eq!(image("B09B2SBHQK-v2-large.svg").status, 200);
        assert_eq!(image("B09B2SBHQK-huge.svg").status, 404);
        assert_eq!(image("../etc-medium.svg").status, 404);
        assert_eq!(image("B09B2SBHQK-medium.png").status, 404);
    }
}
