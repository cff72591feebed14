//! The marketplace registry: every Amazon store the Creators API serves, with the facts the
//! plugin needs (hosts, region, currency, language, Associates Central, PA-API 5.0 endpoint).
//!
//! The table lives in [`MARKETPLACES`]; one edit there fixes a wrong fact everywhere (PHP, wasm,
//! README table).

use std::fmt;
use std::str::FromStr;

use crate::quote::excerpt;
use serde::{Deserialize, Serialize};

/// The Creators API region a marketplace belongs to. It picks the API version's minor number
/// (`.1` NA, `.2` EU, `.3` FE) and so the token endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[non_exhaustive]
pub enum Region {
    /// North America: US, CA, MX, BR.
    #[serde(rename = "NA")]
    NorthAmerica,
    /// Europe (with the Middle East and India).
    #[serde(rename = "EU")]
    Europe,
    /// Far East: JP, SG, AU.
    #[serde(rename = "FE")]
    FarEast,
}

impl Region {
    /// The short code used in Amazon's documentation: `NA`, `EU` or `FE`.
    pub const fn code(self) -> &'static str {
        match self {
            Region::NorthAmerica => "NA",
            Region::Europe => "EU",
            Region::FarEast => "FE",
        }
    }

    /// The minor number of the API version for this region (`1`, `2`, `3`).
    pub const fn version_minor(self) -> u8 {
        match self {
            Region::NorthAmerica => 1,
            Region::Europe => 2,
            Region::FarEast => 3,
        }
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// One Amazon store. Obtain values with [`Marketplace::from_code`], [`Marketplace::lookup`] or
/// [`Marketplace::all`]; a `Marketplace` always names a store the registry knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
#[allow(missing_docs)] // the variants are ISO country codes, documented by `country()`
pub enum Marketplace {
    US,
    CA,
    MX,
    BR,
    UK,
    DE,
    FR,
    IT,
    ES,
    NL,
    BE,
    PL,
    SE,
    TR,
    AE,
    SA,
    EG,
    IE,
    IN,
    JP,
    SG,
    AU,
}

/// The facts of one marketplace, as kept in [`MARKETPLACES`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MarketplaceInfo {
    /// The marketplace.
    pub marketplace: Marketplace,
    /// Code as shown to users and stored in settings: `DE`, `US`, `UK`, ...
    pub code: &'static str,
    /// English country name: `Germany`.
    pub country: &'static str,
    /// Store host, also the `x-marketplace` header value: `www.amazon.de`.
    pub host: &'static str,
    /// Creators API region.
    pub region: Region,
    /// ISO 4217 currency of the store: `EUR`.
    pub currency: &'static str,
    /// Default language in `ll_CC` form: `de_DE`.
    pub language: &'static str,
    /// Associates Central for this country, where credentials are created.
    pub associates_url: &'static str,
    /// PA-API 5.0 host: `webservices.amazon.de`.
    pub paapi_host: &'static str,
    /// PA-API 5.0 AWS region used in the SigV4 scope: `eu-west-1`.
    pub paapi_region: &'static str,
    /// The tracking ID suffix Associates of this store usually have (`21` for `name-21`).
    pub tag_suffix: &'static str,
}

macro_rules! registry {
    ($($m:ident, $country:literal, $host:literal, $region:ident, $cur:literal, $lang:literal, $assoc:literal, $pa:literal, $par:literal, $suffix:literal;)*) => {
        /// Every marketplace, in the order the setup screens list them.
        pub const MARKETPLACES: &[MarketplaceInfo] = &[
            $(MarketplaceInfo {
                marketplace: Marketplace::$m,
                code: stringify!($m),
                country: $country,
                host: $host,
                region: Region::$region,
                currency: $cur,
                language: $lang,
                associates_url: $assoc,
                paapi_host: $pa,
                paapi_region: $par,
                tag_suffix: $suffix,
            },)*
        ];
    };
}

registry! {
    US, "United States", "www.amazon.com", NorthAmerica, "USD", "en_US", "https://affiliate-program.amazon.com", "webservices.amazon.com", "us-east-1", "20";
    CA, "Canada", "www.amazon.ca", NorthAmerica, "CAD", "en_CA", "https://associates.amazon.ca", "webservices.amazon.ca", "us-east-1", "20";
    MX, "Mexico", "www.amazon.com.mx", NorthAmerica, "MXN", "es_MX", "https://afiliados.amazon.com.mx", "webservices.amazon.com.mx", "us-east-1", "20";
    BR, "Brazil", "www.amazon.com.br", NorthAmerica, "BRL", "pt_BR", "https://associados.amazon.com.br", "webservices.amazon.com.br", "us-east-1", "20";
    UK, "United Kingdom", "www.amazon.co.uk", Europe, "GBP", "en_GB", "https://affiliate-program.amazon.co.uk", "webservices.amazon.co.uk", "eu-west-1", "21";
    DE, "Germany", "www.amazon.de", Europe, "EUR", "de_DE", "https://partnernet.amazon.de", "webservices.amazon.de", "eu-west-1", "21";
    FR, "France", "www.amazon.fr", Europe, "EUR", "fr_FR", "https://partenaires.amazon.fr", "webservices.amazon.fr", "eu-west-1", "21";
    IT, "Italy", "www.amazon.it", Europe, "EUR", "it_IT", "https://programma-affiliazione.amazon.it", "webservices.amazon.it", "eu-west-1", "21";
    ES, "Spain", "www.amazon.es", Europe, "EUR", "es_ES", "https://afiliados.amazon.es", "webservices.amazon.es", "eu-west-1", "21";
    NL, "Netherlands", "www.amazon.nl", Europe, "EUR", "nl_NL", "https://partnernet.amazon.nl", "webservices.amazon.nl", "eu-west-1", "21";
    BE, "Belgium", "www.amazon.com.be", Europe, "EUR", "fr_BE", "https://affiliate-program.amazon.com.be", "webservices.amazon.com.be", "eu-west-1", "21";
    PL, "Poland", "www.amazon.pl", Europe, "PLN", "pl_PL", "https://affiliate-program.amazon.pl", "webservices.amazon.pl", "eu-west-1", "21";
    SE, "Sweden", "www.amazon.se", Europe, "SEK", "sv_SE", "https://affiliate-program.amazon.se", "webservices.amazon.se", "eu-west-1", "21";
    TR, "Turkey", "www.amazon.com.tr", Europe, "TRY", "tr_TR", "https://gelirortakligi.amazon.com.tr", "webservices.amazon.com.tr", "eu-west-1", "21";
    AE, "United Arab Emirates", "www.amazon.ae", Europe, "AED", "en_AE", "https://affiliate-program.amazon.ae", "webservices.amazon.ae", "eu-west-1", "21";
    SA, "Saudi Arabia", "www.amazon.sa", Europe, "SAR", "en_AE", "https://affiliate-program.amazon.sa", "webservices.amazon.sa", "eu-west-1", "21";
    EG, "Egypt", "www.amazon.eg", Europe, "EGP", "en_AE", "https://affiliate-program.amazon.eg", "webservices.amazon.eg", "eu-west-1", "21";
    IE, "Ireland", "www.amazon.ie", Europe, "EUR", "en_IE", "https://affiliate-program.amazon.ie", "webservices.amazon.ie", "eu-west-1", "21";
    IN, "India", "www.amazon.in", Europe, "INR", "en_IN", "https://affiliate-program.amazon.in", "webservices.amazon.in", "eu-west-1", "21";
    JP, "Japan", "www.amazon.co.jp", FarEast, "JPY", "ja_JP", "https://affiliate.amazon.co.jp", "webservices.amazon.co.jp", "us-west-2", "22";
    SG, "Singapore", "www.amazon.sg", FarEast, "SGD", "en_SG", "https://affiliate-program.amazon.sg", "webservices.amazon.sg", "us-west-2", "22";
    AU, "Australia", "www.amazon.com.au", FarEast, "AUD", "en_AU", "https://affiliate-program.amazon.com.au", "webservices.amazon.com.au", "us-west-2", "22";
}

/// A string that names no marketplace the registry knows.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "\"{0}\" is not an Amazon marketplace this plugin knows: use a country code such as DE or US, or a store host such as www.amazon.de"
)]
pub struct UnknownMarketplace(pub String);

impl Marketplace {
    /// Every marketplace, in registry order.
    pub fn all() -> impl ExactSizeIterator<Item = Marketplace> {
        MARKETPLACES.iter().map(|m| m.marketplace)
    }

    /// The registry entry of this marketplace.
    pub fn info(self) -> &'static MarketplaceInfo {
        // The table is written in enum order; the test `table_is_in_enum_order` keeps it so.
        &MARKETPLACES[self as usize]
    }

    /// Finds a marketplace by its code (`DE`), case-insensitive. `GB` is accepted for `UK`.
    pub fn from_code(code: &str) -> Option<Marketplace> {
        let code = code.trim();
        if code.eq_ignore_ascii_case("GB") {
            return Some(Marketplace::UK);
        }
        MARKETPLACES
            .iter()
            .find(|m| m.code.eq_ignore_ascii_case(code))
            .map(|m| m.marketplace)
    }

    /// Finds a marketplace by store host (`www.amazon.de`) or domain (`amazon.de`),
    /// case-insensitive; a trailing dot and a `smile.` prefix are tolerated.
    pub fn from_host(host: &str) -> Option<Marketplace> {
        let host = host.trim().trim_end_matches('.').to_ascii_lowercase();
        let domain = host
            .strip_prefix("www.")
            .or_else(|| host.strip_prefix("smile."))
            .unwrap_or(&host);
        MARKETPLACES
            .iter()
            .find(|m| m.domain() == domain)
            .map(|m| m.marketplace)
    }

    /// Finds a marketplace by code, store host or domain, whichever the input is.
    pub fn lookup(input: &str) -> Result<Marketplace, UnknownMarketplace> {
        Marketplace::from_code(input)
            .or_else(|| Marketplace::from_host(input))
            .ok_or_else(|| UnknownMarketplace(excerpt(input)))
    }

    /// Code: `DE`.
    pub fn code(self) -> &'static str {
        self.info().code
    }

    /// Store host and `x-marketplace` value: `www.amazon.de`.
    pub fn host(self) -> &'static str {
        self.info().host
    }

    /// Domain without `www.`: `amazon.de`.
    pub fn domain(self) -> &'static str {
        self.info().domain()
    }

    /// Creators API region.
    pub fn region(self) -> Region {
        self.info().region
    }
}

impl MarketplaceInfo {
    /// Domain without `www.`: `amazon.de`.
    pub fn domain(&self) -> &'static str {
        self.host.strip_prefix("www.").unwrap_or(self.host)
    }
}

/// Serialized as the bindings show a marketplace: `code`, `country`, `host`, `domain`, `region`
/// (`NA`/`EU`/`FE`), `currency`, `language`, `associates_url`, `paapi_host`, `paapi_region`,
/// `tag_suffix`.
impl Serialize for MarketplaceInfo {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Marketplace", 11)?;
        st.serialize_field("code", self.code)?;
        st.serialize_field("country", self.country)?;
        st.serialize_field("host", self.host)?;
        st.serialize_field("domain", self.domain())?;
        st.serialize_field("region", self.region.code())?;
        st.serialize_field("currency", self.currency)?;
        st.serialize_field("language", self.language)?;
        st.serialize_field("associates_url", self.associates_url)?;
        st.serialize_field("paapi_host", self.paapi_host)?;
        st.serialize_field("paapi_region", self.paapi_region)?;
        st.serialize_field("tag_suffix", self.tag_suffix)?;
        st.end()
    }
}

impl fmt::Display for Marketplace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Marketplace {
    type Err = UnknownMarketplace;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Marketplace::lookup(s)
    }
}

impl Serialize for Marketplace {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Marketplace {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Marketplace::lookup(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_in_enum_order() {
        for (i, m) in MARKETPLACES.iter().enumerate() {
            assert_eq!(m.marketplace as usize, i, "{} is out of place", m.code);
            assert_eq!(m.marketplace.info().code, m.code);
            assert_eq!(format!("{:?}", m.marketplace), m.code);
        }
        assert_eq!(MARKETPLACES.len(), 22);
    }

    #[test]
    fn lookup_by_code_host_and_domain_ignores_case() {
        for m in Marketplace::all() {
            let info = m.info();
            assert_eq!(Marketplace::lookup(info.code), Ok(m));
            assert_eq!(Marketplace::lookup(&info.code.to_lowercase()), Ok(m));
            assert_eq!(Marketplace::lookup(info.host), Ok(m));
            assert_eq!(Marketplace::lookup(&info.host.to_uppercase()), Ok(m));
            assert_eq!(Marketplace::lookup(info.domain()), Ok(m));
        }
        assert_eq!(Marketplace::lookup(" de "), Ok(Marketplace::DE));
        assert_eq!(Marketplace::lookup("gb"), Ok(Marketplace::UK));
        assert_eq!(Marketplace::lookup("amazon.com."), Ok(Marketplace::US));
    }

    #[test]
    fn unknown_inputs_are_refused_with_a_hint() {
        for bad in ["", "XX", "amazon.xx", "www.ebay.de", "DEU"] {
            let err = Marketplace::lookup(bad).unwrap_err();
            assert!(err.to_string().contains("country code such as DE"), "{err}");
        }
    }

    #[test]
    fn regions_follow_the_spec() {
        use Marketplace::*;
        for m in [US, CA, MX, BR] {
            assert_eq!(m.region(), Region::NorthAmerica);
        }
        for m in [JP, SG, AU] {
            assert_eq!(m.region(), Region::FarEast);
        }
        for m in [UK, DE, FR, IT, ES, NL, BE, PL, SE, TR, AE, SA, EG, IE, IN] {
            assert_eq!(m.region(), Region::Europe);
        }
    }

    #[test]
    fn info_serializes_with_every_fact() {
        let json = serde_json::to_value(Marketplace::DE.info()).unwrap();
        assert_eq!(json["domain"], "amazon.de");
        assert_eq!(json["region"], "EU");
        assert_eq!(json["associates_url"], "https://partnernet.amazon.de");
        assert_eq!(json.as_object().unwrap().len(), 11);
    }

    #[test]
    fn serializes_as_its_code() {
        let json = serde_json::to_string(&Marketplace::DE).unwrap();
        assert_eq!(json, "\"DE\"");
        let back: Marketplace = serde_json::from_str("\"www.amazon.co.jp\"").unwrap();
        assert_eq!(back, Marketplace::JP);
    }
}
