//! Product templates: `{{ Placeholder }}` syntax (Twig style, as ASA2 users know it), rendered
//! from stored product data with HTML auto-escaping.
//!
//! A template sees one product as flat, PascalCase placeholders ([`PLACEHOLDERS`] lists them
//! with the APIs that fill them). Prices disappear (and `PriceHidden` is true) when Amazon forbids
//! showing them: the listing violates the minimum advertised price (`ViolatesMAP`), or the price
//! is older than Amazon allows prices to be shown without a refresh.

use std::fmt;

use minijinja::value::Value;
use minijinja::{AutoEscape, Environment, UndefinedBehavior};
use serde::Serialize;

use crate::item::{Decimal, Image, ImageSet, Item, Money};
use crate::message::{Message, Param, message};
use crate::messages;

mod asa2;
mod twig;

pub use asa2::{AutoPriceRule, ShopLogos};

/// How long a price may be shown after it was fetched: Amazon's Associates rules allow 24 hours.
pub const PRICE_MAX_AGE_SECS: i64 = 24 * 60 * 60;

/// The template a fresh install renders products with.
pub const DEFAULT_TEMPLATE: &str = r#"<div class="asa2-box">
  {% if MediumImageURL %}<a class="asa2-box__image" href="{{ DetailPageURL }}" rel="nofollow sponsored noopener" target="_blank"><img src="{{ MediumImageURL }}" alt="{{ Title }}" loading="lazy"{% if MediumImageWidth %} width="{{ MediumImageWidth }}" height="{{ MediumImageHeight }}"{% endif %}></a>{% endif %}
  <div class="asa2-box__body">
    <a class="asa2-box__title" href="{{ DetailPageURL }}" rel="nofollow sponsored noopener" target="_blank">{{ Title }}</a>
    {% if Brand %}<div class="asa2-box__brand">{{ Brand }}</div>{% endif %}
    {% if Features %}<ul class="asa2-box__features">{% for feature in Features|slice_list(3) %}<li>{{ feature }}</li>{% endfor %}</ul>{% endif %}
    {% if Price %}<div class="asa2-box__price">{{ Price }}{% if ListPrice %} <del>{{ ListPrice }}</del>{% endif %}{% if SavingsPercentage %} <span class="asa2-box__savings">-{{ SavingsPercentage }}%</span>{% endif %}</div>{% endif %}
    {% if AvailabilityMessage %}<div class="asa2-box__availability asa2-box__availability--{{ AvailabilityType|lower }}">{{ AvailabilityMessage }}</div>{% endif %}
    <a class="asa2-box__button" href="{{ DetailPageURL }}" rel="nofollow sponsored noopener" target="_blank">View on Amazon</a>
  </div>
</div>"#;

/// The work one render may do before it is stopped (loops over huge lists, runaway templates).
const FUEL: u64 = 200_000;
/// The longest template accepted.
pub const MAX_TEMPLATE_BYTES: usize = 64 * 1024;

/// A template that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum TemplateError {
    /// The template does not parse (or uses a placeholder filter wrongly).
    Syntax {
        /// What is wrong.
        message: Message,
        /// 1-based line, when known.
        line: Option<usize>,
    },
    /// Rendering stopped: the template did too much work or failed at run time.
    Render {
        /// What went wrong.
        message: Message,
        /// 1-based line, when known.
        line: Option<usize>,
    },
    /// The template is longer than [`MAX_TEMPLATE_BYTES`].
    TooLong(usize),
}

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message().text)
    }
}

impl std::error::Error for TemplateError {}

impl TemplateError {
    /// What is wrong, naming the line when known, as a coded message (its English is the
    /// error's text): `line` and `detail`, a message of its own (naming the construct) or the
    /// template engine's English.
    pub fn message(&self) -> Message {
        let (with_line, without, detail, line) = match self {
            TemplateError::Syntax { message, line } => (
                messages::TEMPLATE_SYNTAX_LINE,
                messages::TEMPLATE_SYNTAX,
                message,
                line,
            ),
            TemplateError::Render { message, line } => (
                messages::TEMPLATE_RENDER_LINE,
                messages::TEMPLATE_RENDER,
                message,
                line,
            ),
            TemplateError::TooLong(len) => return message!(messages::TEMPLATE_TOO_LONG, len = len),
        };
        let detail = if detail.code.is_empty() {
            Param::Text(detail.text.clone())
        } else {
            Param::from(detail.clone())
        };
        match line {
            Some(line) => message!(with_line, line = line, detail = detail),
            None => message!(without, detail = detail),
        }
    }

    fn syntax(e: &minijinja::Error) -> TemplateError {
        TemplateError::Syntax {
            message: Message::from(e.detail().unwrap_or("invalid syntax")),
            line: e.line(),
        }
    }

    fn render(e: &minijinja::Error) -> TemplateError {
        let message = match e.kind() {
            minijinja::ErrorKind::OutOfFuel => messages::TEMPLATE_OUT_OF_FUEL.plain(),
            minijinja::ErrorKind::UnknownFunction | minijinja::ErrorKind::UnknownMethod => {
                message!(
                    messages::TEMPLATE_FUNCTION,
                    detail = e.detail().unwrap_or("unknown function")
                )
            }
            _ => Message::from(
                e.detail()
                    .map(str::to_string)
                    .unwrap_or_else(|| e.to_string()),
            ),
        };
        TemplateError::Render {
            message,
            line: e.line(),
        }
    }
}

/// Per-render choices made by the caller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderOptions {
    /// The current time (unix seconds), to judge the age of prices.
    pub now: i64,
    /// A partner tag that replaces the one in the product links (an Associate ID Set's tag for
    /// the product's marketplace).
    pub partner_tag: Option<String>,
    /// How old a price may be before it is hidden.
    pub price_max_age: i64,
    /// Where `AmazonLogoSmallUrl` / `AmazonLogoLargeUrl` point; `None` leaves them empty.
    pub shop_logos: Option<ShopLogos>,
    /// Which lowest offer prices ASA2's AutoPrice may take.
    pub auto_price: AutoPriceRule,
}

impl RenderOptions {
    /// Options for rendering at `now` with the links as stored and Amazon's price age limit.
    pub fn at(now: i64) -> RenderOptions {
        RenderOptions {
            now,
            partner_tag: None,
            price_max_age: PRICE_MAX_AGE_SECS,
            shop_logos: None,
            auto_price: AutoPriceRule::default(),
        }
    }

    /// Whether `item`'s prices are withheld at `now`: Amazon forbids showing them
    /// (ViolatesMAP), or they are older than `price_max_age` (or of unknown age).
    pub fn hides_price(&self, item: &Item) -> bool {
        item.violates_map == Some(true)
            || item
                .fetched_at
                .is_none_or(|at| self.now.saturating_sub(at) > self.price_max_age)
    }

    /// Until when a render of `item` with these options stays what it is: the first instant
    /// (unix seconds) at which its prices must be hidden. `None` when nothing in the render
    /// depends on the time (the prices are hidden already), so a cached box is good until the
    /// product or the template changes.
    pub fn valid_until(&self, item: &Item) -> Option<i64> {
        if self.hides_price(item) {
            return None;
        }
        item.fetched_at
            .map(|at| at.saturating_add(self.price_max_age).saturating_add(1))
    }
}

/// A compiled template, ready to render any number of products.
pub struct ProductTemplate {
    env: Environment<'static>,
}

impl fmt::Debug for ProductTemplate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ProductTemplate").finish_non_exhaustive()
    }
}

const NAME: &str = "product.html";

fn slice_list(value: Value, n: usize) -> Result<Value, minijinja::Error> {
    let items: Vec<Value> = value.try_iter()?.take(n).collect();
    Ok(Value::from(items))
}

/// Prints values the way a page wants them: nothing for a missing value, `true`/`false` for
/// booleans, everything else HTML-escaped.
fn format_value(
    out: &mut minijinja::Output<'_>,
    state: &minijinja::State<'_, '_>,
    value: &Value,
) -> Result<(), minijinja::Error> {
    if value.is_none() || value.is_undefined() {
        return Ok(());
    }
    if value.kind() == minijinja::value::ValueKind::Bool {
        out.write_str(if value.is_true() { "true" } else { "false" })
            .map_err(|_| {
                minijinja::Error::new(minijinja::ErrorKind::WriteFailure, "write failed")
            })?;
        return Ok(());
    }
    minijinja::escape_formatter(out, state, value)
}

impl ProductTemplate {
    /// Compiles `source`; syntax errors name the line.
    pub fn compile(source: &str) -> Result<ProductTemplate, TemplateError> {
        if source.len() > MAX_TEMPLATE_BYTES {
            return Err(TemplateError::TooLong(source.len()));
        }
        let mut env = Environment::new();
        env.set_auto_escape_callback(|_| AutoEscape::Html);
        env.set_undefined_behavior(UndefinedBehavior::Lenient);
        env.set_fuel(Some(FUEL));
        env.set_recursion_limit(32);
        env.add_filter("slice_list", slice_list);
        twig::install(&mut env);
        env.set_formatter(format_value);
        env.add_template_owned(NAME, twig::normalize(source))
            .map_err(|e| TemplateError::syntax(&e))?;
        if let Some(found) = twig::unsupported(source) {
            return Err(TemplateError::Syntax {
                message: found.message,
                line: Some(found.line),
            });
        }
        Ok(ProductTemplate { env })
    }

    /// Renders one product.
    pub fn render(&self, item: &Item, options: &RenderOptions) -> Result<String, TemplateError> {
        let template = self
            .env
            .get_template(NAME)
            .map_err(|e| TemplateError::render(&e))?;
        let context = Placeholders::of(item, options);
        template
            .render(Value::from_serialize(&context))
            .map_err(|e| TemplateError::render(&e))
    }
}

/// Which APIs fill a placeholder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum FilledBy {
    /// Both the Creators API and PA-API 5.0.
    Both,
    /// The Creators API only (PA-API 5.0 leaves it empty).
    Creators,
    /// Neither: Amazon no longer provides the data; the placeholder renders empty and is kept
    /// so ASA2 templates that use it still render.
    #[serde(rename = "none")]
    Nobody,
}

/// The documentation of one placeholder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PlaceholderDoc {
    /// Name as written in templates: `Title`.
    pub name: &'static str,
    /// What it holds.
    pub description: &'static str,
    /// Which APIs fill it.
    pub filled_by: FilledBy,
    /// The product fields it is made from (item model names), empty when nothing fills it.
    pub sources: &'static str,
    /// The page of ASA2's documentation (docs.getasa2.com) that names it (`placeholders_price.html`),
    /// empty for names of our own.
    pub asa2_page: &'static str,
}

macro_rules! placeholders {
    ($($name:ident : $ty:ty, $by:ident, $page:literal, $src:literal, $doc:literal;)*) => {
        /// The values a template sees for one product.
        #[derive(Debug, Clone, Default, Serialize)]
        #[allow(non_snake_case)]
        struct Placeholders {
            $($name: $ty,)*
        }

        /// Every placeholder, in documentation order.
        pub const PLACEHOLDERS: &[PlaceholderDoc] = &[
            $(PlaceholderDoc { name: stringify!($name), description: $doc, filled_by: FilledBy::$by, sources: $src, asa2_page: $page },)*
        ];
    };
}

placeholders! {
    ASIN: String, Both, "", "asin", "The product's ASIN.";
    ParentASIN: Option<String>, Both, "", "parent_asin", "The ASIN of the parent product when this is a variation.";
    Title: Option<String>, Both, "template_syntax.html", "title", "Product title.";
    DetailPageURL: Option<String>, Both, "", "detail_page_url", "Link to the product page carrying your tracking ID (or the Associate ID Set's).";
    Brand: Option<String>, Both, "", "brand", "Brand.";
    Manufacturer: Option<String>, Both, "", "manufacturer", "Manufacturer.";
    Features: Vec<String>, Both, "", "features", "Feature bullet points (a list: loop over it).";
    FeaturesHTML: Value, Both, "template_syntax.html", "features", "ASA2: the feature bullet points as an HTML list (`<ul><li>...</li></ul>`), each point escaped.";
    SmallImageURL: Option<String>, Both, "", "images.primary.small", "Small primary image URL.";
    MediumImageURL: Option<String>, Both, "", "images.primary.medium", "Medium primary image URL.";
    MediumImageWidth: Option<u32>, Both, "", "images.primary.medium.width", "Width of the medium image in pixels.";
    MediumImageHeight: Option<u32>, Both, "", "images.primary.medium.height", "Height of the medium image in pixels.";
    LargeImageURL: Option<String>, Both, "", "images.primary.large", "Large primary image URL.";
    ImageVariants: Vec<String>, Both, "", "images.variants", "URLs of the other images (medium size; a list).";
    Price: Option<String>, Both, "", "price.display", "Price as Amazon formats it (e.g. 49,99 €); empty when it may not be shown.";
    PriceAmount: Option<String>, Both, "", "price.amount", "Price as a plain decimal number (49.99).";
    PriceCurrency: Option<String>, Both, "", "price.currency", "Currency code of the price (EUR).";
    ListPrice: Option<String>, Both, "", "list_price.display", "The list (or was) price the saving is measured against.";
    Savings: Option<String>, Both, "", "savings", "The saving as Amazon formats it.";
    SavingsPercentage: Option<u32>, Both, "", "savings.percentage", "The saving in percent.";
    PriceHidden: bool, Both, "", "violates_map, fetched_at", "True when the price is withheld (ViolatesMAP, or older than 24 hours).";
    OffersAutoPriceAmount: Option<String>, Both, "placeholders_price.html", "price, savings", "ASA2: the price to show, as a decimal (47.67): the sale price, else the main price; then the lowest new, used or collectible price when ASA2's AutoPrice options consider it and it is lower (Amazon no longer reports those, so today it is the sale or main price).";
    OffersAutoPriceInteger: Option<i64>, Both, "placeholders_price.html", "price", "ASA2: that price in minor units, without decimal mark (4767).";
    OffersAutoPriceCurrencyCode: Option<String>, Both, "placeholders_price.html", "price.currency", "ASA2: currency code of that price (USD).";
    OffersAutoPriceFormattedPrice: Option<String>, Both, "placeholders_price.html", "price.display", "ASA2: that price as Amazon formats it ($47.67).";
    OffersMainPriceAmount: Option<String>, Both, "placeholders_price.html", "price.amount, variation_summary.lowest_price", "ASA2: the price of the featured offer, as a decimal; for a parent product without one, the lowest price of its variations.";
    OffersMainPriceInteger: Option<i64>, Both, "placeholders_offers.html", "price.amount, variation_summary.lowest_price", "ASA2: the main price in minor units, without decimal mark.";
    OffersMainPriceCurrencyCode: Option<String>, Both, "placeholders_offers.html", "price.currency, variation_summary.lowest_price", "ASA2: currency code of the main price.";
    OffersMainPriceFormattedPrice: Option<String>, Both, "placeholders_variations.html", "price.display, variation_summary", "ASA2: the main price as Amazon formats it; for a parent product without one, the price range of its variations (the same as VariationsOffer).";
    OfferSalePriceAmount: Option<String>, Both, "placeholders_price.html", "price, savings", "ASA2: the reduced price when the featured offer is on sale (it has a saving against the list or was price), as a decimal.";
    OfferSalePriceInteger: Option<i64>, Both, "placeholders_offers.html", "price, savings", "ASA2: the sale price in minor units, without decimal mark.";
    OfferSalePriceCurrencyCode: Option<String>, Both, "placeholders_offers.html", "price.currency, savings", "ASA2: currency code of the sale price.";
    OfferSalePriceFormattedPrice: Option<String>, Both, "placeholders_offers.html", "price.display, savings", "ASA2: the sale price as Amazon formats it.";
    ListPriceAmount: Option<String>, Both, "placeholders_price.html", "list_price.amount", "ASA2: the list (or was) price, as a decimal.";
    ListPriceInteger: Option<i64>, Both, "placeholders_price.html", "list_price.amount", "ASA2: the list price in minor units, without decimal mark.";
    ListPriceCurrencyCode: Option<String>, Both, "placeholders_price.html", "list_price.currency", "ASA2: currency code of the list price.";
    ListPriceFormattedPrice: Option<String>, Both, "placeholders_price.html", "list_price.display", "ASA2: the list price as Amazon formats it.";
    VariationsOffer: Option<String>, Both, "placeholders_variations.html", "variation_summary", "ASA2: the price range of a parent product's variations, lowest to highest ($19.99 - $55.00); one price when they all cost the same.";
    VariationsHighestAmount: Option<String>, Both, "placeholders_variations.html", "variation_summary.highest_price.amount", "ASA2: the price of the most expensive variation, as a decimal (55.00).";
    VariationsHighestInteger: Option<i64>, Both, "placeholders_variations.html", "variation_summary.highest_price.amount", "ASA2: that price in minor units, without decimal mark (5500).";
    VariationsHighestCurrencyCode: Option<String>, Both, "placeholders_variations.html", "variation_summary.highest_price.currency", "ASA2: currency code of that price (USD).";
    VariationsHighestFormattedPrice: Option<String>, Both, "placeholders_variations.html", "variation_summary.highest_price.display", "ASA2: that price as Amazon formats it ($55.00).";
    VariationsLowestAmount: Option<String>, Both, "placeholders_variations.html", "variation_summary.lowest_price.amount", "ASA2: the price of the cheapest variation, as a decimal (19.99).";
    VariationsLowestInteger: Option<i64>, Both, "placeholders_variations.html", "variation_summary.lowest_price.amount", "ASA2: that price in minor units, without decimal mark (1999).";
    VariationsLowestCurrencyCode: Option<String>, Both, "placeholders_variations.html", "variation_summary.lowest_price.currency", "ASA2: currency code of that price (USD).";
    VariationsLowestFormattedPrice: Option<String>, Both, "placeholders_variations.html", "variation_summary.lowest_price.display", "ASA2: that price as Amazon formats it ($19.99).";
    VariationCount: Option<u32>, Both, "", "variation_summary.variation_count", "Number of variations of a parent product.";
    IsAvailable: bool, Both, "options_placeholders.html", "price, availability.type, variation_summary", "ASA2: true when the product can be bought: it has a price (a parent product: its variations have one) and is not out of stock.";
    AmazonLogoSmallUrl: Option<String>, Both, "options_placeholders.html", "marketplace", "ASA2: URL of a small Amazon shop logo served by the plugin; with the option Localized shop logos it names the product's store (amazon.de).";
    AmazonLogoLargeUrl: Option<String>, Both, "options_placeholders.html", "marketplace", "ASA2: URL of a large Amazon shop logo served by the plugin; localized like AmazonLogoSmallUrl.";
    IsPrime: Option<bool>, Nobody, "", "", "ASA2: Prime eligibility. Amazon no longer provides it (neither the Creators API nor PA-API 5.0 offers V2); always empty.";
    OffersLowestNewPriceAmount: Option<String>, Nobody, "options_placeholders.html", "", "ASA2: lowest price of new offers. Amazon no longer provides offer summaries; always empty (AutoPrice therefore never picks it).";
    OffersLowestUsedPriceAmount: Option<String>, Nobody, "options_placeholders.html", "", "ASA2: lowest price of used offers. Amazon no longer provides offer summaries; always empty.";
    OffersLowestCollectiblePriceAmount: Option<String>, Nobody, "options_placeholders.html", "", "ASA2: lowest price of collectible offers. Amazon no longer provides offer summaries; always empty.";
    Condition: Option<String>, Both, "", "condition", "Offer condition (New, Used, ...).";
    MerchantName: Option<String>, Both, "", "merchant.name", "Seller of the featured offer.";
    IsBuyBoxWinner: Option<bool>, Both, "", "is_buy_box_winner", "Whether the featured offer wins the buy box.";
    AvailabilityType: Option<String>, Both, "", "availability.type", "Availability code: IN_STOCK, IN_STOCK_SCARCE, OUT_OF_STOCK, PREORDER, BACKORDER.";
    AvailabilityMessage: Option<String>, Both, "", "availability.message", "Availability text in the store's language.";
    AvailabilityMinOrderQuantity: Option<u32>, Both, "", "availability.min_order_quantity", "Smallest quantity that can be ordered.";
    AvailabilityMaxOrderQuantity: Option<u32>, Both, "", "availability.max_order_quantity", "Largest quantity that can be ordered.";
    ViolatesMAP: Option<bool>, Creators, "", "violates_map", "True when the price is below the minimum advertised price: the price is hidden.";
    DealBadge: Option<String>, Creators, "", "deal.badge", "Deal badge text (e.g. Limited time deal).";
    SalesRank: Option<u64>, Both, "", "sales_rank", "Best sellers rank on the store.";
    StarRating: Option<String>, Both, "", "customer_reviews.star_rating", "Average customer rating (e.g. 4.5), when Amazon returns it.";
    ReviewCount: Option<u64>, Both, "", "customer_reviews.count", "Number of customer reviews, when Amazon returns it.";
    Marketplace: String, Both, "", "marketplace", "Marketplace code (DE, US, ...).";
    Api: String, Both, "", "source", "Which API served the data: Creators API or PA-API 5.0.";
    ApiVersion: String, Both, "", "source", "Version of that API (2.2, 3.1, 5.0, ...).";
    LastUpdate: Option<i64>, Both, "", "fetched_at", "When the data was fetched (unix seconds).";
}

fn image_url(set: Option<&ImageSet>, pick: fn(&ImageSet) -> Option<&Image>) -> Option<String> {
    set.and_then(pick).and_then(|i| safe_url(&i.url))
}

/// Only http(s) URLs reach a template; anything else (e.g. `javascript:`) is dropped.
fn safe_url(url: &str) -> Option<String> {
    let lower = url.trim_start().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://")).then(|| url.trim().to_string())
}

/// Replaces the `tag` query parameter of an Amazon link (or adds one).
fn with_partner_tag(url: &str, tag: &str) -> String {
    let encoded: String =
        percent_encoding::utf8_percent_encode(tag, percent_encoding::NON_ALPHANUMERIC)
            .to_string()
            .replace("%2D", "-");
    let (base, fragment) = match url.split_once('#') {
        Some((b, f)) => (b, Some(f)),
        None => (url, None),
    };
    let (path, query) = base.split_once('?').unwrap_or((base, ""));
    let mut params: Vec<String> = query
        .split('&')
        .filter(|p| !p.is_empty() && !p.starts_with("tag="))
        .map(str::to_string)
        .collect();
    params.insert(0, format!("tag={encoded}"));
    let mut out = format!("{path}?{}", params.join("&"));
    if let Some(f) = fragment {
        out.push('#');
        out.push_str(f);
    }
    out
}

fn display(money: Option<&Money>) -> Option<String> {
    let money = money?;
    shown(
        money.display.as_ref(),
        money.amount.as_ref(),
        money.currency.as_ref(),
    )
}

/// Amazon's display text of an amount, else the amount and its currency code.
fn shown(
    display: Option<&String>,
    amount: Option<&Decimal>,
    currency: Option<&String>,
) -> Option<String> {
    display.cloned().or_else(|| {
        let amount = amount?.to_string();
        Some(match currency {
            Some(c) => format!("{amount} {c}"),
            None => amount,
        })
    })
}

impl Placeholders {
    fn of(item: &Item, options: &RenderOptions) -> Placeholders {
        let primary = item.images.primary.as_ref();
        let hide_price = options.hides_price(item);
        let detail = item
            .detail_page_url
            .as_deref()
            .and_then(safe_url)
            .map(
                |url| match options.partner_tag.as_deref().filter(|t| !t.is_empty()) {
                    Some(tag) => with_partner_tag(&url, tag),
                    None => url,
                },
            );
        let api = item.source.api().label();
        let mut p = Placeholders {
            ASIN: item.asin.clone(),
            ParentASIN: item.parent_asin.clone(),
            Title: item.title.clone(),
            DetailPageURL: detail,
            Brand: item.brand.clone(),
            Manufacturer: item.manufacturer.clone(),
            Features: item.features.clone(),
            FeaturesHTML: asa2::features_html(&item.features),
            SmallImageURL: image_url(primary, |s| s.small.as_ref()),
            MediumImageURL: image_url(primary, |s| s.medium.as_ref()),
            MediumImageWidth: primary
                .and_then(|s| s.medium.as_ref())
                .and_then(|i| i.width),
            MediumImageHeight: primary
                .and_then(|s| s.medium.as_ref())
                .and_then(|i| i.height),
            LargeImageURL: image_url(primary, |s| s.large.as_ref()),
            ImageVariants: item
                .images
                .variants
                .iter()
                .filter_map(|s| image_url(Some(s), |s| s.medium.as_ref().or(s.large.as_ref())))
                .collect(),
            PriceHidden: hide_price,
            Condition: item.condition.clone(),
            MerchantName: item.merchant.as_ref().and_then(|m| m.name.clone()),
            IsBuyBoxWinner: item.is_buy_box_winner,
            AvailabilityType: item.availability.as_ref().and_then(|a| a.kind.clone()),
            AvailabilityMessage: item.availability.as_ref().and_then(|a| a.message.clone()),
            AvailabilityMinOrderQuantity: item
                .availability
                .as_ref()
                .and_then(|a| a.min_order_quantity),
            AvailabilityMaxOrderQuantity: item
                .availability
                .as_ref()
                .and_then(|a| a.max_order_quantity),
            ViolatesMAP: item.violates_map,
            DealBadge: item.deal.as_ref().and_then(|d| d.badge.clone()),
            SalesRank: item.sales_rank,
            StarRating: item
                .customer_reviews
                .as_ref()
                .and_then(|r| r.star_rating.as_ref())
                .map(|d| d.to_string()),
            ReviewCount: item.customer_reviews.as_ref().and_then(|r| r.count),
            Marketplace: item.marketplace.code().to_string(),
            Api: api.to_string(),
            ApiVersion: item.source.version(),
            LastUpdate: item.fetched_at,
            ..Placeholders::default()
        };
        if !hide_price {
            p.Savings = item
                .savings
                .as_ref()
                .and_then(|s| shown(s.display.as_ref(), s.amount.as_ref(), s.currency.as_ref()));
            p.SavingsPercentage = item.savings.as_ref().and_then(|s| s.percentage);
            // The sale price is the main price when the featured offer is on sale; AutoPrice
            // is usually one of them, so their parts are worked out once.
            let (main_money, main) = asa2::main_price(item);
            let sale = asa2::on_sale(item).then_some(item.price.as_ref()).flatten();
            if sale.is_some() {
                (
                    p.OfferSalePriceAmount,
                    p.OfferSalePriceInteger,
                    p.OfferSalePriceCurrencyCode,
                    p.OfferSalePriceFormattedPrice,
                ) = main.clone().into_fields();
            }
            let auto = options.auto_price.choose(asa2::PriceCandidates {
                sale,
                main: main_money,
                ..asa2::PriceCandidates::default()
            });
            let auto = match (auto, main_money) {
                (Some(a), Some(m)) if std::ptr::eq(a, m) => main.clone(),
                (a, _) => asa2::PriceParts::of(a),
            };
            (
                p.OffersAutoPriceAmount,
                p.OffersAutoPriceInteger,
                p.OffersAutoPriceCurrencyCode,
                p.OffersAutoPriceFormattedPrice,
            ) = auto.into_fields();
            (
                p.OffersMainPriceAmount,
                p.OffersMainPriceInteger,
                p.OffersMainPriceCurrencyCode,
                p.OffersMainPriceFormattedPrice,
            ) = main.into_fields();
            (
                p.ListPriceAmount,
                p.ListPriceInteger,
                p.ListPriceCurrencyCode,
                p.ListPriceFormattedPrice,
            ) = asa2::PriceParts::of(item.list_price.as_ref()).into_fields();
            p.Price = p.OffersMainPriceFormattedPrice.clone();
            p.PriceAmount = p.OffersMainPriceAmount.clone();
            p.PriceCurrency = p.OffersMainPriceCurrencyCode.clone();
            p.ListPrice = p.ListPriceFormattedPrice.clone();
            let variations = asa2::VariationParts::of(item);
            p.VariationsOffer = variations.offer;
            (
                p.VariationsHighestAmount,
                p.VariationsHighestInteger,
                p.VariationsHighestCurrencyCode,
                p.VariationsHighestFormattedPrice,
            ) = variations.highest.into_fields();
            (
                p.VariationsLowestAmount,
                p.VariationsLowestInteger,
                p.VariationsLowestCurrencyCode,
                p.VariationsLowestFormattedPrice,
            ) = variations.lowest.into_fields();
        }
        p.VariationCount = item
            .variation_summary
            .as_ref()
            .and_then(|s| s.variation_count);
        p.IsAvailable = asa2::is_available(item);
        if let Some(logos) = &options.shop_logos {
            p.AmazonLogoSmallUrl = logos.url("small", item.marketplace);
            p.AmazonLogoLargeUrl = logos.url("large", item.marketplace);
        }
        p
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::item::{Decimal, ItemAvailability, ItemSource, Savings};
    use crate::{ApiVersion, CredentialKind, Marketplace};

    /// Compiles and renders in one step.
    fn render_product(
        source: &str,
        item: &Item,
        options: &RenderOptions,
    ) -> Result<String, TemplateError> {
        ProductTemplate::compile(source)?.render(item, options)
    }

    const NOW: i64 = 1_780_000_000;

    fn money(amount: &str, display: &str) -> Money {
        Money {
            amount: Some(Decimal::parse(amount).unwrap()),
            currency: Some("EUR".to_string()),
            display: Some(display.to_string()),
        }
    }

    fn item() -> Item {
        let source = ItemSource::Creators(ApiVersion::for_marketplace(
            CredentialKind::Cognito,
            Marketplace::DE,
        ));
        let mut item = Item::new("B0DLFMFBJW", Marketplace::DE, source);
        item.title = Some("Kopfhörer <script>alert(1)</script> & mehr".to_string());
        item.detail_page_url =
            Some("https://www.amazon.de/dp/B0DLFMFBJW?tag=site-21&linkCode=ogi".to_string());
        item.brand = Some("Sonic".to_string());
        item.manufacturer = Some("Sonic GmbH".to_string());
        let image = |url: &str| crate::item::Image {
            url: url.to_string(),
            width: Some(160),
            height: Some(120),
        };
        item.images.primary = Some(ImageSet {
            small: Some(image("https://m.media-amazon.com/images/I/s.jpg")),
            medium: Some(image("https://m.media-amazon.com/images/I/m.jpg")),
            large: Some(image("https://m.media-amazon.com/images/I/l.jpg")),
            hi_res: None,
        });
        item.features = vec!["Leise".to_string(), "Leicht".to_string()];
        item.price = Some(money("49.99", "49,99 €"));
        item.list_price = Some(money("59.99", "59,99 €"));
        item.savings = Some(Savings {
            amount: Some(Decimal::parse("10.00").unwrap()),
            currency: Some("EUR".to_string()),
            display: Some("10,00 €".to_string()),
            percentage: Some(17),
        });
        item.availability = Some(ItemAvailability {
            kind: Some("IN_STOCK".to_string()),
            message: Some("Auf Lager".to_string()),
            min_order_quantity: Some(1),
            max_order_quantity: Some(5),
        });
        item.fetched_at = Some(NOW - 60);
        item
    }

    fn render(source: &str, item: &Item) -> String {
        render_at(source, item, NOW)
    }

    fn render_at(source: &str, item: &Item, now: i64) -> String {
        render_product(source, item, &RenderOptions::at(now)).unwrap()
    }

    #[test]
    fn placeholders_render_and_escape_html() {
        let out = render("{{ Title }}|{{ Price }}|{{ AvailabilityType }}", &item());
        assert_eq!(
            out,
            "Kopfh\u{f6}rer &lt;script&gt;alert(1)&lt;&#x2f;script&gt; &amp; mehr|49,99 \u{20ac}|IN_STOCK"
        );
    }

    #[test]
    fn the_default_template_renders_every_part() {
        let out = render(DEFAULT_TEMPLATE, &item());
        for part in [
            "asa2-box",
            "49,99 \u{20ac}",
            "<del>59,99 \u{20ac}</del>",
            "-17%",
            "Auf Lager",
            "<li>Leise</li>",
            "tag=site-21",
        ] {
            assert!(out.contains(part), "{part} missing in {out}");
        }
        assert!(!out.contains("<script>"));
    }

    #[test]
    fn violates_map_hides_every_price() {
        let mut item = item();
        item.violates_map = Some(true);
        let out = render(
            "[{{ Price }}][{{ ListPrice }}][{{ Savings }}][{{ PriceAmount }}][{{ PriceHidden }}][{{ ViolatesMAP }}]",
            &item,
        );
        assert_eq!(out, "[][][][][true][true]");
    }

    #[test]
    fn prices_older_than_a_day_are_hidden() {
        let mut item = item();
        item.fetched_at = Some(NOW - PRICE_MAX_AGE_SECS - 1);
        assert_eq!(render("[{{ Price }}]{{ PriceHidden }}", &item), "[]true");
        item.fetched_at = Some(NOW - PRICE_MAX_AGE_SECS);
        assert_eq!(
            render("[{{ Price }}]{{ PriceHidden }}", &item),
            "[49,99 \u{20ac}]false"
        );
        item.fetched_at = None;
        assert_eq!(render("[{{ Price }}]", &item), "[]");
    }

    #[test]
    fn a_render_is_valid_until_its_prices_must_go() {
        let mut item = item();
        let fetched = NOW - 3600;
        item.fetched_at = Some(fetched);
        let until = RenderOptions::at(NOW).valid_until(&item).unwrap();
        assert_eq!(until, fetched + PRICE_MAX_AGE_SECS + 1);
        // The last second the render is valid still shows the price; the next one does not.
        assert!(!RenderOptions::at(until - 1).hides_price(&item));
        assert!(RenderOptions::at(until).hides_price(&item));
        assert_ne!(
            render_at("{{ Price }}", &item, until - 1),
            render_at("{{ Price }}", &item, until)
        );
        // Once prices are hidden nothing else depends on the time.
        assert_eq!(RenderOptions::at(until).valid_until(&item), None);
        item.violates_map = Some(true);
        assert_eq!(RenderOptions::at(NOW).valid_until(&item), None);
        item.violates_map = None;
        item.fetched_at = None;
        assert_eq!(RenderOptions::at(NOW).valid_until(&item), None);
    }

    #[test]
    fn an_id_set_tag_replaces_the_link_tag() {
        let options = RenderOptions {
            partner_tag: Some("visitor-20".to_string()),
            ..RenderOptions::at(NOW)
        };
        let out = render_product("{{ DetailPageURL }}", &item(), &options).unwrap();
        assert_eq!(
            out,
            "https:&#x2f;&#x2f;www.amazon.de&#x2f;dp&#x2f;B0DLFMFBJW?tag=visitor-20&amp;linkCode=ogi"
        );
        assert_eq!(
            with_partner_tag("https://www.amazon.com/dp/X#top", "a b"),
            "https://www.amazon.com/dp/X?tag=a%20b#top"
        );
    }

    #[test]
    fn only_http_links_reach_the_page() {
        let mut item = item();
        item.detail_page_url = Some("javascript:alert(1)".to_string());
        assert_eq!(render("[{{ DetailPageURL }}]", &item), "[]");
    }

    #[test]
    fn the_creators_only_placeholders_are_filled() {
        let out = render(
            "{{ AvailabilityMinOrderQuantity }}-{{ AvailabilityMaxOrderQuantity }} {{ Api }} {{ ApiVersion }} {{ Marketplace }}",
            &item(),
        );
        assert_eq!(out, "1-5 Creators API 2.2 DE");
        let docs: Vec<_> = PLACEHOLDERS.iter().map(|p| p.name).collect();
        for name in [
            "ASIN",
            "Title",
            "DetailPageURL",
            "Price",
            "ListPrice",
            "Savings",
            "Brand",
            "Features",
            "Marketplace",
            "AvailabilityType",
            "AvailabilityMinOrderQuantity",
            "AvailabilityMaxOrderQuantity",
            "ViolatesMAP",
        ] {
            assert!(docs.contains(&name), "{name} undocumented");
        }
    }

    #[test]
    fn syntax_errors_name_the_line() {
        let err = ProductTemplate::compile("<p>\n{{ Title }\n</p>").unwrap_err();
        match &err {
            TemplateError::Syntax { line, .. } => assert_eq!(*line, Some(2)),
            other => panic!("{other:?}"),
        }
        assert!(err.to_string().contains("line 2"), "{err}");
        assert!(matches!(
            ProductTemplate::compile(&"x".repeat(MAX_TEMPLATE_BYTES + 1)),
            Err(TemplateError::TooLong(_))
        ));
    }

    #[test]
    fn runaway_templates_stop() {
        let err = render_product(
            "{% for a in range(1000) %}{% for b in range(1000) %}.{% endfor %}{% endfor %}",
            &item(),
            &RenderOptions::at(NOW),
        )
        .unwrap_err();
        assert!(err.to_string().contains("too much work"), "{err}");
    }

    #[test]
    fn unknown_placeholders_render_empty() {
        assert_eq!(
            render("[{{ NoSuchThing }}][{{ Title.foo }}]", &item()),
            "[][]"
        );
    }

    /// ASA2's documented placeholders that the APIs fill, as its documentation names them
    /// (docs.getasa2.com: template_syntax, placeholders_price, placeholders_variations,
    /// options_placeholders; see the table in `asa2.rs`), and our own names ASA2 also uses.
    const ASA2_FILLED: &[&str] = &[
        "ASIN",
        "Title",
        "DetailPageURL",
        "Brand",
        "Manufacturer",
        "FeaturesHTML",
        "LargeImageURL",
        "MediumImageURL",
        "SmallImageURL",
        "OffersAutoPriceAmount",
        "OffersAutoPriceInteger",
        "OffersAutoPriceCurrencyCode",
        "OffersAutoPriceFormattedPrice",
        "OffersMainPriceAmount",
        "OffersMainPriceInteger",
        "OffersMainPriceCurrencyCode",
        "OffersMainPriceFormattedPrice",
        "OfferSalePriceAmount",
        "OfferSalePriceInteger",
        "OfferSalePriceCurrencyCode",
        "OfferSalePriceFormattedPrice",
        "ListPriceAmount",
        "ListPriceInteger",
        "ListPriceCurrencyCode",
        "ListPriceFormattedPrice",
        "IsAvailable",
        "AmazonLogoSmallUrl",
        "AmazonLogoLargeUrl",
        "VariationsOffer",
        "VariationsHighestAmount",
        "VariationsHighestInteger",
        "VariationsHighestCurrencyCode",
        "VariationsHighestFormattedPrice",
        "VariationsLowestAmount",
        "VariationsLowestInteger",
        "VariationsLowestCurrencyCode",
        "VariationsLowestFormattedPrice",
    ];

    /// What GetVariations says about a parent's variations: 19.99 to 55.00 EUR.
    fn summary() -> crate::item::VariationSummary {
        crate::item::VariationSummary {
            page_count: Some(1),
            variation_count: Some(3),
            lowest_price: Some(money("19.99", "19,99 €")),
            highest_price: Some(money("55", "55,00 €")),
            dimensions: Vec::new(),
        }
    }

    /// A parent product: no offer of its own, its variations' summary kept.
    fn parent() -> Item {
        let mut parent = item();
        parent.price = None;
        parent.list_price = None;
        parent.savings = None;
        parent.variation_summary = Some(summary());
        parent
    }

    fn with_logos(localized: bool) -> RenderOptions {
        RenderOptions {
            shop_logos: Some(ShopLogos {
                base_url: "https://example.org/logos/".to_string(),
                localized,
            }),
            ..RenderOptions::at(NOW)
        }
    }

    #[test]
    fn asa2_placeholders_render_from_a_full_item() {
        let mut item = item();
        item.variation_summary = Some(summary());
        let options = with_logos(false);
        for doc in PLACEHOLDERS {
            if !doc.asa2_page.is_empty() && doc.filled_by != FilledBy::Nobody {
                assert!(ASA2_FILLED.contains(&doc.name), "{} not listed", doc.name);
            }
        }
        for name in ASA2_FILLED {
            let doc = PLACEHOLDERS.iter().find(|p| p.name == *name);
            assert!(
                doc.is_some_and(|d| d.filled_by != FilledBy::Nobody),
                "{name} not supported"
            );
            let out = render_product(&format!("{{{{ {name} }}}}"), &item, &options).unwrap();
            assert!(!out.is_empty(), "{name} renders empty");
        }
        let out = render(
            "{{ OffersAutoPriceAmount }}|{{ OffersAutoPriceInteger }}|{{ OffersAutoPriceCurrencyCode }}|{{ OffersAutoPriceFormattedPrice }}|{{ ListPriceAmount }}|{{ ListPriceInteger }}|{{ IsAvailable }}",
            &item,
        );
        assert_eq!(out, "49.99|4999|EUR|49,99 \u{20ac}|59.99|5999|true");
    }

    #[test]
    fn variations_placeholders_follow_asa2() {
        let parent = parent();
        assert_eq!(
            render(
                "{{ VariationsOffer }}|{{ VariationsHighestAmount }}|{{ VariationsHighestInteger }}|{{ VariationsHighestCurrencyCode }}|{{ VariationsHighestFormattedPrice }}|{{ VariationsLowestAmount }}|{{ VariationsLowestInteger }}|{{ VariationsLowestCurrencyCode }}|{{ VariationsLowestFormattedPrice }}|{{ VariationCount }}",
                &parent,
            ),
            "19,99 \u{20ac} - 55,00 \u{20ac}|55|5500|EUR|55,00 \u{20ac}|19.99|1999|EUR|19,99 \u{20ac}|3"
        );
        // The same price everywhere is one price, not a range.
        let mut same = parent.clone();
        if let Some(s) = same.variation_summary.as_mut() {
            s.highest_price = s.lowest_price.clone();
        }
        assert_eq!(render("{{ VariationsOffer }}", &same), "19,99 \u{20ac}");
        // Without display text the amount and currency stand in, as for the other prices.
        let mut plain = parent.clone();
        if let Some(s) = plain.variation_summary.as_mut() {
            for m in [s.lowest_price.as_mut(), s.highest_price.as_mut()]
                .into_iter()
                .flatten()
            {
                m.display = None;
            }
        }
        assert_eq!(
            render("{{ VariationsOffer }}", &plain),
            "19.99 EUR - 55 EUR"
        );
        // A product without variations leaves them empty.
        assert_eq!(
            render(
                "[{{ VariationsOffer }}][{{ VariationsLowestAmount }}][{{ VariationCount }}]",
                &item()
            ),
            "[][][]"
        );
    }

    #[test]
    fn a_parent_without_its_own_price_takes_the_variations_price() {
        let parent = parent();
        // ASA2: OffersMainPriceFormattedPrice is VariationsOffer; AutoPrice is the main price.
        assert_eq!(
            render(
                "{{ OffersMainPriceFormattedPrice }}|{{ OffersMainPriceAmount }}|{{ OffersMainPriceInteger }}|{{ OffersMainPriceCurrencyCode }}|{{ OffersAutoPriceAmount }}|{{ OffersAutoPriceFormattedPrice }}|{{ Price }}|{{ IsAvailable }}|[{{ OfferSalePriceAmount }}]",
                &parent,
            ),
            "19,99 \u{20ac} - 55,00 \u{20ac}|19.99|1999|EUR|19.99|19,99 \u{20ac} - 55,00 \u{20ac}|19,99 \u{20ac} - 55,00 \u{20ac}|true|[]"
        );
        // A product with a price of its own keeps it.
        let mut own = parent.clone();
        own.price = Some(money("24.99", "24,99 €"));
        assert_eq!(
            render(
                "{{ OffersMainPriceFormattedPrice }}|{{ OffersAutoPriceAmount }}",
                &own
            ),
            "24,99 \u{20ac}|24.99"
        );
        // Old prices go, variation prices included.
        assert_eq!(
            render_at(
                "[{{ OffersMainPriceAmount }}][{{ VariationsOffer }}][{{ VariationsLowestAmount }}]{{ VariationCount }}",
                &parent,
                NOW + PRICE_MAX_AGE_SECS + 10
            ),
            "[][][]3"
        );
        // A parent whose summary has no price has no main price.
        let mut no_price = parent.clone();
        no_price.variation_summary = Some(crate::item::VariationSummary {
            variation_count: Some(3),
            ..Default::default()
        });
        assert_eq!(
            render(
                "[{{ OffersMainPriceFormattedPrice }}]{{ IsAvailable }}",
                &no_price
            ),
            "[]false"
        );
    }

    #[test]
    fn shop_logos_come_from_the_plugin_and_may_name_the_store() {
        let item = item();
        let source = "{{ AmazonLogoSmallUrl|raw }} {{ AmazonLogoLargeUrl|raw }}";
        assert_eq!(
            render_product(source, &item, &with_logos(false)).unwrap(),
            "https:&#x2f;&#x2f;example.org&#x2f;logos&#x2f;amazon-small.svg https:&#x2f;&#x2f;example.org&#x2f;logos&#x2f;amazon-large.svg"
        );
        assert!(
            render_product(source, &item, &with_logos(true))
                .unwrap()
                .contains("amazon-small-de.svg")
        );
        assert_eq!(render("[{{ AmazonLogoSmallUrl }}]", &item), "[]");
    }

    #[test]
    fn autoprice_takes_the_sale_price_then_the_main_price() {
        let mut item = item();
        assert_eq!(render("{{ OfferSalePriceAmount }}", &item), "49.99");
        item.savings = None;
        assert_eq!(
            render(
                "[{{ OfferSalePriceAmount }}]{{ OffersAutoPriceAmount }}",
                &item
            ),
            "[]49.99"
        );
        item.price = None;
        assert_eq!(
            render("[{{ OffersAutoPriceAmount }}]{{ IsAvailable }}", &item),
            "[]false"
        );
    }

    #[test]
    fn placeholders_amazon_no_longer_fills_render_empty() {
        let gone: Vec<_> = PLACEHOLDERS
            .iter()
            .filter(|p| p.filled_by == FilledBy::Nobody)
            .collect();
        assert!(gone.iter().any(|p| p.name == "IsPrime"));
        for p in gone {
            assert_eq!(render(&format!("[{{{{ {} }}}}]", p.name), &item()), "[]");
            assert!(p.sources.is_empty(), "{} has sources", p.name);
        }
        assert_eq!(
            render("{% if IsPrime is empty %}no prime{% endif %}", &item()),
            "no prime"
        );
    }

    #[test]
    fn asa2_template_syntax_examples_render() {
        let item = item();
        assert_eq!(
            render(
                "{% if FeaturesHTML is not empty %}\n    <p>{{ FeaturesHTML }}</p>\n{% endif %}",
                &item
            ),
            "\n    <p><ul><li>Leise</li><li>Leicht</li></ul></p>\n"
        );
        assert_eq!(
            render("{{ Title|raw }}", &item),
            render("{{ Title }}", &item)
        );
        assert_eq!(
            render(
                "{% if Brand is empty %}a{% elseif Brand == 'Sonic' %}b{% else %}c{% endif %}",
                &item
            ),
            "b"
        );
        assert_eq!(
            render(
                "{% for feature in Features %}{{ loop.index }}. {{ feature }}{% if not loop.last %}, {% endif %}{% endfor %}",
                &item
            ),
            "1. Leise, 2. Leicht"
        );
        assert_eq!(
            render(
                "{{ Features|length }} {{ Features|join(' / ') }} {{ Brand|upper }} {{ Features|first }} {{ Title|slice(0, 9) }}",
                &item
            ),
            "2 Leise &#x2f; Leicht SONIC Leise Kopfh\u{f6}rer"
        );
        assert_eq!(
            render(
                "{{ OffersAutoPriceAmount|number_format(2, ',', '.') }} {{ (OffersAutoPriceInteger / 100)|round }} {{ Title ~ '!' }}",
                &item
            )
            .split(' ')
            .take(2)
            .collect::<Vec<_>>(),
            ["49,99", "50.0"]
        );
        assert_eq!(render("{{ Nothing|default('n/a') }}", &item), "n&#x2f;a");
        assert_eq!(
            render(
                "{{ Brand ? Brand|upper : 'no brand' }}|{{ Nothing ?: 'none' }}|{{ Nothing ?? 'unset' }}",
                &item
            ),
            "SONIC|none|unset"
        );
        assert_eq!(
            render(
                "{% for i in 1..3 %}{{ i }}{{ loop.last ? '' : ',' }}{% endfor %}",
                &item
            ),
            "1,2,3"
        );
        assert_eq!(
            render(
                "{% for i, feature in Features %}{{ i }}={{ feature }} {% endfor %}",
                &item
            ),
            "0=Leise 1=Leicht "
        );
        assert_eq!(render("{{ 0|date('Y-m-d') }}", &item), "1970-01-01");
        assert_eq!(
            render(
                "{{ Features|slice(1)|join }}{{ Features|last|lower }}",
                &item
            ),
            "Leichtleicht"
        );
        assert_eq!(render("{% set x = Brand %}{{ x|lower }}", &item), "sonic");
    }

    #[test]
    fn wordpress_functions_are_refused_naming_line_and_construct() {
        let err =
            ProductTemplate::compile("<p>\n{{ wp.get_post(8).post_title }}\n</p>").unwrap_err();
        let text = err.to_string();
        assert!(text.contains("line 2"), "{text}");
        assert!(text.contains("wp.get_post"), "{text}");
        let err = render_product(
            "{{ Title }}\n{{ shortcode('x') }}",
            &item(),
            &RenderOptions::at(NOW),
        )
        .unwrap_err();
        let text = err.to_string();
        assert!(
            text.contains("line 2") && text.contains("shortcode"),
            "{text}"
        );
        let err = ProductTemplate::compile("{% include 'other.html' %}").unwrap_err();
        assert!(err.to_string().contains("line 1"), "{err}");
    }

    proptest::proptest! {
        #[test]
        fn any_template_renders_or_errs(source in "(\\PC|\\{|\\}|%|#|\\n){0,200}") {
            let _ = render_product(&source, &item(), &RenderOptions::at(NOW));
        }
    }
}
