//! ASA2's derived placeholders: its price families (`OffersAutoPrice*`, `OffersMainPrice*`,
//! `OfferSalePrice*`, `ListPrice*`), `IsAvailable`, `FeaturesHTML` and the shop logos
//! (`AmazonLogoSmallUrl`, `AmazonLogoLargeUrl`), computed from the item.
//!
//! AutoPrice follows ASA2's rule: the sale price when the featured offer is on sale, else the
//! main price - with today's answers both are the featured offer's price, since Amazon reports
//! no separate sale price. Then, when ASA2's options say so, the lowest new, used or collectible
//! price if it is lower (or, "only if no other", when there is no price at all); Amazon no
//! longer returns offer summaries, so those prices are never there today.
//!
//! The ASA2 names supported here and in `PLACEHOLDERS`, with the page of ASA2's documentation
//! (docs.getasa2.com) that names each:
//!
//! | Names | Page |
//! |---|---|
//! | `Title`, `FeaturesHTML` | template_syntax.html |
//! | `OffersAutoPrice{Amount,Integer,CurrencyCode,FormattedPrice}`, `OfferSalePriceAmount`, `OffersMainPriceAmount`, `ListPrice{Amount,...}` | placeholders_price.html |
//! | `OffersMainPriceFormattedPrice` | placeholders_variations.html |
//! | `IsAvailable`, `AmazonLogoSmallUrl`, `AmazonLogoLargeUrl` (and the AutoPrice options) | options_placeholders.html |
//! | `VariationsOffer`, `Variations{Highest,Lowest}{Amount,Integer,CurrencyCode,FormattedPrice}` | placeholders_variations.html |
//!
//! Variations: a parent product (clothes in several sizes) has no price of its own; the plugin
//! keeps GetVariations' summary of its variations on the item (`variation_summary`). As ASA2's
//! page says, `OffersMainPriceFormattedPrice` of such a product is `VariationsOffer` (the range
//! "lowest - highest"), and the other main price parts (and so AutoPrice) are the lowest
//! variation price. A product with a price of its own keeps it.

use minijinja::value::Value;

use crate::item::{Item, Money, VariationSummary};
use crate::marketplace::Marketplace;

/// ASA2's AutoPrice options: which of the lowest offer prices `OffersAutoPrice*` may take.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AutoPriceRule {
    /// "AutoPrice considers LowestNewPrice": the lowest new price when it is lower.
    pub lowest_new: bool,
    /// "AutoPrice considers LowestUsedPrice": the lowest used price when it is lower.
    pub lowest_used: bool,
    /// "Consider LowestUsedPrice only if no other": the used price only when there is no price.
    pub lowest_used_only_if_no_other: bool,
    /// "AutoPrice considers LowestCollectiblePrice".
    pub lowest_collectible: bool,
    /// "Consider LowestCollectiblePrice only if no other".
    pub lowest_collectible_only_if_no_other: bool,
}

/// The prices AutoPrice chooses from.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct PriceCandidates<'a> {
    pub(super) sale: Option<&'a Money>,
    pub(super) main: Option<&'a Money>,
    pub(super) lowest_new: Option<&'a Money>,
    pub(super) lowest_used: Option<&'a Money>,
    pub(super) lowest_collectible: Option<&'a Money>,
}

impl AutoPriceRule {
    /// ASA2's AutoPrice: the sale price, else the main price; then each lowest price the rule
    /// considers, when it is lower than the price so far (or, "only if no other", when there
    /// is no price so far).
    pub(super) fn choose<'a>(&self, prices: PriceCandidates<'a>) -> Option<&'a Money> {
        let mut chosen = prices.sale.or(prices.main);
        let steps = [
            (prices.lowest_new, self.lowest_new, false),
            (
                prices.lowest_used,
                self.lowest_used,
                self.lowest_used_only_if_no_other,
            ),
            (
                prices.lowest_collectible,
                self.lowest_collectible,
                self.lowest_collectible_only_if_no_other,
            ),
        ];
        for (candidate, considered, only_if_no_other) in steps {
            let Some(candidate) = candidate.filter(|_| considered) else {
                continue;
            };
            let take = match chosen {
                None => true,
                Some(_) if only_if_no_other => false,
                Some(current) => cents(candidate)
                    .zip(cents(current))
                    .is_some_and(|(c, p)| c < p && candidate.currency == current.currency),
            };
            if take {
                chosen = Some(candidate);
            }
        }
        chosen
    }
}

fn cents(money: &Money) -> Option<i64> {
    let amount = money.amount.as_ref()?.to_string();
    minor_units(&amount, money.currency.as_deref())?
        .parse()
        .ok()
}

/// Where the shop logo images are served from (the plugin's assets) and whether they carry the
/// marketplace's top-level domain (ASA2's "Localized shop logos").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShopLogos {
    /// URL of the folder holding the logo files, ending in `/`.
    pub base_url: String,
    /// Logos naming the product's store (`amazon.de`) instead of the plain one.
    pub localized: bool,
}

impl ShopLogos {
    /// The logo files every base URL must hold, for `size` `small` or `large`:
    /// `amazon-small.svg` and `amazon-small-de.svg` (one per marketplace, lower-case code).
    pub fn file_name(size: &str, marketplace: Option<Marketplace>) -> String {
        match marketplace {
            Some(m) => format!("amazon-{size}-{}.svg", m.code().to_ascii_lowercase()),
            None => format!("amazon-{size}.svg"),
        }
    }

    /// `AmazonLogoSmallUrl` / `AmazonLogoLargeUrl` of a product from `marketplace`.
    pub(super) fn url(&self, size: &str, marketplace: Marketplace) -> Option<String> {
        let base = super::safe_url(&self.base_url)?;
        let file = ShopLogos::file_name(size, self.localized.then_some(marketplace));
        Some(if base.ends_with('/') {
            format!("{base}{file}")
        } else {
            format!("{base}/{file}")
        })
    }
}

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

/// ASA2's `VariationsOffer`: the price range of the variations, `$19.99 - $55.00` (one price
/// when all variations cost the same; the lowest or highest alone when Amazon gave only one).
pub(super) fn variations_offer(summary: &VariationSummary) -> Option<String> {
    let lowest = super::display(summary.lowest_price.as_ref());
    let highest = super::display(summary.highest_price.as_ref());
    match (lowest, highest) {
        (Some(l), Some(h)) if l != h => Some(format!("{l} - {h}")),
        (l, h) => l.or(h),
    }
}

/// The main price of a product: its own price; for a parent without one (it has a
/// variation summary with a price), the lowest variation price in every part but
/// `FormattedPrice`, which is the range (`VariationsOffer`), as ASA2 documents. The money is
/// what AutoPrice chooses from.
pub(super) fn main_price(item: &Item) -> (Option<&Money>, PriceParts) {
    if item.price.is_some() {
        return (item.price.as_ref(), PriceParts::of(item.price.as_ref()));
    }
    let Some(summary) = item.variation_summary.as_ref() else {
        return (None, PriceParts::default());
    };
    let lowest = summary
        .lowest_price
        .as_ref()
        .or(summary.highest_price.as_ref());
    let mut parts = PriceParts::of(lowest);
    if lowest.is_some() {
        parts.formatted = variations_offer(summary);
    }
    (lowest, parts)
}

/// The placeholders of a variation parent (`Variations*`, ASA2's placeholders_variations page).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct VariationParts {
    pub(super) offer: Option<String>,
    pub(super) highest: PriceParts,
    pub(super) lowest: PriceParts,
}

impl VariationParts {
    pub(super) fn of(item: &Item) -> VariationParts {
        let Some(summary) = item.variation_summary.as_ref() else {
            return VariationParts::default();
        };
        VariationParts {
            offer: variations_offer(summary),
            highest: PriceParts::of(summary.highest_price.as_ref()),
            lowest: PriceParts::of(summary.lowest_price.as_ref()),
        }
    }
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

/// ASA2's `IsAvailable`: the product has a price (for a parent: its variations have one) and
/// is not out of stock.
pub(super) fn is_available(item: &Item) -> bool {
    if item.price.is_none() && main_price(item).0.is_some() {
        return true;
    }
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
    use crate::item::Decimal;

    fn eur(amount: &str) -> Money {
        Money {
            amount: Some(Decimal::parse(amount).unwrap()),
            currency: Some("EUR".to_string()),
            display: None,
        }
    }

    #[test]
    fn autoprice_follows_asa2s_order_and_options() {
        let (sale, main, new, used) = (eur("40"), eur("50"), eur("35"), eur("30"));
        let all = PriceCandidates {
            sale: Some(&sale),
            main: Some(&main),
            lowest_new: Some(&new),
            lowest_used: Some(&used),
            lowest_collectible: None,
        };
        let off = AutoPriceRule::default();
        assert_eq!(off.choose(all), Some(&sale));
        assert_eq!(
            off.choose(PriceCandidates { sale: None, ..all }),
            Some(&main)
        );
        let new_only = AutoPriceRule {
            lowest_new: true,
            ..off
        };
        assert_eq!(new_only.choose(all), Some(&new));
        let higher_new = eur("45");
        assert_eq!(
            new_only.choose(PriceCandidates {
                lowest_new: Some(&higher_new),
                ..all
            }),
            Some(&sale)
        );
        let used = AutoPriceRule {
            lowest_new: true,
            lowest_used: true,
            ..off
        };
        assert_eq!(used.choose(all).unwrap().amount, eur("30").amount);
        let used_if_none = AutoPriceRule {
            lowest_used_only_if_no_other: true,
            ..used
        };
        assert_eq!(used_if_none.choose(all), Some(&new));
        let nothing_else = PriceCandidates {
            sale: None,
            main: None,
            lowest_new: None,
            ..all
        };
        assert_eq!(
            used_if_none.choose(nothing_else).unwrap().amount,
            eur("30").amount
        );
        assert_eq!(off.choose(nothing_else), None);
    }

    #[test]
    fn shop_logos_are_plain_or_name_the_store() {
        let mut logos = ShopLogos {
            base_url: "https://example.org/wp-content/plugins/asa2-creators/assets/logos".into(),
            localized: false,
        };
        assert_eq!(
            logos.url("small", Marketplace::DE).as_deref(),
            Some(
                "https://example.org/wp-content/plugins/asa2-creators/assets/logos/amazon-small.svg"
            )
        );
        logos.localized = true;
        assert_eq!(
            logos.url("large", Marketplace::UK).as_deref(),
            Some(
                "https://example.org/wp-content/plugins/asa2-creators/assets/logos/amazon-large-uk.svg"
            )
        );
        logos.base_url = "javascript:alert(1)//".into();
        assert_eq!(logos.url("small", Marketplace::DE), None);
    }

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
