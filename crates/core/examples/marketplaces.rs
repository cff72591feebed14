//! Prints the marketplace registry as a Markdown table (the README's table is this output).
//!
//! `cargo run -p asa2-core --example marketplaces`

use asa2_core::{ApiVersion, CredentialKind, MARKETPLACES};

fn main() {
    println!(
        "| Code | Country | Store (`x-marketplace`) | Region | Currency | Cognito (v2) | LWA (v3) | Associates Central | PA-API 5.0 host |"
    );
    println!("|---|---|---|---|---|---|---|---|---|");
    for m in MARKETPLACES {
        println!(
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} ({}) |",
            m.code,
            m.country,
            m.host,
            m.region,
            m.currency,
            ApiVersion::new(CredentialKind::Cognito, m.region),
            ApiVersion::new(CredentialKind::Lwa, m.region),
            m.associates_url,
            m.paapi_host,
            m.paapi_region,
        );
    }
}
