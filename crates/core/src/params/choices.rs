//! The fixed choices among the parameters (condition, sort order, availability, delivery
//! flags), read leniently in any case and spacing.

use std::fmt;

use serde::{Deserialize, Deserializer};

macro_rules! choice {
    ($(#[$meta:meta])* $name:ident, $what:literal { $($(#[$vmeta:meta])* $variant:ident = $text:literal,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
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
            pub(crate) fn expected() -> String {
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
