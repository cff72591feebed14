//! The four catalog operations both APIs offer.

use std::fmt;
use std::str::FromStr;

use crate::quote::excerpt;
use serde::{Deserialize, Serialize};

/// A catalog operation, named as in Amazon's documentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub enum Operation {
    /// Up to 10 items by ASIN.
    GetItems,
    /// Items matching keywords and filters.
    SearchItems,
    /// The variations (sizes, colours, ...) of one parent item.
    GetVariations,
    /// Browse nodes (categories) by ID.
    GetBrowseNodes,
}

impl Operation {
    /// Every operation.
    pub const ALL: [Operation; 4] = [
        Operation::GetItems,
        Operation::SearchItems,
        Operation::GetVariations,
        Operation::GetBrowseNodes,
    ];

    /// The name: `GetItems`.
    pub const fn name(self) -> &'static str {
        match self {
            Operation::GetItems => "GetItems",
            Operation::SearchItems => "SearchItems",
            Operation::GetVariations => "GetVariations",
            Operation::GetBrowseNodes => "GetBrowseNodes",
        }
    }

    /// Creators API path: `/catalog/v1/getItems`.
    pub const fn creators_path(self) -> &'static str {
        match self {
            Operation::GetItems => "/catalog/v1/getItems",
            Operation::SearchItems => "/catalog/v1/searchItems",
            Operation::GetVariations => "/catalog/v1/getVariations",
            Operation::GetBrowseNodes => "/catalog/v1/getBrowseNodes",
        }
    }

    /// PA-API 5.0 path: `/paapi5/getitems`.
    pub const fn paapi_path(self) -> &'static str {
        match self {
            Operation::GetItems => "/paapi5/getitems",
            Operation::SearchItems => "/paapi5/searchitems",
            Operation::GetVariations => "/paapi5/getvariations",
            Operation::GetBrowseNodes => "/paapi5/getbrowsenodes",
        }
    }

    /// PA-API 5.0 `x-amz-target` header value.
    pub const fn paapi_target(self) -> &'static str {
        match self {
            Operation::GetItems => "com.amazon.paapi5.v1.ProductAdvertisingAPIv1.GetItems",
            Operation::SearchItems => "com.amazon.paapi5.v1.ProductAdvertisingAPIv1.SearchItems",
            Operation::GetVariations => {
                "com.amazon.paapi5.v1.ProductAdvertisingAPIv1.GetVariations"
            }
            Operation::GetBrowseNodes => {
                "com.amazon.paapi5.v1.ProductAdvertisingAPIv1.GetBrowseNodes"
            }
        }
    }
}

impl fmt::Display for Operation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A string that names no operation.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("\"{0}\" is not an operation: use GetItems, SearchItems, GetVariations or GetBrowseNodes")]
pub struct UnknownOperation(pub String);

impl FromStr for Operation {
    type Err = UnknownOperation;

    /// Accepts the name in any case (`getItems`, `GETITEMS`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Operation::ALL
            .into_iter()
            .find(|op| op.name().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| UnknownOperation(excerpt(s)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_parse_back_in_any_case() {
        for op in Operation::ALL {
            assert_eq!(op.name().parse(), Ok(op));
            assert_eq!(op.name().to_lowercase().parse(), Ok(op));
            assert!(op.paapi_target().ends_with(op.name()));
            assert_eq!(op.paapi_path().to_lowercase(), op.paapi_path());
        }
        assert!("ListFeeds".parse::<Operation>().is_err());
    }
}
