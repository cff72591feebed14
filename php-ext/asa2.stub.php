<?php
/**
 * IDE stub of the asa2 PHP extension (asa2-creators). Nothing here runs: the extension
 * provides these classes. tests/php/ext checks this file against `php --re asa2`.
 *
 * Conventions
 * - Every class is `final` with static methods (except Sealer), and cannot be instantiated
 *   (except Sealer); values are plain PHP arrays with
 *   snake_case keys, the same names the product model (docs) and the plugin's storage use.
 * - "now" is always a unix timestamp passed in by the caller (`time()`).
 * - An HTTP request to send is `array{method: string, url: string, headers: array<string, string>, body: string}`.
 * - An HTTP response to parse is given as `int $status, array<string, string> $headers` (any
 *   case of names) and `string $body`.
 * - A marketplace configuration (`$config`) is what MarketplaceConfig::validate() returned in
 *   its `config` key: marketplace, kind, api_version, credential_id, credential_secret,
 *   partner_tag, enabled, default.
 * - `$apiBase` null means the real Amazon hosts; a base URL such as `http://127.0.0.1:8765`
 *   sends every call to `{base}/{amazon-host}{path}` (the local sandbox).
 * - Errors are thrown as the exceptions below, never as warnings; a Rust panic becomes an
 *   Asa2\Exception. Every `$config` is validated again (stored settings may predate the rules),
 *   so any method taking one may throw ValidationException. A string argument that is not
 *   valid UTF-8 is a ValidationException under that argument's field name.
 *
 * @generated-contract asa2 0.1.0
 */

namespace Asa2;

/**
 * Root of every exception the extension throws. getMessage() is English; an exception whose
 * message is in the catalogue (Messages::all()) also has its code and parameters, for a host
 * that shows it in its own words.
 */
class Exception extends \Exception
{
    /** The message's code (e.g. "token.invalid_client"), or "" for a message without one. */
    public function getMessageCode(): string {}

    /**
     * The values of the message's `{name}` placeholders: a param is text or a nested message
     * `array{code: string, params: array, message: string}` (such as Amazon's own words, under
     * `amazon_said`, or the advice under `hint`).
     *
     * @return array<string, string|array>
     */
    public function getMessageParams(): array {}
}

/** Input that failed validation; every failing field is listed. */
class ValidationException extends Exception
{
    /** @return array<string, list<string>> field name => messages a site owner understands */
    public function getErrors(): array {}

    /**
     * The same messages with their codes, for a host that shows them in its own words (see
     * Messages::all()): code is empty for a message without one, a param is text or a nested
     * message of the same shape.
     *
     * @return list<array{field: string, code: string, params: array<string, string|array>, message: string}>
     */
    public function getDetails(): array {}
}

/**
 * Sealing or opening a secret failed (wrong key, edited value, wrong context, unknown format).
 * The message says what happened in words that suit any host; getKind() tells the cases apart
 * for a host that adds advice of its own (such as where its key material is configured).
 */
class CryptoException extends Exception
{
    /**
     * What went wrong: "key_too_short", "too_long", "not_sealed", "unknown_version",
     * "malformed", "key_mismatch", "authentication_failed" or "random_source" (the operating
     * system gave no random bytes).
     */
    public function getKind(): string {}
}

/** Amazon answered with an error. Subclasses narrow the cause. */
class ApiException extends Exception
{
    /** Amazon's error code or reason, e.g. "InvalidPartnerTag", "InternalServerException". */
    public function getErrorCode(): string {}

    /** HTTP status of the answer (0 when the answer could not be read at all). */
    public function getHttpStatus(): int {}

    /** The form field the error is about (e.g. "partner_tag"), when there is one. */
    public function getField(): ?string {}

    /** Whether RetryPolicy may retry the call: "throttled", "server", "token" or null. */
    public function getRetryKind(): ?string {}
}

/** Token request refused or access token rejected (invalid_client, expired token, ...). */
class AuthException extends ApiException
{
    /** What the site owner should do, e.g. switch Credential Type to LWA (v3). */
    public function getHint(): ?string {}

    /**
     * The hint as a coded message, when there is one.
     *
     * @return array{code: string, params: array<string, string|array>, message: string}|null
     */
    public function getHintDetails(): ?array {}
}

/** HTTP 429: too many requests for this credential. */
class ThrottledException extends ApiException
{
    /** Seconds Amazon asked to wait (Retry-After), when it said. */
    public function getRetryAfter(): ?int {}
}

/** HTTP 403 AssociateNotEligible: the account lacks the qualifying sales (10 in 30 days). */
class NotEligibleException extends ApiException {}

/** Versions and build facts. */
final class Version
{
    /** Version of the asa2 extension, e.g. "0.1.0". */
    public static function extension(): string {}

    /** Version of asa2-core inside it. */
    public static function core(): string {}
}

/** The codes of the core's messages, for a host that shows them in its own words. */
final class Messages
{
    /**
     * Every code of the core's messages with its English template (`{name}` where a parameter
     * goes), in the core's order. ValidationException::getDetails() names these codes.
     *
     * @return array<string, string>
     */
    public static function all(): array {}
}

/** The marketplace registry. */
final class Marketplaces
{
    /**
     * Every marketplace, keyed by code, in the order the setup screens list them.
     *
     * @return array<string, array{code: string, country: string, host: string, domain: string,
     *   region: string, currency: string, language: string, associates_url: string,
     *   paapi_host: string, paapi_region: string, tag_suffix: string}>
     */
    public static function all(): array {}

    /**
     * One marketplace by code ("DE"), store host ("www.amazon.de") or domain ("amazon.de").
     *
     * @return array same shape as one entry of all()
     * @throws ValidationException errors under "marketplace"
     */
    public static function get(string $codeHostOrDomain): array {}

    /** Like get(), but null for an unknown marketplace. */
    public static function find(string $codeHostOrDomain): ?array {}
}

/** The two Amazon APIs: the Creators API and PA-API 5.0 ("source.api" of a product). */
final class Api
{
    /** The Creators API, as "source.api" of a product names it. */
    public const CREATORS = 'creators';

    /** PA-API 5.0, as "source.api" of a product names it. */
    public const PAAPI5 = 'paapi5';

    /**
     * Most ASINs (GetItems) or browse node IDs (GetBrowseNodes) one request carries;
     * CreatorsApi::request() and PaApi::request() split longer GetItems lists into batches of
     * this size.
     */
    public const MAX_IDS_PER_REQUEST = 10;

    /**
     * Both APIs, keyed by id, the Creators API first.
     *
     * @return array<string, array{id: string, label: string}> label: "Creators API", "PA-API 5.0"
     */
    public static function all(): array {}
}

/** Credential kinds (cognito, lwa) and the API version they imply. */
final class Credentials
{
    /** Cognito credentials, as a configuration's "kind" names them. */
    public const COGNITO = 'cognito';

    /** LWA credentials, as a configuration's "kind" names them. */
    public const LWA = 'lwa';

    /**
     * Both kinds, keyed by id.
     *
     * @return array<string, array{id: string, label: string, description: string, major: int}>
     */
    public static function kinds(): array {}

    /**
     * The API version for a kind ("cognito", "lwa" or a label) and a marketplace, e.g. "2.2".
     *
     * @throws ValidationException errors under "kind" or "marketplace"
     */
    public static function apiVersion(string $kind, string $marketplace): string {}

    /** What pasted credentials look like: "lwa", "cognito" or "unknown". */
    public static function detect(string $credentialId, string $credentialSecret): string {}

    /**
     * A warning when the chosen kind contradicts what the credentials look like, else null.
     *
     * @throws ValidationException an unknown kind, under "kind"
     */
    public static function mismatchWarning(string $kind, string $credentialId, string $credentialSecret): ?string {}
}

/** The "Add Marketplace" form and the list of configured marketplaces. */
final class MarketplaceConfig
{
    /**
     * Validates one form submission and normalizes it (trimmed strings, derived API version).
     *
     * @param array{marketplace?: mixed, kind?: mixed, credential_id?: mixed, credential_secret?: mixed,
     *   partner_tag?: mixed, enabled?: mixed, default?: mixed} $input
     * @return array{config: array{marketplace: string, kind: string, api_version: string,
     *   credential_id: string, credential_secret: string, partner_tag: string, enabled: bool,
     *   default: bool}, warnings: array<string, list<string>>,
     *   warning_details: list<array{field: string, code: string, params: array, message: string}>}
     * @throws ValidationException every field error at once
     */
    public static function validate(array $input): array {}

    /**
     * Checks a whole list of configurations: one per marketplace, at most one default, the
     * default enabled.
     *
     * @param list<array> $configs
     * @throws ValidationException errors keyed by field ("marketplace", "default")
     */
    public static function validateSet(array $configs): void {}
}

/** The "Amazon PA API" tab: the PA-API 5.0 fallback credentials. */
final class PaApiSettings
{
    /**
     * Validates one submission of the PA API tab and normalizes it (trimmed strings,
     * marketplace code). The `settings` result is what PaApi::request() takes as $credentials.
     *
     * @param array{access_key?: mixed, secret_key?: mixed, partner_tag?: mixed, marketplace?: mixed} $input
     * @return array{settings: array{access_key: string, secret_key: string, partner_tag: string,
     *   marketplace: string}, warnings: array<string, list<string>>,
     *   warning_details: list<array{field: string, code: string, params: array, message: string}>}
     * @throws ValidationException every field error at once (access_key, secret_key, partner_tag, marketplace)
     */
    public static function validate(array $input): array {}
}

/** The "Associate ID Sets" tab: named sets of tracking IDs, one per marketplace. */
final class AssociateIdSets
{
    /**
     * Validates one set and normalizes it (trimmed name, marketplace codes in registry order;
     * rows with a blank tracking ID are left out).
     *
     * @param array{name?: mixed, tags?: array<string, string>|list<array{marketplace: string, tag: string}>} $set
     *   tags as marketplace => tracking ID
     * @return array{set: array{name: string, tags: array<string, string>}, warnings: array<string, list<string>>,
     *   warning_details: list<array{field: string, code: string, params: array, message: string}>}
     * @throws ValidationException errors under "name", "tags" or "tags[DE]"
     */
    public static function validate(array $set): array {}

    /**
     * Checks a whole list of sets: each one valid, every name used once (case-insensitive).
     *
     * @param list<array> $sets
     * @throws ValidationException the errors of every set, duplicate names under "name"
     */
    public static function validateAll(array $sets): void {}
}

/** Partner tags (tracking IDs). */
final class PartnerTag
{
    /** The tag partially hidden for tables: "mysite-21" -> "my****-21". */
    public static function mask(string $tag): string {}

    /**
     * Checks a tag for a marketplace.
     *
     * @return list<string> warnings (e.g. an unusual suffix for that marketplace)
     * @throws ValidationException errors under $field
     */
    public static function check(string $tag, string $marketplace, string $field = 'partner_tag'): array {}
}

/**
 * Visitor countries and their stores: the country table of the core (each marketplace's own
 * country and its usual neighbours), and a visitor's country from a MaxMind-format (.mmdb)
 * country database, read once per worker and again when the file changes.
 */
final class Geo
{
    /**
     * The country table: every country a visitor may be sent to another store for, with its
     * stores (marketplace codes) in order of preference.
     *
     * @return array<string, list<string>>
     */
    public static function countries(): array {}

    /** A country code as the table uses it ("at" -> "AT", "UK" -> "GB"); null for anything that is not two letters, and for "XX" (unknown). */
    public static function normalizeCountry(string $country): ?string {}

    /**
     * Checks per-set store choices ("BE=NL, LU=FR") and returns them written the usual way.
     *
     * @throws ValidationException errors under "countries"
     */
    public static function overrides(string $overrides): string {}

    /**
     * The store (marketplace code) a visitor from $country is sent to, among $targets, or null
     * when the box keeps its own link.
     *
     * @param list<string> $targets marketplace codes the set has a tracking ID for
     * @param string $overrides the set's choices, as overrides() accepts them
     * @throws ValidationException errors under "targets" or "countries"
     */
    public static function storeFor(string $country, array $targets, string $overrides): ?string {}

    /**
     * Every country sent to one of $targets, with its store.
     *
     * @param list<string> $targets
     * @return array<string, string> country => marketplace code
     * @throws ValidationException errors under "targets" or "countries"
     */
    public static function storeMap(array $targets, string $overrides): array {}

    /**
     * The country of an IP address in a MaxMind-format (.mmdb) country database, or null when
     * the address is not in it or is not an address.
     *
     * @return string|null ISO code such as "AT"
     * @throws ValidationException under "geoip_database" when the file cannot be read or is not such a database
     */
    public static function countryOfIp(string $databasePath, string $ip): ?string {}
}

/** Sealed secrets: XChaCha20-Poly1305 with a key derived from the site's key material. */
final class Sealer
{
    /**
     * @param string $keyMaterial at least 32 bytes: a random secret of the site's configuration
     * @throws CryptoException when the key material is too short (< 32 bytes; kind "key_too_short")
     */
    public function __construct(string $keyMaterial) {}

    /**
     * Seals a secret bound to its context (e.g. scope "DE", field "credential_secret"):
     * the result opens only with the same key and context. Nonce from the OS random source.
     *
     * @return string "asa2:v1:..."
     */
    public function seal(string $plaintext, string $scope, string $field): string {}

    /** @throws CryptoException with a message that says what is wrong */
    public function open(string $sealed, string $scope, string $field): string {}

    /** Whether a stored value is in a sealed format this extension recognises. */
    public static function isSealed(string $value): bool {}
}

/** Creators API access tokens (OAuth2 client credentials). */
final class Token
{
    /**
     * @return array{method: string, url: string, headers: array<string, string>, body: string}
     * @throws ValidationException a $config that no longer validates, or a bad $apiBase (under "api_base")
     */
    public static function request(array $config, ?string $apiBase = null): array {}

    /**
     * Parses the token endpoint's answer.
     *
     * @return array{access_token: string, token_type: string, expires_at: int}
     * @throws AuthException invalid_client and the other OAuth errors, with the setup hint
     * @throws ApiException any other failure
     */
    public static function parse(array $config, int $status, array $headers, string $body, int $now): array {}

    /** Whether a token expiring at $expiresAt must be renewed now (safety margin included). */
    public static function needsRefresh(int $expiresAt, int $now): bool {}

    /** Cache key shared by every PHP worker: from kind, version and a hash of the credential ID. */
    public static function cacheKey(array $config): string {}
}

/** Creators API operations: GetItems, SearchItems, GetVariations, GetBrowseNodes. */
final class CreatorsApi
{
    /**
     * Builds the requests for one operation. GetItems splits more than 10 ASINs into batches of
     * 10, so the result is a list.
     *
     * $params by operation:
     * - "GetItems": {asins: list<string>, resources?: list<string>, condition?: string}
     * - "SearchItems": {keywords: string, search_index?: string, item_page?: int, item_count?: int, ...}
     * - "GetVariations": {asin: string, variation_page?: int, variation_count?: int}
     * - "GetBrowseNodes": {browse_node_ids: list<string>}
     *
     * @return list<array{method: string, url: string, headers: array<string, string>, body: string}>
     * @throws ValidationException bad parameters (field names as in $params)
     */
    public static function request(string $operation, array $config, string $accessToken, array $params, ?string $apiBase = null): array {}

    /**
     * Parses an answer into the product model.
     *
     * @return array{operation: string, items: list<array>, errors: list<array>,
     *   total_results?: int, search_url?: string, browse_nodes?: list<array>, variation_summary?: array}
     * @throws AuthException|ThrottledException|NotEligibleException|ApiException
     */
    public static function parse(string $operation, array $config, int $status, array $headers, string $body, int $now): array {}
}

/** PA-API 5.0, the fallback for marketplaces without Creators API credentials. */
final class PaApi
{
    /**
     * Builds signed requests (AWS SigV4) for one operation; $params as for CreatorsApi.
     *
     * @param array{access_key: string, secret_key: string, partner_tag: string, marketplace: string} $credentials
     *   what PaApiSettings::validate() returned in its `settings` key
     * @return list<array{method: string, url: string, headers: array<string, string>, body: string}>
     * @throws ValidationException bad credentials or parameters
     */
    public static function request(string $operation, array $credentials, array $params, int $now, ?string $apiBase = null): array {}

    /** Parses an answer into the product model (same shape as CreatorsApi::parse()). */
    public static function parse(string $operation, string $marketplace, int $status, array $headers, string $body, int $now): array {}
}

/** AWS Signature Version 4 on any request (PA-API uses it through PaApi). */
final class SigV4
{
    /**
     * Signs a request and returns every stage. The key derived from the secret is kept for
     * later calls with the same secret, day, region and service (the key, not the secret).
     *
     * @param array{method: string, url: string, headers: array<string, string>|list<array{0: string, 1: string}>, body: string} $request
     * @param string $amzDate "20150830T123600Z"
     * @return array{canonical_request: string, string_to_sign: string, signature: string,
     *   authorization: string, headers: array<string, string>} `headers`: what to add to the
     *   request (Host and X-Amz-Date when it lacked them, then Authorization)
     * @throws ValidationException an input that cannot be signed, under its parameter name
     */
    public static function sign(array $request, string $accessKey, string $secretKey, string $region, string $service, string $amzDate, ?string $sessionToken = null): array {}
}

/** Text made safe to log or show. */
final class Redaction
{
    /** What stands in for a removed secret, in every message of the extension. */
    public const REDACTED = '***';

    /**
     * The message with each of $secrets replaced by REDACTED (strings shorter than 4 characters
     * are left alone), each of $partnerTags masked as PartnerTag::mask() does, and anything else
     * that looks like a token or a secret (JWTs, access tokens, LWA secrets, the token after
     * "Bearer") replaced by REDACTED; line breaks become spaces.
     *
     * @param list<string> $secrets tokens, secret keys, credential IDs
     * @param list<string> $partnerTags tracking IDs
     * @throws ValidationException a message that is not UTF-8 (under "message"), or a list
     *   holding something other than strings (under its name)
     */
    public static function redact(string $message, array $secrets, array $partnerTags): string {}
}

/** When to retry a failed call. */
final class RetryPolicy
{
    /**
     * Milliseconds to wait before attempt $attempt + 1, or null to give up.
     *
     * @param string $kind "throttled", "server", "timeout", "network" or "token" (ApiException::getRetryKind())
     * @param int $attempt attempts made so far (1 after the first failure)
     * @param float $jitter a random number in [0, 1)
     * @param int|null $retryAfter seconds Amazon asked to wait; it wins over the backoff
     * @throws ValidationException an unknown kind, under "kind"
     */
    public static function delay(string $kind, int $attempt, float $jitter, ?int $retryAfter = null): ?int {}
}

/** ASINs and Amazon product URLs. */
final class Asin
{
    /** Whether $asin is a well-formed ASIN (10 characters, upper case letters and digits). */
    public static function isValid(string $asin): bool {}

    /**
     * Reads an ASIN or a product URL of any marketplace ("https://www.amazon.de/dp/B0..."),
     *
     * @return array{asin: string, marketplace: ?string}
     * @throws ValidationException errors under "asin"
     */
    public static function parse(string $input): array {}
}

/**
 * Variation parents (clothes in several sizes) and the summary of their variations, which
 * ASA2's Variations* placeholders and a parent's main price are made from.
 */
final class Variations
{
    /**
     * Whether the product is a variation parent worth one GetVariations call: Amazon gives it no
     * offer listing at all, it names no other product as its parent and has no variation values,
     * and no earlier GetVariations answer said it has none (`variation_count` 0).
     *
     * @param array $item one product as CreatorsApi::parse() / PaApi::parse() return it
     * @throws ValidationException an item that is not a product (under "item")
     */
    public static function isParent(array $item): bool {}

    /**
     * The product with the variation summary of a GetVariations answer kept in
     * `variation_summary`. An answer without one (pass `["operation" => "GetVariations"]` for
     * Amazon's NoResults) says it has no variations: `variation_count` 0.
     *
     * @param array $item one product as CreatorsApi::parse() / PaApi::parse() return it
     * @param array $page the GetVariations answer as CreatorsApi::parse() / PaApi::parse() return it
     * @return array the product
     * @throws ValidationException an item that is not a product (under "item") or a page that is
     *   not an answer (under "page")
     */
    public static function attach(array $item, array $page): array {}
}

/** Product templates with `{{ Placeholder }}` syntax, HTML auto-escaped. */
final class Template
{
    /**
     * Renders one product with a template. Prices older than 24 hours at $now (or violating the
     * minimum advertised price) are left out. Compiled templates are cached per worker, keyed by
     * a hash of the source.
     *
     * @param array $item one product as CreatorsApi::parse() / PaApi::parse() return it
     * @param string|null $partnerTag replaces the tracking ID in the product links
     * @param string|null $logoUrl URL of the folder of shop logos (AmazonLogoSmallUrl, AmazonLogoLargeUrl)
     * @param bool|null $localizedLogos logos naming the product's store (amazon.de), ASA2's "Localized shop logos"
     * @return string HTML
     * @throws ValidationException a template that does not compile or render (under "template",
     *   naming the line) or an item that is not a product (under "item")
     */
    public static function render(string $template, array $item, int $now, ?string $partnerTag = null, ?string $logoUrl = null, ?bool $localizedLogos = null): string {}

    /**
     * Renders one product like render(), and tells until when the HTML stays valid, so it can
     * be kept: `valid_until` is the first second (unix) at which the product's price must be
     * hidden, or null when nothing in the HTML depends on the time.
     *
     * @param array $item one product as CreatorsApi::parse() / PaApi::parse() return it
     * @param string|null $partnerTag replaces the tracking ID in the product links
     * @param string|null $logoUrl URL of the folder of shop logos, as render()
     * @param bool|null $localizedLogos logos naming the product's store, as render()
     * @return array{html: string, valid_until: int|null}
     * @throws ValidationException as render()
     */
    public static function renderWithExpiry(string $template, array $item, int $now, ?string $partnerTag = null, ?string $logoUrl = null, ?bool $localizedLogos = null): array {}

    /**
     * Renders one product like renderWithExpiry(), from the product as JSON text (the JSON of
     * the array CreatorsApi::parse() / PaApi::parse() return, as a site stores it): the text is
     * read straight into the product, which is faster than json_decode() and renderWithExpiry().
     *
     * @param string $itemJson one product as JSON text
     * @param string|null $partnerTag replaces the tracking ID in the product links
     * @return array{html: string, valid_until: int|null}
     * @throws ValidationException as render(); text that is not a product's JSON under "item"
     */
    public static function renderJsonWithExpiry(string $template, string $itemJson, int $now, ?string $partnerTag = null, ?string $logoUrl = null, ?bool $localizedLogos = null): array {}

    /**
     * Checks that a template compiles.
     *
     * @throws ValidationException under "template", naming the line
     */
    public static function check(string $template): void {}

    /**
     * Every placeholder a template can use (ours and ASA2's), with the APIs that fill it and the
     * product fields it is made from.
     *
     * @return list<array{name: string, description: string, filled_by: string, sources: string, asa2_page: string}>
     *   filled_by: "both" (Creators API and PA-API 5.0), "creators" (Creators API only) or "none"
     *   (Amazon no longer provides the data: it renders empty); sources: the item fields, comma
     *   separated, empty for "none"; asa2_page: the page of ASA2's documentation
     *   (docs.getasa2.com) naming it, empty for names of our own
     */
    public static function placeholders(): array {}

    /** The template a fresh install renders products with. */
    public static function defaultTemplate(): string {}
}
