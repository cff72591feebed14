//! Per-item errors: Amazon's `errors[]` entries turned into [`ItemError`]s, with the ASIN read
//! out of the message when Amazon names it there.

use crate::item::ItemError;

/// Turns one error entry into item errors. When the message names several ASINs (PA-API's
/// `The value [B0…, B0…] provided in the request for ItemIds is invalid.`), each gets its own
/// entry so every failed item can be marked. `names_asins` is false for operations whose
/// errors are about other IDs (browse nodes), so digits in them are not taken for ISBNs.
pub(crate) fn item_errors(
    asin_field: Option<String>,
    code: Option<String>,
    message: Option<String>,
    names_asins: bool,
) -> Vec<ItemError> {
    let code = code.unwrap_or_else(|| "Unknown".to_string());
    let message =
        message.unwrap_or_else(|| format!("Amazon reported \"{code}\" without a message."));
    let asins = match asin_field {
        Some(asin) => vec![asin],
        None if names_asins => asins_in(&message),
        None => Vec::new(),
    };
    if asins.is_empty() {
        return vec![ItemError {
            asin: None,
            code,
            message,
        }];
    }
    asins
        .into_iter()
        .map(|asin| ItemError {
            asin: Some(asin),
            code: code.clone(),
            message: message.clone(),
        })
        .collect()
}

/// The distinct ASINs written in `text`, in order of appearance.
pub(crate) fn asins_in(text: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for word in text.split(|c: char| !c.is_ascii_alphanumeric()) {
        if looks_like_asin(word) && !found.iter().any(|f| f == word) {
            found.push(word.to_string());
        }
    }
    found
}

/// `B` followed by nine upper-case letters or digits (with at least one digit), or an ISBN-10
/// (nine digits and a digit or `X`).
fn looks_like_asin(word: &str) -> bool {
    let bytes = word.as_bytes();
    if bytes.len() != 10 {
        return false;
    }
    let upper_or_digit = |b: &u8| b.is_ascii_uppercase() || b.is_ascii_digit();
    let amazon_id = bytes[0] == b'B'
        && bytes[1..].iter().all(upper_or_digit)
        && bytes[1..].iter().any(u8::is_ascii_digit);
    let isbn = bytes[..9].iter().all(u8::is_ascii_digit)
        && (bytes[9].is_ascii_digit() || bytes[9] == b'X');
    amazon_id || isbn
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_asins_in_amazon_messages() {
        assert_eq!(
            asins_in(
                "The ItemId B07XYZ1234 is not accessible through the Product Advertising API."
            ),
            ["B07XYZ1234"]
        );
        assert_eq!(
            asins_in(
                "The value [B000000000, 3453435041,B000000000] provided in the request for ItemIds is invalid."
            ),
            ["B000000000", "3453435041"]
        );
        assert!(asins_in("ItemNotAccessible: BACKORDERS and B0SHORT are not ASINs").is_empty());
        assert!(asins_in("Unavailable").is_empty());
    }

    #[test]
    fn one_error_per_named_asin() {
        let errors = item_errors(
            None,
            Some("InvalidParameterValue".into()),
            Some("The value [B000000001, B000000002] provided in the request for ItemIds is invalid.".into()),
            true,
        );
        assert_eq!(errors.len(), 2);
        assert_eq!(errors[1].asin.as_deref(), Some("B000000002"));
        let given = item_errors(
            Some("B0DLFMFBJW".into()),
            Some("ItemNotFound".into()),
            None,
            true,
        );
        assert_eq!(given[0].asin.as_deref(), Some("B0DLFMFBJW"));
        assert!(given[0].message.contains("ItemNotFound"));
        let anonymous = item_errors(None, None, Some("Unavailable".into()), true);
        assert_eq!(anonymous[0].asin, None);
        assert_eq!(anonymous[0].code, "Unknown");
        let node = item_errors(
            None,
            Some("InvalidParameterValue".into()),
            Some("The BrowseNodeId 3012175031 provided in the request is invalid.".into()),
            false,
        );
        assert_eq!(node[0].asin, None);
    }
}
