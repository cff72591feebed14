//! The descriptive parts of an item beyond title, brand and features: people, identifiers,
//! physical and content facts, classifications and trade-in. Each struct mirrors one group of
//! the Creators API's `itemInfo` (PA-API 5.0's `ItemInfo`), with the attribute wrappers
//! (`{displayValue, label, locale}`) reduced to their values.

use serde::{Deserialize, Serialize};

use super::{Decimal, Money};

/// A person or company credited for the item: author, artist, actor, publisher, ...
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contributor {
    /// Name: `Jane Austen`.
    pub name: String,
    /// Localized role: `Autor`, `Author`.
    #[serde(default)]
    pub role: Option<String>,
    /// Role in a fixed vocabulary: `author`, `artist`, `actor`, `director`, `publisher`, ...
    #[serde(default)]
    pub role_type: Option<String>,
    /// Locale of the name: `de_DE`.
    #[serde(default)]
    pub locale: Option<String>,
}

/// Product codes (`itemInfo.externalIds`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ExternalIds {
    /// European Article Numbers.
    #[serde(default)]
    pub eans: Vec<String>,
    /// International Standard Book Numbers.
    #[serde(default)]
    pub isbns: Vec<String>,
    /// Universal Product Codes.
    #[serde(default)]
    pub upcs: Vec<String>,
}

/// A measured value: `{value: "12.5", unit: "Centimeters"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Measure {
    /// The number as Amazon gave it, exactly.
    pub value: Decimal,
    /// The unit: `Centimeters`, `Kilograms`, `Inches`, `Pounds`, ...
    #[serde(default)]
    pub unit: Option<String>,
}

/// Size and weight of the item itself.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Dimensions {
    /// Height.
    #[serde(default)]
    pub height: Option<Measure>,
    /// Length.
    #[serde(default)]
    pub length: Option<Measure>,
    /// Width.
    #[serde(default)]
    pub width: Option<Measure>,
    /// Weight.
    #[serde(default)]
    pub weight: Option<Measure>,
}

/// Product facts (`itemInfo.productInfo`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ProductInfo {
    /// Colour: `Black`.
    #[serde(default)]
    pub color: Option<String>,
    /// Size: `XL`, `500 ml`.
    #[serde(default)]
    pub size: Option<String>,
    /// Whether the item is for adults only.
    #[serde(default)]
    pub is_adult_product: Option<bool>,
    /// Number of units in the package.
    #[serde(default)]
    pub unit_count: Option<u64>,
    /// Release date as Amazon wrote it (ISO 8601).
    #[serde(default)]
    pub release_date: Option<String>,
    /// Size and weight of the item.
    #[serde(default)]
    pub dimensions: Dimensions,
}

/// Manufacturer facts (`itemInfo.manufactureInfo`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ManufactureInfo {
    /// Manufacturer's part number.
    #[serde(default)]
    pub item_part_number: Option<String>,
    /// Model name or number.
    #[serde(default)]
    pub model: Option<String>,
    /// Warranty text.
    #[serde(default)]
    pub warranty: Option<String>,
}

/// Amazon's classification (`itemInfo.classifications`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Classifications {
    /// Binding or format: `Paperback`, `Electronics`.
    #[serde(default)]
    pub binding: Option<String>,
    /// Product group: `Book`, `Home`.
    #[serde(default)]
    pub product_group: Option<String>,
}

/// A language of the content: `{name: "German", kind: "Published"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContentLanguage {
    /// Language name: `German`.
    pub name: String,
    /// What the language is used for: `Published`, `Original Language`, `Subtitled`, ...
    #[serde(rename = "type", default)]
    pub kind: Option<String>,
}

/// Facts about the content of books, music and video (`itemInfo.contentInfo`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ContentInfo {
    /// Edition: `2nd edition`.
    #[serde(default)]
    pub edition: Option<String>,
    /// Languages of the content.
    #[serde(default)]
    pub languages: Vec<ContentLanguage>,
    /// Number of pages.
    #[serde(default)]
    pub pages_count: Option<u64>,
    /// Publication date as Amazon wrote it (ISO 8601).
    #[serde(default)]
    pub publication_date: Option<String>,
}

/// Technical facts (`itemInfo.technicalInfo`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct TechnicalInfo {
    /// EU energy efficiency class: `A++`.
    #[serde(default)]
    pub energy_efficiency_class: Option<String>,
    /// Formats: `Kindle eBook`, `DVD`.
    #[serde(default)]
    pub formats: Vec<String>,
}

/// Amazon's trade-in offer for the item (`itemInfo.tradeInInfo`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct TradeIn {
    /// Whether Amazon takes the item in trade.
    #[serde(default)]
    pub is_eligible: Option<bool>,
    /// What Amazon pays for it.
    #[serde(default)]
    pub price: Option<Money>,
}

/// A search refinement: a facet of the results with its values (`searchRefinements`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Refinement {
    /// Facet ID: `SearchIndex`, a browse node ID, ...
    #[serde(default)]
    pub id: Option<String>,
    /// Localized facet name.
    #[serde(default)]
    pub name: Option<String>,
    /// The values to narrow the search to.
    #[serde(default)]
    pub bins: Vec<RefinementBin>,
}

/// One value of a search refinement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefinementBin {
    /// Value ID (a search index name, a browse node ID).
    #[serde(default)]
    pub id: Option<String>,
    /// Localized value name.
    #[serde(default)]
    pub name: Option<String>,
}

/// The refinements SearchItems offers for its results.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SearchRefinements {
    /// By search index.
    #[serde(default)]
    pub search_index: Option<Refinement>,
    /// By browse node.
    #[serde(default)]
    pub browse_node: Option<Refinement>,
    /// Others (brand, price range, ...).
    #[serde(default)]
    pub other: Vec<Refinement>,
}
