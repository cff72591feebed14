//! `Asa2\Geo`: which store a visitor's country is sent to, and a visitor's country from a
//! MaxMind-format (`.mmdb`) country database.
//!
//! The database is the one file the extension opens: a path the site owner configures. It is
//! read once per PHP worker and read again only when the file changes (size or modification
//! time), so a lookup is a tree walk in memory.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::net::IpAddr;
use std::path::PathBuf;
use std::time::SystemTime;

use asa2_core::{
    COUNTRY_STORES, CountryOverrides, Marketplace, country_store_map, normalize_country,
    store_for_country,
};
use ext_php_rs::binary_slice::BinarySlice;
use ext_php_rs::flags::ClassFlags;
use ext_php_rs::prelude::*;
use ext_php_rs::types::ZendHashTable;
use maxminddb::{PathElement, Reader};
use serde_json::Value;

use crate::convert::{array_to_json, text};
use crate::errors::{OrThrow, guard, invalid};

/// The field database errors are reported under.
const DATABASE_FIELD: &str = "geoip_database";

/// The field override errors are reported under.
const OVERRIDES_FIELD: &str = "countries";

/// The largest country database read, in bytes (country databases are a few MB; city ones
/// are not meant for this).
const MAX_DATABASE_BYTES: u64 = 256 * 1024 * 1024;

/// A database read by this worker, with what identifies the file's version.
struct OpenDatabase {
    path: PathBuf,
    modified: Option<SystemTime>,
    len: u64,
    reader: Reader<Vec<u8>>,
}

thread_local! {
    static DATABASE: RefCell<Option<OpenDatabase>> = const { RefCell::new(None) };
}

/// Marketplace codes from a PHP list; errors under "targets".
fn targets(list: &ZendHashTable) -> PhpResult<BTreeSet<Marketplace>> {
    let Value::Array(items) = array_to_json(list, "targets")? else {
        return Err(invalid("targets", "Pass a list of marketplace codes."));
    };
    items
        .iter()
        .map(|item| match item {
            Value::String(code) => {
                Marketplace::lookup(code).map_err(|e| invalid("targets", e.to_string()))
            }
            _ => Err(invalid("targets", "Pass a list of marketplace codes.")),
        })
        .collect()
}

fn overrides(text_bytes: &[u8]) -> PhpResult<CountryOverrides> {
    let input = text(text_bytes, OVERRIDES_FIELD)?;
    CountryOverrides::parse(input, OVERRIDES_FIELD).or_throw()
}

/// The country ISO code of `ip` in the database at `path`, read (again) when needed.
fn country_of(path: &str, ip: IpAddr) -> PhpResult<Option<String>> {
    let meta = std::fs::metadata(path).map_err(|e| {
        invalid(
            DATABASE_FIELD,
            format!("The country database {path} cannot be read ({e}): check the path and that the web server may read the file."),
        )
    })?;
    if !meta.is_file() || meta.len() > MAX_DATABASE_BYTES {
        return Err(invalid(
            DATABASE_FIELD,
            format!(
                "{path} is not a country database file (a MaxMind-format .mmdb file of at most 256 MB)."
            ),
        ));
    }
    let modified = meta.modified().ok();
    DATABASE.with(|cell| {
        let mut slot = cell.borrow_mut();
        let current = slot
            .as_ref()
            .is_some_and(|db| db.path.as_os_str() == path && db.modified == modified && db.len == meta.len());
        if !current {
            *slot = None;
            let bytes = std::fs::read(path).map_err(|e| {
                invalid(DATABASE_FIELD, format!("The country database {path} cannot be read ({e})."))
            })?;
            let reader = Reader::from_source(bytes).map_err(|_| {
                invalid(
                    DATABASE_FIELD,
                    format!("{path} is not a MaxMind-format (.mmdb) database. Debian's geoip-database package ships the legacy GeoIP.dat format, which ASA2 does not read: use a GeoLite2 or DB-IP country .mmdb file."),
                )
            })?;
            *slot = Some(OpenDatabase {
                path: PathBuf::from(path),
                modified,
                len: meta.len(),
                reader,
            });
        }
        let Some(db) = slot.as_ref() else {
            return Ok(None);
        };
        let Ok(found) = db.reader.lookup(ip) else {
            return Ok(None);
        };
        let code: Option<String> = found
            .decode_path(&[PathElement::Key("country"), PathElement::Key("iso_code")])
            .ok()
            .flatten();
        Ok(code.as_deref().and_then(normalize_country))
    })
}

/// Visitor countries and their stores.
#[php_class]
#[php(name = "Asa2\\Geo")]
#[php(flags = ClassFlags::Final)]
pub struct Geo;

#[php_impl]
impl Geo {
    /// The country table: every country a visitor may be sent to another store for, with its
    /// stores (marketplace codes) in order of preference.
    ///
    /// @return array<string, list<string>>
    pub fn countries() -> PhpResult<BTreeMap<String, Vec<String>>> {
        guard(|| {
            Ok(COUNTRY_STORES
                .iter()
                .map(|c| {
                    let stores = c.stores.iter().map(|m| m.code().to_string()).collect();
                    (c.country.to_string(), stores)
                })
                .collect())
        })
    }

    /// A country code as the table uses it ("at" -> "AT", "UK" -> "GB"), or null for anything
    /// that is not two letters, and for "XX" (unknown).
    ///
    /// @param string $country
    /// @return string|null
    pub fn normalize_country(country: BinarySlice<u8>) -> PhpResult<Option<String>> {
        guard(|| {
            Ok(std::str::from_utf8(&country)
                .ok()
                .and_then(normalize_country))
        })
    }

    /// Checks per-set store choices ("BE=NL, LU=FR") and returns them written the usual way.
    ///
    /// @param string $overrides
    /// @return string
    /// @throws ValidationException errors under "countries"
    pub fn overrides(overrides: BinarySlice<u8>) -> PhpResult<String> {
        guard(|| Ok(self::overrides(&overrides)?.to_text()))
    }

    /// The store (marketplace code) a visitor from $country is sent to, among $targets, or null
    /// when the box keeps its own link.
    ///
    /// @param string $country
    /// @param list<string> $targets marketplace codes the set has a tracking ID for
    /// @param string $overrides the set's choices, as overrides() accepts them
    /// @return string|null
    /// @throws ValidationException errors under "targets" or "countries"
    pub fn store_for(
        country: BinarySlice<u8>,
        targets: &ZendHashTable,
        overrides: BinarySlice<u8>,
    ) -> PhpResult<Option<String>> {
        guard(|| {
            let targets = self::targets(targets)?;
            let overrides = self::overrides(&overrides)?;
            let country = String::from_utf8_lossy(&country);
            Ok(store_for_country(&country, &targets, &overrides).map(|m| m.code().to_string()))
        })
    }

    /// Every country sent to one of $targets, with its store: country => marketplace code.
    ///
    /// @param list<string> $targets
    /// @param string $overrides
    /// @return array<string, string>
    /// @throws ValidationException errors under "targets" or "countries"
    pub fn store_map(
        targets: &ZendHashTable,
        overrides: BinarySlice<u8>,
    ) -> PhpResult<BTreeMap<String, String>> {
        guard(|| {
            let targets = self::targets(targets)?;
            let overrides = self::overrides(&overrides)?;
            Ok(country_store_map(&targets, &overrides)
                .into_iter()
                .map(|(c, m)| (c, m.code().to_string()))
                .collect())
        })
    }

    /// The country of an IP address in a MaxMind-format (.mmdb) country database, or null when
    /// the address is not in it or is not an address. The file is read once per worker and
    /// again when it changes.
    ///
    /// @param string $databasePath
    /// @param string $ip
    /// @return string|null ISO code such as "AT"
    /// @throws ValidationException under "geoip_database" when the file cannot be read or is not such a database
    pub fn country_of_ip(
        databasePath: BinarySlice<u8>,
        ip: BinarySlice<u8>,
    ) -> PhpResult<Option<String>> {
        guard(|| {
            let path = text(&databasePath, DATABASE_FIELD)?;
            let Some(ip) = std::str::from_utf8(&ip)
                .ok()
                .and_then(|s| s.trim().parse::<IpAddr>().ok())
            else {
                return Ok(None);
            };
            country_of(path, ip)
        })
    }
}
