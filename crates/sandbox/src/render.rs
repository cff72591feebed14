//! Turning generated products into the JSON both APIs answer with: Creators API shapes in
//! lowerCamelCase (spec §4) and their PA-API 5.0 counterparts in PascalCase. Only requested
//! resources appear, as with Amazon.

use asa2_core::Marketplace;
use serde_json::{Map, Value, json};

use crate::catalog::{Availability, CATEGORIES, Node, Product};
use crate::http::percent_encode;
use crate::locale::{amount_number, availability_message, display_amount, saving_basis_label};
use crate::request::CatalogRequest;

/// What every rendered item needs besides the product.
pub(crate) struct Ctx<'a> {
    pub(crate) partner_tag: Option<&'a str>,
    /// Base URL of the sandbox, for image links.
    pub(crate) base: &'a str,
    pub(crate) language: String,
    /// Include `variationAttributes` (GetVariations always does).
    pub(crate) variation_attributes: bool,
}

/// The affiliate link of an item, carrying the partner tag.
pub(crate) fn detail_page_url(m: Marketplace, asin: &str, tag: Option<&str>) -> String {
    match tag {
        Some(t) => format!(
            "https://{}/dp/{asin}?tag={}&linkCode=ogi&th=1&psc=1",
            m.host(),
            percent_encode(t)
        ),
        None => format!("https://{}/dp/{asin}", m.host()),
    }
}

/// `{amount, currency, displayAmount}` for an amount in minor units.
pub(crate) fn money(minor: u64, m: Marketplace) -> Value {
    let currency = m.info().currency;
    json!({
        "amount": amount_number(minor, currency),
        "currency": currency,
        "displayAmount": display_amount(minor, m),
    })
}

fn single(value: impl Into<Value>, label: &str, locale: &str) -> Value {
    json!({"displayValue": value.into(), "label": label, "locale": locale})
}

fn image(base: &str, name: &str, size: &str, px: u64) -> Value {
    json!({"url": format!("{base}/__sandbox/img/{name}-{size}.svg"), "height": px, "width": px})
}

fn image_set(r: &CatalogRequest, group: &str, base: &str, name: &str) -> Map<String, Value> {
    let mut set = Map::new();
    for (res, key, px) in [
        ("small", "small", 75),
        ("medium", "medium", 160),
        ("large", "large", 500),
        ("highres", "hiRes", 1500),
    ] {
        if r.wants(&format!("images.{group}.{res}")) {
            set.insert(key.into(), image(base, name, res, px));
        }
    }
    set
}

fn node_ancestors(ancestors: &[(u64, String)]) -> Option<Value> {
    let mut current: Option<Value> = None;
    for (id, name) in ancestors.iter().rev() {
        let mut n = json!({"id": id.to_string(), "displayName": name, "contextFreeName": name});
        if let Some(parent) = current.take() {
            n["ancestor"] = parent;
        }
        current = Some(n);
    }
    current
}

/// One item in Creators API shape.
pub(crate) fn item(p: &Product, r: &CatalogRequest, ctx: &Ctx) -> Value {
    let cat = &CATEGORIES[p.category];
    let loc = ctx.language.as_str();
    let mut it = Map::new();
    it.insert("asin".into(), json!(p.asin));
    it.insert(
        "detailPageURL".into(),
        json!(detail_page_url(p.marketplace, &p.asin, ctx.partner_tag)),
    );
    if r.wants("parentasin")
        && let Some(pa) = &p.parent_asin
    {
        it.insert("parentASIN".into(), json!(pa));
    }
    if (ctx.variation_attributes || r.wants("parentasin"))
        && let Some((name, _, value)) = &p.variation
    {
        it.insert(
            "variationAttributes".into(),
            json!([{"name": name, "value": value}]),
        );
    }

    // Browse nodes.
    let mut bni = Map::new();
    if r.wants("browsenodeinfo.browsenodes") {
        let (leaf_id, leaf_name) = cat.nodes[cat.nodes.len() - 1];
        let mut node = json!({
            "id": leaf_id.to_string(),
            "displayName": leaf_name,
            "contextFreeName": leaf_name,
            "isRoot": false,
        });
        if r.wants("browsenodeinfo.browsenodes.salesrank") {
            node["salesRank"] = json!((p.sales_rank / 7).max(1));
        }
        if r.wants("browsenodeinfo.browsenodes.ancestor") {
            let anc: Vec<(u64, String)> = cat.nodes[..cat.nodes.len() - 1]
                .iter()
                .rev()
                .map(|(i, n)| (*i, n.to_string()))
                .collect();
            if let Some(a) = node_ancestors(&anc) {
                node["ancestor"] = a;
            }
        }
        bni.insert("browseNodes".into(), json!([node]));
    }
    if r.wants("browsenodeinfo.websitesalesrank") {
        let (root_id, root_name) = cat.nodes[0];
        bni.insert(
            "websiteSalesRank".into(),
            json!({"id": root_id.to_string(), "displayName": root_name, "contextFreeName": root_name, "salesRank": p.sales_rank}),
        );
    }
    if !bni.is_empty() {
        it.insert("browseNodeInfo".into(), Value::Object(bni));
    }

    // Reviews.
    if let Some((stars, count)) = p.reviews {
        let mut cr = Map::new();
        if r.wants("customerreviews.count") {
            cr.insert("count".into(), json!(count));
        }
        if r.wants("customerreviews.starrating") {
            cr.insert("starRating".into(), json!({"value": stars as f64 / 10.0}));
        }
        if !cr.is_empty() {
            it.insert("customerReviews".into(), Value::Object(cr));
        }
    }

    // Images.
    let mut images = Map::new();
    let primary = image_set(r, "primary", ctx.base, &p.asin);
    if !primary.is_empty() {
        images.insert("primary".into(), Value::Object(primary));
    }
    if r.wants("images.variants") && p.image_variants > 0 {
        let variants: Vec<Value> = (1..=p.image_variants)
            .map(|n| {
                Value::Object(image_set(
                    r,
                    "variants",
                    ctx.base,
                    &format!("{}-v{n}", p.asin),
                ))
            })
            .collect();
        images.insert("variants".into(), json!(variants));
    }
    if !images.is_empty() {
        it.insert("images".into(), Value::Object(images));
    }

    // Item info.
    let mut info = Map::new();
    if r.wants("iteminfo.title") {
        info.insert("title".into(), single(p.title.clone(), "Title", loc));
    }
    if r.wants("iteminfo.features") {
        info.insert(
            "features".into(),
            json!({"displayValues": p.features, "label": "Features", "locale": loc}),
        );
    }
    if r.wants("iteminfo.bylineinfo") {
        let mut by = Map::new();
        if let Some(author) = &p.author {
            by.insert(
                "contributors".into(),
                json!([{"name": author, "locale": loc, "role": "Author", "roleType": "author"}]),
            );
            by.insert("brand".into(), single(author.clone(), "Brand", loc));
        } else {
            by.insert("brand".into(), single(p.brand.clone(), "Brand", loc));
            by.insert(
                "manufacturer".into(),
                single(p.brand.clone(), "Manufacturer", loc),
            );
        }
        info.insert("byLineInfo".into(), Value::Object(by));
    }
    if r.wants("iteminfo.classifications") {
        info.insert(
            "classifications".into(),
            json!({"binding": single(cat.binding, "Binding", loc), "productGroup": single(cat.name, "ProductGroup", loc)}),
        );
    }
    if r.wants("iteminfo.externalids") {
        info.insert(
            "externalIds".into(),
            json!({"eans": {"displayValues": [p.ean], "label": "EAN", "locale": "en_US"}}),
        );
    }
    if r.wants("iteminfo.manufactureinfo") && p.author.is_none() {
        info.insert(
            "manufactureInfo".into(),
            json!({"model": single(p.model.clone(), "Model", loc), "itemPartNumber": single(format!("{}-{}", p.model, &p.asin[6..]), "PartNumber", loc)}),
        );
    }
    if r.wants("iteminfo.productinfo") {
        let mut pi = Map::new();
        pi.insert("unitCount".into(), single(1, "NumberOfItems", "en_US"));
        if let Some((name, display, value)) = &p.variation {
            let key = if *name == "size_name" {
                "size"
            } else {
                "color"
            };
            pi.insert(key.into(), single(value.clone(), display, loc));
        }
        info.insert("productInfo".into(), Value::Object(pi));
    }
    if r.wants("iteminfo.contentinfo") && p.author.is_some() {
        info.insert(
            "contentInfo".into(),
            json!({"pagesCount": single(200 + p.sales_rank % 400, "NumberOfPages", "en_US"),
                   "languages": {"displayValues": [{"displayValue": "English", "type": "Published"}], "label": "Language", "locale": "en_US"}}),
        );
    }
    if r.wants("iteminfo.tradeininfo") {
        info.insert("tradeInInfo".into(), json!({"isEligibleForTradeIn": false}));
    }
    if r.wants("iteminfo.technicalinfo") && p.author.is_none() {
        info.insert(
            "technicalInfo".into(),
            json!({"formats": {"displayValues": [cat.binding], "label": "Format", "locale": loc}}),
        );
    }
    if !info.is_empty() {
        it.insert("itemInfo".into(), Value::Object(info));
    }

    // Offers.
    if let Some(o) = &p.offer
        && r.wants("offersv2")
    {
        let m = p.marketplace;
        let mut l = Map::new();
        if r.wants("offersv2.listings.availability") {
            l.insert(
                "availability".into(),
                json!({
                    "type": o.availability.code(),
                    "message": availability_message(o.availability, o.scarce_left, loc),
                    "minOrderQuantity": 1,
                    "maxOrderQuantity": o.max_order_quantity,
                }),
            );
        }
        if r.wants("offersv2.listings.condition") {
            l.insert(
                "condition".into(),
                json!({"value": "New", "subCondition": "New"}),
            );
        }
        if r.wants("offersv2.listings.dealdetails")
            && let Some(claimed) = o.deal
        {
            l.insert(
                "dealDetails".into(),
                json!({"accessType": "ALL", "badge": "Limited time deal", "earlyAccessDurationInMilliseconds": 0,
                       "startTime": "2026-01-01T00:00:00Z", "endTime": "2030-12-31T23:59:59Z", "percentClaimed": claimed}),
            );
        }
        if r.wants("offersv2.listings.isbuyboxwinner") {
            l.insert("isBuyBoxWinner".into(), json!(true));
        }
        if r.wants("offersv2.listings.loyaltypoints")
            && let Some(points) = o.loyalty_points
        {
            l.insert("loyaltyPoints".into(), json!({"points": points}));
        }
        if r.wants("offersv2.listings.merchantinfo") {
            l.insert(
                "merchantInfo".into(),
                json!({"name": o.merchant_name, "id": o.merchant_id}),
            );
        }
        if r.wants("offersv2.listings.price")
            && let Some(price) = o.price
        {
            let mut pr = Map::new();
            pr.insert("money".into(), money(price, m));
            if let Some((basis, kind)) = o.saving_basis {
                let saved = basis - price;
                pr.insert(
                    "savings".into(),
                    json!({"money": money(saved, m), "percentage": (saved * 100 + basis / 2) / basis}),
                );
                pr.insert(
                    "savingBasis".into(),
                    json!({"money": money(basis, m), "savingBasisType": kind, "savingBasisTypeLabel": saving_basis_label(kind, loc)}),
                );
            }
            if let Some((ppu, _)) = o.price_per_unit {
                pr.insert("pricePerUnit".into(), money(ppu, m));
            }
            l.insert("price".into(), Value::Object(pr));
            l.insert("violatesMAP".into(), json!(o.violates_map));
        }
        if r.wants("offersv2.listings.type") && o.deal.is_some() {
            l.insert("type".into(), json!("LIGHTNING_DEAL"));
        }
        if !l.is_empty() {
            it.insert("offersV2".into(), json!({"listings": [Value::Object(l)]}));
        }
    }
    Value::Object(it)
}

/// A browse node in Creators API shape.
pub(crate) fn browse_node(n: &Node, r: &CatalogRequest) -> Value {
    let mut v = json!({
        "id": n.id.to_string(),
        "displayName": n.name,
        "contextFreeName": n.name,
        "isRoot": n.ancestors.is_empty(),
    });
    if let Some(rank) = n.sales_rank {
        v["salesRank"] = json!(rank);
    }
    if r.wants("browsenodes.ancestor")
        && let Some(a) = node_ancestors(&n.ancestors)
    {
        v["ancestor"] = a;
    }
    if r.wants("browsenodes.children") && !n.children.is_empty() {
        v["children"] = n
            .children
            .iter()
            .map(|(id, name)| json!({"id": id.to_string(), "displayName": name, "contextFreeName": name}))
            .collect();
    }
    v
}

/// The PA-API 5.0 key for a Creators key.
fn pascal_key(k: &str) -> String {
    match k {
        "asin" => "ASIN".into(),
        "eans" => "EANs".into(),
        "isbns" => "ISBNs".into(),
        "upcs" => "UPCs".into(),
        "hiRes" => "HiRes".into(),
        "url" => "URL".into(),
        other => crate::request::paapi_field(other),
    }
}

/// Converts a Creators-shaped value to PA-API 5.0 shape: PascalCase keys and `Offers` listings
/// in PA-API's layout.
pub(crate) fn to_paapi(v: &Value) -> Value {
    match v {
        Value::Object(map) => {
            let mut out = Map::new();
            for (k, val) in map {
                if k == "offersV2" {
                    out.insert("Offers".into(), paapi_offers(val));
                } else {
                    out.insert(pascal_key(k), to_paapi(val));
                }
            }
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(items.iter().map(to_paapi).collect()),
        other => other.clone(),
    }
}

fn paapi_money(m: &Value) -> Map<String, Value> {
    let mut out = Map::new();
    for (k, v) in m.as_object().into_iter().flatten() {
        out.insert(pascal_key(k), v.clone());
    }
    out
}

fn paapi_offers(offers: &Value) -> Value {
    let listings: Vec<Value> = offers["listings"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|l| {
            let mut out = Map::new();
            if let Some(a) = l.get("availability") {
                let t = match a["type"].as_str() {
                    Some("IN_STOCK" | "IN_STOCK_SCARCE") => "Now",
                    Some("PREORDER") => "Preorder",
                    Some("BACKORDER") => "Backorder",
                    _ => "OutOfStock",
                };
                out.insert(
                    "Availability".into(),
                    json!({"Message": a["message"], "MinOrderQuantity": a["minOrderQuantity"], "MaxOrderQuantity": a["maxOrderQuantity"], "Type": t}),
                );
            }
            if let Some(c) = l.get("condition") {
                out.insert(
                    "Condition".into(),
                    json!({"Value": c["value"], "SubCondition": {"Value": c["subCondition"]}}),
                );
            }
            if let Some(b) = l.get("isBuyBoxWinner") {
                out.insert("IsBuyBoxWinner".into(), b.clone());
            }
            if let Some(m) = l.get("merchantInfo") {
                out.insert("MerchantInfo".into(), json!({"Id": m["id"], "Name": m["name"]}));
            }
            if let Some(p) = l.get("loyaltyPoints") {
                out.insert("LoyaltyPoints".into(), json!({"Points": p["points"]}));
            }
            if let Some(p) = l.get("price") {
                let mut price = paapi_money(&p["money"]);
                if let Some(s) = p.get("savings") {
                    let mut savings = paapi_money(&s["money"]);
                    savings.insert("Percentage".into(), s["percentage"].clone());
                    price.insert("Savings".into(), Value::Object(savings));
                }
                if let Some(ppu) = p.get("pricePerUnit") {
                    price.insert("PricePerUnit".into(), Value::Object(paapi_money(ppu)));
                }
                out.insert("Price".into(), Value::Object(price));
                if let Some(b) = p.get("savingBasis") {
                    let mut basis = paapi_money(&b["money"]);
                    basis.insert("PriceType".into(), b["savingBasisType"].clone());
                    out.insert("SavingBasis".into(), Value::Object(basis));
                }
            }
            if let Some(v) = l.get("violatesMAP") {
                out.insert("ViolatesMAP".into(), v.clone());
            }
            Value::Object(out)
        })
        .collect();
    json!({"Listings": listings})
}

/// The Amazon search page URL for a search.
pub(crate) fn search_url(m: Marketplace, text: &str, tag: Option<&str>) -> String {
    let mut url = format!("https://{}/s?k={}", m.host(), percent_encode(text));
    if let Some(t) = tag {
        url.push_str(&format!("&tag={}&linkCode=osi", percent_encode(t)));
    }
    url
}

/// The stock states a search may return.
pub(crate) fn available(p: &Product) -> bool {
    p.offer
        .as_ref()
        .is_some_and(|o| o.availability != Availability::OutOfStock)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::product;
    use crate::request::parse;
    use asa2_core::Operation;
    use asa2_core::SourceApi;

    fn all_resources() -> CatalogRequest {
        let body = json!({"partnerTag": "demo-de-21", "itemIds": ["B09B2SBHQK"], "resources": [
            "itemInfo.title", "itemInfo.features", "itemInfo.byLineInfo", "images.primary.medium",
            "images.primary.large", "offersV2.listings.price", "offersV2.listings.availability",
            "offersV2.listings.merchantInfo", "offersV2.listings.condition", "parentASIN",
            "browseNodeInfo.browseNodes", "browseNodeInfo.browseNodes.ancestor", "browseNodeInfo.websiteSalesRank",
            "customerReviews.count", "customerReviews.starRating"]});
        parse(
            Operation::GetItems,
            SourceApi::Creators,
            body.as_object().unwrap(),
        )
        .unwrap()
    }

    #[test]
    fn creators_item_has_the_requested_parts_only() {
        let r = all_resources();
        let ctx = Ctx {
            partner_tag: Some("demo-de-21"),
            base: "http://127.0.0.1:1",
            language: "de_DE".into(),
            variation_attributes: false,
        };
        let p = product(42, Marketplace::DE, "B09B2SBHQK").unwrap();
        let v = item(&p, &r, &ctx);
        assert_eq!(v["asin"], "B09B2SBHQK");
        assert!(
            v["detailPageURL"]
                .as_str()
                .unwrap()
                .contains("tag=demo-de-21")
        );
        assert!(v["itemInfo"]["title"]["displayValue"].is_string());
        assert!(
            v["images"]["primary"]["medium"]["url"]
                .as_str()
                .unwrap()
                .starts_with("http://127.0.0.1:1/__sandbox/img/B09B2SBHQK-medium.svg")
        );
        assert!(v["images"]["primary"].get("small").is_none());
        assert!(v["itemInfo"].get("externalIds").is_none());

        let none = parse(
            Operation::GetItems,
            SourceApi::Creators,
            json!({"partnerTag": "t", "itemIds": ["B09B2SBHQK"]})
                .as_object()
                .unwrap(),
        )
        .unwrap();
        let bare = item(&p, &none, &ctx);
        assert_eq!(bare.as_object().unwrap().len(), 2, "{bare}");
    }

    #[test]
    fn paapi_shape_is_pascal_case() {
        let r = all_resources();
        let ctx = Ctx {
            partner_tag: Some("demo-fr-21"),
            base: "http://x",
            language: "fr_FR".into(),
            variation_attributes: false,
        };
        // Find an in-stock item with a saving to check the whole price layout.
        for i in 0..200 {
            let asin = format!("B0AC{i:06}");
            let p = product(42, Marketplace::FR, &asin).unwrap();
            let c = item(&p, &r, &ctx);
            let v = to_paapi(&c);
            assert_eq!(v["ASIN"], asin.as_str());
            assert!(v["ItemInfo"]["Title"]["DisplayValue"].is_string());
            if c["offersV2"]["listings"][0]["price"]["savings"].is_object() {
                let l = &v["Offers"]["Listings"][0];
                assert_eq!(l["Price"]["Currency"], "EUR");
                assert!(l["Price"]["Savings"]["Percentage"].is_u64());
                assert!(l["SavingBasis"]["Amount"].is_number());
                return;
            }
        }
        panic!("no item with a saving found");
    }
}
