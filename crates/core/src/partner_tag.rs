//! Partner tags (Amazon tracking IDs): checking what a site owner typed, warning about a suffix
//! unusual for the marketplace, and masking a tag for the Configured Marketplaces table.
//!
//! A tracking ID is a name and a two-digit country suffix: `mysite-21`. The name uses ASCII
//! letters, digits, hyphens, dots and underscores; the whole tag is at most
//! [`PARTNER_TAG_MAX_LEN`] characters (the Creators API schema's limit for `partnerTag`).

use std::fmt;

use crate::field_error::FieldErrors;
use crate::form::{Validated, describe_char};
use crate::marketplace::Marketplace;
use crate::message::message;
use crate::messages;

/// The longest partner tag the Creators API accepts (`partnerTag`, at most 64 characters).
pub(crate) const PARTNER_TAG_MAX_LEN: usize = 64;

/// A well-formed partner tag (tracking ID) such as `mysite-21`, trimmed of surrounding
/// whitespace. Build it with [`PartnerTag::parse`] or [`PartnerTag::check`].
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PartnerTag {
    tag: String,
}

impl PartnerTag {
    /// Checks the form of a tag without a marketplace in mind. Surrounding whitespace is
    /// trimmed. Every problem found is reported under `field`.
    pub fn parse(input: &str, field: &str) -> Result<PartnerTag, FieldErrors> {
        parse_tag(input, None, field)
    }

    /// Checks a tag for `marketplace`: the form as in [`PartnerTag::parse`] (errors under
    /// `field`, with an example for that marketplace), plus a warning under `field` when the
    /// suffix is not the one that marketplace's tags usually have (never an error).
    pub fn check(
        input: &str,
        marketplace: Marketplace,
        field: &str,
    ) -> Result<Validated<PartnerTag>, FieldErrors> {
        let tag = parse_tag(input, Some(marketplace), field)?;
        let mut warnings = FieldErrors::new();
        if let Some(warning) = tag.suffix_warning(marketplace) {
            warnings.push(field, warning);
        }
        Ok(Validated {
            value: tag,
            warnings,
        })
    }

    /// The tag: `mysite-21`.
    pub fn as_str(&self) -> &str {
        &self.tag
    }

    /// The tag as an owned string.
    pub fn into_string(self) -> String {
        self.tag
    }

    /// The name part, before the last hyphen: `mysite`.
    pub fn name(&self) -> &str {
        // A parsed tag always ends in "-NN" (three ASCII bytes).
        &self.tag[..self.tag.len() - 3]
    }

    /// The two-digit suffix, without the hyphen: `21`.
    pub fn suffix(&self) -> &str {
        &self.tag[self.tag.len() - 2..]
    }

    /// A warning when the suffix differs from the one tags of `marketplace` usually have.
    pub fn suffix_warning(&self, marketplace: Marketplace) -> Option<crate::Message> {
        let info = marketplace.info();
        (self.suffix() != info.tag_suffix).then(|| {
            message!(
                messages::PARTNER_TAG_UNUSUAL_SUFFIX,
                country = info.country,
                usual = info.tag_suffix,
                actual = self.suffix(),
            )
        })
    }

    /// This tag partially hidden, as [`PartnerTag::mask`] does it.
    pub fn masked(&self) -> String {
        PartnerTag::mask(&self.tag)
    }

    /// Any string partially hidden for display in tables: the first two characters and the
    /// `-NN` suffix stay, the rest of the name becomes `*` (`mysite-21` -> `my****-21`). At
    /// least half of the name is always hidden, so short tags reveal less (`abc-21` ->
    /// `a**-21`). Works on characters, never panics, and also masks malformed input (a string
    /// without a suffix is masked as a whole).
    pub fn mask(tag: &str) -> String {
        let chars: Vec<char> = tag.trim().chars().collect();
        let name_len = suffix_start(&chars).unwrap_or(chars.len());
        let (name, suffix) = chars.split_at(name_len);
        let keep = (name.len() / 2).min(2);
        let mut masked = String::with_capacity(chars.len());
        masked.extend(&name[..keep]);
        masked.extend(std::iter::repeat_n('*', name.len() - keep));
        masked.extend(suffix);
        masked
    }
}

impl fmt::Display for PartnerTag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.tag)
    }
}

impl AsRef<str> for PartnerTag {
    fn as_ref(&self) -> &str {
        &self.tag
    }
}

impl From<PartnerTag> for String {
    fn from(tag: PartnerTag) -> String {
        tag.tag
    }
}

/// Where the `-NN` suffix starts, when `chars` ends in a hyphen and two ASCII digits after a
/// non-empty name.
fn suffix_start(chars: &[char]) -> Option<usize> {
    match chars {
        [name @ .., '-', a, b] if !name.is_empty() && a.is_ascii_digit() && b.is_ascii_digit() => {
            Some(name.len())
        }
        _ => None,
    }
}

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_')
}

fn parse_tag(
    input: &str,
    marketplace: Option<Marketplace>,
    field: &str,
) -> Result<PartnerTag, FieldErrors> {
    let tag = input.trim();
    let suffix = marketplace.map_or("21", |m| m.info().tag_suffix);
    let example = format!("mysite-{suffix}");
    let mut errors = FieldErrors::new();

    if tag.is_empty() {
        let message = match marketplace {
            Some(m) => message!(
                messages::PARTNER_TAG_MISSING_FOR,
                example = &example,
                country = m.info().country,
                url = m.info().associates_url
            ),
            None => message!(messages::PARTNER_TAG_MISSING, example = &example),
        };
        errors.push(field, message);
        return Err(errors);
    }

    let chars: Vec<char> = tag.chars().collect();
    if chars.len() > PARTNER_TAG_MAX_LEN {
        errors.push(
            field,
            message!(
                messages::PARTNER_TAG_TOO_LONG,
                len = chars.len(),
                max = PARTNER_TAG_MAX_LEN,
                example = &example
            ),
        );
    }
    if let Some(&bad) = chars.iter().find(|&&c| !is_name_char(c)) {
        errors.push(
            field,
            message!(messages::PARTNER_TAG_BAD_CHAR, what = describe_char(bad)),
        );
    }
    match chars.as_slice() {
        ['-', a, b] if a.is_ascii_digit() && b.is_ascii_digit() => errors.push(
            field,
            message!(messages::PARTNER_TAG_NO_NAME, suffix = format!("{a}{b}")),
        ),
        _ if suffix_start(&chars).is_none() => errors.push(
            field,
            message!(messages::PARTNER_TAG_NO_SUFFIX, example = &example),
        ),
        _ => {}
    }

    errors.into_result(PartnerTag {
        tag: tag.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn only_error(input: &str) -> String {
        let errors = PartnerTag::parse(input, "partner_tag").unwrap_err();
        assert_eq!(errors.len(), 1, "{errors}");
        let e = errors.iter().next().unwrap();
        assert_eq!(e.field, "partner_tag");
        e.message.clone()
    }

    #[test]
    fn accepts_amazon_tracking_ids_and_trims_them() {
        for tag in [
            "mysite-21",
            "my.site_blog-20",
            "a-22",
            "MySite0a-21",
            "my-site-21",
        ] {
            let parsed = PartnerTag::parse(tag, "partner_tag").unwrap();
            assert_eq!(parsed.as_str(), tag);
        }
        let parsed = PartnerTag::parse(" \tmysite-21\n", "partner_tag").unwrap();
        assert_eq!(parsed.as_str(), "mysite-21");
        assert_eq!(parsed.name(), "mysite");
        assert_eq!(parsed.suffix(), "21");
        assert_eq!(parsed.to_string(), "mysite-21");
        let longest = format!("{}-21", "a".repeat(PARTNER_TAG_MAX_LEN - 3));
        assert!(PartnerTag::parse(&longest, "partner_tag").is_ok());
    }

    #[test]
    fn empty_tag_asks_for_the_tracking_id() {
        let m = only_error("   ");
        assert!(
            m.starts_with("Enter the tracking ID") && m.contains("from Associates Central"),
            "{m}"
        );
        let errors = PartnerTag::check("", Marketplace::DE, "tags[DE]").unwrap_err();
        let m = errors.for_field("tags[DE]").next().unwrap();
        assert!(
            m.contains("mysite-21")
                && m.contains("Germany")
                && m.contains("https://partnernet.amazon.de"),
            "{m}"
        );
        let errors = PartnerTag::check("", Marketplace::JP, "partner_tag").unwrap_err();
        assert!(errors.to_string().contains("mysite-22"), "{errors}");
    }

    #[test]
    fn missing_suffix_is_explained() {
        for bad in [
            "mysite",
            "mysite-",
            "mysite-2",
            "mysite-211",
            "mysite-2a",
            "mysite21",
        ] {
            let m = only_error(bad);
            assert!(
                m.contains("must end in a hyphen and two digits"),
                "{bad}: {m}"
            );
        }
        let m = only_error("-21");
        assert!(m.contains("needs a name before -21"), "{m}");
    }

    #[test]
    fn bad_characters_are_named() {
        let m = only_error("my site-21");
        assert!(m.contains("a space") && m.contains("letters A-Z"), "{m}");
        assert!(only_error("mysité-21").contains("\"é\""));
        assert!(only_error("my/site-21").contains("\"/\""));
        assert!(only_error("my\tsite-21").contains("a tab"));
        assert!(only_error("my\u{7}site-21").contains("U+0007"));
        // A full-width digit is not an ASCII digit: wrong character and no suffix.
        let errors = PartnerTag::parse("mysite-2１", "partner_tag").unwrap_err();
        assert_eq!(errors.len(), 2, "{errors}");
    }

    #[test]
    fn too_long_tags_are_refused() {
        let long = format!("{}-21", "a".repeat(PARTNER_TAG_MAX_LEN - 2));
        let m = only_error(&long);
        assert!(
            m.contains("65 characters long") && m.contains("at most 64"),
            "{m}"
        );
        // Characters are counted, not bytes: 22 three-byte characters are 66 bytes but not
        // too long (they are refused for their form only).
        let errors = PartnerTag::parse(&"€".repeat(22), "partner_tag").unwrap_err();
        assert!(!errors.to_string().contains("characters long"), "{errors}");
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let bad = format!("{} x", "a".repeat(70));
        let errors = PartnerTag::parse(&bad, "partner_tag").unwrap_err();
        assert_eq!(errors.len(), 3, "{errors}");
    }

    #[test]
    fn unusual_suffix_is_only_a_warning() {
        let checked = PartnerTag::check("mysite-20", Marketplace::DE, "partner_tag").unwrap();
        assert_eq!(checked.value.as_str(), "mysite-20");
        let w: Vec<_> = checked.warnings.for_field("partner_tag").collect();
        assert_eq!(w.len(), 1);
        assert!(
            w[0].starts_with("Tracking IDs for Germany usually end in -21"),
            "{}",
            w[0]
        );
        assert!(w[0].contains("ends in -20"), "{}", w[0]);

        for (tag, m) in [
            ("mysite-21", Marketplace::DE),
            ("mysite-20", Marketplace::US),
            ("mysite-20", Marketplace::BR),
            ("mysite-22", Marketplace::JP),
            ("mysite-21", Marketplace::IN),
        ] {
            let checked = PartnerTag::check(tag, m, "partner_tag").unwrap();
            assert!(
                checked.warnings.is_empty(),
                "{tag} {m}: {}",
                checked.warnings
            );
        }
    }

    #[test]
    fn masks_keep_two_characters_and_the_suffix() {
        assert_eq!(PartnerTag::mask("mysite-21"), "my****-21");
        assert_eq!(PartnerTag::mask("  mysite-21 "), "my****-21");
        assert_eq!(PartnerTag::mask("my-blog-20"), "my*****-20");
        assert_eq!(
            PartnerTag::parse("mysite-21", "t").unwrap().masked(),
            "my****-21"
        );
    }

    #[test]
    fn short_tags_hide_at_least_half_of_the_name() {
        assert_eq!(PartnerTag::mask("abcd-21"), "ab**-21");
        assert_eq!(PartnerTag::mask("abc-21"), "a**-21");
        assert_eq!(PartnerTag::mask("ab-21"), "a*-21");
        assert_eq!(PartnerTag::mask("a-21"), "*-21");
        assert_eq!(PartnerTag::mask("-21"), "-**");
        assert_eq!(PartnerTag::mask(""), "");
        assert_eq!(PartnerTag::mask("x"), "*");
    }

    #[test]
    fn malformed_and_unicode_input_is_masked_without_panicking() {
        assert_eq!(PartnerTag::mask("mysite"), "my****");
        assert_eq!(PartnerTag::mask("ßüö-21"), "ß**-21");
        assert_eq!(PartnerTag::mask("日本語サイト-22"), "日本****-22");
        assert_eq!(PartnerTag::mask("é"), "*");
        assert_eq!(PartnerTag::mask("👍👍-2"), "👍👍**");
    }

    proptest! {
        #[test]
        fn mask_never_panics_and_hides_half(s in any::<String>()) {
            let masked = PartnerTag::mask(&s);
            let len = s.trim().chars().count();
            prop_assert_eq!(masked.chars().count(), len);
            if !s.contains('*') {
                // The name is the whole string or all but a 3-character suffix.
                let stars = masked.chars().filter(|&c| c == '*').count();
                prop_assert!(stars >= len.saturating_sub(3).div_ceil(2), "{masked}");
            }
        }

        #[test]
        fn parse_never_panics(s in any::<String>()) {
            let _ = PartnerTag::parse(&s, "partner_tag");
            let _ = PartnerTag::check(&s, Marketplace::DE, "partner_tag");
        }

        #[test]
        fn valid_tags_parse(name in "[A-Za-z0-9._-]{1,61}", suffix in "[0-9]{2}") {
            let tag = format!("{name}-{suffix}");
            let parsed = PartnerTag::parse(&tag, "partner_tag").unwrap();
            prop_assert_eq!(parsed.suffix(), suffix.as_str());
            prop_assert_eq!(parsed.name(), name.as_str());
        }
    }
}
