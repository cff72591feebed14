//! The generated catalog: every well-formed ASIN is a product, derived from the seed and the
//! ASIN (what the product is) and the marketplace (its offer). Nothing is stored.
//!
//! Fixed rules, so tests can rely on them:
//! - ASINs starting with `B0NA` are never accessible (`ItemNotAccessible`).
//! - ASINs starting with `B0NF` do not exist (`ItemNotFound`; PA-API `InvalidParameterValue`).
//! - Variation families: ASINs sharing their first nine characters may form a family; the ASIN
//!   ending in `0` is then the parent and those ending in `1`..`n` the children.
//! - ISBN-style ASINs (ten digits, or nine and `X`) are books.

use asa2_core::Marketplace;
use sha2::{Digest, Sha256};

/// A small deterministic generator (SplitMix64) seeded from a hash of its inputs.
pub(crate) struct Rng(u64);

impl Rng {
    /// A generator for these inputs under `seed`.
    pub(crate) fn new(seed: u64, parts: &[&str]) -> Rng {
        let mut h = Sha256::new();
        h.update(seed.to_le_bytes());
        for p in parts {
            h.update((p.len() as u64).to_le_bytes());
            h.update(p.as_bytes());
        }
        let d = h.finalize();
        let mut b = [0u8; 8];
        b.copy_from_slice(&d[..8]);
        Rng(u64::from_le_bytes(b))
    }

    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `lo..=hi`.
    pub(crate) fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }

    /// True with probability `percent`/100.
    pub(crate) fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    pub(crate) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next() % items.len() as u64) as usize]
    }
}

/// A product category with what is needed to invent products in it.
pub(crate) struct Category {
    pub(crate) name: &'static str,
    /// `(id, name)` from the root to the leaf.
    pub(crate) nodes: &'static [(u64, &'static str)],
    pub(crate) search_index: &'static str,
    pub(crate) binding: &'static str,
    nouns: &'static [&'static str],
    adjectives: &'static [&'static str],
    brands: &'static [&'static str],
    features: &'static [&'static str],
    /// Price range in US dollars.
    price: (u64, u64),
    /// The variation dimension and its values, when products come in variations.
    variation: Option<(&'static str, &'static str, &'static [&'static str])>,
    /// Words that send a search to this category.
    keywords: &'static [&'static str],
}

const COLORS: &[&str] = &[
    "Black",
    "White",
    "Midnight Blue",
    "Forest Green",
    "Coral Red",
    "Sand",
    "Graphite",
];
const SIZES: &[&str] = &["38", "39", "40", "41", "42", "43", "44", "45"];

/// The categories products are drawn from.
pub(crate) const CATEGORIES: &[Category] = &[
    Category {
        name: "Headphones",
        nodes: &[
            (172282, "Electronics"),
            (172541, "Headphones & Earbuds"),
            (12097479011, "Over-Ear Headphones"),
        ],
        search_index: "Electronics",
        binding: "Electronics",
        nouns: &[
            "Wireless Over-Ear Headphones",
            "Noise Cancelling Headphones",
            "Bluetooth Earbuds",
            "Studio Monitor Headphones",
        ],
        adjectives: &["ANC", "Pro", "Lite", "Max", "Air"],
        brands: &["Sonora", "Auralis", "Klangwerk", "Bassline"],
        features: &[
            "Active noise cancelling with transparency mode",
            "Up to 40 hours of battery life",
            "Bluetooth 5.3 with multipoint pairing",
            "Soft memory-foam ear cushions",
            "Fast charging: 10 minutes for 5 hours of play",
            "Built-in microphones for clear calls",
            "Foldable design with travel case",
        ],
        price: (25, 349),
        variation: Some(("color_name", "Color", COLORS)),
        keywords: &[
            "headphone",
            "kopfh",
            "casque",
            "cuffie",
            "auricular",
            "earbud",
            "audio",
            "koptelefoon",
        ],
    },
    Category {
        name: "Coffee Machines",
        nodes: &[
            (284507, "Home & Kitchen"),
            (289913, "Coffee, Tea & Espresso"),
            (289745, "Espresso Machines"),
        ],
        search_index: "HomeAndKitchen",
        binding: "Kitchen",
        nouns: &[
            "Espresso Machine",
            "Bean-to-Cup Coffee Maker",
            "Drip Coffee Maker",
            "Milk Frother",
        ],
        adjectives: &["Barista", "Classic", "Compact", "Deluxe"],
        brands: &["Cremalta", "Brewhaus", "Kaffeno"],
        features: &[
            "15 bar pump pressure",
            "Integrated conical burr grinder",
            "Steam wand for milk foam",
            "1.8 litre removable water tank",
            "Automatic descaling programme",
            "Keeps coffee warm for 2 hours",
        ],
        price: (39, 899),
        variation: None,
        keywords: &["coffee", "kaffee", "café", "caffè", "espresso", "koffie"],
    },
    Category {
        name: "Running Shoes",
        nodes: &[
            (7141123011, "Clothing, Shoes & Jewelry"),
            (679255011, "Shoes"),
            (679286011, "Running Shoes"),
        ],
        search_index: "Fashion",
        binding: "Apparel",
        nouns: &["Running Shoe", "Trail Running Shoe", "Road Racing Flat"],
        adjectives: &["Swift", "Cloud", "Trail", "Tempo"],
        brands: &["Stridex", "Laufwerk", "Pacer"],
        features: &[
            "Breathable engineered mesh upper",
            "Responsive foam midsole",
            "Rubber outsole with deep lugs",
            "Reflective details for low light",
            "Removable cushioned insole",
        ],
        price: (45, 189),
        variation: Some(("size_name", "Size", SIZES)),
        keywords: &[
            "shoe",
            "schuh",
            "chaussure",
            "scarpe",
            "zapatilla",
            "running",
            "sneaker",
        ],
    },
    Category {
        name: "Books",
        nodes: &[
            (283155, "Books"),
            (17, "Literature & Fiction"),
            (10134, "Contemporary Fiction"),
        ],
        search_index: "Books",
        binding: "Paperback",
        nouns: &["A Novel", "Stories", "The Complete Guide", "A Memoir"],
        adjectives: &["The Quiet", "Summer", "Northern", "Last", "Hidden"],
        brands: &[
            "Lanternfield Press",
            "Ashgrove Books",
            "Tidewater Publishing",
        ],
        features: &[
            "A story about distance, memory and home",
            "Winner of a regional fiction prize",
            "Includes a reading-group guide",
        ],
        price: (9, 35),
        variation: None,
        keywords: &["book", "buch", "livre", "libro", "novel", "roman", "boek"],
    },
    Category {
        name: "Backpacks",
        nodes: &[
            (15743631, "Luggage"),
            (360832011, "Backpacks"),
            (2477388011, "Laptop Backpacks"),
        ],
        search_index: "Luggage",
        binding: "Luggage",
        nouns: &[
            "Laptop Backpack",
            "Daypack",
            "Travel Backpack 40 L",
            "Rolltop Backpack",
        ],
        adjectives: &["Urban", "Explorer", "Commuter", "Weekender"],
        brands: &["Packwell", "Rucksmith", "Alpenweg"],
        features: &[
            "Padded sleeve for laptops up to 15.6 inches",
            "Water-resistant recycled fabric",
            "Hidden anti-theft pocket",
            "Ergonomic padded shoulder straps",
            "Luggage strap for trolleys",
        ],
        price: (19, 159),
        variation: Some(("color_name", "Color", COLORS)),
        keywords: &[
            "backpack",
            "rucksack",
            "sac à dos",
            "zaino",
            "mochila",
            "bag",
            "tasche",
        ],
    },
    Category {
        name: "Smart Home",
        nodes: &[
            (172282, "Electronics"),
            (6563140011, "Smart Home"),
            (6684053011, "Smart Plugs"),
        ],
        search_index: "Electronics",
        binding: "Electronics",
        nouns: &[
            "Smart Plug",
            "Smart LED Bulb E27",
            "Wi-Fi Thermostat",
            "Indoor Security Camera",
        ],
        adjectives: &["Mini", "Plus", "2-Pack", "4-Pack"],
        brands: &["Homely", "Lumio", "Nestwise"],
        features: &[
            "Works with voice assistants",
            "Schedules and timers in the app",
            "Energy monitoring",
            "No hub required",
            "Easy set-up in two minutes",
        ],
        price: (12, 129),
        variation: None,
        keywords: &[
            "smart",
            "plug",
            "steckdose",
            "prise",
            "presa",
            "enchufe",
            "lamp",
            "bulb",
            "camera",
        ],
    },
    Category {
        name: "Toys",
        nodes: &[
            (165793011, "Toys & Games"),
            (166092011, "Building Toys"),
            (166100011, "Building Sets"),
        ],
        search_index: "ToysAndGames",
        binding: "Toy",
        nouns: &[
            "Building Set",
            "Wooden Train Set",
            "Puzzle 1000 Pieces",
            "Plush Dragon",
        ],
        adjectives: &["Castle", "City", "Space", "Jungle"],
        brands: &["Brickly", "Spielfreund", "Toytopia"],
        features: &[
            "For ages 6 and up",
            "Compatible with other brick sets",
            "Illustrated instructions included",
            "Made from sustainable materials",
        ],
        price: (9, 149),
        variation: None,
        keywords: &[
            "toy",
            "spielzeug",
            "jouet",
            "giocattol",
            "juguete",
            "lego",
            "puzzle",
            "speelgoed",
        ],
    },
    Category {
        name: "Garden",
        nodes: &[
            (2972638011, "Garden & Outdoors"),
            (3610851, "Gardening"),
            (553788, "Garden Hoses"),
        ],
        search_index: "GardenAndOutdoor",
        binding: "Lawn & Patio",
        nouns: &[
            "Expandable Garden Hose 30 m",
            "Cordless Hedge Trimmer",
            "Raised Garden Bed",
            "Solar Path Lights",
        ],
        adjectives: &["Flex", "Eco", "Heavy-Duty", "Compact"],
        brands: &["Greenery", "Gartenfreund", "Sprout & Co"],
        features: &[
            "Weatherproof construction",
            "Tool-free assembly",
            "Lightweight and easy to store",
            "Two-year warranty",
        ],
        price: (15, 249),
        variation: None,
        keywords: &[
            "garden", "garten", "jardin", "giardino", "jardín", "hose", "schlauch", "tuin",
        ],
    },
];

/// Why an ASIN yields no product.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Missing {
    NotAccessible,
    NotFound,
}

/// What kind of offer availability a product has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Availability {
    InStock,
    InStockScarce,
    OutOfStock,
    Preorder,
    Backorder,
}

impl Availability {
    /// The Creators API `type` value.
    pub(crate) fn code(self) -> &'static str {
        match self {
            Availability::InStock => "IN_STOCK",
            Availability::InStockScarce => "IN_STOCK_SCARCE",
            Availability::OutOfStock => "OUT_OF_STOCK",
            Availability::Preorder => "PREORDER",
            Availability::Backorder => "BACKORDER",
        }
    }
}

/// The offer of a product in one marketplace. Amounts are in minor units of the currency.
#[derive(Debug, Clone)]
pub(crate) struct Offer {
    pub(crate) price: Option<u64>,
    /// `(amount, basis type)` of the reference price when there is a saving.
    pub(crate) saving_basis: Option<(u64, &'static str)>,
    pub(crate) price_per_unit: Option<(u64, &'static str)>,
    pub(crate) availability: Availability,
    pub(crate) scarce_left: u64,
    pub(crate) max_order_quantity: u64,
    pub(crate) violates_map: bool,
    pub(crate) merchant_name: String,
    pub(crate) merchant_id: String,
    pub(crate) deal: Option<u64>,
    pub(crate) loyalty_points: Option<u64>,
}

/// One generated product in one marketplace.
#[derive(Debug, Clone)]
pub(crate) struct Product {
    pub(crate) asin: String,
    pub(crate) marketplace: Marketplace,
    pub(crate) category: usize,
    pub(crate) title: String,
    pub(crate) brand: String,
    pub(crate) model: String,
    pub(crate) features: Vec<String>,
    pub(crate) author: Option<String>,
    pub(crate) ean: String,
    pub(crate) parent_asin: Option<String>,
    /// `(name, display name, value)` for a variation child.
    pub(crate) variation: Option<(&'static str, &'static str, String)>,
    pub(crate) image_variants: u64,
    pub(crate) reviews: Option<(u64, u64)>,
    pub(crate) sales_rank: u64,
    pub(crate) offer: Option<Offer>,
}

/// Whether `s` is an ASIN by the Creators API's rule: ten characters, ISBN-10 digits or a
/// capital letter followed by nine capitals or digits.
pub(crate) fn is_asin(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 {
        return false;
    }
    let isbn = b[..9].iter().all(u8::is_ascii_digit) && (b[9].is_ascii_digit() || b[9] == b'X');
    let alnum = b[0].is_ascii_uppercase()
        && b[1..]
            .iter()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    isbn || alnum
}

fn is_isbn(asin: &str) -> bool {
    asin.as_bytes()[0].is_ascii_digit()
}

/// The category of an ASIN: books for ISBNs, otherwise from its fourth character.
pub(crate) fn category_of(asin: &str) -> usize {
    if is_isbn(asin) {
        return 3;
    }
    let c = asin.as_bytes()[3] as char;
    c.to_digit(36).unwrap_or(0) as usize % CATEGORIES.len()
}

/// `(children, dimension)` when the ASIN's first nine characters form a variation family.
fn family(seed: u64, asin: &str) -> Option<(u64, usize)> {
    if is_isbn(asin) {
        return None;
    }
    let cat = &CATEGORIES[category_of(asin)];
    cat.variation?;
    let mut r = Rng::new(seed, &["family", &asin[..9]]);
    if !r.chance(45) {
        return None;
    }
    Some((r.range(2, 6), category_of(asin)))
}

/// The product behind `asin` in `marketplace`, or why there is none.
pub(crate) fn product(seed: u64, marketplace: Marketplace, asin: &str) -> Result<Product, Missing> {
    if asin.starts_with("B0NA") {
        return Err(Missing::NotAccessible);
    }
    if asin.starts_with("B0NF") {
        return Err(Missing::NotFound);
    }
    let cat_index = category_of(asin);
    let cat = &CATEGORIES[cat_index];
    let last = asin.as_bytes()[9];
    let fam = family(seed, asin);
    // Family role: parent (last char 0), child i (1..=n) or none.
    let (is_parent, child) = match fam {
        Some(_) if last == b'0' => (true, None),
        Some((n, _)) if last.is_ascii_digit() && u64::from(last - b'0') <= n => {
            (false, Some(u64::from(last - b'0')))
        }
        _ => (false, None),
    };
    // Identity: shared by the family, the same in every marketplace.
    let identity_key = if fam.is_some() && (is_parent || child.is_some()) {
        &asin[..9]
    } else {
        asin
    };
    let mut id = Rng::new(seed, &["product", identity_key]);
    let brand = id.pick(cat.brands).to_string();
    let adjective = *id.pick(cat.adjectives);
    let noun = *id.pick(cat.nouns);
    let model = format!(
        "{}{}",
        ["X", "Q", "S", "V", "K"][(id.next() % 5) as usize],
        id.range(10, 99) * 10
    );
    let mut features: Vec<String> = Vec::new();
    let wanted = id.range(3, cat.features.len().min(5) as u64) as usize;
    let start = (id.next() % cat.features.len() as u64) as usize;
    for i in 0..wanted {
        features.push(cat.features[(start + i) % cat.features.len()].to_string());
    }
    let author = (cat_index == 3).then(|| {
        let first = id.pick(&[
            "Mara", "Jonas", "Elena", "Tomás", "Ingrid", "Kenji", "Aisha",
        ]);
        let last = id.pick(&[
            "Lindqvist",
            "Moreau",
            "Castellano",
            "Okafor",
            "Weber",
            "Hale",
        ]);
        format!("{first} {last}")
    });
    let mut title = if let Some(a) = &author {
        let _ = a;
        format!("{adjective} {noun}")
    } else {
        format!("{brand} {adjective} {noun} {model}")
    };
    if cat_index != 3 {
        title.push_str(&format!(", {}", features[0]));
    }
    let ean = format!("40{:011}", id.next() % 100_000_000_000);
    let mut variation = None;
    if let (Some(i), Some((_, dim))) = (child, fam) {
        let (name, display, values) = CATEGORIES[dim].variation.expect("family has a dimension");
        let mut vr = Rng::new(seed, &["values", &asin[..9]]);
        let offset = (vr.next() % values.len() as u64) as usize;
        let value = values[(offset + i as usize - 1) % values.len()].to_string();
        title.push_str(&format!(", {value}"));
        variation = Some((name, display, value));
    }
    let parent_asin = child.map(|_| format!("{}0", &asin[..9]));

    // Per-ASIN facts that differ between siblings but not between marketplaces.
    let mut own = Rng::new(seed, &["own", asin]);
    let image_variants = own.range(0, 3);
    let reviews = own
        .chance(75)
        .then(|| (own.range(35, 49), own.range(3, 25_000)));
    let sales_rank = own.range(1, 250_000);

    let offer = (!is_parent).then(|| offer(seed, marketplace, asin, cat));
    Ok(Product {
        asin: asin.to_string(),
        marketplace,
        category: cat_index,
        title,
        brand: if let Some(a) = &author {
            a.clone()
        } else {
            brand
        },
        model,
        features,
        author,
        ean,
        parent_asin,
        variation,
        image_variants,
        reviews,
        sales_rank,
        offer,
    })
}

/// Rough exchange rates from US dollars, so prices look plausible in every store.
fn usd_rate(currency: &str) -> f64 {
    match currency {
        "USD" => 1.0,
        "CAD" => 1.35,
        "MXN" => 17.0,
        "BRL" => 5.0,
        "GBP" => 0.8,
        "EUR" => 0.92,
        "PLN" => 4.0,
        "SEK" => 10.5,
        "TRY" => 32.0,
        "AED" => 3.67,
        "SAR" => 3.75,
        "EGP" => 48.0,
        "INR" => 83.0,
        "JPY" => 150.0,
        "SGD" => 1.35,
        "AUD" => 1.5,
        _ => 1.0,
    }
}

/// Digits after the decimal point in a currency.
pub(crate) fn currency_decimals(currency: &str) -> u32 {
    if currency == "JPY" { 0 } else { 2 }
}

/// A shop-like price (ending in .99, .49 … or in tens of yen) near `usd` dollars, in minor units.
fn shop_price(rng: &mut Rng, usd: f64, currency: &str) -> u64 {
    let major = (usd * usd_rate(currency)).max(1.0);
    if currency_decimals(currency) == 0 {
        let tens = (major / 10.0).round().max(2.0) as u64;
        return tens * 10 - 20 * u64::from(rng.chance(50));
    }
    let cents = *rng.pick(&[99u64, 49, 95, 0, 90, 99]);
    (major.floor() as u64).max(1) * 100 + cents
}

fn offer(seed: u64, marketplace: Marketplace, asin: &str, cat: &Category) -> Offer {
    let info = marketplace.info();
    let mut r = Rng::new(seed, &["offer", info.code, asin]);
    let availability = match r.range(0, 99) {
        0..=59 => Availability::InStock,
        60..=74 => Availability::InStockScarce,
        75..=86 => Availability::OutOfStock,
        87..=94 => Availability::Preorder,
        _ => Availability::Backorder,
    };
    let usd = r.range(cat.price.0 * 100, cat.price.1 * 100) as f64 / 100.0;
    let price = shop_price(&mut r, usd, info.currency);
    let saving_basis = (availability != Availability::Preorder && r.chance(35)).then(|| {
        let pct = r.range(5, 45);
        let basis =
            shop_price(&mut r, usd * (100 + pct) as f64 / 100.0, info.currency).max(price + 1);
        let kind = match info.region {
            asa2_core::Region::Europe => *r.pick(&["LOWEST_PRICE", "LIST_PRICE", "WAS_PRICE"]),
            _ => *r.pick(&["LIST_PRICE", "WAS_PRICE"]),
        };
        (basis, kind)
    });
    let price_per_unit =
        (cat.name == "Coffee Machines" && r.chance(30)).then_some((price / 4, "Count"));
    let amazon = r.chance(75);
    let (merchant_name, merchant_id) = if amazon {
        let name = format!("Amazon.{}", info.domain().trim_start_matches("amazon."));
        (name, amazon_merchant_id(marketplace))
    } else {
        let name = r
            .pick(&[
                "Nordlicht Handel",
                "BlueHarbor Goods",
                "Maison Durand",
                "Bottega Verde",
                "Sakura Trading",
            ])
            .to_string();
        (name, merchant_code(&mut r))
    };
    Offer {
        price: (availability != Availability::OutOfStock).then_some(price),
        saving_basis: if availability == Availability::OutOfStock {
            None
        } else {
            saving_basis
        },
        price_per_unit,
        availability,
        scarce_left: r.range(1, 9),
        max_order_quantity: *r.pick(&[3u64, 5, 10, 30]),
        violates_map: r.chance(5),
        merchant_name,
        merchant_id,
        deal: (matches!(
            availability,
            Availability::InStock | Availability::InStockScarce
        ) && r.chance(10))
        .then(|| r.range(5, 95)),
        loyalty_points: (marketplace == Marketplace::JP).then_some(price / 100),
    }
}

fn amazon_merchant_id(m: Marketplace) -> String {
    match m {
        Marketplace::US => "ATVPDKIKX0DER".into(),
        Marketplace::DE => "A3JWKAKR8XB7XF".into(),
        Marketplace::UK => "A3P5ROKL5A1OLE".into(),
        Marketplace::FR => "A1X6FK5RDHNB96".into(),
        Marketplace::IT => "A11IL2PNWYJU7H".into(),
        Marketplace::ES => "A1AT7YVPFBWXBL".into(),
        Marketplace::JP => "AN1VRQENFRJN5".into(),
        other => {
            let mut r = Rng::new(0, &["merchant", other.code()]);
            merchant_code(&mut r)
        }
    }
}

fn merchant_code(r: &mut Rng) -> String {
    const CH: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    let mut s = String::from("A");
    for _ in 0..13 {
        s.push(CH[(r.next() % CH.len() as u64) as usize] as char);
    }
    s
}

/// The children of the family `parent_asin` belongs to (as parent or child); `None` when the
/// ASIN has no variations.
pub(crate) fn variation_children(seed: u64, asin: &str) -> Option<Vec<String>> {
    let (n, _) = family(seed, asin)?;
    let last = asin.as_bytes()[9];
    let member = last == b'0' || (last.is_ascii_digit() && u64::from(last - b'0') <= n);
    if !member {
        return None;
    }
    Some((1..=n).map(|i| format!("{}{i}", &asin[..9])).collect())
}

/// The category a search goes to: the first whose keywords occur in the text, else one picked
/// from the text's hash.
pub(crate) fn search_category(seed: u64, text: &str) -> usize {
    let lower = text.to_lowercase();
    CATEGORIES
        .iter()
        .position(|c| c.keywords.iter().any(|k| lower.contains(k)))
        .unwrap_or_else(|| {
            (Rng::new(seed, &["searchcat", &lower]).next() % CATEGORIES.len() as u64) as usize
        })
}

/// The `i`-th ASIN of the results for `query` (0-based over all pages), in category `cat`.
pub(crate) fn search_asin(
    seed: u64,
    marketplace: Marketplace,
    query: &str,
    cat: usize,
    i: u64,
) -> String {
    const CH: &[u8] = b"ABCDEFGHIJKLMOPQRSTUVWXYZ0123456789"; // no N: avoids B0NA / B0NF
    let mut r = Rng::new(seed, &["search", marketplace.code(), query, &i.to_string()]);
    // Fourth character chosen so that `category_of` gives `cat`.
    let fourth = std::char::from_digit(
        (cat as u32) + CATEGORIES.len() as u32 * (r.next() % 4) as u32,
        36,
    )
    .unwrap_or('0')
    .to_ascii_uppercase();
    let mut s = String::from("B0");
    s.push(CH[(r.next() % CH.len() as u64) as usize] as char);
    s.push(fourth);
    for _ in 0..6 {
        s.push(CH[(r.next() % CH.len() as u64) as usize] as char);
    }
    s
}

/// The number of results a search has (0 for the keyword `noresults`).
pub(crate) fn search_total(seed: u64, marketplace: Marketplace, query: &str) -> u64 {
    if query.to_lowercase().contains("noresults") {
        return 0;
    }
    Rng::new(seed, &["total", marketplace.code(), query]).range(7, 4_800)
}

/// A browse node: `(id, name, is_root, ancestors from parent to root, children)`.
pub(crate) struct Node {
    pub(crate) id: u64,
    pub(crate) name: String,
    pub(crate) ancestors: Vec<(u64, String)>,
    pub(crate) children: Vec<(u64, String)>,
    pub(crate) sales_rank: Option<u64>,
}

/// The browse node `id`: one of the category trees when known, otherwise an invented leaf.
pub(crate) fn browse_node(seed: u64, id: u64) -> Node {
    for cat in CATEGORIES {
        if let Some(pos) = cat.nodes.iter().position(|(n, _)| *n == id) {
            let ancestors = cat.nodes[..pos]
                .iter()
                .rev()
                .map(|(i, n)| (*i, n.to_string()))
                .collect();
            let children = match cat.nodes.get(pos + 1) {
                Some((i, n)) => vec![(*i, n.to_string())],
                None => Vec::new(),
            };
            return Node {
                id,
                name: cat.nodes[pos].1.to_string(),
                ancestors,
                children,
                sales_rank: None,
            };
        }
    }
    let mut r = Rng::new(seed, &["node", &id.to_string()]);
    let cat = r.pick(CATEGORIES);
    let word = r.pick(&[
        "Accessories",
        "Sets",
        "Essentials",
        "Specials",
        "Bestsellers",
    ]);
    let (root, root_name) = cat.nodes[0];
    Node {
        id,
        name: format!("{} {word}", cat.name),
        ancestors: vec![(root, root_name.to_string())],
        children: Vec::new(),
        sales_rank: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn asin_rule() {
        for ok in ["B09B2SBHQK", "3161484100", "030640615X", "B0NA000001"] {
            assert!(is_asin(ok), "{ok}");
        }
        for bad in [
            "",
            "b09b2sbhqk",
            "B09B2SBHQ",
            "B09B2SBHQKK",
            "12345678XX",
            "B09B2SBHQ!",
        ] {
            assert!(!is_asin(bad), "{bad}");
        }
    }

    #[test]
    fn products_are_deterministic_and_differ_by_seed() {
        let a = product(42, Marketplace::DE, "B09B2SBHQK").unwrap();
        let b = product(42, Marketplace::DE, "B09B2SBHQK").unwrap();
        assert_eq!(a.title, b.title);
        assert_eq!(
            a.offer.as_ref().map(|o| o.price),
            b.offer.as_ref().map(|o| o.price)
        );
        let titles: std::collections::HashSet<String> = (0..20)
            .map(|s| product(s, Marketplace::DE, "B09B2SBHQK").unwrap().title)
            .collect();
        assert!(titles.len() > 3);
        assert_eq!(
            product(1, Marketplace::US, "B0NA123456").unwrap_err(),
            Missing::NotAccessible
        );
        assert_eq!(
            product(1, Marketplace::US, "B0NF123456").unwrap_err(),
            Missing::NotFound
        );
    }

    #[test]
    fn families_are_consistent() {
        // Find a family and check that every child points to the parent and back.
        let mut found = 0;
        for i in 0..400u64 {
            let key = format!("B0A{}{:05}", ['0', '2', '4'][(i % 3) as usize], i);
            let parent = format!("{key}0");
            if let Some(children) = variation_children(7, &parent) {
                found += 1;
                let p = product(7, Marketplace::US, &parent).unwrap();
                assert!(p.parent_asin.is_none() && p.offer.is_none());
                for c in &children {
                    let cp = product(7, Marketplace::US, c).unwrap();
                    assert_eq!(cp.parent_asin.as_deref(), Some(parent.as_str()));
                    assert!(cp.variation.is_some());
                    assert_eq!(variation_children(7, c).as_ref(), Some(&children));
                }
            }
        }
        assert!(found > 10, "{found}");
    }

    #[test]
    fn search_asins_land_in_the_category() {
        for cat in 0..CATEGORIES.len() {
            for i in 0..20 {
                let a = search_asin(3, Marketplace::DE, "x", cat, i);
                assert!(is_asin(&a), "{a}");
                assert_eq!(category_of(&a), cat, "{a}");
                assert!(!a.starts_with("B0N"));
            }
        }
        assert_eq!(search_category(1, "Bluetooth Kopfhörer"), 0);
        assert_eq!(search_total(1, Marketplace::DE, "noresults"), 0);
    }

    #[test]
    fn jpy_prices_have_no_decimals_and_others_look_like_shop_prices() {
        for i in 0..50 {
            let asin = format!("B0AB{:06}", i);
            if let Some(Some(p)) = product(5, Marketplace::JP, &asin)
                .unwrap()
                .offer
                .map(|o| o.price)
            {
                assert_eq!(p % 10, 0);
            }
            if let Some(Some(p)) = product(5, Marketplace::DE, &asin)
                .unwrap()
                .offer
                .map(|o| o.price)
            {
                assert!([99, 49, 95, 0, 90].contains(&(p % 100)), "{p}");
            }
        }
    }

    #[test]
    fn browse_nodes_know_their_tree() {
        let n = browse_node(1, 172541);
        assert_eq!(n.name, "Headphones & Earbuds");
        assert_eq!(n.ancestors[0].0, 172282);
        assert_eq!(n.children[0].0, 12097479011);
        let invented = browse_node(1, 999);
        assert_eq!(invented.ancestors.len(), 1);
    }
}
