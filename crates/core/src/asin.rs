//! ASINs and Amazon product addresses.
//!
//! An ASIN is Amazon's 10-character product identifier: an upper-case letter followed by nine
//! letters or digits (`B08N5WRWNW`), or, for books, an ISBN-10 (`3161484100`, `080442957X`).
//! [`parse_product_input`] also reads the address of a product page of any marketplace and tells
//! which marketplace it belongs to.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::field_error::FieldErrors;
use crate::marketplace::Marketplace;
use crate::message::{Message, message};
use crate::messages;
use crate::quote::excerpt;

/// The form field ASIN problems are reported under.
const FIELD: &str = "asin";

/// Hosts of Amazon's link shortener: their links hide the product address.
const SHORT_LINK_HOSTS: [&str; 5] = ["amzn.to", "amzn.eu", "amzn.asia", "a.co", "amzn.com"];

/// A well-formed ASIN, always upper case.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Asin(String);

impl Asin {
    /// Reads an ASIN; surrounding whitespace is ignored and lower case is accepted.
    ///
    /// Errors are reported under the field `asin`.
    pub fn parse(input: &str) -> Result<Asin, FieldErrors> {
        Asin::parse_for(input, FIELD)
    }

    /// Like [`Asin::parse`], reporting errors under `field`.
    pub fn parse_for(input: &str, field: &str) -> Result<Asin, FieldErrors> {
        let value = input.trim().to_ascii_uppercase();
        match problem(&value) {
            None => Ok(Asin(value)),
            Some(why) => Err(FieldErrors::single(field, why)),
        }
    }

    /// Whether `input` is a well-formed ASIN once trimmed and upper-cased.
    pub fn is_valid(input: &str) -> bool {
        problem(&input.trim().to_ascii_uppercase()).is_none()
    }

    /// The ASIN: `B08N5WRWNW`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The ASIN as an owned string.
    pub fn into_string(self) -> String {
        self.0
    }
}

/// Why an upper-cased, trimmed value is not an ASIN, or `None` when it is one.
fn problem(value: &str) -> Option<Message> {
    if value.is_empty() {
        return Some(messages::ASIN_MISSING.plain());
    }
    let shown = excerpt(value);
    let count = value.chars().count();
    if count != 10 {
        return Some(message!(
            messages::ASIN_LENGTH,
            input = shown,
            count = count
        ));
    }
    if let Some(bad) = value.chars().find(|c| !c.is_ascii_alphanumeric()) {
        return Some(message!(messages::ASIN_BAD_CHAR, input = shown, char = bad));
    }
    let bytes = value.as_bytes();
    let isbn10 = bytes[..9].iter().all(u8::is_ascii_digit)
        && (bytes[9].is_ascii_digit() || bytes[9] == b'X');
    let letter_first = bytes[0].is_ascii_uppercase();
    if isbn10 || letter_first {
        None
    } else {
        Some(message!(messages::ASIN_BAD_START, input = shown))
    }
}

impl fmt::Display for Asin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for Asin {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl FromStr for Asin {
    type Err = FieldErrors;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Asin::parse(s)
    }
}

impl Serialize for Asin {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Asin {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Asin::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// Reads what a user pasted into an "ASIN or product URL" field: a bare ASIN, or the address of
/// a product page of any Amazon marketplace (`/dp/ASIN`, `/gp/product/ASIN`, `/gp/aw/d/ASIN`,
/// `/exec/obidos/ASIN/ASIN`, `/o/ASIN/ASIN`, a product-name slug before `/dp/`, with or without
/// a query string). The marketplace is the one the address belongs to (`None` for a bare ASIN
/// or an Amazon host the registry does not know).
///
/// Short links (`amzn.to/...`) are refused: they must be opened once to find the real address.
/// Errors are reported under the field `asin`.
pub fn parse_product_input(input: &str) -> Result<(Asin, Option<Marketplace>), FieldErrors> {
    // Quotes, angle brackets and sentence punctuation often come along when copying.
    let input = input
        .trim()
        .trim_matches(|c: char| matches!(c, '"' | '\'' | '<' | '>' | '“' | '”'))
        .trim_end_matches(['.', ',', ';'])
        .trim();
    let looks_like_address = input.contains('/') || input.contains('.');
    if !looks_like_address {
        return Asin::parse(input).map(|asin| (asin, None));
    }
    let rest = strip_scheme(input);
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    let host = host_of(authority);
    if SHORT_LINK_HOSTS.contains(&host.as_str()) {
        return Err(FieldErrors::single(
            FIELD,
            message!(messages::ASIN_SHORT_LINK, host = host),
        ));
    }
    if !is_amazon_host(&host) {
        return Err(FieldErrors::single(
            FIELD,
            message!(messages::ASIN_NOT_AMAZON, input = excerpt(input)),
        ));
    }
    let marketplace = Marketplace::from_host(host.strip_prefix("m.").unwrap_or(&host));
    let (path, query) = split_path(tail);
    let candidates = asin_segments(path);
    let asin = candidates
        .iter()
        .find_map(|c| Asin::parse(c).ok())
        .or_else(|| query_asin(query));
    match (asin, candidates.first()) {
        (Some(asin), _) => Ok((asin, marketplace)),
        (None, Some(candidate)) => Err(FieldErrors::single(
            FIELD,
            message!(messages::ASIN_NOT_IN_ADDRESS, input = excerpt(candidate)),
        )),
        (None, None) => Err(FieldErrors::single(
            FIELD,
            messages::ASIN_NONE_IN_ADDRESS.plain(),
        )),
    }
}

/// The input without `http://` or `https://` (any case).
fn strip_scheme(input: &str) -> &str {
    for scheme in ["https://", "http://"] {
        if input.len() >= scheme.len()
            && input.is_char_boundary(scheme.len())
            && input[..scheme.len()].eq_ignore_ascii_case(scheme)
        {
            return &input[scheme.len()..];
        }
    }
    input.strip_prefix("//").unwrap_or(input)
}

/// The lower-case host of an authority (`user@host:port`).
fn host_of(authority: &str) -> String {
    let host = authority.rsplit('@').next().unwrap_or(authority);
    let host = host.split(':').next().unwrap_or(host);
    host.trim_end_matches('.').to_ascii_lowercase()
}

/// Whether `host` is an Amazon store host (`amazon.de`, `www.amazon.co.uk`, `smile.amazon.com`).
fn is_amazon_host(host: &str) -> bool {
    host.split('.').any(|label| label == "amazon")
        && host.split('.').count() >= 2
        && !host.split('.').any(str::is_empty)
}

/// Path and query of what follows the authority (the fragment dropped).
fn split_path(tail: &str) -> (&str, &str) {
    let tail = tail.split('#').next().unwrap_or(tail);
    match tail.split_once('?') {
        Some((path, query)) => (path, query),
        None => (tail, ""),
    }
}

/// The path segments that hold the ASIN in the product-page address forms Amazon uses, in
/// order.
fn asin_segments(path: &str) -> Vec<&str> {
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let mut found = Vec::new();
    for (i, segment) in segments.iter().enumerate() {
        let previous = i.checked_sub(1).map(|p| segments[p].to_ascii_lowercase());
        let next = segments.get(i + 1).copied();
        let marks_asin = match segment.to_ascii_lowercase().as_str() {
            // /dp/ASIN, /Product-Name/dp/ASIN, /dp/product/ASIN
            "dp" => true,
            // /gp/product/ASIN, /dp/product/ASIN, /gp/offer-listing/ASIN
            "product" => matches!(previous.as_deref(), Some("gp") | Some("dp")),
            "offer-listing" => previous.as_deref() == Some("gp"),
            // /product-reviews/ASIN
            "product-reviews" => true,
            // /gp/aw/d/ASIN
            "d" => previous.as_deref() == Some("aw"),
            // /exec/obidos/ASIN/ASIN, /o/ASIN/ASIN
            "asin" => matches!(previous.as_deref(), Some("obidos") | Some("o")),
            // /exec/obidos/tg/detail/-/ASIN
            "-" => previous.as_deref() == Some("detail"),
            _ => false,
        };
        if marks_asin && let Some(candidate) = next {
            found.push(candidate);
        }
    }
    found
}

/// An `asin=` query parameter (any case) holding a valid ASIN.
fn query_asin(query: &str) -> Option<Asin> {
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .filter(|(key, _)| key.eq_ignore_ascii_case("asin"))
        .find_map(|(_, value)| Asin::parse(value).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(errors: &FieldErrors) -> &str {
        errors.for_field("asin").next().expect("an asin error")
    }

    #[test]
    fn every_refusal_has_a_code() {
        for (input, code) in [
            ("", "asin.missing"),
            ("B0ABC", "asin.length"),
            ("B0ABC-1234", "asin.bad_char"),
            ("1ABCDEFGHI", "asin.bad_start"),
            ("https://amzn.to/abc", "asin.short_link"),
            ("https://example.com/dp/B08N5WRWNW", "asin.not_amazon"),
            ("https://www.amazon.de/dp/NOTANASIN!", "asin.not_in_address"),
            ("https://www.amazon.de/", "asin.none_in_address"),
        ] {
            let errors = parse_product_input(input).unwrap_err();
            let e = errors.iter().next().unwrap();
            assert_eq!(e.code, code, "{input}: {}", e.message);
        }
    }

    #[test]
    fn accepts_asins_and_isbns_trimmed_and_upper_cased() {
        for (input, expected) in [
            ("B08N5WRWNW", "B08N5WRWNW"),
            ("  b08n5wrwnw\n", "B08N5WRWNW"),
            ("0123456789", "0123456789"),
            ("012345678x", "012345678X"),
            ("A000000000", "A000000000"),
        ] {
            let asin = Asin::parse(input).unwrap();
            assert_eq!(asin.as_str(), expected, "{input:?}");
            assert!(Asin::is_valid(input));
        }
    }

    #[test]
    fn refuses_malformed_asins_with_the_reason() {
        let cases = [
            ("", "Enter an ASIN"),
            ("B08N5WRWN", "this has 9 characters"),
            ("B08N5WRWNWX", "this has 11 characters"),
            ("B08N5-RWNW", "it contains \"-\""),
            ("B08N5WRWNÜ", "it contains \"Ü\""),
            ("1ABCDEFGHI", "starts with a letter"),
            ("01234567X9", "starts with a letter"),
        ];
        for (input, expected) in cases {
            let err = Asin::parse(input).unwrap_err();
            assert!(message(&err).contains(expected), "{input:?}: {err}");
            assert!(!Asin::is_valid(input));
        }
        let long = "X".repeat(500);
        let err = Asin::parse(&long).unwrap_err();
        assert!(
            message(&err).len() < 200,
            "the input is shortened in messages"
        );
    }

    #[test]
    fn parse_for_names_the_field() {
        let err = Asin::parse_for("nope", "asins").unwrap_err();
        assert_eq!(err.for_field("asins").count(), 1);
    }

    #[test]
    fn serde_round_trip_validates() {
        let asin: Asin = serde_json::from_str("\"b08n5wrwnw\"").unwrap();
        assert_eq!(serde_json::to_string(&asin).unwrap(), "\"B08N5WRWNW\"");
        assert!(serde_json::from_str::<Asin>("\"short\"").is_err());
    }

    #[test]
    fn reads_every_product_address_form() {
        use Marketplace::*;
        let cases = [
            ("https://www.amazon.de/dp/B08N5WRWNW", DE),
            (
                "https://www.amazon.com/Echo-Dot/dp/B08N5WRWNW/ref=sr_1_1?keywords=echo&qid=1",
                US,
            ),
            ("http://amazon.co.uk/gp/product/B08N5WRWNW?psc=1", UK),
            ("www.amazon.co.jp/gp/aw/d/B08N5WRWNW", JP),
            (
                "https://www.amazon.fr/exec/obidos/ASIN/B08N5WRWNW/tag-21",
                FR,
            ),
            ("https://www.amazon.it/o/ASIN/B08N5WRWNW/", IT),
            ("https://www.amazon.es/dp/product/B08N5WRWNW", ES),
            ("HTTPS://WWW.AMAZON.COM.AU/DP/B08N5WRWNW", AU),
            ("https://smile.amazon.com/dp/b08n5wrwnw", US),
            ("https://m.amazon.in/dp/B08N5WRWNW#reviews", IN),
            ("amazon.com.br/Some-Slug/dp/B08N5WRWNW/", BR),
            ("https://www.amazon.nl/product-reviews/B08N5WRWNW", NL),
            (
                "https://www.amazon.com.mx/exec/obidos/tg/detail/-/0123456789",
                MX,
            ),
            ("https://www.amazon.de:443/dp/B08N5WRWNW", DE),
            ("https://www.amazon.ca/gp/offer-listing/B08N5WRWNW", CA),
            (
                "https://www.amazon.se/gp/product/handle-buy-box?ASIN=B08N5WRWNW",
                SE,
            ),
        ];
        for (input, marketplace) in cases {
            let (asin, m) = parse_product_input(input).unwrap_or_else(|e| panic!("{input}: {e}"));
            assert!(
                asin.as_str() == "B08N5WRWNW" || asin.as_str() == "0123456789",
                "{input}"
            );
            assert_eq!(m, Some(marketplace), "{input}");
        }
    }

    #[test]
    fn copy_and_paste_leftovers_are_ignored() {
        for input in [
            "\"B08N5WRWNW\"",
            "<https://www.amazon.de/dp/B08N5WRWNW>",
            "https://www.amazon.de/dp/B08N5WRWNW.",
            "B08N5WRWNW,",
            "https://www.amazon.de/-/en/dp/B08N5WRWNW/",
        ] {
            let (asin, _) = parse_product_input(input).unwrap_or_else(|e| panic!("{input}: {e}"));
            assert_eq!(asin.as_str(), "B08N5WRWNW", "{input}");
        }
    }

    #[test]
    fn a_bare_asin_has_no_marketplace() {
        let (asin, m) = parse_product_input(" b08n5wrwnw ").unwrap();
        assert_eq!(asin.as_str(), "B08N5WRWNW");
        assert_eq!(m, None);
    }

    #[test]
    fn an_unknown_amazon_store_keeps_the_asin() {
        let (asin, m) = parse_product_input("https://www.amazon.cn/dp/B08N5WRWNW").unwrap();
        assert_eq!(asin.as_str(), "B08N5WRWNW");
        assert_eq!(m, None);
    }

    #[test]
    fn short_links_must_be_expanded() {
        for input in [
            "https://amzn.to/3xYzAbC",
            "amzn.eu/d/abc",
            "https://a.co/d/1234567",
        ] {
            let err = parse_product_input(input).unwrap_err();
            let msg = message(&err);
            assert!(msg.contains("short links cannot be read"), "{input}: {msg}");
            assert!(msg.contains("full product address"), "{msg}");
        }
    }

    #[test]
    fn refuses_other_sites_and_addresses_without_an_asin() {
        let err = parse_product_input("https://www.ebay.de/itm/B08N5WRWNW").unwrap_err();
        assert!(message(&err).contains("not an Amazon product address"));
        let err = parse_product_input("https://www.amazon.de/s?k=echo").unwrap_err();
        assert!(message(&err).contains("No ASIN found"));
        let err = parse_product_input("https://www.amazon.de/dp/B08N5").unwrap_err();
        assert!(message(&err).contains("\"B08N5\" where the ASIN belongs"));
        let err = parse_product_input("not an asin").unwrap_err();
        assert!(message(&err).contains("is not an ASIN"));
    }

    proptest::proptest! {
        #[test]
        fn never_panics(input in "\\PC{0,80}") {
            let _ = parse_product_input(&input);
            let _ = Asin::parse(&input);
        }

        #[test]
        fn every_valid_asin_survives_a_product_address(asin in "[A-Z][A-Z0-9]{9}") {
            let url = format!("https://www.amazon.de/Some-Name/dp/{asin}?ref=x");
            let (parsed, m) = parse_product_input(&url).unwrap();
            proptest::prop_assert_eq!(parsed.as_str(), asin.as_str());
            proptest::prop_assert_eq!(m, Some(Marketplace::DE));
        }
    }
}
