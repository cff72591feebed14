//! Which Amazon store a visitor's country is sent to: every marketplace's own country, and the
//! usual neighbours (Austria and Switzerland shop at amazon.de, Ireland at amazon.co.uk or
//! amazon.ie, ...), in order of preference.
//!
//! The table lives in [`COUNTRY_STORES`]; the PHP extension and the plugin's page script get it
//! from here. A site owner may send a country elsewhere per Associate ID set
//! ([`CountryOverrides`]); only stores the set has a tracking ID for are ever chosen.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::field_error::FieldErrors;
use crate::marketplace::Marketplace;
use crate::quote::excerpt;

/// The stores a country's visitors are sent to, most preferred first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CountryStores {
    /// ISO 3166-1 alpha-2 code: `AT`, `GB`.
    pub country: &'static str,
    /// Stores in order of preference; the first one the site has a tracking ID for wins.
    pub stores: &'static [Marketplace],
}

macro_rules! country_table {
    ($($country:ident => [$($m:ident),+];)*) => {
        /// Every country a visitor may be sent to another store for, by ISO code. A country
        /// that is not here keeps the box's own link.
        pub const COUNTRY_STORES: &[CountryStores] = &[
            $(CountryStores { country: stringify!($country), stores: &[$(Marketplace::$m),+] },)*
        ];
    };
}

country_table! {
    // Each marketplace's own country.
    US => [US];
    CA => [CA, US];
    MX => [MX, US];
    BR => [BR, US];
    GB => [UK];
    DE => [DE];
    FR => [FR];
    IT => [IT];
    ES => [ES];
    NL => [NL, DE];
    BE => [BE, FR, NL, DE];
    PL => [PL, DE];
    SE => [SE, DE];
    TR => [TR];
    AE => [AE];
    SA => [SA, AE];
    EG => [EG, AE];
    IE => [IE, UK];
    IN => [IN];
    JP => [JP];
    SG => [SG];
    AU => [AU];
    // Neighbours without a store of their own.
    AT => [DE];
    CH => [DE, FR, IT];
    LI => [DE];
    LU => [FR, BE, DE];
    MC => [FR];
    AD => [ES, FR];
    PT => [ES];
    SM => [IT];
    VA => [IT];
    MT => [IT, UK];
    DK => [DE, SE];
    NO => [SE, DE];
    FI => [SE, DE];
    IS => [UK, DE];
    CZ => [DE, PL];
    SK => [DE, PL];
    HU => [DE];
    SI => [DE, IT];
    HR => [DE, IT];
    LT => [PL, DE];
    LV => [PL, DE];
    EE => [SE, DE];
    GR => [DE];
    CY => [DE, UK];
    RO => [DE];
    BG => [DE];
    KW => [AE, SA];
    QA => [AE, SA];
    BH => [AE, SA];
    OM => [AE];
    NZ => [AU];
    PR => [US];
}

impl CountryStores {
    /// The table's entry for a country code (case-insensitive; `UK` is read as `GB`).
    pub fn of(country: &str) -> Option<&'static CountryStores> {
        let code = normalize_country(country)?;
        COUNTRY_STORES.iter().find(|c| c.country == code)
    }
}

/// A country code as the table uses it: two ASCII letters, upper case, `UK` read as `GB`; `None`
/// for anything else, such as Cloudflare's `XX` (unknown) and `T1` (Tor).
pub fn normalize_country(input: &str) -> Option<String> {
    let code = input.trim();
    if code.len() != 2 || !code.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let code = code.to_ascii_uppercase();
    match code.as_str() {
        "XX" => None,
        "UK" => Some("GB".to_string()),
        _ => Some(code),
    }
}

/// Per-set choices that replace the table's for some countries: `BE` -> `NL`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CountryOverrides(pub BTreeMap<String, Marketplace>);

impl CountryOverrides {
    /// Reads `country=store` pairs separated by commas, semicolons or line breaks
    /// (`BE=NL, LU=FR`); the store is a marketplace code, host or domain. Every error is returned
    /// at once, under `field`.
    pub fn parse(text: &str, field: &str) -> Result<CountryOverrides, FieldErrors> {
        let mut errors = FieldErrors::new();
        let mut map = BTreeMap::new();
        for pair in text
            .split([',', ';', '\n'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
        {
            let Some((country, store)) = pair.split_once('=') else {
                errors.push(
                    field,
                    format!(
                        "\"{}\" is not a country=store pair: write it like AT=DE.",
                        excerpt(pair)
                    ),
                );
                continue;
            };
            let Some(code) = normalize_country(country) else {
                errors.push(
                    field,
                    format!(
                        "\"{}\" is not a two-letter country code such as AT or CH.",
                        excerpt(country.trim())
                    ),
                );
                continue;
            };
            match Marketplace::lookup(store) {
                Ok(m) => {
                    if map.insert(code.clone(), m).is_some() {
                        errors.push(
                            field,
                            format!("{code} is given more than once: keep one store for it."),
                        );
                    }
                }
                Err(e) => errors.push(field, e.to_string()),
            }
        }
        errors.into_result(CountryOverrides(map))
    }

    /// The overrides written back as text, the way `parse` reads them: `BE=NL, LU=FR`.
    pub fn to_text(&self) -> String {
        self.0
            .iter()
            .map(|(c, m)| format!("{c}={}", m.code()))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// The store a visitor from `country` is sent to, among `targets` (the stores the box's set has
/// a tracking ID for): the set's override if it names a target, else the table's first target.
/// `None` when the country is unknown or none of its stores is a target: the box keeps its link.
pub fn store_for_country(
    country: &str,
    targets: &BTreeSet<Marketplace>,
    overrides: &CountryOverrides,
) -> Option<Marketplace> {
    let code = normalize_country(country)?;
    if let Some(m) = overrides.0.get(&code).filter(|m| targets.contains(m)) {
        return Some(*m);
    }
    CountryStores::of(&code)?
        .stores
        .iter()
        .copied()
        .find(|m| targets.contains(m))
}

/// Every country that is sent to one of `targets`, with its store: what the page script looks
/// visitors up in. Countries named only in `overrides` are included.
pub fn country_store_map(
    targets: &BTreeSet<Marketplace>,
    overrides: &CountryOverrides,
) -> BTreeMap<String, Marketplace> {
    COUNTRY_STORES
        .iter()
        .map(|c| c.country.to_string())
        .chain(overrides.0.keys().cloned())
        .filter_map(|c| store_for_country(&c, targets, overrides).map(|m| (c, m)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use Marketplace::*;

    fn set(ms: &[Marketplace]) -> BTreeSet<Marketplace> {
        ms.iter().copied().collect()
    }

    #[test]
    fn every_marketplace_serves_its_own_country_first() {
        for m in Marketplace::all() {
            let country = if m == UK { "GB" } else { m.code() };
            let entry = CountryStores::of(country).unwrap_or_else(|| panic!("{country}"));
            assert_eq!(entry.stores[0], m, "{country}");
            assert_eq!(
                store_for_country(country, &set(&[m]), &CountryOverrides::default()),
                Some(m)
            );
        }
    }

    #[test]
    fn table_has_each_country_once_with_valid_codes() {
        let mut seen = BTreeSet::new();
        for c in COUNTRY_STORES {
            assert!(seen.insert(c.country), "{} twice", c.country);
            assert_eq!(normalize_country(c.country).as_deref(), Some(c.country));
            let unique: BTreeSet<_> = c.stores.iter().collect();
            assert_eq!(unique.len(), c.stores.len(), "{}", c.country);
        }
    }

    #[test]
    fn neighbours_go_to_the_usual_store() {
        let none = CountryOverrides::default();
        let all: BTreeSet<_> = Marketplace::all().collect();
        assert_eq!(store_for_country("AT", &all, &none), Some(DE));
        assert_eq!(store_for_country("ch", &all, &none), Some(DE));
        assert_eq!(store_for_country("IE", &set(&[DE, UK]), &none), Some(UK));
        assert_eq!(store_for_country("IE", &all, &none), Some(IE));
        assert_eq!(store_for_country("LU", &set(&[DE, NL]), &none), Some(DE));
        assert_eq!(store_for_country("UK", &set(&[DE, UK]), &none), Some(UK));
        assert_eq!(store_for_country("GB", &set(&[DE, US]), &none), None);
        assert_eq!(store_for_country("AT", &set(&[UK, US]), &none), None);
    }

    #[test]
    fn unknown_and_invalid_countries_keep_the_link() {
        let all: BTreeSet<_> = Marketplace::all().collect();
        let none = CountryOverrides::default();
        for bad in ["", "XX", "T1", "ZZ", "DEU", "d", "1A", "Ä", " "] {
            assert_eq!(store_for_country(bad, &all, &none), None, "{bad:?}");
        }
        assert_eq!(normalize_country(" at "), Some("AT".into()));
        assert_eq!(normalize_country("uk"), Some("GB".into()));
        assert_eq!(normalize_country("T1"), None);
    }

    #[test]
    fn overrides_win_when_the_set_has_their_store() {
        let o = CountryOverrides::parse("BE=NL; lu = amazon.fr\nAT=www.amazon.co.uk", "countries")
            .unwrap();
        assert_eq!(o.to_text(), "AT=UK, BE=NL, LU=FR");
        assert_eq!(store_for_country("BE", &set(&[FR, NL]), &o), Some(NL));
        assert_eq!(store_for_country("LU", &set(&[DE, FR]), &o), Some(FR));
        // The override's store has no tracking ID in the set: the table decides.
        assert_eq!(store_for_country("AT", &set(&[DE]), &o), Some(DE));
        // A country only the override knows.
        let o = CountryOverrides::parse("ZA=UK", "countries").unwrap();
        assert_eq!(store_for_country("ZA", &set(&[UK]), &o), Some(UK));
    }

    #[test]
    fn overrides_report_every_error() {
        let e = CountryOverrides::parse("AT, XX=DE, AT=ZZ, BE=NL, be=FR", "countries").unwrap_err();
        let messages: Vec<String> = e.for_field("countries").map(str::to_string).collect();
        assert_eq!(messages.len(), 4, "{messages:?}");
        assert!(messages[0].contains("country=store pair"));
        assert!(messages[1].contains("two-letter country code"));
        assert!(messages[2].contains("is not an Amazon marketplace"));
        assert_eq!(
            messages[3],
            "BE is given more than once: keep one store for it."
        );
        assert_eq!(
            CountryOverrides::parse(" , ", "c").unwrap(),
            CountryOverrides::default()
        );
    }

    #[test]
    fn the_map_lists_every_country_sent_to_a_target() {
        let o = CountryOverrides::parse("BE=NL, ZA=UK", "c").unwrap();
        let map = country_store_map(&set(&[DE, UK, NL]), &o);
        assert_eq!(map["GB"], UK);
        assert_eq!(map["AT"], DE);
        assert_eq!(map["CH"], DE);
        assert_eq!(map["IE"], UK);
        assert_eq!(map["BE"], NL);
        assert_eq!(map["ZA"], UK);
        assert!(!map.contains_key("US"));
        assert!(!map.contains_key("FR"));
        assert!(country_store_map(&BTreeSet::new(), &o).is_empty());
    }
}
