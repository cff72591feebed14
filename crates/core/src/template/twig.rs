//! The Twig dialect ASA2 templates are written in, on top of minijinja: Twig's spelling of
//! `elseif`, its operators (`c ? a : b`, `?:`, `??`, the range `1..5`), `for key, value in`,
//! its tests (`is empty`, `is not empty`, `is null`) and the filters ASA2's examples use (`raw`,
//! `striptags`, `number_format`, `slice`, `url_encode`, `nl2br`, `date`).
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
/// `{% elseif` becomes `{% elif`; in expressions `c ? a : b`, `a ?: b` and `a ?? b` become
/// `if`/`else` expressions, the inclusive range `1..5` becomes `range(1, 5 + 1)`, and
/// `{% for key, value in map %}` walks the pairs (index and value of a list) as Twig does.
pub(super) fn normalize(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let mut rest = source;
    while let Some(at) = next_tag(rest) {
        let (before, tag) = rest.split_at(at);
        out.push_str(before);
        let statement = tag.starts_with("{%");
        let opening = if tag[2..].starts_with(['-', '+']) {
            3
        } else {
            2
        };
        out.push_str(&tag[..opening]);
        let body_and_rest = &tag[opening..];
        let Some(end) = tag_end(body_and_rest, if statement { "%}" } else { "}}" }) else {
            // An unclosed tag: left for the parser to report with its line.
            out.push_str(body_and_rest);
            return out;
        };
        let body = &body_and_rest[..end];
        let close = if body.ends_with(['-', '+']) {
            body.len() - 1
        } else {
            body.len()
        };
        let (inner, trim_mark) = body.split_at(close);
        if statement {
            out.push_str(&statement_body(inner));
        } else {
            out.push_str(&expression(inner));
        }
        out.push_str(trim_mark);
        rest = &body_and_rest[end..];
    }
    out.push_str(rest);
    out
}

/// Where the next `{{` or `{%` starts.
fn next_tag(text: &str) -> Option<usize> {
    match (text.find("{{"), text.find("{%")) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// Where `closing` ends a tag body, outside quoted strings.
fn tag_end(body: &str, closing: &str) -> Option<usize> {
    let mut quotes = Quotes::default();
    body.char_indices()
        .find(|&(i, c)| !quotes.inside(c) && body[i..].starts_with(closing))
        .map(|(i, _)| i)
}

/// A `{% %}` body: `elseif` renamed, and the expression of `set`, `if`, `elseif` and `for`
/// rewritten.
fn statement_body(body: &str) -> String {
    let trimmed = body.trim_start();
    let blank = &body[..body.len() - trimmed.len()];
    let keyword: String = trimmed
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    let after = &trimmed[keyword.len()..];
    match keyword.as_str() {
        "elseif" | "elif" | "if" => {
            let name = if keyword == "if" { "if" } else { "elif" };
            format!("{blank}{name}{}", expression(after))
        }
        "set" => match after.find('=') {
            Some(eq) if !after[eq + 1..].starts_with('=') => format!(
                "{blank}set{}={}",
                &after[..eq],
                expression(&after[eq + 1..])
            ),
            _ => body.to_string(),
        },
        "for" => match after.find(" in ") {
            Some(at) => {
                let targets = &after[..at];
                let source = expression(&after[at + 4..]);
                if targets.contains(',') {
                    format!("{blank}for{targets} in ({})|twig_pairs ", source.trim())
                } else {
                    format!("{blank}for{targets} in {}", source.trim_start())
                }
            }
            None => body.to_string(),
        },
        _ => body.to_string(),
    }
}

/// Splits `text` at the top level (outside strings and brackets): the byte offsets of `needle`.
fn top_level(text: &str, needle: char) -> Vec<usize> {
    let mut found = Vec::new();
    let mut depth = 0usize;
    let mut quotes = Quotes::default();
    for (i, c) in text.char_indices() {
        if quotes.inside(c) {
            continue;
        }
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth = depth.saturating_sub(1),
            _ if c == needle && depth == 0 => found.push(i),
            _ => {}
        }
    }
    found
}

/// One expression in Twig's spelling rewritten for minijinja: the groups in parentheses first,
/// then ranges, then the conditional operators.
fn expression(expr: &str) -> String {
    let grouped = groups(expr);
    let ranged = ranges(&grouped);
    conditional(&ranged)
}

/// Rewrites the inside of each top-level `( ... )`.
fn groups(expr: &str) -> String {
    let mut out = String::with_capacity(expr.len());
    let mut depth = 0usize;
    let mut start = 0usize;
    let mut quotes = Quotes::default();
    let mut copied = 0usize;
    for (i, c) in expr.char_indices() {
        if quotes.inside(c) {
            continue;
        }
        match c {
            '(' => {
                if depth == 0 {
                    start = i + 1;
                }
                depth += 1;
            }
            ')' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    out.push_str(&expr[copied..start]);
                    out.push_str(&expression(&expr[start..i]));
                    copied = i;
                }
            }
            _ => {}
        }
    }
    out.push_str(&expr[copied..]);
    out
}

/// Whether the end of `text` lies inside a quoted string.
fn in_quotes(text: &str) -> bool {
    let mut quotes = Quotes::default();
    text.chars().for_each(|c| {
        quotes.inside(c);
    });
    quotes.quote.is_some()
}

/// Follows quoted strings (`'...'`, `"..."`, with backslash escapes) through an expression.
#[derive(Default)]
struct Quotes {
    quote: Option<char>,
    escaped: bool,
}

impl Quotes {
    /// Takes the next character; true when it belongs to a quoted string, its quotes included.
    fn inside(&mut self, c: char) -> bool {
        if let Some(q) = self.quote {
            if self.escaped {
                self.escaped = false;
            } else if c == '\\' {
                self.escaped = true;
            } else if c == q {
                self.quote = None;
            }
            return true;
        }
        if c == '\'' || c == '"' {
            self.quote = Some(c);
            return true;
        }
        false
    }
}

/// `a..b` (Twig's inclusive range of simple operands) as `range(a, b + 1)`.
fn ranges(expr: &str) -> String {
    let operand = |c: char| c.is_alphanumeric() || c == '_';
    let mut out = expr.to_string();
    let mut from = 0;
    while let Some(at) = out[from..].find("..").map(|a| a + from) {
        let inside_string = in_quotes(&out[..at]);
        let left_start = out[..at]
            .char_indices()
            .rev()
            .find(|&(_, c)| !operand(c))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let right_len = out[at + 2..]
            .find(|c: char| !operand(c))
            .unwrap_or(out.len() - at - 2);
        if inside_string || left_start == at || right_len == 0 {
            from = at + 2;
            continue;
        }
        let left = out[left_start..at].to_string();
        let right = out[at + 2..at + 2 + right_len].to_string();
        let replacement = format!("range({left}, {right} + 1)");
        out.replace_range(left_start..at + 2 + right_len, &replacement);
        from = left_start + replacement.len();
    }
    out
}

/// Twig's `c ? a : b`, `a ?: b` and `a ?? b` at the top level of `expr`, as `if`/`else`.
fn conditional(expr: &str) -> String {
    let marks = top_level(expr, '?');
    let Some(&at) = marks.first() else {
        return expr.to_string();
    };
    let left = expr[..at].trim();
    let after = &expr[at + 1..];
    let pad = |s: String| format!(" {s} ");
    if let Some(rest) = after.strip_prefix('?') {
        return pad(format!(
            "({left} if {left} is defined and {left} is not none else {})",
            conditional(rest).trim()
        ));
    }
    if let Some(rest) = after.strip_prefix(':') {
        return pad(format!(
            "({left} if {left} else {})",
            conditional(rest).trim()
        ));
    }
    // The `:` that belongs to this `?`: nested conditionals in the middle part pair up first.
    let questions = top_level(after, '?');
    let colon = top_level(after, ':')
        .into_iter()
        .enumerate()
        .find(|&(paired, c)| questions.iter().filter(|&&q| q < c).count() <= paired)
        .map(|(_, c)| c);
    let Some(colon) = colon else {
        return expr.to_string();
    };
    let then = conditional(&after[..colon]);
    let otherwise = conditional(&after[colon + 1..]);
    pad(format!(
        "({} if {left} else {})",
        then.trim(),
        otherwise.trim()
    ))
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
/// What `{% for key, value in x %}` walks in Twig: a map's pairs, a list's index and item.
fn twig_pairs(value: &Value) -> Result<Value, Error> {
    match value.kind() {
        ValueKind::Map => {
            let mut pairs = Vec::new();
            for key in value.try_iter()? {
                let item = value.get_item(&key)?;
                pairs.push(Value::from(vec![key, item]));
            }
            Ok(Value::from(pairs))
        }
        ValueKind::Seq => Ok(Value::from(
            value
                .try_iter()?
                .enumerate()
                .map(|(i, item)| Value::from(vec![Value::from(i), item]))
                .collect::<Vec<_>>(),
        )),
        ValueKind::Undefined | ValueKind::None => Ok(Value::from(Vec::<Value>::new())),
        kind => Err(Error::new(
            ErrorKind::InvalidOperation,
            format!("`for key, value in` needs a list or a map, not {kind}"),
        )),
    }
}

/// Day, month and year of a day count since 1970-01-01 (proleptic Gregorian).
fn civil(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// `date(format = "F j, Y H:i")`: a unix time (such as `LastUpdate`) in PHP's date format, in
/// UTC. Supported: d D j l N w F m M n y Y a A g G h H i s U and `\\` to print a letter.
fn date(value: &Value, format: Option<String>) -> Result<String, Error> {
    const DAYS: [&str; 7] = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    if value.is_undefined() || value.is_none() {
        return Ok(String::new());
    }
    let unix = i64::try_from(value.clone())
        .ok()
        .or_else(|| value.as_str().and_then(|s| s.trim().parse().ok()))
        .ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidOperation,
                format!("date needs a unix time, not {}", value.kind()),
            )
        })?;
    let days = unix.div_euclid(86_400);
    let secs = unix.rem_euclid(86_400);
    let (year, month, day) = civil(days);
    let weekday = (days + 3).rem_euclid(7) as usize; // 0 = Monday
    let (hour, minute, second) = (secs / 3600, secs / 60 % 60, secs % 60);
    let hour12 = if hour % 12 == 0 { 12 } else { hour % 12 };
    let month_name = MONTHS[month as usize - 1];
    let format = format.unwrap_or_else(|| "F j, Y H:i".to_string());
    let mut out = String::new();
    let mut chars = format.chars();
    while let Some(c) = chars.next() {
        match c {
            'd' => out.push_str(&format!("{day:02}")),
            'D' => out.push_str(&DAYS[weekday][..3]),
            'j' => out.push_str(&day.to_string()),
            'l' => out.push_str(DAYS[weekday]),
            'N' => out.push_str(&(weekday + 1).to_string()),
            'w' => out.push_str(&((weekday + 1) % 7).to_string()),
            'F' => out.push_str(month_name),
            'm' => out.push_str(&format!("{month:02}")),
            'M' => out.push_str(&month_name[..3]),
            'n' => out.push_str(&month.to_string()),
            'y' => out.push_str(&format!("{:02}", year.rem_euclid(100))),
            'Y' => out.push_str(&year.to_string()),
            'a' => out.push_str(if hour < 12 { "am" } else { "pm" }),
            'A' => out.push_str(if hour < 12 { "AM" } else { "PM" }),
            'g' => out.push_str(&hour12.to_string()),
            'G' => out.push_str(&hour.to_string()),
            'h' => out.push_str(&format!("{hour12:02}")),
            'H' => out.push_str(&format!("{hour:02}")),
            'i' => out.push_str(&format!("{minute:02}")),
            's' => out.push_str(&format!("{second:02}")),
            'U' => out.push_str(&unix.to_string()),
            '\\' => out.extend(chars.next()),
            other => out.push(other),
        }
    }
    Ok(out)
}

pub(super) fn install(env: &mut Environment<'static>) {
    env.add_test("empty", |v: &Value| is_empty(v));
    env.add_test("null", |v: &Value| v.is_none() || v.is_undefined());
    env.add_filter("raw", raw);
    env.add_filter("striptags", |v: &Value| striptags(v));
    env.add_filter("number_format", number_format);
    env.add_filter("slice", slice);
    env.add_filter("url_encode", |v: &Value| url_encode(v));
    env.add_filter("nl2br", |v: &Value| nl2br(v));
    env.add_filter("twig_pairs", twig_pairs);
    env.add_filter("date", date);
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
    fn conditional_operators_become_if_else() {
        assert_eq!(
            normalize("{{ Price ? Price : 'n/a' }}"),
            "{{ (Price if Price else 'n/a') }}"
        );
        assert_eq!(
            normalize("{{ Brand ?: 'none' }}"),
            "{{ (Brand if Brand else 'none') }}"
        );
        assert_eq!(
            normalize("{{ a ? (b ? 1 : 2) : 3 }}"),
            "{{ (( (1 if b else 2) ) if a else 3) }}"
        );
        assert_eq!(
            normalize("{{ a ? b ? 1 : 2 : 3 }}"),
            "{{ ((1 if b else 2) if a else 3) }}"
        );
        assert_eq!(normalize("{{ 'a ? b : c' }}"), "{{ 'a ? b : c' }}");
        assert_eq!(
            normalize("{% set x = Price ?? 0 %}"),
            "{% set x = (Price if Price is defined and Price is not none else 0) %}"
        );
        assert_eq!(
            normalize("{% if (a ?: b) %}\n{%- elseif c ? d : e -%}{% endif %}"),
            "{% if ( (a if a else b) ) %}\n{%- elif (d if c else e) -%}{% endif %}"
        );
    }

    #[test]
    fn ranges_and_pairs_loops_are_rewritten() {
        assert_eq!(
            normalize("{% for i in 1..5 %}{{ i }}{% endfor %}"),
            "{% for i in range(1, 5 + 1) %}{{ i }}{% endfor %}"
        );
        assert_eq!(normalize("{{ '1..5' }}"), "{{ '1..5' }}");
        assert_eq!(normalize("{{ €..ö }}"), "{{ €..ö }}");
        assert_eq!(normalize("{{ x€1..2 }}"), "{{ x€range(1, 2 + 1) }}");
        assert_eq!(
            normalize("{% for k, v in Map %}"),
            "{% for k, v in (Map)|twig_pairs %}"
        );
    }

    #[test]
    fn date_formats_like_php() {
        let d = |v: Value, f: &str| date(&v, Some(f.to_string())).unwrap();
        // 2026-05-15 13:04:05 UTC, a Friday.
        let t = Value::from(1_778_850_245_i64);
        assert_eq!(d(t.clone(), "d.m.Y H:i:s"), "15.05.2026 13:04:05");
        assert_eq!(d(t.clone(), "D, j M y g:i a"), "Fri, 15 May 26 1:04 pm");
        assert_eq!(d(t.clone(), "l F N w \\Y"), "Friday May 5 5 Y");
        assert_eq!(date(&t, None).unwrap(), "May 15, 2026 13:04");
        assert_eq!(d(Value::from(0), "Y-m-d"), "1970-01-01");
        assert_eq!(d(Value::from(951_782_400), "Y-m-d"), "2000-02-29");
        assert_eq!(date(&Value::UNDEFINED, None).unwrap(), "");
        assert!(date(&Value::from("soon"), None).is_err());
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
