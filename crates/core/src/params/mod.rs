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

mod checks;
mod choices;
mod get_browse_nodes;
mod get_items;
mod get_variations;
mod reader;
mod resources;
mod search_items;

use serde::{Deserialize, Deserializer};
use serde_json::Value;

use crate::field_error::FieldErrors;
use crate::operation::Operation;

pub use checks::MAX_IDS_PER_REQUEST;
pub use choices::{Condition, DeliveryFlag, SearchAvailability, SortBy};
pub use get_browse_nodes::GetBrowseNodesParams;
pub use get_items::GetItemsParams;
pub use get_variations::GetVariationsParams;
pub use resources::{default_resources, paapi_default_resources};
pub use search_items::SearchItemsParams;

/// The parameters of any one operation, as the bindings receive them (operation name plus a
/// JSON object).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

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
