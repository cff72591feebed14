//! GetVariations: one page of the variations of a parent item.

use serde_json::Value;

use crate::asin::Asin;
use crate::field_error::FieldErrors;
use crate::operation::Operation;

use super::checks::{check_currency, check_language, check_range, combine};
use super::choices::Condition;
use super::reader::Reader;
use super::resources::{check_resources, resources_for};

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
    /// Resources to return; `None` means [`default_resources`](crate::default_resources).
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn messages(errors: &FieldErrors, field: &str) -> String {
        errors.for_field(field).collect::<Vec<_>>().join(" | ")
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
}
