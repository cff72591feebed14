//! `Asa2\Template`: product templates (`{{ Placeholder }}`), rendered from stored product data.
//!
//! Compiled templates are kept per PHP worker thread in a small map keyed by a hash of their
//! source, so a page with 50 product boxes compiles its template once.

use std::cell::RefCell;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::rc::Rc;

use asa2_core::{
    DEFAULT_TEMPLATE, Item, PLACEHOLDERS, ProductTemplate, RenderOptions, ShopLogos, TemplateError,
};
use ext_php_rs::binary_slice::BinarySlice;
use ext_php_rs::boxed::ZBox;
use ext_php_rs::flags::ClassFlags;
use ext_php_rs::prelude::*;
use ext_php_rs::types::ZendHashTable;

use crate::convert::{bounded, from_php, text, to_array};
use crate::errors::{guard, invalid};

/// How many compiled templates one worker keeps.
const CACHE_SIZE: usize = 16;

/// A compiled template and the source it came from (compared on a hit, so a hash collision
/// can never render the wrong template).
struct Cached {
    hash: u64,
    source: String,
    template: Rc<ProductTemplate>,
}

thread_local! {
    /// Most recently used last.
    static COMPILED: RefCell<Vec<Cached>> = const { RefCell::new(Vec::new()) };
}

fn source_hash(source: &str) -> u64 {
    let mut hasher = DefaultHasher::new();
    source.hash(&mut hasher);
    hasher.finish()
}

/// The template error as a `ValidationException` under "template"; the message names the line.
fn template_error(e: &TemplateError) -> PhpException {
    invalid("template", e.message())
}

/// The compiled template for `source`, from the worker's cache or compiled now.
fn compiled(source: &str) -> PhpResult<Rc<ProductTemplate>> {
    let hash = source_hash(source);
    let hit = COMPILED.with(|cache| {
        let mut cache = cache.borrow_mut();
        let at = cache
            .iter()
            .position(|c| c.hash == hash && c.source == source)?;
        let entry = cache.remove(at);
        let template = Rc::clone(&entry.template);
        cache.push(entry);
        Some(template)
    });
    if let Some(template) = hit {
        return Ok(template);
    }
    let template = Rc::new(ProductTemplate::compile(source).map_err(|e| template_error(&e))?);
    COMPILED.with(|cache| {
        let mut cache = cache.borrow_mut();
        if cache.len() >= CACHE_SIZE {
            cache.remove(0);
        }
        cache.push(Cached {
            hash,
            source: source.to_string(),
            template: Rc::clone(&template),
        });
    });
    Ok(template)
}

/// A render and how long it stays valid (`Template::renderWithExpiry`).
#[derive(serde::Serialize)]
struct Rendered {
    html: String,
    valid_until: Option<i64>,
}

/// What a render is asked besides the template and the product.
struct Request<'a> {
    now: i64,
    partner_tag: Option<&'a [u8]>,
    logo_url: Option<&'a [u8]>,
    localized_logos: Option<bool>,
}

impl<'a> Request<'a> {
    fn new(
        now: i64,
        partner_tag: &'a Option<BinarySlice<u8>>,
        logo_url: &'a Option<BinarySlice<u8>>,
        localized_logos: Option<bool>,
    ) -> Request<'a> {
        Request {
            now,
            partner_tag: partner_tag.as_deref().copied(),
            logo_url: logo_url.as_deref().copied(),
            localized_logos,
        }
    }
}

/// The compiled template and the options of one render.
fn prepare(
    template: &[u8],
    request: &Request<'_>,
) -> PhpResult<(Rc<ProductTemplate>, RenderOptions)> {
    let source = text(template, "template")?;
    let trimmed = |value: Option<&[u8]>, name: &str| -> PhpResult<Option<String>> {
        Ok(match value {
            Some(v) => Some(text(v, name)?.trim().to_string()).filter(|t| !t.is_empty()),
            None => None,
        })
    };
    let options = RenderOptions {
        partner_tag: trimmed(request.partner_tag, "partnerTag")?,
        shop_logos: trimmed(request.logo_url, "logoUrl")?.map(|base_url| ShopLogos {
            base_url,
            localized: request.localized_logos.unwrap_or(false),
        }),
        ..RenderOptions::at(request.now)
    };
    Ok((compiled(source)?, options))
}

/// A product stored as JSON text (as the plugin keeps it), read straight into the core's model:
/// no PHP array is built and walked on the way.
fn item_from_json(json: &[u8]) -> PhpResult<Item> {
    serde_json::from_slice(json).map_err(|e| invalid("item", bounded(e)))
}

/// The HTML of one render of the product `item` reads, and until when it stays valid (the
/// template is checked before the product is read).
fn render_expiring(
    template: &[u8],
    request: &Request<'_>,
    item: impl FnOnce() -> PhpResult<Item>,
) -> PhpResult<ZBox<ZendHashTable>> {
    let (template, options) = prepare(template, request)?;
    let item = item()?;
    let html = template
        .render(&item, &options)
        .map_err(|e| template_error(&e))?;
    to_array(&Rendered {
        html,
        valid_until: options.valid_until(&item),
    })
}

/// Product templates with `{{ Placeholder }}` syntax, HTML auto-escaped.
#[php_class]
#[php(name = "Asa2\\Template")]
#[php(flags = ClassFlags::Final)]
pub struct Template;

#[php_impl]
impl Template {
    /// Renders one product with a template. Prices older than 24 hours at $now (or violating
    /// the minimum advertised price) are left out.
    ///
    /// @param string $template the template source
    /// @param array $item one product as CreatorsApi::parse() / PaApi::parse() return it
    /// @param int $now the current time (unix seconds)
    /// @param string|null $partnerTag replaces the tracking ID in the product links
    /// @param string|null $logoUrl URL of the folder of shop logos (AmazonLogoSmallUrl, ...)
    /// @param bool|null $localizedLogos logos naming the product's store (amazon.de)
    /// @return string HTML
    /// @throws ValidationException a template that does not compile or render (under "template",
    ///   naming the line) or an item that is not a product (under "item")
    pub fn render(
        template: BinarySlice<u8>,
        item: &ZendHashTable,
        now: i64,
        partnerTag: Option<BinarySlice<u8>>,
        logoUrl: Option<BinarySlice<u8>>,
        localizedLogos: Option<bool>,
    ) -> PhpResult<String> {
        let request = Request::new(now, &partnerTag, &logoUrl, localizedLogos);
        guard(|| {
            let (template, options) = prepare(&template, &request)?;
            let item: Item = from_php(item, "item")?;
            template
                .render(&item, &options)
                .map_err(|e| template_error(&e))
        })
    }

    /// Renders one product like render(), and tells until when that HTML stays valid, so a
    /// page can keep it: `valid_until` is the first second (unix) at which the product's price
    /// must be hidden, or null when nothing in the HTML depends on the time.
    ///
    /// @param string $template the template source
    /// @param array $item one product as CreatorsApi::parse() / PaApi::parse() return it
    /// @param int $now the current time (unix seconds)
    /// @param string|null $partnerTag replaces the tracking ID in the product links
    /// @param string|null $logoUrl URL of the folder of shop logos (AmazonLogoSmallUrl, ...)
    /// @param bool|null $localizedLogos logos naming the product's store (amazon.de)
    /// @return array{html: string, valid_until: int|null}
    /// @throws ValidationException as render()
    pub fn render_with_expiry(
        template: BinarySlice<u8>,
        item: &ZendHashTable,
        now: i64,
        partnerTag: Option<BinarySlice<u8>>,
        logoUrl: Option<BinarySlice<u8>>,
        localizedLogos: Option<bool>,
    ) -> PhpResult<ZBox<ZendHashTable>> {
        let request = Request::new(now, &partnerTag, &logoUrl, localizedLogos);
        guard(|| render_expiring(&template, &request, || from_php(item, "item")))
    }

    /// Renders one product like renderWithExpiry(), from the product as JSON text (the JSON of
    /// the array CreatorsApi::parse() / PaApi::parse() return, as a site stores it): the text is
    /// read straight into the product, which is faster than json_decode() and renderWithExpiry().
    ///
    /// @param string $template the template source
    /// @param string $itemJson one product as JSON text
    /// @param int $now the current time (unix seconds)
    /// @param string|null $partnerTag replaces the tracking ID in the product links
    /// @param string|null $logoUrl as render()
    /// @param bool|null $localizedLogos as render()
    /// @return array{html: string, valid_until: int|null}
    /// @throws ValidationException as render(); text that is not a product's JSON under "item"
    pub fn render_json_with_expiry(
        template: BinarySlice<u8>,
        itemJson: BinarySlice<u8>,
        now: i64,
        partnerTag: Option<BinarySlice<u8>>,
        logoUrl: Option<BinarySlice<u8>>,
        localizedLogos: Option<bool>,
    ) -> PhpResult<ZBox<ZendHashTable>> {
        let request = Request::new(now, &partnerTag, &logoUrl, localizedLogos);
        guard(|| render_expiring(&template, &request, || item_from_json(&itemJson)))
    }

    /// Checks that a template compiles.
    ///
    /// @param string $template
    /// @return void
    /// @throws ValidationException under "template", naming the line
    pub fn check(template: BinarySlice<u8>) -> PhpResult<()> {
        guard(|| {
            let source = text(&template, "template")?;
            compiled(source).map(|_| ())
        })
    }

    /// Every placeholder a template can use, with the APIs that fill it ("both", "creators", or
    /// "none" when Amazon no longer provides the data) and the product fields it is made from.
    ///
    /// @return list<array{name: string, description: string, filled_by: string, sources: string}>
    pub fn placeholders() -> PhpResult<ZBox<ZendHashTable>> {
        guard(|| to_array(PLACEHOLDERS))
    }

    /// The template a fresh install renders products with.
    ///
    /// @return string
    pub fn default_template() -> PhpResult<String> {
        guard(|| Ok(DEFAULT_TEMPLATE.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_sources_hash_equally() {
        assert_eq!(source_hash("{{ Title }}"), source_hash("{{ Title }}"));
        assert_ne!(source_hash("{{ Title }}"), source_hash("{{ Brand }}"));
    }
}
