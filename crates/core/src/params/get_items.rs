//! GetItems: items by ASIN, up to ten per request.

use serde_json::Value;

use crate::asin::Asin;
use crate::field_error::FieldErrors;
use crate::messages;
use crate::operation::Operation;

use super::Properties;
use super::checks::{
    MAX_IDS_PER_REQUEST, check_currency, check_language, check_properties, combine, dedup,
};
use super::choices::Condition;
use super::reader::Reader;
use super::resources::{check_resources, resources_for};

/// GetItems: up to 10 items by ASIN per request; longer lists are split by [`batches`].
///
/// [`batches`]: GetItemsParams::batches
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GetItemsParams {
    /// The ASINs, in the order the answer should follow (JSON key `asins`; a list, or one
    /// string of ASINs separated by commas or spaces).
    pub asins: Vec<Asin>,
    /// Resources to return; `None` means [`default_resources`](crate::default_resources).
    pub resources: Option<Vec<String>>,
    /// The Creators API's reserved `properties`: named text values sent as they are (JSON key
    /// `properties`); empty means none. PA-API 5.0 has no such parameter.
    pub properties: Properties,
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
        let properties = r.properties(&["properties"]);
        let read = r.finish();
        let params = GetItemsParams {
            asins: asins.unwrap_or_default(),
            resources,
            condition,
            language,
            currency,

            properties,
        };
        combine(read, params.validate())
    }

    /// Checks and normalizes: at least one ASIN, duplicates removed (first one kept),
    /// resources, language and currency well-formed.
    pub fn validate(mut self) -> Result<GetItemsParams, FieldErrors> {
        let mut errors = FieldErrors::new();
        self.asins = dedup(self.asins);
        if self.asins.is_empty() {
            errors.push("asins", messages::LOOKUP_ASINS_MISSING.plain());
        }
        self.resources = check_resources(self.resources, &mut errors);
        self.language = check_language(self.language, &mut errors);
        self.currency = check_currency(self.currency, &mut errors);
        check_properties(&self.properties, &mut errors);
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
}
