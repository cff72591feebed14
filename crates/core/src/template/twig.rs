//! The Twig dialect ASA2 templates are written in, on top of minijinja: Twig's spelling of
//! `elseif`, its tests (`is empty`, `is not empty`, `is null`) and the filters ASA2's examples
//! use (`raw`, `striptags`, `number_format`, `slice`, `url_encode`, `nl2br`).
//!
//! Nothing here calls out of the template: there are no callables, no WordPress functions and no
//! way to mark a placeholder's text as HTML. Constructs a product template must not use (ASA2's
//! `wp.` functions, `include`) are refused with the line and the construct named.

use minijinja::value::{Value, ValueKind};
use minijinja::{Environment, Error, ErrorKind};

use crate::message::{Message, message};
use crate::messages;

/// A construct found in a template that product templates do not support.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Unsupported {
    /// 1-based line.
    pub line: usize,
    /// What is wrong, naming the construct.
    pub message: Message,
}

/// Rewrites Twig-only spellings to minijinja's, keeping every line where it was:
/// `{% elseif` becomes `{% elif`.
pub(super) fn normalize(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let mut rest = source;
    while let Some(at) = rest.find("{%") {
        let (before, tag) = rest.split_at(at);
        out.push_str(before);
        let opening = if tag.starts_with("{%-") || tag.starts_with("{%+") {
            3
        } else {
            2
        };
        out.push_str(&tag[..opening]);
        let body = &tag[opening..];
        let trimmed = body.trim_start();
        let blank = &body[..body.len() - trimmed.len()];
        out.push_str(blank);
        match trimmed.strip_prefix("elseif") {
            Some(after) if !after.starts_with(|c: char| c.is_alphanumeric() || c == '_') => {
                out.push_str("elif");
                rest = after;
            }
            _ => rest = trimmed,
        }
    }
    out.push_str(rest);
    out
}

/// The first construct of `source` a product template may not use, if any: ASA2's WordPress
/// functions (`wp.get_post(8)`), which would run site code from a template.
pub(super) fn unsupported(source: &str) -> Option<Unsupported> {
    for (index, line) in source.lines().enumerate() {
        let mut from = 0;
        while let Some(at) = line[from..].find("wp.") {
            let start = from + at;
            from = start + 3;
            let preceded_by_name = line[..start]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.');
            if preceded_by_name || !inside_tag(source, line, start) {
                continue;
            }
            let name: String = line[start + 3..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            return Some(Unsupported {
                line: index + 1,
                message: message!(
                    messages::TEMPLATE_WP_FUNCTION,
                    construct = format!("wp.{name}")
                ),
            });
        }
    }
    None
}

/// Whether byte `at` of `line` (a line of `source`) lies inside `{{ }}` or `{% %}`.
fn inside_tag(source: &str, line: &str, at: usize) -> bool {
    let offset = line.as_ptr() as usize - source.as_ptr() as usize + at;
    let before = &source[..offset];
    let open = before.rfind("{{").max(before.rfind("{%"));
    let close = before.rfind("}}").max(before.rfind("%}"));
    match (open, close) {
        (Some(o), Some(c)) => o > c,
        (Some(_), None) => true,
        _ => false,
    }
}

/// Twig's `empty`: undefined, null, `false`, an empty string, an empty list or map.
fn is_empty(value: &Value) -> bool {
    match value.kind() {
        ValueKind::Undefined | ValueKind::None => true,
        ValueKind::Bool => !value.is_true(),
        ValueKind::String | ValueKind::Seq | ValueKind::Map => value.len() == Some(0),
        _ => false,
    }
}

/// `raw`: Twig's way to print HTML unescaped. Placeholder text stays escaped (it comes from
/// Amazon); the HTML placeholders (`FeaturesHTML`) are trusted already, so this changes nothing.
fn raw(value: Value) -> Value {
    value
}

/// `striptags`: the text without HTML tags.
fn striptags(value: &Value) -> String {
    let text = value.to_string();
    let mut out = String::with_capacity(text.len());
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `number_format(decimals = 0, decimal_point = ".", thousands_sep = ",")`, as Twig's.
fn number_format(
    value: &Value,
    decimals: Option<usize>,
    point: Option<String>,
    thousands: Option<String>,
) -> Result<String, Error> {
    let number = match value.kind() {
        ValueKind::Undefined | ValueKind::None => 0.0,
        ValueKind::String => value
            .as_str()
            .unwrap_or("")
            .trim()
            .parse::<f64>()
            .unwrap_or(0.0),
        _ => f64::try_from(value.clone()).map_err(|_| {
            Error::new(
                ErrorKind::InvalidOperation,
                format!("number_format needs a number, not {}", value.kind()),
            )
        })?,
    };
    let decimals = decimals.unwrap_or(0).min(10);
    let point = point.unwrap_or_else(|| ".".to_string());
    let thousands = thousands.unwrap_or_else(|| ",".to_string());
    let formatted = format!("{:.*}", decimals, number.abs());
    let (int, frac) = formatted.split_once('.').unwrap_or((&formatted, ""));
    let mut grouped = String::new();
    for (i, digit) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push_str(&thousands);
        }
        grouped.push(digit);
    }
    let sign = if number < 0.0 && formatted.chars().any(|c| c.is_ascii_digit() && c != '0') {
        "-"
    } else {
        ""
    };
    Ok(if frac.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped}{point}{frac}")
    })
}

/// Twig's `slice(start, length)` on a list or a string.
fn slice(value: &Value, start: i64, length: Option<i64>) -> Result<Value, Error> {
    fn range(len: usize, start: i64, length: Option<i64>) -> (usize, usize) {
        let len_i = len as i64;
        let from = if start < 0 {
            (len_i + start).max(0)
        } else {
            start.min(len_i)
        };
        let to = match length {
            None => len_i,
            Some(n) if n < 0 => (len_i + n).max(from),
            Some(n) => (from + n).min(len_i),
        };
        (from as usize, to.max(from) as usize)
    }
    if let Some(text) = value.as_str() {
        let chars: Vec<char> = text.chars().collect();
        let (from, to) = range(chars.len(), start, length);
        return Ok(Value::from(chars[from..to].iter().collect::<String>()));
    }
    if matches!(value.kind(), ValueKind::Undefined | ValueKind::None) {
        return Ok(Value::from(Vec::<Value>::new()));
    }
    let items: Vec<Value> = value.try_iter()?.collect();
    let (from, to) = range(items.len(), start, length);
    Ok(Value::from(items[from..to].to_vec()))
}

/// `url_encode`: the text percent-encoded for a URL query.
fn url_encode(value: &Value) -> String {
    percent_encoding::utf8_percent_encode(&value.to_string(), percent_encoding::NON_ALPHANUMERIC)
        .to_string()
}

/// `nl2br`: line breaks as `<br />`, the text itself escaped.
fn nl2br(value: &Value) -> Value {
    let escaped = minijinja::HtmlEscape(&value.to_string()).to_string();
    Value::from_safe_string(escaped.replace("\r\n", "\n").replace('\n', "<br />\n"))
}

/// Adds Twig's tests and filters to `env`.
pub(super) fn install(env: &mut Environment<'static>) {
    env.add_test("empty", |v: &Value| is_empty(v));
    env.add_test("null", |v: &Value| v.is_none() || v.is_undefined());
    env.add_filter("raw", raw);
    env.add_filter("striptags", |v: &Value| striptags(v));
    env.add_filter("number_format", number_format);
    env.add_filter("slice", slice);
    env.add_filter("url_encode", |v: &Value| url_encode(v));
    env.add_filter("nl2br", |v: &Value| nl2br(v));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elseif_becomes_elif_on_the_same_line() {
        assert_eq!(
            normalize("{% if a %}1{% elseif b %}2{%- elseif c -%}3{% endif %}"),
            "{% if a %}1{% elif b %}2{%- elif c -%}3{% endif %}"
        );
        assert_eq!(normalize("{% elseiffy %}"), "{% elseiffy %}");
        assert_eq!(normalize("no tags"), "no tags");
    }

    #[test]
    fn wordpress_functions_are_found_with_their_line() {
        let found = unsupported("<p>\n{{ wp.get_post(8).post_title }}\n</p>").unwrap();
        assert_eq!(found.line, 2);
        assert!(
            found.message.text.contains("wp.get_post"),
            "{:?}",
            found.message
        );
        assert_eq!(unsupported("<p>see wp.org</p> {{ Title }}"), None);
        assert_eq!(unsupported("{{ snowp.x }}"), None);
    }

    #[test]
    fn number_format_is_twigs() {
        let n = |v: Value, d, p: &str, t: &str| {
            number_format(&v, Some(d), Some(p.to_string()), Some(t.to_string())).unwrap()
        };
        assert_eq!(n(Value::from(1234567.891), 2, ",", "."), "1.234.567,89");
        assert_eq!(n(Value::from("47.67"), 1, ".", ","), "47.7");
        assert_eq!(n(Value::from(-1000), 0, ".", " "), "-1 000");
        assert_eq!(
            number_format(&Value::from(5), None, None, None).unwrap(),
            "5"
        );
    }

    #[test]
    fn slice_takes_start_and_length() {
        let list = Value::from(vec![1, 2, 3, 4]);
        assert_eq!(slice(&list, 1, Some(2)).unwrap().to_string(), "[2, 3]");
        assert_eq!(slice(&list, -1, None).unwrap().to_string(), "[4]");
        assert_eq!(
            slice(&Value::from("Kopfhörer"), 0, Some(4))
                .unwrap()
                .to_string(),
            "Kopf"
        );
    }

    #[test]
    fn striptags_leaves_the_text() {
        assert_eq!(striptags(&Value::from("<b>a</b>\n <i>b</i>")), "a b");
    }
}
