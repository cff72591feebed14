//! One item object of either API into an [`Item`].

use crate::item::{
    BrowseNode, Classifications, ContentInfo, ContentLanguage, Contributor, CustomerReviews, Deal,
    Dimensions, ExternalIds, Item, ItemAvailability, ManufactureInfo, Merchant, ProductInfo,
    Savings, TechnicalInfo, TradeIn, VariationAttribute,
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
    fill_info(item, info);

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
                ancestors: n.ancestors(),
                children: n
                    .get("children")
                    .list()
                    .filter_map(Node::node_ref)
                    .collect(),
            })
        })
        .collect();
    item.sales_rank = nodes.at(&["websiteSalesRank", "salesRank"]).unsigned();
    item.sales_rank_category = nodes.get("websiteSalesRank").node_ref();

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
    let star = reviews.get("starRating");
    let rating = if star.is_object() {
        star.get("value").decimal()
    } else {
        star.decimal()
    };
    let count = reviews.get("count").unsigned();
    item.customer_reviews = (rating.is_some() || count.is_some()).then_some(CustomerReviews {
        star_rating: rating,
        count,
    });
    item.score = node.get("score").decimal();
}

/// Contributors, external IDs, product, manufacture, content and technical facts, the
/// classification and the trade-in offer of `itemInfo`.
fn fill_info(item: &mut Item, info: Node<'_, '_>) {
    item.contributors = info
        .at(&["byLineInfo", "contributors"])
        .list()
        .filter_map(|c| {
            Some(Contributor {
                name: c.get("name").text()?,
                role: c.get("role").text(),
                role_type: c.get("roleType").text(),
                locale: c.get("locale").text(),
            })
        })
        .collect();
    let ids = info.get("externalIds");
    item.external_ids = ExternalIds {
        eans: ids.at(&["eans", "displayValues"]).texts(),
        isbns: ids.at(&["isbns", "displayValues"]).texts(),
        upcs: ids.at(&["upcs", "displayValues"]).texts(),
    };
    let product = info.get("productInfo");
    let dimensions = product.get("itemDimensions");
    item.product_info = ProductInfo {
        color: product.get("color").value().text(),
        size: product.get("size").value().text(),
        is_adult_product: product.get("isAdultProduct").value().bool(),
        unit_count: product.get("unitCount").value().unsigned(),
        release_date: product.get("releaseDate").value().string(),
        dimensions: Dimensions {
            height: dimensions.get("height").measure(),
            length: dimensions.get("length").measure(),
            width: dimensions.get("width").measure(),
            weight: dimensions.get("weight").measure(),
        },
    };
    let made = info.get("manufactureInfo");
    item.manufacture_info = ManufactureInfo {
        item_part_number: made.get("itemPartNumber").value().text(),
        model: made.get("model").value().text(),
        warranty: made.get("warranty").value().text(),
    };
    let classes = info.get("classifications");
    item.classifications = Classifications {
        binding: classes.get("binding").value().text(),
        product_group: classes.get("productGroup").value().text(),
    };
    let content = info.get("contentInfo");
    item.content_info = ContentInfo {
        edition: content.get("edition").value().text(),
        languages: content
            .at(&["languages", "displayValues"])
            .list()
            .filter_map(|l| {
                Some(ContentLanguage {
                    name: l.value().text()?,
                    kind: l.get("type").text(),
                })
            })
            .collect(),
        pages_count: content.get("pagesCount").value().unsigned(),
        publication_date: content.get("publicationDate").value().string(),
    };
    item.audience_rating = info.at(&["contentRating", "audienceRating"]).value().text();
    let technical = info.get("technicalInfo");
    item.technical_info = TechnicalInfo {
        energy_efficiency_class: technical.get("energyEfficiencyClass").value().text(),
        formats: technical.at(&["formats", "displayValues"]).texts(),
    };
    let trade_in = info.get("tradeInInfo");
    item.trade_in = trade_in.is_object().then(|| TradeIn {
        is_eligible: trade_in.get("isEligibleForTradeIn").bool(),
        price: trade_in.get("price").money(),
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
    let price_basis = price.get("savingBasis");
    let listing_basis = listing.get("savingBasis");
    item.list_price = price_basis.money().or_else(|| listing_basis.money());
    let basis = if price_basis.is_object() {
        price_basis
    } else {
        listing_basis
    };
    item.list_price_type = basis.get("savingBasisType").string();
    item.list_price_label = basis.get("savingBasisTypeLabel").text();
    item.price_per_unit = price.get("pricePerUnit").money();
    item.loyalty_points = listing.at(&["loyaltyPoints", "points"]).unsigned();
    item.offer_type = listing.get("type").string();

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
    let condition = listing.get("condition");
    item.condition = condition.get("value").text();
    item.sub_condition = condition.get("subCondition").text_or_value();
    item.condition_note = condition.get("conditionNote").text_or_value();
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
