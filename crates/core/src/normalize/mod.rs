//! Turns successful Creators API and PA-API 5.0 answers into [`CatalogPage`]s of [`Item`]s.
//!
//! Both normalizers are lenient about content and strict about structure: a missing field is
//! `None`, an unknown field is ignored, a field of the wrong type reads as `None`, and an item
//! without an ASIN becomes an [`ItemError`] beside the others. Only an answer that cannot be
//! read at all (not JSON, not an object, result lists of the wrong type) is a
//! [`NormalizeError`].

mod catalog;
mod item_error;
mod items;
mod json;
mod node;
mod response;
mod tape;

pub use response::{parse_creators_response, parse_paapi_response};

use crate::credential::ApiVersion;
use crate::item::{CatalogPage, Item, ItemError, ItemSource};
use crate::marketplace::Marketplace;
use crate::operation::Operation;

use json::{Json, Kind};
use node::{Case, Node};
use tape::{NotAnObject, Tape};

/// What an answer does not say but every item needs: the marketplace asked, the API that
/// answered, and the caller's clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NormalizeContext {
    /// The marketplace the request was sent for.
    pub marketplace: Marketplace,
    /// The API (and version) that answered.
    pub source: ItemSource,
    /// The time of the answer in unix seconds; written to [`Item::fetched_at`].
    pub now: i64,
}

impl NormalizeContext {
    /// Context for a Creators API answer.
    pub fn creators(marketplace: Marketplace, version: ApiVersion, now: i64) -> NormalizeContext {
        NormalizeContext {
            marketplace,
            source: ItemSource::Creators(version),
            now,
        }
    }

    /// Context for a PA-API 5.0 answer.
    pub fn paapi(marketplace: Marketplace, now: i64) -> NormalizeContext {
        NormalizeContext {
            marketplace,
            source: ItemSource::PaApi5,
            now,
        }
    }
}

/// A successful (2xx) answer that cannot be read as the operation's result.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum NormalizeError {
    /// The body is empty.
    #[error(
        "Amazon's answer is empty. Try again; if it stays empty, check that the API base URL points at Amazon (or the sandbox) and not at a proxy."
    )]
    Empty,
    /// The body is not UTF-8 text.
    #[error(
        "Amazon's answer is not text (invalid UTF-8 at byte {offset}). Check that the API base URL points at Amazon (or the sandbox) and not at a proxy."
    )]
    NotUtf8 {
        /// Offset of the first invalid byte.
        offset: usize,
    },
    /// The body is not valid JSON.
    #[error(
        "Amazon's answer is not valid JSON ({detail}). It may have been cut off; try again, and check that the API base URL points at Amazon (or the sandbox)."
    )]
    NotJson {
        /// The parser's message with line and column.
        detail: String,
        /// Whether the body ended in the middle of a value (a cut connection).
        truncated: bool,
    },
    /// The body is JSON but not an object.
    #[error(
        "Amazon's answer is {found} instead of a JSON object, so it holds no {operation} result."
    )]
    NotAnObject {
        /// The operation whose answer this is.
        operation: Operation,
        /// What was found instead: `an array`, `a string`, ...
        found: &'static str,
    },
    /// A part of the answer that holds the results has the wrong type.
    #[error(
        "Amazon's {operation} answer has {found} at `{path}` where {expected} belongs, so its results cannot be read."
    )]
    WrongShape {
        /// The operation whose answer this is.
        operation: Operation,
        /// Path of the offending member: `itemsResult.items`.
        path: String,
        /// The expected type: `an array`.
        expected: &'static str,
        /// What was found instead.
        found: &'static str,
    },
    /// The answer has neither the operation's result nor errors.
    #[error(
        "Amazon's {operation} answer has no `{expected}` (it has {found}). Check that the answer comes from the API it is parsed for: Creators API members are lowerCamelCase, PA-API 5.0 members PascalCase."
    )]
    MissingResult {
        /// The operation whose answer this is.
        operation: Operation,
        /// The member that holds the result: `itemsResult` or `ItemsResult`.
        expected: String,
        /// The members the answer has instead, quoted and comma-separated.
        found: String,
    },
}

impl NormalizeError {
    /// What is wrong, as a short clause for [`crate::ApiError::MalformedResponse`]
    /// (`the body is not JSON (...)`).
    pub fn detail(&self) -> String {
        match self {
            NormalizeError::Empty => "the body is empty".to_string(),
            NormalizeError::NotUtf8 { offset } => {
                format!("the body is not UTF-8 text (invalid byte at offset {offset})")
            }
            NormalizeError::NotJson {
                truncated: true, ..
            } => "the body ends in the middle; the connection was probably cut".to_string(),
            NormalizeError::NotJson { detail, .. } => format!("the body is not JSON ({detail})"),
            NormalizeError::NotAnObject { found, .. } => {
                format!("the body is {found}, not a JSON object")
            }
            NormalizeError::WrongShape {
                path,
                expected,
                found,
                ..
            } => format!("`{path}` is {found} where {expected} belongs"),
            NormalizeError::MissingResult {
                expected, found, ..
            } => format!(
                "the body has no `{expected}` (it has {found}); check that it is parsed for the API that answered"
            ),
        }
    }

    /// Whether the body was cut off (worth retrying).
    pub fn is_truncated(&self) -> bool {
        matches!(
            self,
            NormalizeError::Empty
                | NormalizeError::NotJson {
                    truncated: true,
                    ..
                }
        )
    }
}

/// Normalizes a successful (2xx) Creators API answer to `op`.
pub fn normalize_creators(
    op: Operation,
    ctx: &NormalizeContext,
    body: &[u8],
) -> Result<CatalogPage, NormalizeError> {
    let text = body_text(body)?;
    let tape = parse_root(op, text)?;
    assemble(op, ctx, Node::new(Json::root(&tape), Case::Camel))
}

/// Normalizes a successful (2xx) PA-API 5.0 answer to `op`.
pub fn normalize_paapi(
    op: Operation,
    ctx: &NormalizeContext,
    body: &[u8],
) -> Result<CatalogPage, NormalizeError> {
    let text = body_text(body)?;
    let tape = parse_root(op, text)?;
    assemble(op, ctx, Node::new(Json::root(&tape), Case::Pascal))
}

/// The body as text, without a UTF-8 byte order mark.
fn body_text(body: &[u8]) -> Result<&str, NormalizeError> {
    let text = std::str::from_utf8(body).map_err(|e| NormalizeError::NotUtf8 {
        offset: e.valid_up_to(),
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(NormalizeError::Empty);
    }
    Ok(text)
}

fn parse_root(op: Operation, text: &str) -> Result<Tape<'_>, NormalizeError> {
    Tape::parse_object(text).map_err(|e| match e {
        NotAnObject::Syntax(e) => NormalizeError::NotJson {
            detail: e.to_string(),
            truncated: e.is_eof(),
        },
        NotAnObject::Root(found) => NormalizeError::NotAnObject {
            operation: op,
            found,
        },
    })
}

/// How many of an unexpected answer's members an error names.
const MAX_NAMED_KEYS: usize = 5;

/// The error code of a search that matched nothing.
const NO_RESULTS: &str = "NoResults";

/// The lowerCamelCase name of the member holding `op`'s result.
fn result_key(op: Operation) -> &'static str {
    match op {
        Operation::GetItems => "itemsResult",
        Operation::SearchItems => "searchResult",
        Operation::GetVariations => "variationsResult",
        Operation::GetBrowseNodes => "browseNodesResult",
    }
}

/// Assembles the page for `op` from a parsed answer whose root is `root`.
fn assemble(
    op: Operation,
    ctx: &NormalizeContext,
    root: Node<'_, '_>,
) -> Result<CatalogPage, NormalizeError> {
    let result_key = result_key(op);
    let spelled = |path: &[&str]| {
        path.iter()
            .map(|k| root.case().key(k).into_owned())
            .collect::<Vec<_>>()
            .join(".")
    };
    let mut page = CatalogPage::new(op);

    let keys = root.json().keys();
    if !root.has(result_key) && !root.has("errors") && !keys.is_empty() {
        // Name a few members, shortened: the message must stay readable whatever was sent.
        let mut found = keys
            .iter()
            .take(MAX_NAMED_KEYS)
            .map(|k| format!("\"{}\"", k.chars().take(40).collect::<String>()))
            .collect::<Vec<_>>()
            .join(", ");
        if keys.len() > MAX_NAMED_KEYS {
            found.push_str(", ...");
        }
        return Err(NormalizeError::MissingResult {
            operation: op,
            expected: spelled(&[result_key]),
            found,
        });
    }

    let result = root.get(result_key);
    expect_object(op, result.json(), || spelled(&[result_key]))?;

    if op == Operation::GetBrowseNodes {
        let nodes = result.get("browseNodes");
        expect_array(op, nodes.json(), || spelled(&[result_key, "browseNodes"]))?;
        page.browse_nodes = Some(
            nodes
                .list()
                .filter_map(catalog::browse_node_detail)
                .collect(),
        );
    } else {
        let items = result.get("items");
        expect_array(op, items.json(), || spelled(&[result_key, "items"]))?;
        // Items are large: sized once rather than moved as the list grows.
        page.items.reserve(items.list().count());
        for (index, node) in items.list().enumerate() {
            match node.get("asin").text() {
                Some(asin) => {
                    let mut item = Item::new(asin, ctx.marketplace, ctx.source);
                    item.fetched_at = Some(ctx.now);
                    items::fill(&mut item, node);
                    page.items.push(item);
                }
                None => page.errors.push(ItemError {
                    asin: None,
                    code: "MalformedItem".to_string(),
                    message: format!(
                        "Item {} of Amazon's answer has no ASIN, so it was left out.",
                        index + 1
                    ),
                }),
            }
        }
    }

    match op {
        Operation::SearchItems => {
            page.total_results = result.get("totalResultCount").unsigned();
            page.search_url = result.get("searchURL").string();
            page.search_refinements = catalog::search_refinements(result.get("searchRefinements"));
        }
        Operation::GetVariations => {
            let summary = result.get("variationSummary");
            if summary.is_object() {
                page.variation_summary = Some(catalog::variation_summary(summary));
            }
        }
        Operation::GetItems | Operation::GetBrowseNodes => {}
    }

    for entry in root.get("errors").list().filter(|e| e.is_object()) {
        let code = entry.get("code").text();
        // A search that matches nothing is an empty page, not an error.
        if op == Operation::SearchItems && code.as_deref() == Some(NO_RESULTS) {
            page.total_results.get_or_insert(0);
            continue;
        }
        // Browse node IDs are digits too: only item operations name ASINs in their errors.
        let names_asins = op != Operation::GetBrowseNodes;
        page.errors.extend(item_error::item_errors(
            entry.get("asin").text(),
            code,
            entry.get("message").text(),
            names_asins,
        ));
    }
    Ok(page)
}

fn expect_object(
    op: Operation,
    node: Json<'_, '_>,
    path: impl FnOnce() -> String,
) -> Result<(), NormalizeError> {
    match node.kind() {
        Kind::Null | Kind::Object => Ok(()),
        _ => Err(NormalizeError::WrongShape {
            operation: op,
            path: path(),
            expected: "an object",
            found: node.type_name(),
        }),
    }
}

fn expect_array(
    op: Operation,
    node: Json<'_, '_>,
    path: impl FnOnce() -> String,
) -> Result<(), NormalizeError> {
    match node.kind() {
        Kind::Null | Kind::Array => Ok(()),
        _ => Err(NormalizeError::WrongShape {
            operation: op,
            path: path(),
            expected: "an array",
            found: node.type_name(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credential::CredentialKind;

    fn ctx() -> NormalizeContext {
        NormalizeContext::creators(
            Marketplace::DE,
            ApiVersion::for_marketplace(CredentialKind::Lwa, Marketplace::DE),
            1_764_000_000,
        )
    }

    #[test]
    fn unreadable_bodies_are_typed_errors() {
        let op = Operation::GetItems;
        assert_eq!(
            normalize_creators(op, &ctx(), b"  "),
            Err(NormalizeError::Empty)
        );
        assert_eq!(
            normalize_creators(op, &ctx(), b"{\"a\":\xff}"),
            Err(NormalizeError::NotUtf8 { offset: 5 })
        );
        let cut = normalize_creators(op, &ctx(), b"{\"itemsResult\":").unwrap_err();
        assert!(cut.is_truncated(), "{cut:?}");
        let garbage = normalize_creators(op, &ctx(), b"<html>").unwrap_err();
        assert!(!garbage.is_truncated());
        assert!(
            garbage.detail().starts_with("the body is not JSON"),
            "{garbage:?}"
        );
        assert!(matches!(
            normalize_paapi(op, &ctx(), b"[1]"),
            Err(NormalizeError::NotAnObject {
                found: "an array",
                ..
            })
        ));
        let err =
            normalize_creators(op, &ctx(), br#"{"itemsResult":{"items":{"asin":1}}}"#).unwrap_err();
        assert_eq!(
            err,
            NormalizeError::WrongShape {
                operation: op,
                path: "itemsResult.items".into(),
                expected: "an array",
                found: "an object"
            }
        );
        assert!(err.to_string().contains("`itemsResult.items`"), "{err}");
    }

    #[test]
    fn an_answer_of_the_other_api_is_named_as_such() {
        let err = normalize_creators(
            Operation::GetItems,
            &ctx(),
            br#"{"ItemsResult":{"Items":[]}}"#,
        )
        .unwrap_err();
        assert!(
            matches!(&err, NormalizeError::MissingResult { expected, found, .. } if expected == "itemsResult" && found == "\"ItemsResult\""),
            "{err:?}"
        );
        assert!(err.to_string().contains("lowerCamelCase"), "{err}");
        let long = format!(
            r#"{{"{}":1,"b":2,"c":3,"d":4,"e":5,"f":6}}"#,
            "a".repeat(500)
        );
        let err = normalize_paapi(Operation::GetItems, &ctx(), long.as_bytes()).unwrap_err();
        let text = err.to_string();
        assert!(
            text.len() < 400 && text.contains("\"e\", ...") && text.contains("`ItemsResult`"),
            "{text}"
        );
    }

    #[test]
    fn empty_and_null_results_are_empty_pages() {
        for body in [
            &b"{}"[..],
            b"\xef\xbb\xbf{}",
            br#"{"searchResult":null}"#,
            br#"{"searchResult":{}}"#,
        ] {
            let page = normalize_creators(Operation::SearchItems, &ctx(), body).unwrap();
            assert!(page.items.is_empty() && page.errors.is_empty());
        }
    }

    #[test]
    fn items_without_asin_become_errors() {
        let page = normalize_creators(
            Operation::GetItems,
            &ctx(),
            br#"{"itemsResult":{"items":[{"asin":"B0DLFMFBJW"},{"itemInfo":{}},7]}}"#,
        )
        .unwrap();
        assert_eq!(page.items.len(), 1);
        assert_eq!(page.items[0].fetched_at, Some(1_764_000_000));
        assert_eq!(page.errors.len(), 2);
        assert_eq!(page.errors[0].code, "MalformedItem");
        assert!(page.errors[1].message.contains("Item 3"));
    }
}
