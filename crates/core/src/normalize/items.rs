//! One item object of either API into an [`Item`].

use crate::item::{
    BrowseNode, CustomerReviews, Deal, Item, ItemAvailability, Merchant, Savings,
    VariationAttribute,
};

use super::node::Node;

/// Fills every field of `item` the item object `node` provides.
pub(super) fn fill(item: &mut Item, node: Node<'_, '_>) {
    let info = node.get("itemInfo");
    item.parent_asin = node.get("parentASIN").text();
    item.title = info.at(&["title", "displayValue"]).text();
    item.detail_page_url = node.get("detailPageURL").string();
    item.brand = info.at(&["byLineInfo", "brand", "displayValue"]).text();
    item.manufacturer = info
        .at(&["byLineInfo", "manufacturer", "displayValue"])
        .text();
    item.features = info.at(&["features", "displayValues"]).texts();

    let images = node.get("images");
    item.images.primary = images.get("primary").image_set();
    item.images.variants = images
        .get("variants")
        .list()
        .filter_map(Node::image_set)
        .collect();

    fill_offer(item, featured_listing(node));

    let nodes = node.get("browseNodeInfo");
    item.browse_nodes = nodes
        .get("browseNodes")
        .list()
        .filter_map(|n| {
            Some(BrowseNode {
                id: n.get("id").text()?,
                name: n.get("displayName").text(),
                context_free_name: n.get("contextFreeName").text(),
                is_root: n.get("isRoot").bool(),
                sales_rank: n.get("salesRank").unsigned(),
            })
        })
        .collect();
    item.sales_rank = nodes.at(&["websiteSalesRank", "salesRank"]).unsigned();

    item.variation_attributes = node
        .get("variationAttributes")
        .list()
        .filter_map(|a| {
            Some(VariationAttribute {
                name: a.get("name").text()?,
                value: a.get("value").text(),
            })
        })
        .collect();

    let reviews = node.get("customerReviews");
    let rating = if reviews.get("starRating").is_object() {
        reviews.at(&["starRating", "value"]).decimal()
    } else {
        reviews.get("starRating").decimal()
    };
    let count = reviews.get("count").unsigned();
    item.customer_reviews = (rating.is_some() || count.is_some()).then_some(CustomerReviews {
        star_rating: rating,
        count,
    });
}

/// The offer shown for the item: among `offersV2.listings` (both APIs) or else PA-API's
/// older `Offers.Listings`, the buy-box winner, else the first listing.
fn featured_listing<'j, 'a>(node: Node<'j, 'a>) -> Option<Node<'j, 'a>> {
    let pick = |listings: Node<'j, 'a>| {
        listings
            .list()
            .find(|l| l.get("isBuyBoxWinner").bool() == Some(true))
            .or_else(|| listings.list().next())
    };
    pick(node.at(&["offersV2", "listings"])).or_else(|| pick(node.at(&["offers", "listings"])))
}

/// Price, savings, availability, condition, merchant and deal of the featured listing.
///
/// `offersV2` nests the money (`price.money`, `price.savingBasis.money`,
/// `price.savings.money`); PA-API's `Offers` keeps it flat (`Price`, `SavingBasis` beside the
/// price, `Price.Savings`). Both forms are read.
fn fill_offer(item: &mut Item, listing: Option<Node<'_, '_>>) {
    let Some(listing) = listing else {
        return;
    };
    let price = listing.get("price");
    item.price = price.money();
    item.list_price = price
        .get("savingBasis")
        .money()
        .or_else(|| listing.get("savingBasis").money());

    let savings = price.get("savings");
    let percentage = savings.get("percentage").percent();
    item.savings = match savings.money() {
        None if percentage.is_none() => None,
        money => {
            let money = money.unwrap_or_default();
            Some(Savings {
                amount: money.amount,
                currency: money.currency,
                display: money.display,
                percentage,
            })
        }
    };

    let availability = listing.get("availability");
    item.availability = availability.is_object().then(|| ItemAvailability {
        kind: availability_type(availability.get("type").string()),
        message: availability.get("message").text(),
        min_order_quantity: availability.get("minOrderQuantity").unsigned32(),
        max_order_quantity: availability.get("maxOrderQuantity").unsigned32(),
    });
    item.condition = listing.at(&["condition", "value"]).text();
    let merchant = listing.get("merchantInfo");
    item.merchant = merchant.is_object().then(|| Merchant {
        name: merchant.get("name").text(),
        id: merchant.get("id").text(),
    });
    item.is_buy_box_winner = listing.get("isBuyBoxWinner").bool();
    item.violates_map = listing.get("violatesMAP").bool();
    let deal = listing.get("dealDetails");
    item.deal = deal.is_object().then(|| Deal {
        access_type: deal.get("accessType").string(),
        badge: deal.get("badge").text(),
        start_time: deal.get("startTime").string(),
        end_time: deal.get("endTime").string(),
        percent_claimed: deal.get("percentClaimed").percent(),
        early_access_duration_ms: deal.get("earlyAccessDurationInMilliseconds").unsigned(),
    });
}

/// An availability type in the Creators API's vocabulary (`IN_STOCK`, `BACKORDER`, ...).
/// PA-API's `Now` means in stock; other PascalCase values become UPPER_SNAKE_CASE.
fn availability_type(raw: Option<String>) -> Option<String> {
    let raw = raw?;
    if raw.eq_ignore_ascii_case("now") {
        return Some("IN_STOCK".to_string());
    }
    let mut out = String::with_capacity(raw.len() + 4);
    let mut previous_lower = false;
    for c in raw.chars() {
        if matches!(c, ' ' | '-' | '_') {
            if !out.is_empty() && !out.ends_with('_') {
                out.push('_');
            }
            previous_lower = false;
            continue;
        }
        if c.is_uppercase() && previous_lower {
            out.push('_');
        }
        previous_lower = c.is_lowercase() || c.is_ascii_digit();
        out.extend(c.to_uppercase());
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn availability_types_share_one_vocabulary() {
        let norm = |s: &str| availability_type(Some(s.to_string())).unwrap();
        assert_eq!(norm("Now"), "IN_STOCK");
        assert_eq!(norm("IN_STOCK_SCARCE"), "IN_STOCK_SCARCE");
        assert_eq!(norm("Backorder"), "BACKORDER");
        assert_eq!(norm("OutOfStock"), "OUT_OF_STOCK");
        assert_eq!(norm("Pre-order"), "PRE_ORDER");
        assert_eq!(availability_type(None), None);
    }
}
