//! Every answer under `tests/fixtures/{creators,paapi5}/<case>/` is normalized and compared
//! with the case's `expected.json`. See `tests/fixtures/README.md` for the layout.
//!
//! After a deliberate change to the model, regenerate the expected files with
//! `ASA2_BLESS=1 cargo test -p asa2-core --test normalize_fixtures` and review the diff.

use std::fs;
use std::path::{Path, PathBuf};

use asa2_core::{
    ApiVersion, Marketplace, NormalizeContext, Operation, normalize_creators, normalize_paapi,
};
use serde_json::Value;

/// The two fixture folders and how their answers are normalized.
#[derive(Clone, Copy, Debug)]
enum Api {
    Creators,
    PaApi5,
}

impl Api {
    fn folder(self) -> &'static str {
        match self {
            Api::Creators => "creators",
            Api::PaApi5 => "paapi5",
        }
    }
}

struct Case {
    dir: PathBuf,
    operation: Operation,
    context: NormalizeContext,
    status: u16,
}

fn fixtures(api: Api) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(api.folder())
}

fn read_case(api: Api, dir: PathBuf) -> Case {
    let meta: Value = serde_json::from_slice(&fs::read(dir.join("case.json")).unwrap())
        .unwrap_or_else(|e| panic!("{}: case.json: {e}", dir.display()));
    let text = |key: &str| {
        meta[key]
            .as_str()
            .unwrap_or_else(|| panic!("{}: case.json lacks \"{key}\"", dir.display()))
    };
    let operation: Operation = text("operation").parse().unwrap();
    let marketplace = Marketplace::lookup(text("marketplace")).unwrap();
    let now = meta["now"].as_i64().unwrap();
    let context = match api {
        Api::Creators => {
            let version: ApiVersion = text("version").parse().unwrap();
            NormalizeContext::creators(marketplace, version, now)
        }
        Api::PaApi5 => {
            assert_eq!(text("version"), "5.0", "{}", dir.display());
            NormalizeContext::paapi(marketplace, now)
        }
    };
    let status = meta["status"].as_u64().unwrap_or(200) as u16;
    Case {
        dir,
        operation,
        context,
        status,
    }
}

fn cases(api: Api) -> Vec<Case> {
    let mut dirs: Vec<PathBuf> = fs::read_dir(fixtures(api))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("case.json").is_file())
        .collect();
    dirs.sort();
    dirs.into_iter().map(|d| read_case(api, d)).collect()
}

fn check(api: Api) -> usize {
    let bless = std::env::var_os("ASA2_BLESS").is_some();
    let mut checked = 0;
    for case in cases(api)
        .into_iter()
        .filter(|c| (200..300).contains(&c.status))
    {
        let body = fs::read(case.dir.join("response.json")).unwrap();
        let page = match api {
            Api::Creators => normalize_creators(case.operation, &case.context, &body),
            Api::PaApi5 => normalize_paapi(case.operation, &case.context, &body),
        }
        .unwrap_or_else(|e| panic!("{}: {e}", case.dir.display()));
        assert_eq!(page.operation, case.operation);
        let actual = serde_json::to_value(&page).unwrap();
        let expected_path = case.dir.join("expected.json");
        if bless {
            let text = serde_json::to_string_pretty(&page).unwrap() + "\n";
            fs::write(&expected_path, text).unwrap();
        }
        let expected: Value = serde_json::from_slice(&fs::read(&expected_path).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", expected_path.display()));
        assert!(
            actual == expected,
            "{}: the normalized page differs from expected.json\n--- actual ---\n{}",
            case.dir.display(),
            serde_json::to_string_pretty(&actual).unwrap()
        );
        // What the plugin stores must load back unchanged.
        let reloaded: asa2_core::CatalogPage = serde_json::from_value(actual.clone()).unwrap();
        assert_eq!(reloaded, page, "{}", case.dir.display());
        checked += 1;
    }
    checked
}

#[test]
fn creators_answers_match_their_expected_pages() {
    assert!(check(Api::Creators) >= 7);
}

#[test]
fn paapi_answers_match_their_expected_pages() {
    assert!(check(Api::PaApi5) >= 7);
}

/// The same product answered by both APIs gives the same item, apart from the source.
#[test]
fn both_apis_give_the_same_item_for_the_same_product() {
    let creators = r#"{"itemsResult":{"items":[{"asin":"B0DLFMFBJW","parentASIN":"B0DLFKZ7QX",
        "detailPageURL":"https://www.amazon.de/dp/B0DLFMFBJW?tag=t-21",
        "itemInfo":{"title":{"displayValue":"Kopfhörer"},"byLineInfo":{"brand":{"displayValue":"Soundcore"}},
          "features":{"displayValues":["A","B"]}},
        "images":{"primary":{"large":{"url":"https://m.media-amazon.com/i.jpg","height":500,"width":500}}},
        "offersV2":{"listings":[{"price":{"money":{"amount":49.99,"currency":"EUR","displayAmount":"49,99 €"},
          "savingBasis":{"money":{"amount":79.99,"currency":"EUR","displayAmount":"79,99 €"}},
          "savings":{"money":{"amount":30.00,"currency":"EUR","displayAmount":"30,00 €"},"percentage":38}},
          "availability":{"type":"IN_STOCK","message":"Auf Lager","minOrderQuantity":1,"maxOrderQuantity":30},
          "condition":{"value":"New"},"merchantInfo":{"name":"Amazon","id":"A3JWKAKR8XB7XF"},"isBuyBoxWinner":true}]},
        "browseNodeInfo":{"browseNodes":[{"id":"570278","displayName":"Over-Ear","contextFreeName":"Over-Ear","isRoot":false,"salesRank":12}],
          "websiteSalesRank":{"salesRank":345}},
        "variationAttributes":[{"name":"color_name","value":"Schwarz"}],
        "customerReviews":{"count":18342,"starRating":{"value":4.5}}}]}}"#;
    let paapi = r#"{"ItemsResult":{"Items":[{"ASIN":"B0DLFMFBJW","ParentASIN":"B0DLFKZ7QX",
        "DetailPageURL":"https://www.amazon.de/dp/B0DLFMFBJW?tag=t-21",
        "ItemInfo":{"Title":{"DisplayValue":"Kopfhörer"},"ByLineInfo":{"Brand":{"DisplayValue":"Soundcore"}},
          "Features":{"DisplayValues":["A","B"]}},
        "Images":{"Primary":{"Large":{"URL":"https://m.media-amazon.com/i.jpg","Height":500,"Width":500}}},
        "Offers":{"Listings":[{"Price":{"Amount":49.99,"Currency":"EUR","DisplayAmount":"49,99 €",
            "Savings":{"Amount":30.00,"Currency":"EUR","DisplayAmount":"30,00 €","Percentage":38}},
          "SavingBasis":{"Amount":79.99,"Currency":"EUR","DisplayAmount":"79,99 €"},
          "Availability":{"Type":"Now","Message":"Auf Lager","MinOrderQuantity":1,"MaxOrderQuantity":30},
          "Condition":{"Value":"New"},"MerchantInfo":{"Name":"Amazon","Id":"A3JWKAKR8XB7XF"},"IsBuyBoxWinner":true}]},
        "BrowseNodeInfo":{"BrowseNodes":[{"Id":"570278","DisplayName":"Over-Ear","ContextFreeName":"Over-Ear","IsRoot":false,"SalesRank":12}],
          "WebsiteSalesRank":{"SalesRank":345}},
        "VariationAttributes":[{"Name":"color_name","Value":"Schwarz"}],
        "CustomerReviews":{"Count":18342,"StarRating":{"Value":4.5}}}]}}"#;
    let version: ApiVersion = "2.2".parse().unwrap();
    let from_creators = normalize_creators(
        Operation::GetItems,
        &NormalizeContext::creators(Marketplace::DE, version, 1),
        creators.as_bytes(),
    )
    .unwrap();
    let from_paapi = normalize_paapi(
        Operation::GetItems,
        &NormalizeContext::paapi(Marketplace::DE, 1),
        paapi.as_bytes(),
    )
    .unwrap();
    let mut a = serde_json::to_value(&from_creators.items[0]).unwrap();
    let mut b = serde_json::to_value(&from_paapi.items[0]).unwrap();
    assert_eq!(a["source"]["api"], "creators");
    assert_eq!(b["source"]["api"], "paapi5");
    a["source"] = Value::Null;
    b["source"] = Value::Null;
    assert_eq!(a, b);
    assert_eq!(a["price"]["amount"], "49.99");
    assert_eq!(a["title"], "Kopfhörer");
}
