//! SearchItems: one page of items matching search terms and filters.

use serde_json::Value;

use crate::field_error::FieldErrors;
use crate::message::message;
use crate::messages;
use crate::operation::Operation;
use crate::quote::excerpt;

use super::Properties;
use super::checks::{
    browse_node_problem, check_currency, check_language, check_properties, check_range, combine,
    dedup, non_blank,
};
use super::choices::{Condition, DeliveryFlag, SearchAvailability, SortBy};
use super::reader::Reader;
use super::resources::{check_resources, resources_for};

/// Longest search term (keywords, title, ...) Amazon accepts.
const MAX_TERM_CHARS: usize = 1000;

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
    /// Resources to return; `None` means [`default_resources`](crate::default_resources).
    pub resources: Option<Vec<String>>,
    /// The Creators API's reserved `properties`: named text values sent as they are (JSON key
    /// `properties`); empty means none. PA-API 5.0 has no such parameter.
    pub properties: Properties,
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
            properties: r.properties(&["properties"]),
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
                    message!(messages::SEARCH_TERM_TOO_LONG, max = MAX_TERM_CHARS),
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
            errors.push("keywords", messages::SEARCH_TERM_MISSING.plain());
        }
        check_properties(&self.properties, &mut errors);
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
        self.delivery_flags = dedup(self.delivery_flags);
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn messages(errors: &FieldErrors, field: &str) -> String {
        errors.for_field(field).collect::<Vec<_>>().join(" | ")
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
}
