//! The two Amazon APIs the plugin talks to. Which one answered decides how its answers and
//! error codes are read, and is stored with every product (`source.api`).

use serde::{Deserialize, Serialize};

/// An Amazon API: the Creators API or the Product Advertising API 5.0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SourceApi {
    /// The Amazon Creators API.
    #[serde(rename = "creators")]
    Creators,
    /// The Product Advertising API 5.0.
    #[serde(rename = "paapi5")]
    PaApi5,
}

impl SourceApi {
    /// Both APIs, the Creators API first.
    pub const ALL: [SourceApi; 2] = [SourceApi::Creators, SourceApi::PaApi5];

    /// The stored identifier: `creators` or `paapi5`.
    pub const fn id(self) -> &'static str {
        match self {
            SourceApi::Creators => "creators",
            SourceApi::PaApi5 => "paapi5",
        }
    }

    /// The name the plugin shows: `Creators API` or `PA-API 5.0`.
    pub const fn label(self) -> &'static str {
        match self {
            SourceApi::Creators => "Creators API",
            SourceApi::PaApi5 => "PA-API 5.0",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_the_serialized_names() {
        for api in SourceApi::ALL {
            let json = serde_json::to_string(&api).unwrap();
            assert_eq!(json, format!("\"{}\"", api.id()));
            assert_eq!(serde_json::from_str::<SourceApi>(&json).unwrap(), api);
        }
    }
}
