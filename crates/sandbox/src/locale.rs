//! Localized text: prices as each store prints them and availability messages.

use asa2_core::Marketplace;

use crate::catalog::{Availability, currency_decimals};

#[cfg(test)]
/// The exact decimal text of an amount in minor units: `1999` EUR -> `19.99`, `1980` JPY -> `1980`.
pub(crate) fn decimal(minor: u64, currency: &str) -> String {
    match currency_decimals(currency) {
        0 => minor.to_string(),
        _ => format!("{}.{:02}", minor / 100, minor % 100),
    }
}

/// The amount as a JSON number with exactly its decimal digits (`19.99`, `1980`).
pub(crate) fn amount_number(minor: u64, currency: &str) -> serde_json::Value {
    match currency_decimals(currency) {
        0 => serde_json::Value::from(minor),
        // The shortest text of the nearest double is the decimal itself for cents values.
        _ => serde_json::Value::from(minor as f64 / 100.0),
    }
}

fn group(int: u64, sep: &str) -> String {
    let digits = int.to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(sep);
        }
        out.push(ch);
    }
    out
}

/// The price as the store shows it: `$1,234.56`, `1.234,56 €`, `￥1,980`, `£19.99`.
pub(crate) fn display_amount(minor: u64, marketplace: Marketplace) -> String {
    let currency = marketplace.info().currency;
    let dec = currency_decimals(currency);
    let (int, frac) = if dec == 0 {
        (minor, None)
    } else {
        (minor / 100, Some(minor % 100))
    };
    // (prefix, suffix, thousands separator, decimal separator)
    let (pre, suf, th, ds) = match marketplace {
        Marketplace::US | Marketplace::CA | Marketplace::MX | Marketplace::AU => {
            ("$", "", ",", ".")
        }
        Marketplace::SG => ("S$", "", ",", "."),
        Marketplace::BR => ("R$\u{a0}", "", ".", ","),
        Marketplace::UK => ("£", "", ",", "."),
        Marketplace::IE => ("€", "", ",", "."),
        Marketplace::NL => ("€\u{a0}", "", ".", ","),
        Marketplace::FR | Marketplace::BE => ("", "\u{a0}€", "\u{202f}", ","),
        Marketplace::DE | Marketplace::IT | Marketplace::ES => ("", "\u{a0}€", ".", ","),
        Marketplace::PL => ("", "\u{a0}zł", "\u{a0}", ","),
        Marketplace::SE => ("", "\u{a0}kr", "\u{a0}", ","),
        Marketplace::TR => ("", "\u{a0}TL", ".", ","),
        Marketplace::AE => ("AED\u{a0}", "", ",", "."),
        Marketplace::SA => ("SAR\u{a0}", "", ",", "."),
        Marketplace::EG => ("EGP\u{a0}", "", ",", "."),
        Marketplace::IN => ("₹", "", ",", "."),
        Marketplace::JP => ("￥", "", ",", "."),
        _ => ("", currency, ",", "."),
    };
    let mut s = format!("{pre}{}", group(int, th));
    if let Some(f) = frac {
        s.push_str(&format!("{ds}{f:02}"));
    }
    s.push_str(suf);
    s
}

/// The language used for messages: the preferred one when given, else the store's default.
pub(crate) fn language(marketplace: Marketplace, preferred: Option<&str>) -> String {
    preferred
        .map(str::to_string)
        .unwrap_or_else(|| marketplace.info().language.to_string())
}

/// The availability message in `language` (`de_DE` …); English when not translated.
pub(crate) fn availability_message(kind: Availability, left: u64, language: &str) -> String {
    let lang = language.split('_').next().unwrap_or("en");
    match (lang, kind) {
        ("de", Availability::InStock) => "Auf Lager".to_string(),
        ("de", Availability::InStockScarce) => format!("Nur noch {left} auf Lager"),
        ("de", Availability::OutOfStock) => "Derzeit nicht verfügbar.".to_string(),
        ("de", Availability::Preorder) => "Vorbestellbar".to_string(),
        ("de", Availability::Backorder) => "Vorübergehend nicht auf Lager.".to_string(),
        ("fr", Availability::InStock) => "En stock".to_string(),
        ("fr", Availability::InStockScarce) => {
            format!("Il ne reste plus que {left} exemplaire(s) en stock.")
        }
        ("fr", Availability::OutOfStock) => "Actuellement indisponible.".to_string(),
        ("fr", Availability::Preorder) => "Précommande".to_string(),
        ("fr", Availability::Backorder) => "Temporairement en rupture de stock.".to_string(),
        ("it", Availability::InStock) => "Disponibilità immediata".to_string(),
        ("it", Availability::InStockScarce) => format!("Solo {left} con disponibilità immediata"),
        ("it", Availability::OutOfStock) => "Attualmente non disponibile.".to_string(),
        ("it", Availability::Preorder) => "Preordina ora".to_string(),
        ("it", Availability::Backorder) => "Temporaneamente non disponibile.".to_string(),
        ("es", Availability::InStock) => "En stock".to_string(),
        ("es", Availability::InStockScarce) => format!("Solo queda(n) {left} en stock"),
        ("es", Availability::OutOfStock) => "No disponible por el momento.".to_string(),
        ("es", Availability::Preorder) => "Reservar ahora".to_string(),
        ("es", Availability::Backorder) => "Temporalmente sin stock.".to_string(),
        ("nl", Availability::InStock) => "Op voorraad".to_string(),
        ("nl", Availability::InStockScarce) => format!("Nog maar {left} op voorraad"),
        ("nl", Availability::OutOfStock) => "Momenteel niet verkrijgbaar.".to_string(),
        ("nl", Availability::Preorder) => "Nu reserveren".to_string(),
        ("nl", Availability::Backorder) => "Tijdelijk niet op voorraad.".to_string(),
        ("ja", Availability::InStock) => "在庫あり。".to_string(),
        ("ja", Availability::InStockScarce) => format!("残り{left}点 ご注文はお早めに"),
        ("ja", Availability::OutOfStock) => "現在在庫切れです。".to_string(),
        ("ja", Availability::Preorder) => "予約受付中".to_string(),
        ("ja", Availability::Backorder) => "一時的に在庫切れ".to_string(),
        (_, Availability::InStock) => "In Stock".to_string(),
        (_, Availability::InStockScarce) => format!("Only {left} left in stock - order soon."),
        (_, Availability::OutOfStock) => "Currently unavailable.".to_string(),
        (_, Availability::Preorder) => "Pre-order now.".to_string(),
        (_, Availability::Backorder) => "Temporarily out of stock.".to_string(),
    }
}

/// The label shown before a saving basis.
pub(crate) fn saving_basis_label(kind: &str, language: &str) -> &'static str {
    let de = language.starts_with("de");
    match (kind, de) {
        ("LIST_PRICE", false) => "List Price:",
        ("LIST_PRICE", true) => "Unverb. Preisempf.:",
        ("WAS_PRICE", false) => "Was:",
        ("WAS_PRICE", true) => "Statt:",
        (_, false) => "Lowest price in 30 days:",
        (_, true) => "Niedrigster Preis der letzten 30 Tage:",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prices_print_like_the_store() {
        assert_eq!(display_amount(123456, Marketplace::US), "$1,234.56");
        assert_eq!(display_amount(1999, Marketplace::DE), "19,99\u{a0}€");
        assert_eq!(display_amount(123456, Marketplace::DE), "1.234,56\u{a0}€");
        assert_eq!(display_amount(1980, Marketplace::JP), "￥1,980");
        assert_eq!(display_amount(999, Marketplace::UK), "£9.99");
        assert_eq!(decimal(1999, "EUR"), "19.99");
        assert_eq!(decimal(1900, "EUR"), "19.00");
        assert_eq!(decimal(1980, "JPY"), "1980");
        assert_eq!(amount_number(1999, "EUR").to_string(), "19.99");
        assert_eq!(amount_number(123457, "EUR").to_string(), "1234.57");
        assert_eq!(amount_number(1980, "JPY").to_string(), "1980");
    }

    #[test]
    fn every_cents_value_prints_exactly() {
        for minor in (0..2_000_000u64).step_by(7) {
            let v = amount_number(minor, "USD").to_string();
            let expected = decimal(minor, "USD");
            let trimmed = expected.trim_end_matches('0').trim_end_matches('.');
            let v_trimmed = v.trim_end_matches('0').trim_end_matches('.');
            assert_eq!(v_trimmed, trimmed, "{minor}");
        }
    }

    #[test]
    fn messages_are_localized() {
        assert_eq!(
            availability_message(Availability::InStock, 1, "de_DE"),
            "Auf Lager"
        );
        assert_eq!(
            availability_message(Availability::InStock, 1, "nl_NL"),
            "Op voorraad"
        );
        assert_eq!(
            availability_message(Availability::InStock, 1, "sv_SE"),
            "In Stock"
        );
    }
}
