//! What GetBrowseNodes and GetVariations return besides items.

use crate::item::{
    BrowseNodeDetail, Refinement, RefinementBin, SearchRefinements, VariationDimension,
    VariationSummary,
};

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

/// SearchItems' `searchRefinements`; `None` when absent.
pub(super) fn search_refinements(node: Node<'_, '_>) -> Option<SearchRefinements> {
    if !node.is_object() {
        return None;
    }
    let refinement = |r: Node<'_, '_>| {
        r.is_object().then(|| Refinement {
            id: r.get("id").text(),
            name: r.get("displayName").text(),
            bins: r
                .get("bins")
                .list()
                .map(|b| RefinementBin {
                    id: b.get("id").text(),
                    name: b.get("displayName").text(),
                })
                .collect(),
        })
    };
    Some(SearchRefinements {
        search_index: refinement(node.get("searchIndex")),
        browse_node: refinement(node.get("browseNode")),
        other: node
            .get("otherRefinements")
            .list()
            .filter_map(refinement)
            .collect(),
    })
}

/// GetVariations' `variationSummary`. The prices are Money objects directly
/// (`price.lowestPrice.amount`), as in the official SDK's models; a `{money: {...}}` wrapper is
/// read as well.
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
                    locale: d.get("locale").text(),
                    values: d.get("values").texts(),
                })
            })
            .collect(),
    }
}
