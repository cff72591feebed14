//! ASA2's derived placeholders: its price families (`OffersAutoPrice*`, `OffersMainPrice*`,
//! `OfferSalePrice*`, `ListPrice*`), `IsAvailable` and `FeaturesHTML`, computed from the item.
//!
//! AutoPrice follows ASA2's rule: the sale price when the featured offer is on sale, else the
//! main price - with today's answers both are the featured offer's price, since Amazon reports
//! no separate sale price. ASA2 can also consider the lowest new or used price; Amazon no longer
//! returns offer summaries, so those steps never apply.

use minijinja::value::Value;

use crate::item::{Item, Money};

/// The four forms of one ASA2 price: `Amount` (47.67), `Integer` (4767), `CurrencyCode` (USD)
/// and `FormattedPrice` ($47.67).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct PriceParts {
    amount: Option<String>,
    integer: Option<i64>,
    currency: Option<String>,
    formatted: Option<String>,
}

impl PriceParts {
    pub(super) fn of(money: Option<&Money>) -> PriceParts {
        let Some(money) = money else {
            return PriceParts::default();
        };
        let amount = money.amount.as_ref().map(|a| a.to_string());
        let integer = amount
            .as_deref()
            .and_then(|a| minor_units(a, money.currency.as_deref()))
            .and_then(|i| i.parse().ok());
        PriceParts {
            amount,
            integer,
            currency: money.currency.clone(),
            formatted: super::display(Some(money)),
        }
    }

    /// (Amount, Integer, CurrencyCode, FormattedPrice).
    pub(super) fn into_fields(
        self,
    ) -> (Option<String>, Option<i64>, Option<String>, Option<String>) {
        (self.amount, self.integer, self.currency, self.formatted)
    }
}

/// Digits after the decimal mark of a currency's minor unit (ISO 4217; Amazon's stores).
fn minor_digits(currency: Option<&str>) -> usize {
    match currency {
        Some("JPY") => 0,
        _ => 2,
    }
}

/// `47.67` as `4767`: the amount in minor units, without a decimal mark (ASA2's `*Integer`).
fn minor_units(amount: &str, currency: Option<&str>) -> Option<String> {
    let digits = minor_digits(currency);
    let (negative, unsigned) = match amount.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, amount),
    };
    let (int, frac) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let mut frac: String = frac.chars().take(digits).collect();
    while frac.len() < digits {
        frac.push('0');
    }
    let joined = format!("{int}{frac}");
    let trimmed = joined.trim_start_matches('0');
    let number = if trimmed.is_empty() { "0" } else { trimmed };
    if !number.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(if negative && number != "0" {
        format!("-{number}")
    } else {
        number.to_string()
    })
}

/// Whether the featured offer is on sale: it has a price reduced against a higher list or was
/// price (Amazon's saving basis). Its price is then ASA2's sale price.
pub(super) fn on_sale(item: &Item) -> bool {
    item.price.is_some()
        && item
            .savings
            .as_ref()
            .is_some_and(|s| s.amount.is_some() || s.percentage.is_some_and(|p| p > 0))
}

/// ASA2's `IsAvailable`: the product has a price and is not out of stock.
pub(super) fn is_available(item: &Item) -> bool {
    let out_of_stock = item
        .availability
        .as_ref()
        .and_then(|a| a.kind.as_deref())
        .is_some_and(|k| k.eq_ignore_ascii_case("OUT_OF_STOCK"));
    item.price.is_some() && !out_of_stock
}

/// `FeaturesHTML`: the feature points as a `<ul>`, each escaped; trusted HTML (undefined, so
/// `is empty`, when there are none).
pub(super) fn features_html(features: &[String]) -> Value {
    if features.is_empty() {
        return Value::UNDEFINED;
    }
    let mut html = String::from("<ul>");
    for feature in features {
        html.push_str("<li>");
        html.push_str(&minijinja::HtmlEscape(feature).to_string());
        html.push_str("</li>");
    }
    html.push_str("</ul>");
    Value::from_safe_string(html)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_are_minor_units() {
        assert_eq!(minor_units("47.67", Some("USD")).as_deref(), Some("4767"));
        assert_eq!(minor_units("47.6", Some("EUR")).as_deref(), Some("4760"));
        assert_eq!(minor_units("100", None).as_deref(), Some("10000"));
        assert_eq!(minor_units("1980", Some("JPY")).as_deref(), Some("1980"));
        assert_eq!(minor_units("0.05", Some("EUR")).as_deref(), Some("5"));
        assert_eq!(minor_units("-3.5", Some("EUR")).as_deref(), Some("-350"));
    }

    #[test]
    fn features_html_escapes_each_point() {
        let html = features_html(&["a<b".to_string(), "c".to_string()]);
        assert_eq!(html.to_string(), "<ul><li>a&lt;b</li><li>c</li></ul>");
        assert!(html.is_safe());
        assert!(features_html(&[]).is_undefined());
    }
}
