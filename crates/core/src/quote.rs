//! Untrusted input as a message quotes it: the start of it, escaped, so that a pasted megabyte
//! never becomes a megabyte-long message and a line break or an invisible character in it
//! shows as what it is.

/// The most characters of an input that a message quotes.
pub(crate) const EXCERPT_MAX_CHARS: usize = 40;

/// `input` as a message quotes it (the message adds the quotes around it): at most
/// [`EXCERPT_MAX_CHARS`] characters, then `…` when there was more; quotes, backslashes, line
/// breaks, control and invisible characters escaped as Rust's `Debug` escapes them (`\"`,
/// `\n`, `\u{200b}`).
pub(crate) fn excerpt(input: &str) -> String {
    let (start, cut) = match input.char_indices().nth(EXCERPT_MAX_CHARS) {
        Some((at, _)) => (&input[..at], true),
        None => (input, false),
    };
    let debug = format!("{start:?}");
    let mut shown = debug
        .strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .unwrap_or(&debug)
        .to_string();
    if cut {
        shown.push('…');
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_input_is_kept() {
        assert_eq!(excerpt("DE"), "DE");
        assert_eq!(excerpt(""), "");
        assert_eq!(excerpt("日本語 ü"), "日本語 ü");
    }

    #[test]
    fn long_input_is_cut_on_a_character() {
        let long = "\u{e9}".repeat(100);
        let cut = excerpt(&long);
        assert_eq!(cut.chars().count(), EXCERPT_MAX_CHARS + 1);
        assert!(cut.ends_with('…'));
        assert_eq!(
            excerpt(&"x".repeat(EXCERPT_MAX_CHARS)),
            "x".repeat(EXCERPT_MAX_CHARS)
        );
    }

    #[test]
    fn quotes_and_invisible_characters_are_escaped() {
        assert_eq!(excerpt("a\"b\n"), "a\\\"b\\n");
        assert_eq!(excerpt("a\u{200b}b\\"), "a\\u{200b}b\\\\");
        assert_eq!(excerpt("it's"), "it's");
    }
}
