//! What GetBrowseNodes and GetVariations return besides items.

use crate::item::{BrowseNodeDetail, VariationDimension, VariationSummary};

use super::node::Node;

/// A node of GetBrowseNodes with its ancestors and children; `None` without an ID.
pub(super) fn browse_node_detail(node: Node<'_, '_>) -> Option<BrowseNodeDetail> {
    Some(BrowseNodeDetail {
        id: node.get("id").text()?,
        name: node.get("displayName").text(),
        context_free_name: node.get("contextFreeName").text(),
        is_root: node.get("isRoot").bool(),
        sales_rank: node.get("salesRank").unsigned(),
        ancestors: node.ancestors(),
        children: node
            .get("children")
            .list()
            .filter_map(Node::node_ref)
            .collect(),
    })
}

/// GetVariations' `variationSummary`.
pub(super) fn variation_summary(node: Node<'_, '_>) -> VariationSummary {
    VariationSummary {
        page_count: node.get("pageCount").unsigned32(),
        variation_count: node.get("variationCount").unsigned32(),
        lowest_price: node.at(&["price", "lowestPrice"]).money(),
        highest_price: node.at(&["price", "highestPrice"]).money(),
        dimensions: node
            .get("variationDimensions")
            .list()
            .filter_map(|d| {
                Some(VariationDimension {
                    name: d.get("name").text()?,
                    display_name: d.get("displayName").text(),
                    values: d.get("values").texts(),
                })
            })
            .collect(),
    }
}
