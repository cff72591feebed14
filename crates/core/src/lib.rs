//! Sans-IO core of asa2-creators.
//!
//! It knows every Amazon marketplace, derives the Creators API version from the credential
//! kind, validates the setup forms, seals secrets, builds every request the plugin sends
//! (Creators API tokens and operations, PA-API 5.0 with AWS SigV4) and turns every answer into
//! one product model or a typed error. It never opens a socket, reads a clock or draws random
//! numbers: callers pass "now" and nonces in and send the requests themselves.
//!
//! The modules are private; the items below are the public surface, the one the bindings (the
//! PHP extension, the wasm build, the sandbox, the fuzz targets, benches and tests) use.

#![forbid(unsafe_code)]
#![warn(missing_docs, unreachable_pub)]

/// Version of asa2-core, as the PHP extension and the wasm build report it.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

// Shared values: marketplaces, credentials, the two APIs, operations, HTTP, secrets, messages.
mod credential;
mod date;
mod field_error;
mod geo;
mod http;
mod marketplace;
mod message;
pub mod messages;
mod operation;
mod quote;
mod redact;
mod secret;
mod source_api;

pub use credential::{
    ApiVersion, CreatorsCredentials, CredentialKind, CredentialKindInfo, Detected,
    PaapiCredentials, UnknownApiVersion, UnknownCredentialKind,
};
pub use date::{AmzDate, DateError};
pub use field_error::{FieldError, FieldErrors};
pub use geo::{
    COUNTRY_STORES, CountryOverrides, CountryStores, country_store_map, normalize_country,
    store_for_country,
};
pub use http::{ApiBase, HttpRequest, InvalidApiBase, Method, RetryAfter};
pub use marketplace::{MARKETPLACES, Marketplace, MarketplaceInfo, Region, UnknownMarketplace};
pub use message::{Message, Param, Template, placeholders};
pub use operation::{Operation, UnknownOperation};
pub use redact::{REDACTED, redact};
pub use secret::Secret;
pub use source_api::SourceApi;

// Setup forms: configuration validation, partner tags, sealed secrets, PA API settings,
// Associate ID sets.
mod config;
mod form;
mod id_sets;
mod paapi_settings;
mod partner_tag;
mod seal;

pub use config::{MarketplaceConfig, MarketplaceConfigInput};
pub use form::Validated;
pub use id_sets::{AssociateIdSet, AssociateIdSetInput};
pub use paapi_settings::PaapiSettingsInput;
pub use partner_tag::PartnerTag;
pub use seal::{
    SEAL_MAX_PLAINTEXT, SEAL_MIN_KEY_MATERIAL, SEAL_NONCE_LEN, SealError, Sealer, is_sealed,
};

// Creators API: tokens, operations, parameters, error answers, retries, ASINs.
mod api_error;
mod asin;
mod creators;
mod params;
mod retry;
mod token;

pub use api_error::ApiError;
pub use asin::{Asin, parse_product_input};
pub use creators::{
    creators_get_browse_nodes, creators_get_items, creators_get_variations, creators_requests,
    creators_search_items,
};
pub use params::{
    Condition, DeliveryFlag, GetBrowseNodesParams, GetItemsParams, GetVariationsParams,
    MAX_IDS_PER_REQUEST, OperationParams, Properties, SearchAvailability, SearchItemsParams,
    SortBy, default_resources, paapi_default_resources,
};
pub use retry::{Jitter, RetryKind, RetryPolicy, UnknownRetryKind};
pub use token::{
    AccessToken, COGNITO_SCOPE, LWA_SCOPE, TOKEN_REFRESH_MARGIN_SECS, TokenError, needs_refresh,
    parse_token_response, token_cache_key, token_request,
};

// One product model and the normalizers of both APIs' answers.
mod item;
mod normalize;

pub use item::{
    BrowseNode, BrowseNodeDetail, BrowseNodeRef, CatalogPage, Classifications, ContentInfo,
    ContentLanguage, Contributor, CustomerReviews, Deal, Decimal, Dimensions, ExternalIds, Image,
    ImageSet, Images, InvalidDecimal, Item, ItemAvailability, ItemError, ItemSource,
    ManufactureInfo, Measure, Merchant, Money, ProductInfo, Refinement, RefinementBin, Savings,
    SearchRefinements, TechnicalInfo, TradeIn, VariationAttribute, VariationDimension,
    VariationSummary,
};
pub use normalize::{
    NormalizeContext, NormalizeError, normalize_creators, normalize_paapi, parse_creators_response,
    parse_paapi_response,
};

// PA-API 5.0: AWS Signature Version 4 and the request builders.
mod paapi;
mod sigv4;
mod sigv4_key;

pub use paapi::{
    PaapiRequestError, PaapiSignedRequest, paapi_get_browse_nodes, paapi_get_items,
    paapi_get_variations, paapi_requests, paapi_search_items, paapi_signed_request,
};
pub use sigv4::{
    DefaultHeaders, PathNormalization, SessionTokenPlacement, SigV4Error, SigV4Params,
    SigV4Request, SigV4Signature, SigningSettings, sign_v4, sign_v4_cached,
};
pub use sigv4_key::SigningKeyCache;

// Product templates (`{{ Placeholder }}`), rendered from stored product data.
#[cfg(feature = "templates")]
mod template;

#[cfg(feature = "templates")]
pub use template::{
    AutoPriceRule, DEFAULT_TEMPLATE, FilledBy, MAX_TEMPLATE_BYTES, PLACEHOLDERS,
    PRICE_MAX_AGE_SECS, PlaceholderDoc, ProductTemplate, RenderOptions, ShopLogos, TemplateError,
};
