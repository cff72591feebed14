//! Redaction: the one spelling of a removed secret, and text cleaned of secrets before it is
//! shown or logged.

use crate::partner_tag::PartnerTag;

/// What stands in for a removed secret, everywhere: `Debug` of secrets and forms, Amazon's
/// scrubbed messages, redacted log text.
pub const REDACTED: &str = "***";

/// Named secrets shorter than this are not searched for (they would match ordinary text).
const MIN_SECRET_LEN: usize = 4;

/// `text` with every word that looks like a token or a secret replaced by [`REDACTED`]: JWTs,
/// access tokens and keys (long runs of token characters with a digit), LWA client secrets
/// (`amzn1.oa2-cs.`), LWA tokens (`Atza|`), and the token after `Bearer`. Words are separated
/// by whitespace, quotes and commas; every whitespace character becomes a space and the ends
/// are trimmed.
pub(crate) fn scrub(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut word = String::new();
    let mut after_bearer = false;
    let mut flush = |word: &mut String, out: &mut String| {
        if word.is_empty() {
            return;
        }
        if looks_secret(word) || (after_bearer && looks_like_bearer_token(word)) {
            out.push_str(REDACTED);
        } else {
            out.push_str(word);
        }
        after_bearer = word.eq_ignore_ascii_case("bearer");
        word.clear();
    };
    for c in text.chars() {
        if c.is_whitespace() || c == '"' || c == '\'' || c == ',' {
            flush(&mut word, &mut out);
            out.push(if c.is_whitespace() { ' ' } else { c });
        } else {
            word.push(c);
        }
    }
    flush(&mut word, &mut out);
    out.trim().to_string()
}

/// A message made safe to log or show: each of `secrets` (tokens, secret keys, credential IDs;
/// those shorter than 4 characters are left alone) replaced by [`REDACTED`], each of
/// `partner_tags` masked as [`PartnerTag::mask`] does, then scrubbed of anything else that
/// looks like a secret.
pub fn redact(message: &str, secrets: &[&str], partner_tags: &[&str]) -> String {
    let mut secrets: Vec<&str> = secrets
        .iter()
        .copied()
        .filter(|s| s.chars().count() >= MIN_SECRET_LEN)
        .collect();
    // A secret that contains another is replaced first, as a whole.
    secrets.sort_by_key(|s| std::cmp::Reverse(s.len()));
    let mut text = message.to_string();
    for secret in secrets {
        text = text.replace(secret, REDACTED);
    }
    for tag in partner_tags
        .iter()
        .map(|t| t.trim())
        .filter(|t| !t.is_empty())
    {
        text = text.replace(tag, &PartnerTag::mask(tag));
    }
    scrub(&text)
}

/// Long runs of token characters with a digit (JWTs, access tokens, keys) and LWA secrets and
/// tokens.
fn looks_secret(word: &str) -> bool {
    let lower = word.to_ascii_lowercase();
    if lower.starts_with("amzn1.oa2-cs.") || lower.starts_with("atza|") {
        return true;
    }
    word.chars().count() >= 32 && is_token_text(word) && word.chars().any(|c| c.is_ascii_digit())
}

/// What follows `Bearer` in an `Authorization` value: token characters, at least 8 of them (so
/// the prose "Bearer token" stays).
fn looks_like_bearer_token(word: &str) -> bool {
    word.chars().count() >= 8 && is_token_text(word)
}

fn is_token_text(word: &str) -> bool {
    word.chars().all(|c| {
        c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '+' | '/' | '=' | '|' | '~')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const JWT: &str =
        "eyJraWQiOiJ4eHgiLCJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJl";

    #[test]
    fn tokens_and_secrets_are_scrubbed() {
        assert_eq!(
            scrub(&format!(
                "Token {JWT} is invalid for amzn1.oa2-cs.v1.abc, \"Atza|x\""
            )),
            "Token *** is invalid for ***, \"***\""
        );
        assert_eq!(
            scrub("  The Bearer token\nexpired. "),
            "The Bearer token expired."
        );
        assert_eq!(
            scrub("Authorization: Bearer abcdefgh"),
            "Authorization: Bearer ***"
        );
        assert_eq!(scrub("ItemIds B08N5WRWNW 2024"), "ItemIds B08N5WRWNW 2024");
    }

    #[test]
    fn named_secrets_and_partner_tags_are_removed() {
        let message = "Credential amzn1.application-oa2-client.abc with secret s3cr3t-value for mysite-21 (abc)";
        assert_eq!(
            redact(
                message,
                &[
                    "s3cr3t-value",
                    "amzn1.application-oa2-client.abc",
                    "abc",
                    ""
                ],
                &["mysite-21", " "],
            ),
            "Credential *** with secret *** for my****-21 (abc)"
        );
        assert_eq!(
            redact("key abcd and abcdef", &["abcd", "abcdef"], &[]),
            "key *** and ***"
        );
        assert_eq!(redact(&format!("Bearer {JWT}"), &[], &[]), "Bearer ***");
    }

    proptest::proptest! {
        #[test]
        fn a_named_secret_never_survives(
            before in "\\PC{0,30}",
            secret in "[!-~]{4,40}",
            after in "\\PC{0,30}",
        ) {
            let out = redact(&format!("{before}{secret}{after}"), &[&secret], &[]);
            proptest::prop_assert!(!out.contains(&secret), "{out}");
        }
    }
}
