//! Normalizing a 10-item Creators API GetItems answer (`bench/fixtures/`, the answer the PHP
//! benchmark parses too): the core's normalizer (one strict pass into a token tape, then the
//! mapping into the product model), the page serialized to JSON text (what a JSON hand-off
//! would add; the PHP extension builds PHP arrays directly), and a plain `serde_json::Value`
//! parse of the same body for reference.
//! `make bench` (scripts/bench.sh) runs this and reads criterion's estimates.

use std::hint::black_box;

use asa2_core::{ApiVersion, CredentialKind, Marketplace, NormalizeContext, Operation};
use asa2_core::{CatalogPage, normalize_creators};
use criterion::{Criterion, Throughput};

const ANSWER: &str = include_str!("../../../bench/fixtures/creators-getitems-10.json");
const NOW: i64 = 1_768_470_000;

fn bench_normalize(c: &mut Criterion) {
    let version = ApiVersion::for_marketplace(CredentialKind::Cognito, Marketplace::DE);
    let ctx = NormalizeContext::creators(Marketplace::DE, version, NOW);
    let body = ANSWER.as_bytes();
    let page: CatalogPage =
        normalize_creators(Operation::GetItems, &ctx, body).expect("the fixture normalizes");
    assert_eq!(page.items.len(), 10, "the fixture has 10 items");

    let mut group = c.benchmark_group("normalize_creators_getitems10");
    group.throughput(Throughput::Elements(1));
    group.bench_function("asa2_core_normalize", |b| {
        b.iter(|| normalize_creators(Operation::GetItems, &ctx, black_box(body)))
    });
    group.bench_function("page_to_json", |b| {
        b.iter(|| serde_json::to_string(black_box(&page)))
    });
    group.bench_function("serde_json_value_parse", |b| {
        b.iter(|| serde_json::from_slice::<serde_json::Value>(black_box(body)))
    });
    group.finish();
}

fn main() {
    let mut c = Criterion::default().configure_from_args();
    bench_normalize(&mut c);
    c.final_summary();
}
