//! Resources: which parts of an item Amazon returns. The defaults are what the product model
//! reads, in the Creators API spelling (`offersV2.listings.price`) and the PA-API 5.0 spelling
//! (`Offers.Listings.Price`); a caller's own list is converted to the spelling of the API it
//! goes to.

use crate::field_error::FieldErrors;
use crate::operation::Operation;
use crate::quote::excerpt;

use super::checks::dedup;

/// Most resources one request may name.
const MAX_RESOURCES: usize = 100;

/// The item resources the product model reads, in Creators API spelling, followed by `$extra`.
macro_rules! item_resources {
    ($($extra:literal),* $(,)?) => {
        &[
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
            $($extra,)*
        ]
    };
}

/// The same in PA-API 5.0 spelling, which names the offer fields finer.
macro_rules! paapi_item_resources {
    ($($extra:literal),* $(,)?) => {
        &[
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
            $($extra,)*
        ]
    };
}

const ITEM_RESOURCES: &[&str] = item_resources!();

const VARIATION_RESOURCES: &[&str] = item_resources!(
    "variationSummary.price.highestPrice",
    "variationSummary.price.lowestPrice",
    "variationSummary.variationDimension",
);

const BROWSE_NODE_RESOURCES: &[&str] = &["browseNodes.ancestor", "browseNodes.children"];

const PAAPI_ITEM_RESOURCES: &[&str] = paapi_item_resources!();

const PAAPI_VARIATION_RESOURCES: &[&str] = paapi_item_resources!(
    "VariationSummary.Price.HighestPrice",
    "VariationSummary.Price.LowestPrice",
    "VariationSummary.VariationDimension",
);

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
pub(crate) fn creators_resource_name(resource: &str) -> String {
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
pub(crate) fn paapi_resource_name(resource: &str) -> String {
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
pub(super) fn resources_for(
    operation: Operation,
    custom: Option<&Vec<String>>,
    paapi: bool,
) -> Vec<String> {
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

pub(super) fn check_resources(
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::asin::Asin;
    use crate::params::GetItemsParams;

    fn asins(list: &[&str]) -> Vec<Asin> {
        list.iter().map(|a| Asin::parse(a).unwrap()).collect()
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
}
