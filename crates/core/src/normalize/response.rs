//! Whole HTTP answers of both APIs (status, headers, body) into a page or an [`ApiError`].

use crate::api_error::ApiError;
use crate::item::CatalogPage;
use crate::operation::Operation;
use crate::source_api::SourceApi;

use super::{NormalizeContext, NormalizeError, normalize_creators, normalize_paapi};

/// Reads a Creators API answer to `op`: a 2xx answer becomes a [`CatalogPage`] (per-item
/// errors inside it), any other status the [`ApiError`] it stands for. A 2xx answer that
/// cannot be read is [`ApiError::MalformedResponse`] (with `truncated` set when the body was
/// cut off); a search that matched nothing (HTTP 404 `ResourceNotFoundException` for
/// SearchItems) is an empty page with `total_results` 0.
///
/// `headers` are name/value pairs in any case (`Retry-After` is read from them).
pub fn parse_creators_response(
    op: Operation,
    ctx: &NormalizeContext,
    status: u16,
    headers: &[(String, String)],
    body: &[u8],
) -> Result<CatalogPage, ApiError> {
    parse(SourceApi::Creators, op, ctx, status, headers, body)
}

/// Reads a PA-API 5.0 answer to `op`, like [`parse_creators_response`]. PA-API answers a
/// search that matched nothing with HTTP 404 `NoResults`; that is an empty page too.
pub fn parse_paapi_response(
    op: Operation,
    ctx: &NormalizeContext,
    status: u16,
    headers: &[(String, String)],
    body: &[u8],
) -> Result<CatalogPage, ApiError> {
    parse(SourceApi::PaApi5, op, ctx, status, headers, body)
}

fn parse(
    api: SourceApi,
    op: Operation,
    ctx: &NormalizeContext,
    status: u16,
    headers: &[(String, String)],
    body: &[u8],
) -> Result<CatalogPage, ApiError> {
    if (200..300).contains(&status) {
        let page = match api {
            SourceApi::Creators => normalize_creators(op, ctx, body),
            SourceApi::PaApi5 => normalize_paapi(op, ctx, body),
        };
        return page.map_err(|e| unreadable(api, status, headers, body, &e));
    }
    let error = ApiError::from_answer(api, status, headers, body);
    // PA-API says `NoResults`; the Creators API answers a search without matches with a plain
    // 404 `ResourceNotFoundException`. Either way the search simply found nothing.
    let nothing_found = matches!(error, ApiError::NotFound { .. })
        && matches!(error.code(), "NoResults" | "ResourceNotFoundException");
    if op == Operation::SearchItems && nothing_found {
        let mut page = CatalogPage::new(op);
        page.total_results = Some(0);
        return Ok(page);
    }
    Err(error)
}

/// The error for a 2xx answer the normalizer could not read. An answer without the result
/// may be an error body sent with a success status (`{"type":"ThrottleException",...}`);
/// when it is one, that error wins.
fn unreadable(
    api: SourceApi,
    status: u16,
    headers: &[(String, String)],
    body: &[u8],
    error: &NormalizeError,
) -> ApiError {
    if let NormalizeError::MissingResult { .. } = error {
        let classified = ApiError::from_answer(api, status, headers, body);
        if !matches!(
            classified,
            ApiError::Unexpected { .. } | ApiError::MalformedResponse { .. }
        ) {
            return classified;
        }
    }
    ApiError::MalformedResponse {
        status,
        detail: error.detail(),
        truncated: error.is_truncated(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::credential::{ApiVersion, CredentialKind};
    use crate::marketplace::Marketplace;
    use crate::retry::RetryKind;

    fn ctx() -> NormalizeContext {
        NormalizeContext::creators(
            Marketplace::DE,
            ApiVersion::for_marketplace(CredentialKind::Cognito, Marketplace::DE),
            1_764_064_800,
        )
    }

    fn creators(op: Operation, status: u16, body: &str) -> Result<CatalogPage, ApiError> {
        parse_creators_response(op, &ctx(), status, &[], body.as_bytes())
    }

    fn paapi(op: Operation, status: u16, body: &str) -> Result<CatalogPage, ApiError> {
        let ctx = NormalizeContext::paapi(Marketplace::DE, 1_764_064_800);
        parse_paapi_response(op, &ctx, status, &[], body.as_bytes())
    }

    #[test]
    fn success_becomes_a_page_with_item_errors_beside() {
        let page = creators(
            Operation::GetItems,
            200,
            r#"{"itemsResult":{"items":[{"asin":"B0DLFMFBJW"}]},"errors":[{"code":"ItemNotAccessible","message":"The ItemId B00ZV9RDKK is not accessible."}]}"#,
        )
        .unwrap();
        assert_eq!(page.items[0].asin, "B0DLFMFBJW");
        assert_eq!(page.errors[0].asin.as_deref(), Some("B00ZV9RDKK"));
    }

    #[test]
    fn failures_become_api_errors() {
        let headers = vec![("retry-after".to_string(), "3".to_string())];
        let throttled = parse_creators_response(
            Operation::GetItems,
            &ctx(),
            429,
            &headers,
            br#"{"message":"Request rate limit exceeded.","type":"ThrottleException"}"#,
        )
        .unwrap_err();
        assert!(
            matches!(throttled, ApiError::Throttled { .. }),
            "{throttled:?}"
        );
        assert_eq!(throttled.retry_after_seconds(0), Some(3));
        let eligibility = creators(
            Operation::SearchItems,
            403,
            r#"{"message":"Your account does not currently meet the eligibility requirements.","reason":"AssociateNotEligible","type":"AccessDeniedException"}"#,
        )
        .unwrap_err();
        assert!(matches!(eligibility, ApiError::NotEligible { .. }));
    }

    #[test]
    fn unreadable_success_is_a_malformed_response() {
        let cut = creators(
            Operation::GetItems,
            200,
            r#"{"itemsResult":{"items":[{"asin""#,
        )
        .unwrap_err();
        assert!(
            matches!(
                &cut,
                ApiError::MalformedResponse {
                    status: 200,
                    truncated: true,
                    ..
                }
            ),
            "{cut:?}"
        );
        assert_eq!(cut.retry_kind(), Some(RetryKind::Network));
        let shape = creators(
            Operation::GetItems,
            200,
            r#"{"itemsResult":{"items":"none"}}"#,
        )
        .unwrap_err();
        assert!(
            shape
                .to_string()
                .contains("`itemsResult.items` is a string"),
            "{shape}"
        );
        let wrong_api =
            creators(Operation::GetItems, 200, r#"{"ItemsResult":{"Items":[]}}"#).unwrap_err();
        assert!(
            wrong_api.to_string().contains("no `itemsResult`"),
            "{wrong_api}"
        );
        let html = paapi(Operation::GetItems, 200, "<html>gateway</html>").unwrap_err();
        assert!(matches!(
            html,
            ApiError::MalformedResponse {
                truncated: false,
                ..
            }
        ));
    }

    #[test]
    fn an_error_body_with_a_success_status_is_that_error() {
        let err = creators(
            Operation::GetItems,
            200,
            r#"{"message":"Request rate limit exceeded.","type":"ThrottleException"}"#,
        )
        .unwrap_err();
        assert!(matches!(err, ApiError::Throttled { .. }), "{err:?}");
    }

    #[test]
    fn a_search_without_results_is_an_empty_page() {
        let page = paapi(
            Operation::SearchItems,
            404,
            r#"{"__type":"com.amazon.paapi5#ResourceNotFoundException","Errors":[{"Code":"NoResults","Message":"No results found for your request."}]}"#,
        )
        .unwrap();
        assert!(page.items.is_empty() && page.errors.is_empty());
        assert_eq!(page.total_results, Some(0));
        let in_body = paapi(
            Operation::SearchItems,
            200,
            r#"{"Errors":[{"Code":"NoResults","Message":"No results found for your request."}]}"#,
        )
        .unwrap();
        assert_eq!(in_body.total_results, Some(0));
        let creators = parse_creators_response(
            Operation::SearchItems,
            &NormalizeContext::creators(
                crate::Marketplace::DE,
                "2.2".parse().unwrap(),
                0,
            ),
            404,
            &[],
            br#"{"type":"ResourceNotFoundException","message":"No results.","resourceType":"Item"}"#,
        )
        .unwrap();
        assert_eq!(creators.total_results, Some(0));
        assert!(creators.items.is_empty());
        assert!(in_body.errors.is_empty());
        // For GetItems a 404 stays an error.
        let missing = paapi(
            Operation::GetItems,
            404,
            r#"{"Errors":[{"Code":"ItemNotAccessible","Message":"The ItemId B00ZV9RDKK is not accessible."}]}"#,
        )
        .unwrap_err();
        assert_eq!(missing.code(), "ItemNotAccessible");
    }
}
