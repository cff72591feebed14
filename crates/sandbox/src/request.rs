//! Reading and checking the JSON body of a catalog operation, for both APIs. The Creators API
//! names fields in lowerCamelCase (`itemIds`), PA-API 5.0 in PascalCase (`ItemIds`); the rules
//! are the same.

use asa2_core::{Operation, SourceApi};
use serde_json::{Map, Value};

use crate::catalog::is_asin;

/// One problem with one field.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Problem {
    /// The field as the API names it (`itemIds` / `ItemIds`).
    pub(crate) field: String,
    pub(crate) missing: bool,
    /// The offending value as text (empty when missing).
    pub(crate) value: String,
    /// The constraint, e.g. `Member must have length between 1 and 10, inclusive`.
    pub(crate) constraint: String,
}

impl Problem {
    /// The Creators API (Smithy) message.
    pub(crate) fn creators_message(&self) -> String {
        if self.missing {
            format!(
                "Value at '/{}' failed to satisfy constraint: Member must not be null",
                self.field
            )
        } else {
            format!(
                "Value at '/{}' failed to satisfy constraint: {}",
                self.field, self.constraint
            )
        }
    }
}

/// The search part of a SearchItems request.
#[derive(Debug, Clone, Default)]
pub(crate) struct Search {
    /// Every search term joined, used to derive the results.
    pub(crate) text: String,
    pub(crate) keywords: Option<String>,
    pub(crate) browse_node_id: Option<String>,
    pub(crate) search_index: String,
    pub(crate) item_count: u64,
    pub(crate) item_page: u64,
    pub(crate) include_out_of_stock: bool,
}

/// A checked catalog request.
#[derive(Debug, Clone, Default)]
pub(crate) struct CatalogRequest {
    pub(crate) partner_tag: Option<String>,
    pub(crate) item_ids: Vec<String>,
    pub(crate) asin: Option<String>,
    pub(crate) browse_node_ids: Vec<String>,
    /// Requested resources, lowercased, in Creators API spelling (`offersv2.listings.price`).
    pub(crate) resources: Vec<String>,
    pub(crate) language: Option<String>,
    pub(crate) search: Search,
    pub(crate) variation_count: u64,
    pub(crate) variation_page: u64,
}

impl CatalogRequest {
    /// Whether the resource `prefix` (lowercase, Creators spelling) or one below it was asked for.
    pub(crate) fn wants(&self, prefix: &str) -> bool {
        self.resources.iter().any(|r| {
            r == prefix || (r.starts_with(prefix) && r.as_bytes().get(prefix.len()) == Some(&b'.'))
        })
    }
}

const ITEM_RESOURCES: &[&str] = &[
    "browsenodeinfo.browsenodes",
    "browsenodeinfo.browsenodes.ancestor",
    "browsenodeinfo.browsenodes.salesrank",
    "browsenodeinfo.websitesalesrank",
    "customerreviews.count",
    "customerreviews.starrating",
    "images.primary.small",
    "images.primary.medium",
    "images.primary.large",
    "images.primary.highres",
    "images.variants.small",
    "images.variants.medium",
    "images.variants.large",
    "images.variants.highres",
    "iteminfo.bylineinfo",
    "iteminfo.contentinfo",
    "iteminfo.contentrating",
    "iteminfo.classifications",
    "iteminfo.externalids",
    "iteminfo.features",
    "iteminfo.manufactureinfo",
    "iteminfo.productinfo",
    "iteminfo.technicalinfo",
    "iteminfo.title",
    "iteminfo.tradeininfo",
    "offersv2.listings.availability",
    "offersv2.listings.condition",
    "offersv2.listings.dealdetails",
    "offersv2.listings.isbuyboxwinner",
    "offersv2.listings.loyaltypoints",
    "offersv2.listings.merchantinfo",
    "offersv2.listings.price",
    "offersv2.listings.type",
    "parentasin",
];

fn resource_allowed(op: Operation, r: &str) -> bool {
    match op {
        Operation::GetBrowseNodes => matches!(r, "browsenodes.ancestor" | "browsenodes.children"),
        Operation::SearchItems => ITEM_RESOURCES.contains(&r) || r == "searchrefinements",
        Operation::GetVariations => {
            ITEM_RESOURCES.contains(&r)
                || matches!(
                    r,
                    "variationsummary.price.highestprice"
                        | "variationsummary.price.lowestprice"
                        | "variationsummary.variationdimension"
                )
        }
        Operation::GetItems => ITEM_RESOURCES.contains(&r),
        _ => false,
    }
}

/// A PA-API 5.0 resource name (`Offers.Listings.Price`) in Creators spelling, or `None` for the
/// PA-API resources without a Creators counterpart (accepted and ignored).
fn paapi_resource(r: &str) -> Option<String> {
    let lower = r.to_ascii_lowercase();
    let known_sections = [
        "browsenodeinfo.",
        "customerreviews.",
        "images.",
        "iteminfo.",
        "offers.",
        "parentasin",
        "searchrefinements",
        "variationsummary.",
        "browsenodes.",
    ];
    if !known_sections.iter().any(|s| lower.starts_with(s)) {
        return Some(lower); // checked (and refused) like any unknown name
    }
    if let Some(rest) = lower.strip_prefix("offers.listings.") {
        let head = rest.split('.').next().unwrap_or("");
        return match head {
            "price" | "savingbasis" => Some("offersv2.listings.price".into()),
            "availability" | "condition" | "isbuyboxwinner" | "merchantinfo" | "loyaltypoints" => {
                Some(format!("offersv2.listings.{head}"))
            }
            _ => None,
        };
    }
    if lower.starts_with("offers.") {
        return None;
    }
    Some(lower.replace("hires", "highres"))
}

/// The PA-API 5.0 name of a Creators field: `itemIds` -> `ItemIds`, `asin` -> `ASIN`.
pub(crate) fn paapi_field(camel: &str) -> String {
    if camel == "asin" {
        return "ASIN".into();
    }
    let mut c = camel.chars();
    match c.next() {
        Some(f) => f.to_ascii_uppercase().to_string() + c.as_str(),
        None => String::new(),
    }
}

struct Body<'a> {
    map: &'a Map<String, Value>,
    api: SourceApi,
    problems: Vec<Problem>,
}

impl Body<'_> {
    fn name(&self, camel: &str) -> String {
        match self.api {
            SourceApi::Creators => camel.to_string(),
            SourceApi::PaApi5 => paapi_field(camel),
        }
    }

    fn get(&self, camel: &str) -> Option<&Value> {
        self.map.get(&self.name(camel)).filter(|v| !v.is_null())
    }

    fn problem(&mut self, camel: &str, value: Option<&Value>, constraint: &str) {
        let value = match value {
            Some(Value::String(s)) => s.clone(),
            Some(v) => v.to_string(),
            None => String::new(),
        };
        self.problems.push(Problem {
            field: self.name(camel),
            missing: false,
            value,
            constraint: constraint.to_string(),
        });
    }

    fn missing(&mut self, camel: &str) {
        self.problems.push(Problem {
            field: self.name(camel),
            missing: true,
            value: String::new(),
            constraint: String::new(),
        });
    }

    fn string(&mut self, camel: &str, max_len: usize, required: bool) -> Option<String> {
        let v = self.get(camel).cloned();
        match v {
            None if required => {
                self.missing(camel);
                None
            }
            None => None,
            Some(Value::String(s)) if s.trim().is_empty() && required => {
                self.missing(camel);
                None
            }
            Some(Value::String(s)) if s.chars().count() > max_len => {
                self.problem(
                    camel,
                    Some(&Value::String(s)),
                    &format!("Member must have length less than or equal to {max_len}"),
                );
                None
            }
            Some(Value::String(s)) => Some(s),
            Some(other) => {
                self.problem(camel, Some(&other), "Member must be a string");
                None
            }
        }
    }

    fn int(&mut self, camel: &str, lo: u64, hi: u64, default: u64) -> u64 {
        let v = self.get(camel).cloned();
        match v {
            None => default,
            Some(Value::Number(n)) if n.as_u64().is_some_and(|x| (lo..=hi).contains(&x)) => {
                n.as_u64().unwrap_or(default)
            }
            Some(other) => {
                let c = if hi == u64::MAX {
                    format!("Member must be an integer greater than or equal to {lo}")
                } else {
                    format!("Member must be an integer between {lo} and {hi}, inclusive")
                };
                self.problem(camel, Some(&other), &c);
                default
            }
        }
    }

    fn list(&mut self, camel: &str, min: usize, max: usize, required: bool) -> Vec<String> {
        let v = self.get(camel).cloned();
        match v {
            None if required => {
                self.missing(camel);
                Vec::new()
            }
            None => Vec::new(),
            Some(Value::Array(items)) => {
                if items.len() < min || items.len() > max {
                    self.problem(
                        camel,
                        Some(&Value::Array(items)),
                        &format!("Member must have length between {min} and {max}, inclusive"),
                    );
                    return Vec::new();
                }
                let mut out = Vec::new();
                for item in &items {
                    match item.as_str() {
                        Some(s) => out.push(s.to_string()),
                        None => {
                            self.problem(camel, Some(item), "Member must be a list of strings");
                            return Vec::new();
                        }
                    }
                }
                out
            }
            Some(other) => {
                self.problem(camel, Some(&other), "Member must be a list of strings");
                Vec::new()
            }
        }
    }

    fn one_of(&mut self, camel: &str, allowed: &[&str]) -> Option<String> {
        let s = self.string(camel, 1000, false)?;
        if allowed.contains(&s.as_str()) {
            Some(s)
        } else {
            self.problem(
                camel,
                Some(&Value::String(s)),
                &format!(
                    "Member must satisfy enum value set: [{}]",
                    allowed.join(", ")
                ),
            );
            None
        }
    }
}

fn is_language(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 5
        && b[..2].iter().all(u8::is_ascii_lowercase)
        && b[2] == b'_'
        && b[3..].iter().all(u8::is_ascii_uppercase)
}

/// Reads and checks the body of `op`. Every problem found is returned, not only the first.
pub(crate) fn parse(
    op: Operation,
    api: SourceApi,
    map: &Map<String, Value>,
) -> Result<CatalogRequest, Vec<Problem>> {
    let mut b = Body {
        map,
        api,
        problems: Vec::new(),
    };
    let mut r = CatalogRequest {
        partner_tag: b.string(
            "partnerTag",
            64,
            op != Operation::SearchItems || api == SourceApi::PaApi5,
        ),
        ..CatalogRequest::default()
    };
    if api == SourceApi::PaApi5 {
        b.one_of("partnerType", &["Associates"]);
    }
    match api {
        SourceApi::Creators => b.one_of("condition", &["Any", "New"]),
        SourceApi::PaApi5 => b.one_of(
            "condition",
            &["Any", "New", "Used", "Collectible", "Refurbished"],
        ),
    };
    if let Some(c) = b.string("currencyOfPreference", 3, false)
        && !(c.len() == 3 && c.bytes().all(|x| x.is_ascii_uppercase()))
    {
        b.problem(
            "currencyOfPreference",
            Some(&Value::String(c)),
            "Member must be an ISO 4217 currency code such as EUR",
        );
    }
    let langs = b.list("languagesOfPreference", 0, 1, false);
    if let Some(l) = langs.first() {
        if is_language(l) {
            r.language = Some(l.clone());
        } else {
            b.problem(
                "languagesOfPreference",
                Some(&Value::String(l.clone())),
                "Member must be a language such as en_US (ll_CC)",
            );
        }
    }
    for res in b.list("resources", 0, 100, false) {
        let normalized = match api {
            SourceApi::Creators => Some(res.to_ascii_lowercase()),
            SourceApi::PaApi5 => paapi_resource(&res),
        };
        match normalized {
            Some(n) if resource_allowed(op, &n) => r.resources.push(n),
            Some(_) => b.problem(
                "resources",
                Some(&Value::String(res.clone())),
                &format!("Member must be a resource {} supports", op.name()),
            ),
            None => {}
        }
    }
    match op {
        Operation::GetItems => {
            if let Some(t) = b.string("itemIdType", 20, false)
                && t != "ASIN"
            {
                b.problem("itemIdType", Some(&Value::String(t)), "Member must be ASIN");
            }
            let ids = b.list("itemIds", 1, 10, true);
            for id in &ids {
                if !is_asin(id) {
                    b.problem(
                        "itemIds",
                        Some(&Value::String(id.clone())),
                        "Member must satisfy regular expression pattern: ^[0-9]{9}[0-9X]|[A-Z][A-Z0-9]{9}$",
                    );
                }
            }
            r.item_ids = ids;
        }
        Operation::GetVariations => {
            if let Some(a) = b.string("asin", 10, true) {
                if is_asin(&a) {
                    r.asin = Some(a);
                } else {
                    b.problem(
                        "asin",
                        Some(&Value::String(a)),
                        "Member must satisfy regular expression pattern: ^[0-9]{9}[0-9X]|[A-Z][A-Z0-9]{9}$",
                    );
                }
            }
            r.variation_count = b.int("variationCount", 1, 10, 10);
            r.variation_page = b.int("variationPage", 1, u64::MAX, 1);
        }
        Operation::GetBrowseNodes => {
            let ids = b.list("browseNodeIds", 1, 10, true);
            for id in &ids {
                if id.is_empty()
                    || id.len() > 19
                    || !id.bytes().all(|c| c.is_ascii_digit())
                    || id.starts_with('0')
                {
                    b.problem(
                        "browseNodeIds",
                        Some(&Value::String(id.clone())),
                        "Member must be a positive number of at most 19 digits",
                    );
                }
            }
            r.browse_node_ids = ids;
        }
        Operation::SearchItems => {
            let mut terms = Vec::new();
            for f in ["keywords", "actor", "artist", "author", "brand", "title"] {
                if let Some(v) = b.string(f, 1000, false)
                    && !v.trim().is_empty()
                {
                    if f == "keywords" {
                        r.search.keywords = Some(v.clone());
                    }
                    terms.push(v);
                }
            }
            if let Some(node) = b.string("browseNodeId", 19, false) {
                if node.bytes().all(|c| c.is_ascii_digit()) && !node.is_empty() {
                    terms.push(format!("node:{node}"));
                    r.search.browse_node_id = Some(node);
                } else {
                    b.problem(
                        "browseNodeId",
                        Some(&Value::String(node)),
                        "Member must be a positive number of at most 19 digits",
                    );
                }
            }
            r.search.search_index = b
                .string("searchIndex", 100, false)
                .unwrap_or_else(|| "All".into());
            r.search.item_count = b.int("itemCount", 1, 10, 10);
            r.search.item_page = b.int("itemPage", 1, 10, 1);
            r.search.include_out_of_stock = b
                .one_of("availability", &["Available", "IncludeOutOfStock"])
                .as_deref()
                == Some("IncludeOutOfStock");
            b.one_of(
                "sortBy",
                &[
                    "AvgCustomerReviews",
                    "Featured",
                    "NewestArrivals",
                    "Price:HighToLow",
                    "Price:LowToHigh",
                    "Relevance",
                ],
            );
            b.int("minReviewsRating", 1, 4, 1);
            b.int("minSavingPercent", 1, 99, 1);
            b.int("maxPrice", 1, u64::MAX, 1);
            b.int("minPrice", 1, u64::MAX, 1);
            for flag in b.list("deliveryFlags", 0, 4, false) {
                if !["AmazonGlobal", "FreeShipping", "FulfilledByAmazon", "Prime"]
                    .contains(&flag.as_str())
                {
                    b.problem(
                        "deliveryFlags",
                        Some(&Value::String(flag)),
                        "Member must satisfy enum value set: [AmazonGlobal, FreeShipping, FulfilledByAmazon, Prime]",
                    );
                }
            }
            if terms.is_empty() && b.problems.is_empty() {
                b.problem(
                    "keywords",
                    None,
                    "At least one of keywords, actor, artist, author, brand, title or browseNodeId must be given",
                );
            }
            r.search.text = terms.join(" | ");
        }
        // An operation the sandbox does not simulate has no parameters of its own to check.
        _ => {}
    }
    if b.problems.is_empty() {
        Ok(r)
    } else {
        Err(b.problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn obj(v: Value) -> Map<String, Value> {
        v.as_object().cloned().unwrap()
    }

    fn any_json() -> impl proptest::strategy::Strategy<Value = Value> {
        use proptest::prelude::*;
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            any::<f64>().prop_map(|f| json!(f)),
            ".{0,12}".prop_map(Value::from),
            Just(json!("B09B2SBHQK")),
        ];
        leaf.prop_recursive(3, 24, 6, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..12).prop_map(Value::from),
                proptest::collection::btree_map(
                    prop_oneof![
                        Just("itemIds".to_string()),
                        Just("ItemIds".to_string()),
                        Just("partnerTag".to_string()),
                        Just("resources".to_string()),
                        Just("Resources".to_string()),
                        Just("keywords".to_string()),
                        Just("itemPage".to_string()),
                        Just("asin".to_string()),
                        Just("browseNodeIds".to_string()),
                        ".{0,8}".prop_map(|s| s),
                    ],
                    inner,
                    0..8,
                )
                .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest::proptest! {
        #[test]
        fn parsing_any_body_never_panics(body in any_json()) {
            if let Value::Object(map) = body {
                for op in Operation::ALL {
                    let _ = parse(op, SourceApi::Creators, &map);
                    let _ = parse(op, SourceApi::PaApi5, &map);
                }
            }
        }
    }

    #[test]
    fn get_items_rules() {
        let ok = parse(
            Operation::GetItems,
            SourceApi::Creators,
            &obj(json!({"partnerTag":"t-21","itemIds":["B09B2SBHQK"],"resources":["itemInfo.title","offersV2.listings.price"],"marketplace":"www.amazon.de"})),
        )
        .unwrap();
        assert!(ok.wants("iteminfo.title"));
        assert!(ok.wants("offersv2.listings"));
        assert!(!ok.wants("offersv2.listings.availability"));

        let err = parse(
            Operation::GetItems,
            SourceApi::Creators,
            &obj(json!({"itemIds":["B09B2SBHQK","bad"], "resources":["ItemInfo.Nope"]})),
        )
        .unwrap_err();
        let fields: Vec<&str> = err.iter().map(|p| p.field.as_str()).collect();
        assert_eq!(fields, ["partnerTag", "resources", "itemIds"]);
        assert!(err[0].missing);

        let eleven: Vec<String> = (0..11).map(|i| format!("B0000000{i:02}")).collect();
        let err = parse(
            Operation::GetItems,
            SourceApi::Creators,
            &obj(json!({"partnerTag":"t","itemIds": eleven})),
        )
        .unwrap_err();
        assert!(err[0].creators_message().contains("between 1 and 10"));
    }

    #[test]
    fn paapi_names_and_resources() {
        let r = parse(
            Operation::GetItems,
            SourceApi::PaApi5,
            &obj(json!({"PartnerTag":"t-21","PartnerType":"Associates","ItemIds":["B09B2SBHQK"],"Resources":["Offers.Listings.Price","Images.Primary.HiRes","Offers.Summaries.LowestPrice"]})),
        )
        .unwrap();
        assert!(r.wants("offersv2.listings.price"));
        assert!(r.wants("images.primary.highres"));
        let err = parse(
            Operation::GetItems,
            SourceApi::PaApi5,
            &obj(json!({"ItemIds":[]})),
        )
        .unwrap_err();
        assert_eq!(err[0].field, "PartnerTag");
        assert_eq!(err[1].field, "ItemIds");
    }

    #[test]
    fn the_cores_default_resources_are_accepted_by_both_apis() {
        for op in Operation::ALL {
            let mut body = json!({"partnerTag": "t", "PartnerTag": "t", "itemIds": ["B09B2SBHQK"],
                "ItemIds": ["B09B2SBHQK"], "keywords": "x", "Keywords": "x", "asin": "B09B2SBHQK",
                "ASIN": "B09B2SBHQK", "browseNodeIds": ["1"], "BrowseNodeIds": ["1"]});
            body["resources"] = json!(asa2_core::default_resources(op));
            body["Resources"] = json!(asa2_core::paapi_default_resources(op));
            let map = body.as_object().unwrap();
            let c = parse(op, SourceApi::Creators, map).unwrap_or_else(|e| panic!("{op}: {e:?}"));
            assert_eq!(c.resources.len(), asa2_core::default_resources(op).len());
            parse(op, SourceApi::PaApi5, map).unwrap_or_else(|e| panic!("{op}: {e:?}"));
        }
    }

    #[test]
    fn search_needs_a_term_and_bounds() {
        let err = parse(
            Operation::SearchItems,
            SourceApi::Creators,
            &obj(json!({"partnerTag":"t"})),
        )
        .unwrap_err();
        assert_eq!(err[0].field, "keywords");
        let err = parse(
            Operation::SearchItems,
            SourceApi::Creators,
            &obj(json!({"keywords":"x","itemCount":11,"itemPage":0})),
        )
        .unwrap_err();
        assert_eq!(err.len(), 2);
        let ok = parse(
            Operation::SearchItems,
            SourceApi::Creators,
            &obj(json!({"keywords":"x","itemPage":2})),
        )
        .unwrap();
        assert_eq!((ok.search.item_count, ok.search.item_page), (10, 2));
    }

    #[test]
    fn browse_nodes_and_variations() {
        assert!(
            parse(
                Operation::GetBrowseNodes,
                SourceApi::Creators,
                &obj(json!({"partnerTag":"t","browseNodeIds":["abc"]}))
            )
            .is_err()
        );
        assert!(parse(Operation::GetBrowseNodes, SourceApi::Creators, &obj(json!({"partnerTag":"t","browseNodeIds":["172282"],"resources":["browseNodes.children"]}))).is_ok());
        assert!(
            parse(
                Operation::GetVariations,
                SourceApi::Creators,
                &obj(json!({"partnerTag":"t","asin":"B09B2SBHQK","variationCount":11}))
            )
            .is_err()
        );
    }
}
