//! The one product model both APIs are normalized into, and the page of results an operation
//! returns.
//!
//! The JSON form is a stable contract: the plugin stores it and its templates read it. Field
//! names are snake_case and every field is always written (`null` or `[]` when Amazon gave
//! nothing), so a template can rely on a key being there. `docs/item-model.md` lists where each
//! field comes from in the Creators API and in PA-API 5.0.

mod decimal;
mod details;
pub use decimal::{Decimal, InvalidDecimal};
pub use details::{
    Classifications, ContentInfo, ContentLanguage, Contributor, Dimensions, ExternalIds,
    ManufactureInfo, Measure, ProductInfo, Refinement, RefinementBin, SearchRefinements,
    TechnicalInfo, TradeIn,
};

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::credential::ApiVersion;
use crate::marketplace::Marketplace;
use crate::operation::Operation;
use crate::source_api::SourceApi;

/// One product as the plugin stores and renders it, whichever API served it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    /// The ASIN: `B0DLFMFBJW`.
    pub asin: String,
    /// The marketplace asked, serialized as its code (`DE`).
    pub marketplace: Marketplace,
    /// Which API (and version) answered.
    pub source: ItemSource,
    /// ASIN of the parent item when this one is a variation.
    #[serde(default)]
    pub parent_asin: Option<String>,
    /// Product title.
    #[serde(default)]
    pub title: Option<String>,
    /// Product page URL as Amazon gave it, with the partner tag; use it unmodified.
    #[serde(default)]
    pub detail_page_url: Option<String>,
    /// Brand.
    #[serde(default)]
    pub brand: Option<String>,
    /// Manufacturer.
    #[serde(default)]
    pub manufacturer: Option<String>,
    /// Feature bullet points, in Amazon's order.
    #[serde(default)]
    pub features: Vec<String>,
    /// Authors, artists, actors, publishers, ... in Amazon's order.
    #[serde(default)]
    pub contributors: Vec<Contributor>,
    /// EANs, ISBNs and UPCs.
    #[serde(default)]
    pub external_ids: ExternalIds,
    /// Colour, size, dimensions, release date, ...
    #[serde(default)]
    pub product_info: ProductInfo,
    /// Part number, model, warranty.
    #[serde(default)]
    pub manufacture_info: ManufactureInfo,
    /// Binding and product group.
    #[serde(default)]
    pub classifications: Classifications,
    /// Edition, languages, pages, publication date.
    #[serde(default)]
    pub content_info: ContentInfo,
    /// Audience rating (age rating of films and games): `FSK 12`, `PG-13`.
    #[serde(default)]
    pub audience_rating: Option<String>,
    /// Energy efficiency class and formats.
    #[serde(default)]
    pub technical_info: TechnicalInfo,
    /// Amazon's trade-in offer.
    #[serde(default)]
    pub trade_in: Option<TradeIn>,
    /// Product images.
    #[serde(default)]
    pub images: Images,
    /// Price of the featured offer.
    #[serde(default)]
    pub price: Option<Money>,
    /// The reference price the saving is computed from (list price, or the lowest price of the
    /// last 30 days in the EU).
    #[serde(default)]
    pub list_price: Option<Money>,
    /// What `list_price` is: `LIST_PRICE`, `LOWEST_PRICE`, `LOWEST_PRICE_STRIKETHROUGH`,
    /// `WAS_PRICE`.
    #[serde(default)]
    pub list_price_type: Option<String>,
    /// Amazon's localized label for `list_price`: `List Price:`, `Was:`.
    #[serde(default)]
    pub list_price_label: Option<String>,
    /// Saving against `list_price`.
    #[serde(default)]
    pub savings: Option<Savings>,
    /// Price per unit (per kilogram, per litre, ...) of the featured offer.
    #[serde(default)]
    pub price_per_unit: Option<Money>,
    /// Amazon points earned with the featured offer (Japan).
    #[serde(default)]
    pub loyalty_points: Option<u64>,
    /// Kind of the featured offer: `LIGHTNING_DEAL`, `SUBSCRIBE_AND_SAVE`, ...
    #[serde(default)]
    pub offer_type: Option<String>,
    /// Stock status of the featured offer.
    #[serde(default)]
    pub availability: Option<ItemAvailability>,
    /// Condition of the featured offer: `New`, `Used`, ...
    #[serde(default)]
    pub condition: Option<String>,
    /// Finer condition: `LikeNew`, `VeryGood`, ...
    #[serde(default)]
    pub sub_condition: Option<String>,
    /// The seller's note on the condition.
    #[serde(default)]
    pub condition_note: Option<String>,
    /// Seller of the featured offer.
    #[serde(default)]
    pub merchant: Option<Merchant>,
    /// Whether the featured offer holds the buy box.
    #[serde(default)]
    pub is_buy_box_winner: Option<bool>,
    /// Whether the price may not be shown (minimum advertised price); Creators API only.
    #[serde(default)]
    pub violates_map: Option<bool>,
    /// A running deal on the featured offer; Creators API only.
    #[serde(default)]
    pub deal: Option<Deal>,
    /// The categories the item is listed in.
    #[serde(default)]
    pub browse_nodes: Vec<BrowseNode>,
    /// Rank in the store's whole catalog.
    #[serde(default)]
    pub sales_rank: Option<u64>,
    /// The category `sales_rank` counts in (`websiteSalesRank`'s node).
    #[serde(default)]
    pub sales_rank_category: Option<BrowseNodeRef>,
    /// What distinguishes this variation (`Size: XL`).
    #[serde(default)]
    pub variation_attributes: Vec<VariationAttribute>,
    /// What GetVariations says about all variations, when this is a parent item with
    /// variations (the plugin asks for it: see [`Item::attach_variations`]). Its price range
    /// is ASA2's `Variations*` placeholders and the main price of a parent without its own.
    #[serde(default)]
    pub variation_summary: Option<VariationSummary>,
    /// Star rating and review count, when Amazon returns them.
    #[serde(default)]
    pub customer_reviews: Option<CustomerReviews>,
    /// Relevance score of a search result.
    #[serde(default)]
    pub score: Option<Decimal>,
    /// When the item was fetched, in unix seconds (the caller's clock).
    #[serde(default)]
    pub fetched_at: Option<i64>,
}

impl Item {
    /// An item with only its identity set; every other field is empty.
    pub fn new(asin: impl Into<String>, marketplace: Marketplace, source: ItemSource) -> Item {
        Item {
            asin: asin.into(),
            marketplace,
            source,
            parent_asin: None,
            title: None,
            detail_page_url: None,
            brand: None,
            manufacturer: None,
            features: Vec::new(),
            contributors: Vec::new(),
            external_ids: ExternalIds::default(),
            product_info: ProductInfo::default(),
            manufacture_info: ManufactureInfo::default(),
            classifications: Classifications::default(),
            content_info: ContentInfo::default(),
            audience_rating: None,
            technical_info: TechnicalInfo::default(),
            trade_in: None,
            images: Images::default(),
            price: None,
            list_price: None,
            list_price_type: None,
            list_price_label: None,
            savings: None,
            price_per_unit: None,
            loyalty_points: None,
            offer_type: None,
            availability: None,
            condition: None,
            sub_condition: None,
            condition_note: None,
            merchant: None,
            is_buy_box_winner: None,
            violates_map: None,
            deal: None,
            browse_nodes: Vec::new(),
            sales_rank: None,
            sales_rank_category: None,
            variation_attributes: Vec::new(),
            variation_summary: None,
            customer_reviews: None,
            score: None,
            fetched_at: None,
        }
    }
}

impl Item {
    /// Whether this item looks like a variation parent (clothes in several sizes): Amazon
    /// gives it no offer listing at all (parents cannot be bought, their variations can; an
    /// item that is out of stock still has its listing, with its availability), it names no
    /// other item as its parent and it has no variation values of its own. Only such items
    /// are worth a GetVariations call for their price range. Amazon's item has no parent flag
    /// of its own (the Creators API's `Item` has only `parentASIN` and `variationAttributes`),
    /// so an item without a listing may also be a product that is simply not offered: once
    /// GetVariations said it has no variations ([`VariationSummary::none`] kept on it), it is
    /// not asked again.
    pub fn is_variation_parent(&self) -> bool {
        !self.has_offer()
            && self.variation_attributes.is_empty()
            && !self
                .variation_summary
                .as_ref()
                .is_some_and(VariationSummary::says_none)
            && self
                .parent_asin
                .as_deref()
                .is_none_or(|p| p.eq_ignore_ascii_case(&self.asin))
    }

    /// Whether Amazon gave an offer listing for the item (a price, a stock status, a seller or
    /// a condition).
    fn has_offer(&self) -> bool {
        self.price.is_some()
            || self.availability.is_some()
            || self.merchant.is_some()
            || self.condition.is_some()
            || self.is_buy_box_winner.is_some()
    }

    /// Keeps the variation summary of a GetVariations answer for this item. An answer without
    /// one (or with an empty one, or Amazon's `NoResults`, passed as an empty page) says the
    /// item has no variations: [`VariationSummary::none`].
    pub fn attach_variations(&mut self, page: &CatalogPage) {
        self.variation_summary = Some(
            page.variation_summary
                .clone()
                .filter(|s| !s.is_empty())
                .unwrap_or_else(VariationSummary::none),
        );
    }
}

/// Which API served an item: the Creators API at a version (`2.2`, `3.1`, ...) or PA-API 5.0.
/// Serialized as `{"api": "creators", "version": "2.2"}` or `{"api": "paapi5", "version": "5.0"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ItemSource {
    /// The Creators API at the credential's version.
    Creators(ApiVersion),
    /// PA-API 5.0.
    PaApi5,
}

impl ItemSource {
    /// The API family.
    pub const fn api(self) -> SourceApi {
        match self {
            ItemSource::Creators(_) => SourceApi::Creators,
            ItemSource::PaApi5 => SourceApi::PaApi5,
        }
    }

    /// The version text: `2.2` ... `3.3`, or `5.0`.
    pub fn version(self) -> String {
        match self {
            ItemSource::Creators(v) => v.to_string(),
            ItemSource::PaApi5 => "5.0".to_string(),
        }
    }
}

impl fmt::Display for ItemSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ItemSource::Creators(v) => write!(f, "{} {v}", SourceApi::Creators.label()),
            ItemSource::PaApi5 => f.write_str(SourceApi::PaApi5.label()),
        }
    }
}

#[derive(Serialize, Deserialize)]
struct SourceRepr {
    api: SourceApi,
    version: String,
}

impl Serialize for ItemSource {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        SourceRepr {
            api: self.api(),
            version: self.version(),
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for ItemSource {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let repr = SourceRepr::deserialize(d)?;
        match repr.api {
            SourceApi::Creators => repr
                .version
                .parse()
                .map(ItemSource::Creators)
                .map_err(D::Error::custom),
            SourceApi::PaApi5 if repr.version == "5.0" => Ok(ItemSource::PaApi5),
            SourceApi::PaApi5 => Err(D::Error::custom(format!(
                "PA-API version \"{}\" is not supported: only 5.0 is",
                repr.version
            ))),
        }
    }
}

/// One image rendition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Image {
    /// Image URL.
    pub url: String,
    /// Width in pixels.
    #[serde(default)]
    pub width: Option<u32>,
    /// Height in pixels.
    #[serde(default)]
    pub height: Option<u32>,
}

/// The sizes of one picture.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ImageSet {
    /// Small rendition (about 75 px).
    #[serde(default)]
    pub small: Option<Image>,
    /// Medium rendition (about 160 px).
    #[serde(default)]
    pub medium: Option<Image>,
    /// Large rendition (about 500 px).
    #[serde(default)]
    pub large: Option<Image>,
    /// The original, high-resolution picture.
    #[serde(default)]
    pub hi_res: Option<Image>,
}

impl ImageSet {
    /// `true` when no size is present.
    pub fn is_empty(&self) -> bool {
        self.small.is_none()
            && self.medium.is_none()
            && self.large.is_none()
            && self.hi_res.is_none()
    }
}

/// The main picture and the additional ones.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Images {
    /// The main picture.
    #[serde(default)]
    pub primary: Option<ImageSet>,
    /// Additional pictures, in Amazon's order.
    #[serde(default)]
    pub variants: Vec<ImageSet>,
}

/// An amount of money.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Money {
    /// Exact amount as a decimal string: `49.99`.
    #[serde(default)]
    pub amount: Option<Decimal>,
    /// ISO 4217 currency: `EUR`.
    #[serde(default)]
    pub currency: Option<String>,
    /// Amazon's localized display text: `49,99 €`.
    #[serde(default)]
    pub display: Option<String>,
}

/// A saving against the reference price.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Savings {
    /// Exact amount saved as a decimal string.
    #[serde(default)]
    pub amount: Option<Decimal>,
    /// ISO 4217 currency.
    #[serde(default)]
    pub currency: Option<String>,
    /// Amazon's localized display text.
    #[serde(default)]
    pub display: Option<String>,
    /// Saving in whole percent (`20` for 20 %).
    #[serde(default)]
    pub percentage: Option<u32>,
}

/// Stock status of an offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemAvailability {
    /// `IN_STOCK`, `IN_STOCK_SCARCE`, `OUT_OF_STOCK`, `PREORDER`, `BACKORDER`, or another value
    /// Amazon sends. PA-API's `Now` is written as `IN_STOCK`.
    #[serde(rename = "type", default)]
    pub kind: Option<String>,
    /// Amazon's localized text: `In stock`, `Op voorraad`.
    #[serde(default)]
    pub message: Option<String>,
    /// Smallest quantity that can be ordered.
    #[serde(default)]
    pub min_order_quantity: Option<u32>,
    /// Largest quantity that can be ordered.
    #[serde(default)]
    pub max_order_quantity: Option<u32>,
}

/// The seller of an offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Merchant {
    /// Seller name: `Amazon`.
    #[serde(default)]
    pub name: Option<String>,
    /// Seller ID.
    #[serde(default)]
    pub id: Option<String>,
}

/// A deal running on an offer (Creators API `dealDetails`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deal {
    /// Who may buy: `ALL`, `PRIME_EARLY_ACCESS`, `PRIME_EXCLUSIVE`.
    #[serde(default)]
    pub access_type: Option<String>,
    /// The deal badge text: `Limited time deal`.
    #[serde(default)]
    pub badge: Option<String>,
    /// Start, as Amazon wrote it (ISO 8601).
    #[serde(default)]
    pub start_time: Option<String>,
    /// End, as Amazon wrote it (ISO 8601).
    #[serde(default)]
    pub end_time: Option<String>,
    /// Share of the deal's stock already claimed, in whole percent.
    #[serde(default)]
    pub percent_claimed: Option<u32>,
    /// Length of the Prime early-access window in milliseconds.
    #[serde(default)]
    pub early_access_duration_ms: Option<u64>,
}

/// A category an item is listed in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BrowseNode {
    /// Browse node ID.
    pub id: String,
    /// Localized display name.
    #[serde(default)]
    pub name: Option<String>,
    /// Name independent of the locale.
    #[serde(default)]
    pub context_free_name: Option<String>,
    /// Whether the node is a top-level category.
    #[serde(default)]
    pub is_root: Option<bool>,
    /// The item's rank in this category.
    #[serde(default)]
    pub sales_rank: Option<u64>,
    /// The parents, nearest first, up to the root.
    #[serde(default)]
    pub ancestors: Vec<BrowseNodeRef>,
    /// The direct children.
    #[serde(default)]
    pub children: Vec<BrowseNodeRef>,
}

/// One variation dimension value of an item: `{name: "size_name", value: "XL"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VariationAttribute {
    /// Dimension name.
    pub name: String,
    /// This item's value.
    #[serde(default)]
    pub value: Option<String>,
}

/// Customer review summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerReviews {
    /// Average rating out of 5 as a decimal string: `4.5`.
    #[serde(default)]
    pub star_rating: Option<Decimal>,
    /// Number of reviews.
    #[serde(default)]
    pub count: Option<u64>,
}

/// A problem with one requested item, returned beside the items that worked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemError {
    /// The ASIN concerned, when Amazon named it.
    #[serde(default)]
    pub asin: Option<String>,
    /// Amazon's code: `ItemNotAccessible`, `InvalidParameterValue`, ...
    pub code: String,
    /// Amazon's message.
    pub message: String,
}

impl fmt::Display for ItemError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.asin {
            Some(asin) => write!(f, "{asin}: {} ({})", self.message, self.code),
            None => write!(f, "{} ({})", self.message, self.code),
        }
    }
}

/// A category returned by GetBrowseNodes, with its place in the tree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BrowseNodeDetail {
    /// Browse node ID.
    pub id: String,
    /// Localized display name.
    #[serde(default)]
    pub name: Option<String>,
    /// Name independent of the locale.
    #[serde(default)]
    pub context_free_name: Option<String>,
    /// Whether the node is a top-level category.
    #[serde(default)]
    pub is_root: Option<bool>,
    /// Sales rank Amazon reports for the node, if any.
    #[serde(default)]
    pub sales_rank: Option<u64>,
    /// The parents, nearest first, up to the root.
    #[serde(default)]
    pub ancestors: Vec<BrowseNodeRef>,
    /// The direct children.
    #[serde(default)]
    pub children: Vec<BrowseNodeRef>,
}

/// A reference to a browse node (an ancestor or a child).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BrowseNodeRef {
    /// Browse node ID.
    pub id: String,
    /// Localized display name.
    #[serde(default)]
    pub name: Option<String>,
    /// Name independent of the locale.
    #[serde(default)]
    pub context_free_name: Option<String>,
}

/// What GetVariations says about all variations of a parent item.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct VariationSummary {
    /// Number of pages of variations.
    #[serde(default)]
    pub page_count: Option<u32>,
    /// Number of variations.
    #[serde(default)]
    pub variation_count: Option<u32>,
    /// Lowest price among the variations.
    #[serde(default)]
    pub lowest_price: Option<Money>,
    /// Highest price among the variations.
    #[serde(default)]
    pub highest_price: Option<Money>,
    /// The dimensions the variations differ in.
    #[serde(default)]
    pub dimensions: Vec<VariationDimension>,
}

impl VariationSummary {
    /// What GetVariations said of an item without variations: a count of 0.
    pub fn none() -> VariationSummary {
        VariationSummary {
            variation_count: Some(0),
            ..VariationSummary::default()
        }
    }

    /// Whether it says the item has no variations.
    pub fn says_none(&self) -> bool {
        self.variation_count == Some(0)
            && self.lowest_price.is_none()
            && self.highest_price.is_none()
    }

    /// `true` when it says nothing: no price, no count, no dimensions.
    pub fn is_empty(&self) -> bool {
        self.lowest_price.is_none()
            && self.highest_price.is_none()
            && self.variation_count.is_none()
            && self.dimensions.is_empty()
    }
}

/// A dimension the variations of an item differ in (size, colour, ...).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VariationDimension {
    /// Dimension name: `size_name`.
    pub name: String,
    /// Localized label: `Size`.
    #[serde(default)]
    pub display_name: Option<String>,
    /// Locale of the label and values: `en_GB`.
    #[serde(default)]
    pub locale: Option<String>,
    /// The values that occur.
    #[serde(default)]
    pub values: Vec<String>,
}

/// The result of one catalog call: the items, the per-item errors beside them, and what the
/// operation adds (search totals, browse nodes, a variation summary). Keys an operation does
/// not produce are left out of the JSON form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogPage {
    /// The operation answered.
    pub operation: Operation,
    /// The items, in Amazon's order.
    #[serde(default)]
    pub items: Vec<Item>,
    /// Problems with single items or IDs; the rest of the call worked.
    #[serde(default)]
    pub errors: Vec<ItemError>,
    /// SearchItems: how many items match in total.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_results: Option<u64>,
    /// SearchItems: the search results page on Amazon.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub search_url: Option<String>,
    /// GetBrowseNodes: the nodes asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub browse_nodes: Option<Vec<BrowseNodeDetail>>,
    /// GetVariations: the summary of all variations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variation_summary: Option<VariationSummary>,
    /// SearchItems: the refinements Amazon offers for the results.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub search_refinements: Option<SearchRefinements>,
}

impl CatalogPage {
    /// An empty page for `operation`.
    pub fn new(operation: Operation) -> CatalogPage {
        CatalogPage {
            operation,
            items: Vec::new(),
            errors: Vec::new(),
            total_results: None,
            search_url: None,
            browse_nodes: None,
            variation_summary: None,
            search_refinements: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credential::CredentialKind;
    use crate::marketplace::Region;

    fn creators_source() -> ItemSource {
        ItemSource::Creators(ApiVersion::new(CredentialKind::Cognito, Region::Europe))
    }

    #[test]
    fn an_empty_item_writes_every_key() {
        let item = Item::new("B0DLFMFBJW", Marketplace::DE, creators_source());
        let json = serde_json::to_value(&item).unwrap();
        let keys: Vec<&str> = json
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let mut expected = vec![
            "asin",
            "marketplace",
            "source",
            "parent_asin",
            "title",
            "detail_page_url",
            "brand",
            "manufacturer",
            "features",
            "contributors",
            "external_ids",
            "product_info",
            "manufacture_info",
            "classifications",
            "content_info",
            "audience_rating",
            "technical_info",
            "trade_in",
            "images",
            "price",
            "list_price",
            "list_price_type",
            "list_price_label",
            "savings",
            "price_per_unit",
            "loyalty_points",
            "offer_type",
            "availability",
            "condition",
            "sub_condition",
            "condition_note",
            "merchant",
            "is_buy_box_winner",
            "violates_map",
            "deal",
            "browse_nodes",
            "sales_rank",
            "sales_rank_category",
            "variation_attributes",
            "variation_summary",
            "customer_reviews",
            "score",
            "fetched_at",
        ];
        let mut keys = keys;
        keys.sort_unstable();
        expected.sort_unstable();
        assert_eq!(keys, expected);
        assert_eq!(json["marketplace"], "DE");
        assert_eq!(
            json["source"],
            serde_json::json!({"api": "creators", "version": "2.2"})
        );
        assert_eq!(
            json["images"],
            serde_json::json!({"primary": null, "variants": []})
        );
    }

    #[test]
    fn sources_round_trip_and_refuse_unknown_versions() {
        for source in [creators_source(), ItemSource::PaApi5] {
            let json = serde_json::to_string(&source).unwrap();
            assert_eq!(serde_json::from_str::<ItemSource>(&json).unwrap(), source);
        }
        assert_eq!(
            serde_json::to_string(&ItemSource::PaApi5).unwrap(),
            r#"{"api":"paapi5","version":"5.0"}"#
        );
        for bad in [
            r#"{"api":"creators","version":"4.1"}"#,
            r#"{"api":"paapi5","version":"4.0"}"#,
            r#"{"api":"other","version":"5.0"}"#,
        ] {
            assert!(serde_json::from_str::<ItemSource>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_stored_item_with_missing_keys_still_loads() {
        let stored = r#"{"asin":"B0DLFMFBJW","marketplace":"DE","source":{"api":"paapi5","version":"5.0"},
            "price":{"amount":"49.99","currency":"EUR","display":"49,99 €"}}"#;
        let item: Item = serde_json::from_str(stored).unwrap();
        assert_eq!(item.price.unwrap().amount.unwrap().as_str(), "49.99");
        assert!(item.features.is_empty());
        assert!(item.images.primary.is_none());
    }

    #[test]
    fn an_item_stored_by_php_loads() {
        // PHP's json_encode() writes an empty array for an empty object and may turn amounts
        // into numbers.
        let stored = r#"{"asin":"B0DLFMFBJW","marketplace":"www.amazon.de","source":{"api":"creators","version":"3.2"},
            "images":[],"features":[],"price":{"amount":49.99,"currency":"EUR","display":null},
            "customer_reviews":{"star_rating":4.5,"count":12},"fetched_at":1764064800}"#;
        let item: Item = serde_json::from_str(stored).unwrap();
        assert_eq!(item.images, Images::default());
        assert_eq!(item.price.unwrap().amount.unwrap().as_str(), "49.99");
        assert_eq!(
            item.customer_reviews.unwrap().star_rating.unwrap().as_str(),
            "4.5"
        );
        assert_eq!(item.marketplace, Marketplace::DE);
    }

    #[test]
    fn page_leaves_out_what_the_operation_does_not_produce() {
        let page = CatalogPage::new(Operation::GetItems);
        assert_eq!(
            serde_json::to_value(&page).unwrap(),
            serde_json::json!({"operation": "GetItems", "items": [], "errors": []})
        );
        let mut search = CatalogPage::new(Operation::SearchItems);
        search.total_results = Some(0);
        let json = serde_json::to_value(&search).unwrap();
        assert_eq!(json["total_results"], 0);
        assert!(json.get("browse_nodes").is_none());
    }

    #[test]
    fn variation_parents_are_items_without_an_offer_or_a_parent() {
        let mut parent = Item::new("B0A0000010", Marketplace::US, creators_source());
        assert!(parent.is_variation_parent());
        parent.parent_asin = Some("b0a0000010".into());
        assert!(parent.is_variation_parent(), "its own parent");
        let mut child = parent.clone();
        child.parent_asin = Some("B0A0000000".into());
        assert!(!child.is_variation_parent());
        let mut with_values = parent.clone();
        with_values.variation_attributes = vec![VariationAttribute {
            name: "size_name".into(),
            value: Some("XL".into()),
        }];
        assert!(!with_values.is_variation_parent());
        let mut priced = parent.clone();
        priced.price = Some(Money::default());
        assert!(!priced.is_variation_parent());
        let mut out_of_stock = parent.clone();
        out_of_stock.availability = Some(ItemAvailability {
            kind: Some("OUT_OF_STOCK".into()),
            message: None,
            min_order_quantity: None,
            max_order_quantity: None,
        });
        assert!(
            !out_of_stock.is_variation_parent(),
            "a listing without a price"
        );
    }

    #[test]
    fn a_variations_answer_attaches_its_summary_and_an_empty_one_says_none() {
        let mut item = Item::new("B0A0000010", Marketplace::US, creators_source());
        let mut page = CatalogPage::new(Operation::GetVariations);
        item.attach_variations(&page);
        assert_eq!(item.variation_summary, Some(VariationSummary::none()));
        assert!(!item.is_variation_parent(), "not asked again");
        let summary = VariationSummary {
            variation_count: Some(4),
            lowest_price: Some(Money {
                amount: Some(Decimal::parse("19.99").unwrap()),
                currency: Some("USD".into()),
                display: Some("$19.99".into()),
            }),
            ..VariationSummary::default()
        };
        page.variation_summary = Some(summary.clone());
        item.attach_variations(&page);
        assert_eq!(item.variation_summary.as_ref(), Some(&summary));
        assert!(item.is_variation_parent());
        let json = serde_json::to_value(&item).unwrap();
        assert_eq!(json["variation_summary"]["lowest_price"]["amount"], "19.99");
        let back: Item = serde_json::from_value(json).unwrap();
        assert_eq!(back.variation_summary, Some(summary));
    }

    #[test]
    fn item_errors_name_the_asin() {
        let err = ItemError {
            asin: Some("B000000000".into()),
            code: "ItemNotAccessible".into(),
            message: "The ItemId B000000000 is not accessible.".into(),
        };
        assert_eq!(
            err.to_string(),
            "B000000000: The ItemId B000000000 is not accessible. (ItemNotAccessible)"
        );
    }
}
