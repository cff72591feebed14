//! Parameters of the four catalog operations, shared by the Creators API and PA-API 5.0
//! request builders.
//!
//! Each operation has one struct with public fields. Build it in Rust (then call `validate()`,
//! which every builder calls again), or read it from a JSON object with snake_case keys
//! (`from_json()` or serde), which validates too. Every problem is reported at once as
//! [`FieldErrors`], each under the key the caller used (`asins`, `keywords`, `item_page`, ...).
//!
//! Resources (which parts of an item Amazon returns) default to what the product model needs;
//! [`default_resources`] lists them in the Creators API spelling (`offersV2.listings.price`),
//! [`paapi_default_resources`] in the PA-API 5.0 spelling (`Offers.Listings.Price`).

use std::fmt;

use serde::{Deserialize, Deserializer};
use serde_json::{Map, Value};

use crate::asin::Asin;
use crate::field_error::FieldErrors;
use crate::operation::Operation;
use crate::quote::excerpt;

/// Most ASINs (GetItems) or browse node IDs (GetBrowseNodes) one request may carry.
pub const MAX_IDS_PER_REQUEST: usize = 10;

/// Most resources one request may name.
const MAX_RESOURCES: usize = 100;

/// Longest search term (keywords, title, ...) Amazon accepts.
const MAX_TERM_CHARS: usize = 1000;

macro_rules! choice {
    ($(#[$meta:meta])* $name:ident, $what:literal { $($(#[$vmeta:meta])* $variant:ident = $text:literal,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)*
        }

        impl $name {
            /// Every value, in Amazon's documentation order.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            /// The value as both APIs spell it.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)*
                }
            }

            /// Reads a value in any case; spaces, `_`, `-` and `:` are ignored
            /// (`price:low_to_high` reads as `Price:LowToHigh`).
            pub fn parse(input: &str) -> Option<$name> {
                let wanted = squash(input);
                $name::ALL.iter().copied().find(|v| squash(v.as_str()) == wanted)
            }

            /// What the value may be, for messages.
            fn expected() -> String {
                let names: Vec<&str> = $name::ALL.iter().map(|v| v.as_str()).collect();
                format!("{} must be one of: {}.", $what, names.join(", "))
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                $name::parse(&s).ok_or_else(|| serde::de::Error::custom($name::expected()))
            }
        }
    };
}

/// Lower case without separators, for lenient matching of choices.
fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, ' ' | '_' | '-' | ':'))
        .flat_map(char::to_lowercase)
        .collect()
}

choice! {
    /// Condition of the offers to return. The Creators API accepts only `Any` and `New`.
    Condition, "The condition" {
        /// Offers in every condition.
        Any = "Any",
        /// New items only.
        New = "New",
        /// Used items (PA-API 5.0 only).
        Used = "Used",
        /// Collectible items (PA-API 5.0 only).
        Collectible = "Collectible",
        /// Refurbished items (PA-API 5.0 only).
        Refurbished = "Refurbished",
    }
}

impl Condition {
    /// Whether the Creators API accepts this condition (`Any`, `New`).
    pub const fn in_creators_api(self) -> bool {
        matches!(self, Condition::Any | Condition::New)
    }
}

choice! {
    /// Order of search results.
    SortBy, "The sort order" {
        /// Best rated first.
        AvgCustomerReviews = "AvgCustomerReviews",
        /// Amazon's featured order.
        Featured = "Featured",
        /// Newest first.
        NewestArrivals = "NewestArrivals",
        /// Most expensive first.
        PriceHighToLow = "Price:HighToLow",
        /// Cheapest first.
        PriceLowToHigh = "Price:LowToHigh",
        /// Most relevant first (Amazon's default).
        Relevance = "Relevance",
    }
}

choice! {
    /// Whether search results include items that cannot be bought now.
    SearchAvailability, "The availability" {
        /// Only items available now (Amazon's default).
        Available = "Available",
        /// Also out-of-stock items.
        IncludeOutOfStock = "IncludeOutOfStock",
    }
}

choice! {
    /// A delivery filter for search results.
    DeliveryFlag, "Each delivery flag" {
        /// Ships internationally with AmazonGlobal.
        AmazonGlobal = "AmazonGlobal",
        /// Free shipping.
        FreeShipping = "FreeShipping",
        /// Fulfilled by Amazon.
        FulfilledByAmazon = "FulfilledByAmazon",
        /// Prime eligible.
        Prime = "Prime",
    }
}

const ITEM_RESOURCES: &[&str] = &[
    "itemInfo.title",
    "itemInfo.byLineInfo",
    "itemInfo.features",
    "images.primary.small",
    "images.primary.medium",
    "images.primary.large",
    "images.variants.small",
    "images.variants.medium",
    "images.variants.large",
    "offersV2.listings.price",
    "offersV2.listings.availability",
    "offersV2.listings.condition",
    "offersV2.listings.merchantInfo",
    "offersV2.listings.isBuyBoxWinner",
    "offersV2.listings.dealDetails",
    "browseNodeInfo.browseNodes",
    "browseNodeInfo.browseNodes.salesRank",
    "browseNodeInfo.websiteSalesRank",
    "parentASIN",
    "customerReviews.count",
    "customerReviews.starRating",
];

const VARIATION_RESOURCES: &[&str] = &[
    "itemInfo.title",
    "itemInfo.byLineInfo",
    "itemInfo.features",
    "images.primary.small",
    "images.primary.medium",
    "images.primary.large",
    "images.variants.small",
    "images.variants.medium",
    "images.variants.large",
    "offersV2.listings.price",
    "offersV2.listings.availability",
    "offersV2.listings.condition",
    "offersV2.listings.merchantInfo",
    "offersV2.listings.isBuyBoxWinner",
    "offersV2.listings.dealDetails",
    "browseNodeInfo.browseNodes",
    "browseNodeInfo.browseNodes.salesRank",
    "browseNodeInfo.websiteSalesRank",
    "parentASIN",
    "customerReviews.count",
    "customerReviews.starRating",
    "variationSummary.price.highestPrice",
    "variationSummary.price.lowestPrice",
    "variationSummary.variationDimension",
];

const BROWSE_NODE_RESOURCES: &[&str] = &["browseNodes.ancestor", "browseNodes.children"];

const PAAPI_ITEM_RESOURCES: &[&str] = &[
    "ItemInfo.Title",
    "ItemInfo.ByLineInfo",
    "ItemInfo.Features",
    "Images.Primary.Small",
    "Images.Primary.Medium",
    "Images.Primary.Large",
    "Images.Variants.Small",
    "Images.Variants.Medium",
    "Images.Variants.Large",
    "Offers.Listings.Price",
    "Offers.Listings.SavingBasis",
    "Offers.Listings.Availability.Type",
    "Offers.Listings.Availability.Message",
    "Offers.Listings.Availability.MinOrderQuantity",
    "Offers.Listings.Availability.MaxOrderQuantity",
    "Offers.Listings.Condition",
    "Offers.Listings.MerchantInfo",
    "Offers.Listings.IsBuyBoxWinner",
    "BrowseNodeInfo.BrowseNodes",
    "BrowseNodeInfo.BrowseNodes.SalesRank",
    "BrowseNodeInfo.WebsiteSalesRank",
    "ParentASIN",
    "CustomerReviews.Count",
    "CustomerReviews.StarRating",
];

const PAAPI_VARIATION_RESOURCES: &[&str] = &[
    "ItemInfo.Title",
    "ItemInfo.ByLineInfo",
    "ItemInfo.Features",
    "Images.Primary.Small",
    "Images.Primary.Medium",
    "Images.Primary.Large",
    "Images.Variants.Small",
    "Images.Variants.Medium",
    "Images.Variants.Large",
    "Offers.Listings.Price",
    "Offers.Listings.SavingBasis",
    "Offers.Listings.Availability.Type",
    "Offers.Listings.Availability.Message",
    "Offers.Listings.Availability.MinOrderQuantity",
    "Offers.Listings.Availability.MaxOrderQuantity",
    "Offers.Listings.Condition",
    "Offers.Listings.MerchantInfo",
    "Offers.Listings.IsBuyBoxWinner",
    "BrowseNodeInfo.BrowseNodes",
    "BrowseNodeInfo.BrowseNodes.SalesRank",
    "BrowseNodeInfo.WebsiteSalesRank",
    "ParentASIN",
    "CustomerReviews.Count",
    "CustomerReviews.StarRating",
    "VariationSummary.Price.HighestPrice",
    "VariationSummary.Price.LowestPrice",
    "VariationSummary.VariationDimension",
];

const PAAPI_BROWSE_NODE_RESOURCES: &[&str] = &["BrowseNodes.Ancestor", "BrowseNodes.Children"];

/// The resources requested from the Creators API when the caller names none: everything the
/// product model reads, in lowerCamelCase (`offersV2.listings.price`).
pub fn default_resources(operation: Operation) -> &'static [&'static str] {
    match operation {
        Operation::GetItems | Operation::SearchItems => ITEM_RESOURCES,
        Operation::GetVariations => VARIATION_RESOURCES,
        Operation::GetBrowseNodes => BROWSE_NODE_RESOURCES,
    }
}

/// The same defaults in PA-API 5.0 spelling (`ItemInfo.Title`, `Offers.Listings.Price`).
pub fn paapi_default_resources(operation: Operation) -> &'static [&'static str] {
    match operation {
        Operation::GetItems | Operation::SearchItems => PAAPI_ITEM_RESOURCES,
        Operation::GetVariations => PAAPI_VARIATION_RESOURCES,
        Operation::GetBrowseNodes => PAAPI_BROWSE_NODE_RESOURCES,
    }
}

/// A resource name in Creators API spelling, whichever spelling it came in:
/// `ItemInfo.Title` becomes `itemInfo.title`, `Offers.Listings.Availability.Message` becomes
/// `offersV2.listings.availability` (the Creators API has only `offersV2` and no offer
/// sub-resources below the listing fields), `Offers.Listings.SavingBasis` becomes
/// `offersV2.listings.price` (the saving basis is part of the price there).
pub fn creators_resource_name(resource: &str) -> String {
    let mut segments: Vec<String> = resource.trim().split('.').map(lower_first).collect();
    if segments.first().is_some_and(|s| s == "offers") {
        segments[0] = "offersV2".into();
        if segments.get(1).is_some_and(|s| s == "listings") {
            segments.truncate(3);
            if segments.get(2).is_some_and(|s| s == "savingBasis") {
                segments[2] = "price".into();
            }
        }
    }
    segments.join(".")
}

/// A resource name in PA-API 5.0 spelling, whichever spelling it came in:
/// `itemInfo.title` becomes `ItemInfo.Title`, `parentASIN` becomes `ParentASIN`,
/// `offersV2.listings.price` becomes `OffersV2.Listings.Price`.
pub fn paapi_resource_name(resource: &str) -> String {
    resource
        .trim()
        .split('.')
        .map(upper_first)
        .collect::<Vec<_>>()
        .join(".")
}

fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_ascii_lowercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}

fn upper_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}

/// The resources to send: the caller's (converted to the API's spelling, de-duplicated) or the
/// operation's defaults.
fn resources_for(operation: Operation, custom: Option<&Vec<String>>, paapi: bool) -> Vec<String> {
    match custom {
        Some(list) if !list.is_empty() => {
            let mut out: Vec<String> = Vec::with_capacity(list.len());
            for r in list {
                let name = if paapi {
                    paapi_resource_name(r)
                } else {
                    creators_resource_name(r)
                };
                if !out.contains(&name) {
                    out.push(name);
                }
            }
            out
        }
        _ => {
            let defaults = if paapi {
                paapi_default_resources(operation)
            } else {
                default_resources(operation)
            };
            defaults.iter().map(|s| s.to_string()).collect()
        }
    }
}

/// GetItems: up to 10 items by ASIN per request; longer lists are split by [`batches`].
///
/// [`batches`]: GetItemsParams::batches
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GetItemsParams {
    /// The ASINs, in the order the answer should follow (JSON key `asins`; a list, or one
    /// string of ASINs separated by commas or spaces).
    pub asins: Vec<Asin>,
    /// Resources to return; `None` means [`default_resources`].
    pub resources: Option<Vec<String>>,
    /// Offer condition (`Any`, `New`).
    pub condition: Option<Condition>,
    /// Preferred language in `ll_CC` form (`de_DE`; JSON key `language`, also
    /// `languages_of_preference` with one entry).
    pub language: Option<String>,
    /// Preferred ISO 4217 currency (`EUR`; JSON key `currency`, also `currency_of_preference`).
    pub currency: Option<String>,
}

impl GetItemsParams {
    /// Parameters for `asins` with default resources.
    pub fn new(asins: Vec<Asin>) -> GetItemsParams {
        GetItemsParams {
            asins,
            ..GetItemsParams::default()
        }
    }

    /// Reads and validates a JSON object such as `{"asins": ["B08N5WRWNW"], "condition": "New"}`.
    pub fn from_json(value: &Value) -> Result<GetItemsParams, FieldErrors> {
        let mut r = Reader::new(value)?;
        let asins = r.asins(&["asins", "asin", "item_ids"]);
        let resources = r.strings(&["resources"]);
        let condition = r.choice(&["condition"], Condition::parse, Condition::expected);
        let language = r.language();
        let currency = r.string(&["currency", "currency_of_preference"]);
        let read = r.finish();
        let params = GetItemsParams {
            asins: asins.unwrap_or_default(),
            resources,
            condition,
            language,
            currency,
        };
        combine(read, params.validate())
    }

    /// Checks and normalizes: at least one ASIN, duplicates removed (first one kept),
    /// resources, language and currency well-formed.
    pub fn validate(mut self) -> Result<GetItemsParams, FieldErrors> {
        let mut errors = FieldErrors::new();
        self.asins = dedup(self.asins);
        if self.asins.is_empty() {
            errors.push(
                "asins",
                "Enter at least one ASIN (for example B08N5WRWNW) or product address.",
            );
        }
        self.resources = check_resources(self.resources, &mut errors);
        self.language = check_language(self.language, &mut errors);
        self.currency = check_currency(self.currency, &mut errors);
        errors.into_result(self)
    }

    /// The parameters split into requests of at most 10 ASINs each, in order.
    pub fn batches(&self) -> Vec<GetItemsParams> {
        self.asins
            .chunks(MAX_IDS_PER_REQUEST)
            .map(|chunk| GetItemsParams {
                asins: chunk.to_vec(),
                ..self.clone()
            })
            .collect()
    }

    /// Resources to send to the Creators API (lowerCamelCase).
    pub fn creators_resources(&self) -> Vec<String> {
        resources_for(Operation::GetItems, self.resources.as_ref(), false)
    }

    /// Resources to send to PA-API 5.0 (PascalCase).
    pub fn paapi_resources(&self) -> Vec<String> {
        resources_for(Operation::GetItems, self.resources.as_ref(), true)
    }
}

/// SearchItems: one page of items matching search terms and filters.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SearchItemsParams {
    /// Words to search for.
    pub keywords: Option<String>,
    /// Actor name.
    pub actor: Option<String>,
    /// Artist name.
    pub artist: Option<String>,
    /// Author name.
    pub author: Option<String>,
    /// Brand name.
    pub brand: Option<String>,
    /// Title words.
    pub title: Option<String>,
    /// Browse node (category) ID to search in: digits only.
    pub browse_node_id: Option<String>,
    /// Search index (`All`, `Books`, `Electronics`, ...).
    pub search_index: Option<String>,
    /// Page of results, 1-10.
    pub item_page: Option<u32>,
    /// Items per page, 1-10.
    pub item_count: Option<u32>,
    /// Sort order.
    pub sort_by: Option<SortBy>,
    /// Whether to include out-of-stock items.
    pub availability: Option<SearchAvailability>,
    /// Offer condition.
    pub condition: Option<Condition>,
    /// Delivery filters.
    pub delivery_flags: Vec<DeliveryFlag>,
    /// Lowest price in the smallest currency unit (`1999` = 19.99), at least 1.
    pub min_price: Option<u64>,
    /// Highest price in the smallest currency unit, at least 1.
    pub max_price: Option<u64>,
    /// Lowest average customer rating, 1-4.
    pub min_reviews_rating: Option<u32>,
    /// Lowest saving in percent, 1-99.
    pub min_saving_percent: Option<u32>,
    /// Preferred language in `ll_CC` form.
    pub language: Option<String>,
    /// Preferred ISO 4217 currency.
    pub currency: Option<String>,
    /// Resources to return; `None` means [`default_resources`].
    pub resources: Option<Vec<String>>,
}

impl SearchItemsParams {
    /// A keyword search with Amazon's defaults.
    pub fn keywords(keywords: impl Into<String>) -> SearchItemsParams {
        SearchItemsParams {
            keywords: Some(keywords.into()),
            ..SearchItemsParams::default()
        }
    }

    /// Reads and validates a JSON object such as
    /// `{"keywords": "echo dot", "search_index": "Electronics", "item_page": 2}`.
    pub fn from_json(value: &Value) -> Result<SearchItemsParams, FieldErrors> {
        let mut r = Reader::new(value)?;
        let p = SearchItemsParams {
            keywords: r.string(&["keywords"]),
            actor: r.string(&["actor"]),
            artist: r.string(&["artist"]),
            author: r.string(&["author"]),
            brand: r.string(&["brand"]),
            title: r.string(&["title"]),
            browse_node_id: r.string(&["browse_node_id"]),
            search_index: r.string(&["search_index"]),
            item_page: r.number(&["item_page"]),
            item_count: r.number(&["item_count"]),
            sort_by: r.choice(&["sort_by"], SortBy::parse, SortBy::expected),
            availability: r.choice(
                &["availability"],
                SearchAvailability::parse,
                SearchAvailability::expected,
            ),
            condition: r.choice(&["condition"], Condition::parse, Condition::expected),
            delivery_flags: r.choices(
                &["delivery_flags"],
                DeliveryFlag::parse,
                DeliveryFlag::expected,
            ),
            min_price: r.number(&["min_price"]),
            max_price: r.number(&["max_price"]),
            min_reviews_rating: r.number(&["min_reviews_rating"]),
            min_saving_percent: r.number(&["min_saving_percent"]),
            language: r.language(),
            currency: r.string(&["currency", "currency_of_preference"]),
            resources: r.strings(&["resources"]),
        };
        let read = r.finish();
        combine(read, p.validate())
    }

    /// Checks and normalizes: at least one search term, every number in range, filters
    /// well-formed.
    pub fn validate(mut self) -> Result<SearchItemsParams, FieldErrors> {
        let mut errors = FieldErrors::new();
        for (field, term) in [
            ("keywords", &mut self.keywords),
            ("actor", &mut self.actor),
            ("artist", &mut self.artist),
            ("author", &mut self.author),
            ("brand", &mut self.brand),
            ("title", &mut self.title),
        ] {
            *term = non_blank(term.take());
            if term
                .as_ref()
                .is_some_and(|t| t.chars().count() > MAX_TERM_CHARS)
            {
                errors.push(
                    field,
                    format!("Shorten this search term to at most {MAX_TERM_CHARS} characters."),
                );
            }
        }
        self.browse_node_id = non_blank(self.browse_node_id.take());
        if let Some(id) = &self.browse_node_id
            && let Some(why) = browse_node_problem(id)
        {
            errors.push("browse_node_id", why);
        }
        let has_term = [
            &self.keywords,
            &self.actor,
            &self.artist,
            &self.author,
            &self.brand,
            &self.title,
            &self.browse_node_id,
        ]
        .iter()
        .any(|t| t.is_some());
        if !has_term {
            errors.push(
                "keywords",
                "Enter keywords to search for (or an actor, artist, author, brand, title or browse node ID).",
            );
        }
        self.search_index = non_blank(self.search_index.take());
        if let Some(index) = &self.search_index
            && (index.len() > 50 || !index.chars().all(|c| c.is_ascii_alphanumeric()))
        {
            errors.push(
                "search_index",
                format!(
                    "\"{}\" is not a search index: use a name such as All, Books or Electronics (letters and digits only).",
                    excerpt(index)
                ),
            );
        }
        check_range(
            &mut errors,
            "item_page",
            self.item_page.map(u64::from),
            1,
            10,
            "The page",
        );
        check_range(
            &mut errors,
            "item_count",
            self.item_count.map(u64::from),
            1,
            10,
            "The number of items per page",
        );
        check_range(
            &mut errors,
            "min_price",
            self.min_price,
            1,
            u64::MAX,
            "The lowest price",
        );
        check_range(
            &mut errors,
            "max_price",
            self.max_price,
            1,
            u64::MAX,
            "The highest price",
        );
        if let (Some(min), Some(max)) = (self.min_price, self.max_price)
            && min > max
        {
            errors.push(
                "min_price",
                "The lowest price is above the highest price: swap them or lower it.",
            );
        }
        check_range(
            &mut errors,
            "min_reviews_rating",
            self.min_reviews_rating.map(u64::from),
            1,
            4,
            "The lowest customer rating",
        );
        check_range(
            &mut errors,
            "min_saving_percent",
            self.min_saving_percent.map(u64::from),
            1,
            99,
            "The lowest saving in percent",
        );
        let mut flags = Vec::with_capacity(self.delivery_flags.len());
        for flag in self.delivery_flags {
            if !flags.contains(&flag) {
                flags.push(flag);
            }
        }
        self.delivery_flags = flags;
        self.resources = check_resources(self.resources, &mut errors);
        self.language = check_language(self.language, &mut errors);
        self.currency = check_currency(self.currency, &mut errors);
        errors.into_result(self)
    }

    /// Resources to send to the Creators API (lowerCamelCase).
    pub fn creators_resources(&self) -> Vec<String> {
        resources_for(Operation::SearchItems, self.resources.as_ref(), false)
    }

    /// Resources to send to PA-API 5.0 (PascalCase).
    pub fn paapi_resources(&self) -> Vec<String> {
        resources_for(Operation::SearchItems, self.resources.as_ref(), true)
    }
}

/// GetVariations: one page of the variations of a parent item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetVariationsParams {
    /// The ASIN of the parent item or of any of its variations.
    pub asin: Asin,
    /// Page of variations, starting at 1.
    pub variation_page: Option<u32>,
    /// Variations per page, 1-10.
    pub variation_count: Option<u32>,
    /// Offer condition.
    pub condition: Option<Condition>,
    /// Preferred language in `ll_CC` form.
    pub language: Option<String>,
    /// Preferred ISO 4217 currency.
    pub currency: Option<String>,
    /// Resources to return; `None` means [`default_resources`].
    pub resources: Option<Vec<String>>,
}

impl GetVariationsParams {
    /// The first page of the variations of `asin`, with default resources.
    pub fn new(asin: Asin) -> GetVariationsParams {
        GetVariationsParams {
            asin,
            variation_page: None,
            variation_count: None,
            condition: None,
            language: None,
            currency: None,
            resources: None,
        }
    }

    /// Reads and validates a JSON object such as `{"asin": "B08N5WRWNW", "variation_page": 2}`.
    pub fn from_json(value: &Value) -> Result<GetVariationsParams, FieldErrors> {
        let mut r = Reader::new(value)?;
        let asin = r.asin(&["asin"]);
        let variation_page = r.number(&["variation_page"]);
        let variation_count = r.number(&["variation_count"]);
        let condition = r.choice(&["condition"], Condition::parse, Condition::expected);
        let language = r.language();
        let currency = r.string(&["currency", "currency_of_preference"]);
        let resources = r.strings(&["resources"]);
        let read = r.finish();
        let Some(asin) = asin else {
            let missing = FieldErrors::single(
                "asin",
                "Enter the ASIN of the product whose variations to load.",
            );
            return combine(read, Err(missing));
        };
        let params = GetVariationsParams {
            asin,
            variation_page,
            variation_count,
            condition,
            language,
            currency,
            resources,
        };
        combine(read, params.validate())
    }

    /// Checks and normalizes: page at least 1, count 1-10, resources, language and currency
    /// well-formed.
    pub fn validate(mut self) -> Result<GetVariationsParams, FieldErrors> {
        let mut errors = FieldErrors::new();
        check_range(
            &mut errors,
            "variation_page",
            self.variation_page.map(u64::from),
            1,
            u64::from(u32::MAX),
            "The variation page",
        );
        check_range(
            &mut errors,
            "variation_count",
            self.variation_count.map(u64::from),
            1,
            10,
            "The number of variations per page",
        );
        self.resources = check_resources(self.resources, &mut errors);
        self.language = check_language(self.language, &mut errors);
        self.currency = check_currency(self.currency, &mut errors);
        errors.into_result(self)
    }

    /// Resources to send to the Creators API (lowerCamelCase).
    pub fn creators_resources(&self) -> Vec<String> {
        resources_for(Operation::GetVariations, self.resources.as_ref(), false)
    }

    /// Resources to send to PA-API 5.0 (PascalCase).
    pub fn paapi_resources(&self) -> Vec<String> {
        resources_for(Operation::GetVariations, self.resources.as_ref(), true)
    }
}

/// GetBrowseNodes: up to 10 browse nodes (categories) by ID.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GetBrowseNodesParams {
    /// Browse node IDs (digits), 1-10 of them.
    pub browse_node_ids: Vec<String>,
    /// Preferred language in `ll_CC` form.
    pub language: Option<String>,
    /// Resources to return; `None` means [`default_resources`].
    pub resources: Option<Vec<String>>,
}

impl GetBrowseNodesParams {
    /// The browse nodes `ids` with default resources.
    pub fn new(ids: Vec<String>) -> GetBrowseNodesParams {
        GetBrowseNodesParams {
            browse_node_ids: ids,
            ..GetBrowseNodesParams::default()
        }
    }

    /// Reads and validates a JSON object such as `{"browse_node_ids": ["340843031"]}`.
    pub fn from_json(value: &Value) -> Result<GetBrowseNodesParams, FieldErrors> {
        let mut r = Reader::new(value)?;
        let ids = r.strings(&["browse_node_ids", "browse_node_id"]);
        let language = r.language();
        let resources = r.strings(&["resources"]);
        let read = r.finish();
        let params = GetBrowseNodesParams {
            browse_node_ids: ids.unwrap_or_default(),
            language,
            resources,
        };
        combine(read, params.validate())
    }

    /// Checks and normalizes: 1-10 IDs of digits, duplicates removed.
    pub fn validate(mut self) -> Result<GetBrowseNodesParams, FieldErrors> {
        let mut errors = FieldErrors::new();
        let ids: Vec<String> = self
            .browse_node_ids
            .iter()
            .map(|id| id.trim().to_string())
            .filter(|id| !id.is_empty())
            .collect();
        self.browse_node_ids = dedup(ids);
        if self.browse_node_ids.is_empty() {
            errors.push(
                "browse_node_ids",
                "Enter at least one browse node ID (digits, for example 340843031).",
            );
        }
        if self.browse_node_ids.len() > MAX_IDS_PER_REQUEST {
            errors.push(
                "browse_node_ids",
                format!(
                    "Enter at most {MAX_IDS_PER_REQUEST} browse node IDs per request; {} were given.",
                    self.browse_node_ids.len()
                ),
            );
        }
        for id in &self.browse_node_ids {
            if let Some(why) = browse_node_problem(id) {
                errors.push("browse_node_ids", why);
            }
        }
        self.resources = check_resources(self.resources, &mut errors);
        self.language = check_language(self.language, &mut errors);
        errors.into_result(self)
    }

    /// Resources to send to the Creators API (lowerCamelCase).
    pub fn creators_resources(&self) -> Vec<String> {
        resources_for(Operation::GetBrowseNodes, self.resources.as_ref(), false)
    }

    /// Resources to send to PA-API 5.0 (PascalCase).
    pub fn paapi_resources(&self) -> Vec<String> {
        resources_for(Operation::GetBrowseNodes, self.resources.as_ref(), true)
    }
}

/// The parameters of any one operation, as the bindings receive them (operation name plus a
/// JSON object).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OperationParams {
    /// GetItems.
    GetItems(GetItemsParams),
    /// SearchItems.
    SearchItems(Box<SearchItemsParams>),
    /// GetVariations.
    GetVariations(GetVariationsParams),
    /// GetBrowseNodes.
    GetBrowseNodes(GetBrowseNodesParams),
}

impl OperationParams {
    /// Reads and validates the parameters of `operation` from a JSON object.
    pub fn from_json(operation: Operation, value: &Value) -> Result<OperationParams, FieldErrors> {
        Ok(match operation {
            Operation::GetItems => OperationParams::GetItems(GetItemsParams::from_json(value)?),
            Operation::SearchItems => {
                OperationParams::SearchItems(Box::new(SearchItemsParams::from_json(value)?))
            }
            Operation::GetVariations => {
                OperationParams::GetVariations(GetVariationsParams::from_json(value)?)
            }
            Operation::GetBrowseNodes => {
                OperationParams::GetBrowseNodes(GetBrowseNodesParams::from_json(value)?)
            }
        })
    }

    /// The operation these parameters are for.
    pub fn operation(&self) -> Operation {
        match self {
            OperationParams::GetItems(_) => Operation::GetItems,
            OperationParams::SearchItems(_) => Operation::SearchItems,
            OperationParams::GetVariations(_) => Operation::GetVariations,
            OperationParams::GetBrowseNodes(_) => Operation::GetBrowseNodes,
        }
    }
}

macro_rules! deserialize_via_from_json {
    ($($ty:ty),*) => {$(
        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let value = Value::deserialize(d)?;
                <$ty>::from_json(&value).map_err(serde::de::Error::custom)
            }
        }
    )*};
}

deserialize_via_from_json!(
    GetItemsParams,
    SearchItemsParams,
    GetVariationsParams,
    GetBrowseNodesParams
);

/// The errors of reading and of validating together; a field that could not be read gets no
/// second message from validation.
fn combine<T>(
    read: Result<(), FieldErrors>,
    validated: Result<T, FieldErrors>,
) -> Result<T, FieldErrors> {
    match (read, validated) {
        (Ok(()), validated) => validated,
        (Err(errors), Ok(_)) => Err(errors),
        (Err(mut errors), Err(more)) => {
            let read_fields: Vec<String> = errors.iter().map(|e| e.field.clone()).collect();
            for e in more {
                if !read_fields.contains(&e.field) {
                    errors.push(e.field, e.message);
                }
            }
            Err(errors)
        }
    }
}

/// Removes repeated values, keeping the first of each.
fn dedup<T: PartialEq>(values: Vec<T>) -> Vec<T> {
    let mut out: Vec<T> = Vec::with_capacity(values.len());
    for v in values {
        if !out.contains(&v) {
            out.push(v);
        }
    }
    out
}

fn non_blank(value: Option<String>) -> Option<String> {
    value
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

fn browse_node_problem(id: &str) -> Option<String> {
    let ok = !id.is_empty()
        && id.len() <= 19
        && id.bytes().all(|b| b.is_ascii_digit())
        && id.bytes().any(|b| b != b'0');
    (!ok).then(|| {
        format!(
            "\"{}\" is not a browse node ID: use the category's number (digits only, for example 340843031).",
            excerpt(id)
        )
    })
}

fn check_range(
    errors: &mut FieldErrors,
    field: &str,
    value: Option<u64>,
    min: u64,
    max: u64,
    what: &str,
) {
    if let Some(v) = value
        && (v < min || v > max)
    {
        let message = if max == u64::MAX || max == u64::from(u32::MAX) {
            format!("{what} must be at least {min}; {v} was given.")
        } else {
            format!("{what} must be between {min} and {max}; {v} was given.")
        };
        errors.push(field, message);
    }
}

fn check_resources(
    resources: Option<Vec<String>>,
    errors: &mut FieldErrors,
) -> Option<Vec<String>> {
    let list = resources?;
    let list = dedup(
        list.into_iter()
            .map(|r| r.trim().to_string())
            .filter(|r| !r.is_empty())
            .collect(),
    );
    if list.len() > MAX_RESOURCES {
        errors.push(
            "resources",
            format!(
                "Name at most {MAX_RESOURCES} resources; {} were given.",
                list.len()
            ),
        );
    }
    for r in &list {
        let ok = r
            .split('.')
            .all(|s| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric()));
        if !ok {
            errors.push(
                "resources",
                format!(
                    "\"{}\" is not a resource name: use dotted names such as itemInfo.title or offersV2.listings.price.",
                    excerpt(r)
                ),
            );
        }
    }
    (!list.is_empty()).then_some(list)
}

/// Normalizes `de-de` / `de_DE` to `de_DE`.
fn check_language(language: Option<String>, errors: &mut FieldErrors) -> Option<String> {
    let raw = non_blank(language)?;
    let normalized = raw.replace('-', "_");
    let parsed = normalized.split_once('_').and_then(|(lang, country)| {
        let lang_ok =
            (2..=3).contains(&lang.len()) && lang.chars().all(|c| c.is_ascii_alphabetic());
        let country_ok = country.len() == 2 && country.chars().all(|c| c.is_ascii_alphabetic());
        (lang_ok && country_ok).then(|| {
            format!(
                "{}_{}",
                lang.to_ascii_lowercase(),
                country.to_ascii_uppercase()
            )
        })
    });
    if parsed.is_none() {
        errors.push(
            "language",
            format!(
                "\"{}\" is not a language: use a language and country code such as en_US or de_DE.",
                excerpt(&raw)
            ),
        );
    }
    parsed
}

/// Normalizes `eur` to `EUR`.
fn check_currency(currency: Option<String>, errors: &mut FieldErrors) -> Option<String> {
    let raw = non_blank(currency)?;
    if raw.len() == 3 && raw.chars().all(|c| c.is_ascii_alphabetic()) {
        Some(raw.to_ascii_uppercase())
    } else {
        errors.push(
            "currency",
            format!(
                "\"{}\" is not a currency: use a three-letter ISO 4217 code such as EUR or USD.",
                excerpt(&raw)
            ),
        );
        None
    }
}

/// Reads fields of a JSON object leniently (numbers as text, text as numbers, lists as
/// comma-separated text), collecting every problem under the key the caller used.
struct Reader<'a> {
    map: &'a Map<String, Value>,
    errors: FieldErrors,
    known: Vec<&'static str>,
}

impl<'a> Reader<'a> {
    fn new(value: &'a Value) -> Result<Reader<'a>, FieldErrors> {
        match value {
            Value::Object(map) => Ok(Reader {
                map,
                errors: FieldErrors::new(),
                known: Vec::new(),
            }),
            _ => Err(FieldErrors::single(
                "params",
                "The parameters must be an object of named values (for example {\"asins\": [\"B08N5WRWNW\"]}).",
            )),
        }
    }

    /// The first present, non-null value among `names`, with the key it was found under.
    fn get(&mut self, names: &[&'static str]) -> Option<(&'static str, &'a Value)> {
        self.known.extend_from_slice(names);
        names.iter().find_map(|name| match self.map.get(*name) {
            None | Some(Value::Null) => None,
            Some(v) => Some((*name, v)),
        })
    }

    fn string(&mut self, names: &[&'static str]) -> Option<String> {
        let (key, value) = self.get(names)?;
        match value {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            _ => {
                self.errors.push(key, "Enter text here.");
                None
            }
        }
    }

    /// A list given as a JSON array of texts/numbers or as one text separated by commas,
    /// spaces or new lines.
    fn strings(&mut self, names: &[&'static str]) -> Option<Vec<String>> {
        let (key, value) = self.get(names)?;
        match value {
            Value::String(s) => Some(
                s.split(|c: char| c == ',' || c.is_whitespace())
                    .filter(|p| !p.is_empty())
                    .map(str::to_string)
                    .collect(),
            ),
            Value::Number(n) => Some(vec![n.to_string()]),
            Value::Array(items) => {
                let mut out = Vec::with_capacity(items.len());
                for item in items {
                    match item {
                        Value::String(s) => out.push(s.clone()),
                        Value::Number(n) => out.push(n.to_string()),
                        _ => {
                            self.errors
                                .push(key, "Every entry of this list must be text.");
                            return None;
                        }
                    }
                }
                Some(out)
            }
            _ => {
                self.errors.push(key, "Enter a list of values here.");
                None
            }
        }
    }

    fn number<T: TryFrom<u64>>(&mut self, names: &[&'static str]) -> Option<T> {
        let (key, value) = self.get(names)?;
        let parsed = match value {
            Value::Number(n) => n.as_u64().or_else(|| {
                n.as_f64()
                    .filter(|f| f.fract() == 0.0 && *f >= 0.0 && *f < 1e19)
                    .map(|f| f as u64)
            }),
            Value::String(s) if s.trim().is_empty() => return None,
            Value::String(s) => s.trim().parse::<u64>().ok(),
            _ => None,
        };
        match parsed.and_then(|n| T::try_from(n).ok()) {
            Some(n) => Some(n),
            None => {
                self.errors.push(
                    key,
                    format!(
                        "Enter a positive whole number here; {} is not one.",
                        match value {
                            Value::String(s) => format!("\"{}\"", excerpt(s)),
                            other => excerpt(&other.to_string()),
                        }
                    ),
                );
                None
            }
        }
    }

    fn choice<T>(
        &mut self,
        names: &[&'static str],
        parse: fn(&str) -> Option<T>,
        expected: fn() -> String,
    ) -> Option<T> {
        let (key, _) = self.get(names)?;
        let text = self.string(names)?;
        if text.trim().is_empty() {
            return None;
        }
        let parsed = parse(&text);
        if parsed.is_none() {
            self.errors.push(key, expected());
        }
        parsed
    }

    fn choices<T>(
        &mut self,
        names: &[&'static str],
        parse: fn(&str) -> Option<T>,
        expected: fn() -> String,
    ) -> Vec<T> {
        let Some(texts) = self.strings(names) else {
            return Vec::new();
        };
        let mut out = Vec::with_capacity(texts.len());
        for text in texts {
            match parse(&text) {
                Some(v) => out.push(v),
                None => {
                    let key = names[0];
                    self.errors.push(
                        key,
                        format!("\"{}\" is not allowed here. {}", excerpt(&text), expected()),
                    );
                }
            }
        }
        out
    }

    fn asins(&mut self, names: &[&'static str]) -> Option<Vec<Asin>> {
        let texts = self.strings(names)?;
        let mut out = Vec::with_capacity(texts.len());
        for text in texts {
            match crate::asin::parse_product_input(&text) {
                Ok((asin, _)) => out.push(asin),
                Err(errors) => {
                    for e in errors {
                        self.errors.push(names[0], e.message);
                    }
                }
            }
        }
        Some(out)
    }

    fn asin(&mut self, names: &[&'static str]) -> Option<Asin> {
        let text = self.string(names)?;
        match crate::asin::parse_product_input(&text) {
            Ok((asin, _)) => Some(asin),
            Err(errors) => {
                for e in errors {
                    self.errors.push(names[0], e.message);
                }
                None
            }
        }
    }

    /// `language` as text, or `languages_of_preference` / `languages` as a list of one.
    fn language(&mut self) -> Option<String> {
        let (key, _) = self.get(&["language", "languages_of_preference", "languages"])?;
        let list = self.strings(&[key])?;
        match list.as_slice() {
            [] => None,
            [one] => Some(one.clone()),
            _ => {
                self.errors.push(
                    "language",
                    "Amazon accepts one preferred language: enter only one.",
                );
                None
            }
        }
    }

    /// Every problem found, plus one for each key no operation parameter has.
    fn finish(mut self) -> Result<(), FieldErrors> {
        let mut unknown: Vec<&String> = self
            .map
            .keys()
            .filter(|k| !self.known.contains(&k.as_str()))
            .collect();
        unknown.sort();
        for key in unknown {
            let mut known: Vec<&str> = self.known.clone();
            known.sort_unstable();
            known.dedup();
            self.errors.push(
                key.clone(),
                format!(
                    "\"{}\" is not a parameter of this operation. Known parameters: {}.",
                    excerpt(key),
                    known.join(", ")
                ),
            );
        }
        self.errors.into_result(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn asins(list: &[&str]) -> Vec<Asin> {
        list.iter().map(|a| Asin::parse(a).unwrap()).collect()
    }

    fn messages(errors: &FieldErrors, field: &str) -> String {
        errors.for_field(field).collect::<Vec<_>>().join(" | ")
    }

    #[test]
    fn get_items_dedups_keeps_order_and_batches_by_ten() {
        let list: Vec<String> = (0..23).map(|i| format!("B0000000{i:02}")).collect();
        let mut with_dupes = list.clone();
        with_dupes.insert(5, list[0].to_lowercase());
        with_dupes.push(list[22].clone());
        let p = GetItemsParams::from_json(&json!({ "asins": with_dupes })).unwrap();
        assert_eq!(p.asins.len(), 23);
        assert_eq!(p.asins[0].as_str(), "B000000000");
        assert_eq!(p.asins[5].as_str(), "B000000005");
        let batches = p.batches();
        assert_eq!(
            batches.iter().map(|b| b.asins.len()).collect::<Vec<_>>(),
            [10, 10, 3]
        );
        assert_eq!(batches[2].asins[2].as_str(), "B000000022");
        let flat: Vec<Asin> = batches.into_iter().flat_map(|b| b.asins).collect();
        assert_eq!(flat, p.asins);
    }

    #[test]
    fn get_items_reads_text_lists_urls_and_options() {
        let p = GetItemsParams::from_json(&json!({
            "asins": "b08n5wrwnw, https://www.amazon.de/dp/B07XJ8C8F5\n0123456789",
            "condition": "new",
            "languages_of_preference": ["de-de"],
            "currency": "eur",
            "resources": ["itemInfo.title", " itemInfo.title ", "images.primary.large"],
        }))
        .unwrap();
        assert_eq!(p.asins, asins(&["B08N5WRWNW", "B07XJ8C8F5", "0123456789"]));
        assert_eq!(p.condition, Some(Condition::New));
        assert_eq!(p.language.as_deref(), Some("de_DE"));
        assert_eq!(p.currency.as_deref(), Some("EUR"));
        assert_eq!(
            p.creators_resources(),
            ["itemInfo.title", "images.primary.large"]
        );
        assert_eq!(
            p.paapi_resources(),
            ["ItemInfo.Title", "Images.Primary.Large"]
        );
    }

    #[test]
    fn get_items_reports_every_problem_under_its_key() {
        let err = GetItemsParams::from_json(&json!({
            "asins": ["B08N5WRWNW", "nope"],
            "condition": "mint",
            "language": "german",
            "currency": "euro",
            "item_page": 2,
        }))
        .unwrap_err();
        assert!(
            messages(&err, "asins").contains("\"NOPE\" is not an ASIN"),
            "{err}"
        );
        assert!(messages(&err, "condition").contains("Any, New"), "{err}");
        assert!(messages(&err, "language").contains("en_US"), "{err}");
        assert!(messages(&err, "currency").contains("ISO 4217"), "{err}");
        assert!(
            messages(&err, "item_page").contains("not a parameter"),
            "{err}"
        );
        let err = GetItemsParams::from_json(&json!({ "asins": [] })).unwrap_err();
        assert!(messages(&err, "asins").contains("at least one ASIN"));
        let err = GetItemsParams::from_json(&json!(["B08N5WRWNW"])).unwrap_err();
        assert_eq!(err.for_field("params").count(), 1);
    }

    #[test]
    fn default_resources_cover_the_product_model() {
        let items = default_resources(Operation::GetItems);
        for needed in [
            "itemInfo.title",
            "itemInfo.byLineInfo",
            "itemInfo.features",
            "images.primary.medium",
            "images.variants.large",
            "offersV2.listings.price",
            "offersV2.listings.availability",
            "offersV2.listings.condition",
            "offersV2.listings.merchantInfo",
            "offersV2.listings.isBuyBoxWinner",
            "offersV2.listings.dealDetails",
            "browseNodeInfo.browseNodes",
            "browseNodeInfo.websiteSalesRank",
            "parentASIN",
            "customerReviews.starRating",
        ] {
            assert!(items.contains(&needed), "{needed}");
        }
        assert!(
            default_resources(Operation::GetVariations)
                .contains(&"variationSummary.variationDimension")
        );
        assert_eq!(
            default_resources(Operation::GetBrowseNodes),
            ["browseNodes.ancestor", "browseNodes.children"]
        );
        let pa = paapi_default_resources(Operation::GetItems);
        for needed in [
            "ItemInfo.Title",
            "Offers.Listings.Price",
            "Images.Primary.Medium",
            "ParentASIN",
        ] {
            assert!(pa.contains(&needed), "{needed}");
        }
        for op in Operation::ALL {
            for r in default_resources(op) {
                assert!(r.chars().next().unwrap().is_ascii_lowercase(), "{r}");
                assert!(r.len() <= 100);
            }
            for r in paapi_default_resources(op) {
                assert!(
                    r.split('.')
                        .all(|s| s.chars().next().unwrap().is_ascii_uppercase()),
                    "{r}"
                );
            }
        }
    }

    #[test]
    fn resource_names_convert_between_spellings() {
        assert_eq!(creators_resource_name("ItemInfo.Title"), "itemInfo.title");
        assert_eq!(creators_resource_name("ParentASIN"), "parentASIN");
        assert_eq!(
            creators_resource_name("Offers.Listings.Availability.Message"),
            "offersV2.listings.availability"
        );
        assert_eq!(
            creators_resource_name("Offers.Listings.SavingBasis"),
            "offersV2.listings.price"
        );
        assert_eq!(
            creators_resource_name("offersV2.listings.price"),
            "offersV2.listings.price"
        );
        assert_eq!(
            paapi_resource_name("itemInfo.byLineInfo"),
            "ItemInfo.ByLineInfo"
        );
        assert_eq!(paapi_resource_name("parentASIN"), "ParentASIN");
        assert_eq!(
            paapi_resource_name("Images.Primary.Small"),
            "Images.Primary.Small"
        );
        let p = GetItemsParams {
            resources: Some(vec![
                "Offers.Listings.Availability.Type".into(),
                "Offers.Listings.Availability.Message".into(),
            ]),
            ..GetItemsParams::new(asins(&["B08N5WRWNW"]))
        };
        assert_eq!(p.creators_resources(), ["offersV2.listings.availability"]);
        assert_eq!(
            GetItemsParams::new(vec![]).creators_resources().len(),
            ITEM_RESOURCES.len()
        );
    }

    #[test]
    fn search_needs_a_term_and_checks_ranges() {
        let err =
            SearchItemsParams::from_json(&json!({ "keywords": "  ", "search_index": "Books" }))
                .unwrap_err();
        assert!(
            messages(&err, "keywords").contains("Enter keywords"),
            "{err}"
        );
        let err = SearchItemsParams::from_json(&json!({
            "keywords": "echo",
            "item_page": 11,
            "item_count": "0",
            "min_price": 500,
            "max_price": 100,
            "min_reviews_rating": 5,
            "min_saving_percent": 100,
            "search_index": "Home & Kitchen",
            "sort_by": "cheapest",
            "browse_node_id": "12ab",
            "delivery_flags": "Prime, Teleport",
            "item_count_typo": 1,
        }))
        .unwrap_err();
        for field in [
            "item_page",
            "item_count",
            "min_price",
            "min_reviews_rating",
            "min_saving_percent",
            "search_index",
            "sort_by",
            "browse_node_id",
            "delivery_flags",
            "item_count_typo",
        ] {
            assert_eq!(err.for_field(field).count(), 1, "{field}: {err}");
        }
        assert!(messages(&err, "item_page").contains("between 1 and 10; 11 was given"));
        let err =
            SearchItemsParams::from_json(&json!({ "keywords": "x", "item_page": -1 })).unwrap_err();
        assert!(messages(&err, "item_page").contains("positive whole number"));
        let err = SearchItemsParams::from_json(&json!({ "keywords": "x", "item_page": 2.5 }))
            .unwrap_err();
        assert!(messages(&err, "item_page").contains("positive whole number"));
        let long = "a".repeat(MAX_TERM_CHARS + 1);
        let err = SearchItemsParams::keywords(long).validate().unwrap_err();
        assert_eq!(err.for_field("keywords").count(), 1);
    }

    #[test]
    fn search_reads_lenient_values() {
        let p = SearchItemsParams::from_json(&json!({
            "keywords": " echo dot ",
            "search_index": "Electronics",
            "item_page": "2",
            "item_count": 10.0,
            "sort_by": "price:low_to_high",
            "availability": "includeoutofstock",
            "delivery_flags": ["Prime", "prime", "FreeShipping"],
            "min_price": 100,
            "browse_node_id": 340843031,
        }))
        .unwrap();
        assert_eq!(p.keywords.as_deref(), Some("echo dot"));
        assert_eq!(p.item_page, Some(2));
        assert_eq!(p.item_count, Some(10));
        assert_eq!(p.sort_by, Some(SortBy::PriceLowToHigh));
        assert_eq!(p.sort_by.unwrap().as_str(), "Price:LowToHigh");
        assert_eq!(p.availability, Some(SearchAvailability::IncludeOutOfStock));
        assert_eq!(
            p.delivery_flags,
            [DeliveryFlag::Prime, DeliveryFlag::FreeShipping]
        );
        assert_eq!(p.browse_node_id.as_deref(), Some("340843031"));
        let only_brand = SearchItemsParams::from_json(&json!({ "brand": "Amazon" })).unwrap();
        assert_eq!(only_brand.brand.as_deref(), Some("Amazon"));
    }

    #[test]
    fn variations_need_an_asin_and_a_count_up_to_ten() {
        let p = GetVariationsParams::from_json(
            &json!({ "asin": "https://www.amazon.com/dp/B08N5WRWNW", "variation_page": 3 }),
        )
        .unwrap();
        assert_eq!(p.asin.as_str(), "B08N5WRWNW");
        assert_eq!(p.variation_page, Some(3));
        let err = GetVariationsParams::from_json(&json!({})).unwrap_err();
        assert!(messages(&err, "asin").contains("Enter the ASIN"));
        let err = GetVariationsParams::from_json(
            &json!({ "asin": "B08N5WRWNW", "variation_count": 11, "variation_page": 0 }),
        )
        .unwrap_err();
        assert_eq!(err.for_field("variation_count").count(), 1);
        assert_eq!(err.for_field("variation_page").count(), 1);
        let err = GetVariationsParams::from_json(&json!({ "asin": "bad" })).unwrap_err();
        assert!(messages(&err, "asin").contains("not an ASIN"));
    }

    #[test]
    fn browse_nodes_take_one_to_ten_numeric_ids() {
        let p = GetBrowseNodesParams::from_json(
            &json!({ "browse_node_ids": ["340843031", 340843031, " 123 "] }),
        )
        .unwrap();
        assert_eq!(p.browse_node_ids, ["340843031", "123"]);
        let err = GetBrowseNodesParams::from_json(&json!({ "browse_node_ids": [] })).unwrap_err();
        assert!(messages(&err, "browse_node_ids").contains("at least one"));
        let eleven: Vec<String> = (1..=11).map(|i| i.to_string()).collect();
        let err =
            GetBrowseNodesParams::from_json(&json!({ "browse_node_ids": eleven })).unwrap_err();
        assert!(messages(&err, "browse_node_ids").contains("at most 10"));
        let err = GetBrowseNodesParams::new(vec!["abc".into(), "0".into()])
            .validate()
            .unwrap_err();
        assert_eq!(err.for_field("browse_node_ids").count(), 2);
    }

    #[test]
    fn serde_deserialization_validates() {
        let p: GetItemsParams = serde_json::from_str(r#"{"asins":["B08N5WRWNW"]}"#).unwrap();
        assert_eq!(p.asins.len(), 1);
        let err = serde_json::from_str::<GetItemsParams>(r#"{"asins":["x"]}"#).unwrap_err();
        assert!(err.to_string().contains("asins:"), "{err}");
        let op =
            OperationParams::from_json(Operation::SearchItems, &json!({"keywords": "x"})).unwrap();
        assert_eq!(op.operation(), Operation::SearchItems);
        let c: Condition = serde_json::from_str("\"ANY\"").unwrap();
        assert_eq!(c, Condition::Any);
        assert!(Condition::Any.in_creators_api() && !Condition::Used.in_creators_api());
    }

    proptest::proptest! {
        #[test]
        fn reading_never_panics(json in "\\PC{0,120}") {
            if let Ok(value) = serde_json::from_str::<Value>(&json) {
                for op in Operation::ALL {
                    let _ = OperationParams::from_json(op, &value);
                }
            }
        }

        #[test]
        fn any_number_is_read_or_refused(n in proptest::num::i64::ANY, f in proptest::num::f64::ANY) {
            let _ = SearchItemsParams::from_json(&json!({"keywords": "x", "item_page": n, "min_price": f}));
        }
    }
}
