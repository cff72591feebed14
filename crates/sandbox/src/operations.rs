//! The four catalog operations on the generated catalog, answered in Creators API shape (the
//! PA-API handler converts the result). Shared by both APIs so they always agree.

use asa2_core::{Marketplace, Operation};
use serde_json::{Value, json};

use crate::catalog::{self, Missing, search_asin, search_category, search_total};
use crate::render::{self, Ctx, available, money, search_url};
use crate::request::CatalogRequest;

/// A per-item error reported beside the items.
#[derive(Debug, Clone)]
pub(crate) struct ItemError {
    pub(crate) asin: String,
    pub(crate) missing: Missing,
}

impl ItemError {
    /// The Creators API `{code, message}`.
    pub(crate) fn creators(&self) -> Value {
        match self.missing {
            Missing::NotAccessible => json!({
                "code": "ItemNotAccessible",
                "message": format!("The ItemId {} is not accessible through the Creators API.", self.asin),
            }),
            Missing::NotFound => json!({
                "code": "ItemNotFound",
                "message": format!("The ItemId {} provided in the request is invalid or does not exist.", self.asin),
            }),
        }
    }

    /// The PA-API 5.0 `{__type, Code, Message}`.
    pub(crate) fn paapi(&self) -> Value {
        match self.missing {
            Missing::NotAccessible => json!({
                "__type": "com.amazon.paapi5#ErrorData",
                "Code": "ItemNotAccessible",
                "Message": format!("The ItemId {} is not accessible through the Product Advertising API.", self.asin),
            }),
            Missing::NotFound => json!({
                "__type": "com.amazon.paapi5#ErrorData",
                "Code": "InvalidParameterValue",
                "Message": format!("The ItemId {} provided in the request is invalid.", self.asin),
            }),
        }
    }
}

/// A successful answer: the result object (`{"itemsResult": …}`) and per-item errors.
pub(crate) struct Answer {
    pub(crate) result: Value,
    pub(crate) errors: Vec<ItemError>,
}

/// Nothing matched (HTTP 404); the value names what was looked for.
pub(crate) struct NoResults(pub(crate) String);

/// Runs `op` for marketplace `m`.
pub(crate) fn run(
    seed: u64,
    op: Operation,
    m: Marketplace,
    r: &CatalogRequest,
    ctx: &Ctx,
) -> Result<Answer, NoResults> {
    match op {
        Operation::GetItems => Ok(get_items(seed, m, r, ctx)),
        Operation::SearchItems => search_items(seed, m, r, ctx),
        Operation::GetVariations => get_variations(seed, m, r, ctx),
        Operation::GetBrowseNodes => Ok(get_browse_nodes(seed, r)),
        // An operation the core knows and the sandbox does not simulate finds nothing.
        _ => Err(NoResults(op.name().to_string())),
    }
}

fn get_items(seed: u64, m: Marketplace, r: &CatalogRequest, ctx: &Ctx) -> Answer {
    let mut items = Vec::new();
    let mut errors = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for asin in &r.item_ids {
        if !seen.insert(asin.clone()) {
            continue;
        }
        match catalog::product(seed, m, asin) {
            Ok(p) => items.push(render::item(&p, r, ctx)),
            Err(missing) => errors.push(ItemError {
                asin: asin.clone(),
                missing,
            }),
        }
    }
    let result = if items.is_empty() {
        json!({})
    } else {
        json!({"itemsResult": {"items": items}})
    };
    Answer { result, errors }
}

fn search_items(
    seed: u64,
    m: Marketplace,
    r: &CatalogRequest,
    ctx: &Ctx,
) -> Result<Answer, NoResults> {
    let s = &r.search;
    let query = format!("{}|{}", s.text.to_lowercase(), s.search_index);
    let total = search_total(seed, m, &query);
    let per_page = s.item_count;
    let start = (s.item_page - 1) * per_page;
    if start >= total {
        return Err(NoResults(s.text.clone()));
    }
    let cat = search_category(seed, &s.text);
    let wanted = per_page.min(total - start);
    let mut items = Vec::new();
    let mut matched = 0u64;
    let mut i = 0u64;
    // Walk the deterministic result stream, skipping what the availability filter hides.
    while (items.len() as u64) < wanted && i < (start + wanted) * 4 + 40 {
        let asin = search_asin(seed, m, &query, cat, i);
        i += 1;
        let Ok(p) = catalog::product(seed, m, &asin) else {
            continue;
        };
        if !s.include_out_of_stock && !available(&p) {
            continue;
        }
        if matched >= start {
            items.push(render::item(&p, r, ctx));
        }
        matched += 1;
    }
    let mut result = json!({
        "totalResultCount": total,
        "searchURL": search_url(m, s.keywords.as_deref().unwrap_or(&s.text), ctx.partner_tag),
        "items": items,
    });
    if r.wants("searchrefinements") {
        let c = &catalog::CATEGORIES[cat];
        let (leaf, leaf_name) = c.nodes[c.nodes.len() - 1];
        result["searchRefinements"] = json!({
            "searchIndex": {"id": "SearchIndex", "displayName": "Department",
                             "bins": [{"id": c.search_index, "displayName": c.nodes[0].1}]},
            "browseNode": {"id": "BrowseNode", "displayName": "Category",
                           "bins": [{"id": leaf.to_string(), "displayName": leaf_name}]},
            "otherRefinements": [],
        });
    }
    Ok(Answer {
        result: json!({"searchResult": result}),
        errors: Vec::new(),
    })
}

fn get_variations(
    seed: u64,
    m: Marketplace,
    r: &CatalogRequest,
    ctx: &Ctx,
) -> Result<Answer, NoResults> {
    let asin = r.asin.clone().unwrap_or_default();
    let Some(children) = catalog::variation_children(seed, &asin) else {
        return Err(NoResults(asin));
    };
    let per_page = r.variation_count as usize;
    let pages = children.len().div_ceil(per_page);
    let page = r.variation_page as usize;
    if page > pages {
        return Err(NoResults(asin));
    }
    let products: Vec<catalog::Product> = children
        .iter()
        .filter_map(|c| catalog::product(seed, m, c).ok())
        .collect();
    let items: Vec<Value> = products
        .iter()
        .skip((page - 1) * per_page)
        .take(per_page)
        .map(|p| render::item(p, r, ctx))
        .collect();
    let mut summary = json!({"pageCount": pages, "variationCount": children.len()});
    if r.wants("variationsummary.price") {
        let prices: Vec<u64> = products
            .iter()
            .filter_map(|p| p.offer.as_ref().and_then(|o| o.price))
            .collect();
        if let (Some(lo), Some(hi)) = (prices.iter().min(), prices.iter().max()) {
            let mut price = serde_json::Map::new();
            if r.wants("variationsummary.price.highestprice") {
                price.insert("highestPrice".into(), money(*hi, m));
            }
            if r.wants("variationsummary.price.lowestprice") {
                price.insert("lowestPrice".into(), money(*lo, m));
            }
            summary["price"] = Value::Object(price);
        }
    }
    if r.wants("variationsummary.variationdimension")
        && let Some((name, display, _)) = products.first().and_then(|p| p.variation.clone())
    {
        let values: Vec<String> = products
            .iter()
            .filter_map(|p| p.variation.as_ref().map(|v| v.2.clone()))
            .collect();
        summary["variationDimensions"] = json!([{
            "name": name, "displayName": display, "locale": ctx.language, "values": values,
        }]);
    }
    Ok(Answer {
        result: json!({"variationsResult": {"items": items, "variationSummary": summary}}),
        errors: Vec::new(),
    })
}

fn get_browse_nodes(seed: u64, r: &CatalogRequest) -> Answer {
    let nodes: Vec<Value> = r
        .browse_node_ids
        .iter()
        .filter_map(|id| id.parse::<u64>().ok())
        .map(|id| render::browse_node(&catalog::browse_node(seed, id), r))
        .collect();
    Answer {
        result: json!({"browseNodesResult": {"browseNodes": nodes}}),
        errors: Vec::new(),
    }
}
