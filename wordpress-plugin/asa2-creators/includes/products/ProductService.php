<?php
/**
 * Adds, refreshes and searches products.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Products;

use Asa2\Creators\CoreMessages;
use Asa2\Api;
use Asa2\Asin;
use Asa2\Creators\Api\AmazonApi;
use Asa2\Creators\Api\NetworkException;
use Asa2\Creators\Clock;
use Asa2\Creators\Storage\MarketplaceFlags;
use Asa2\Creators\Storage\ProductTable;
use Asa2\Marketplaces;
use Asa2\Variations;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * The only place product data is fetched from Amazon (admin actions and the background
 * refresh; page views never get here). Lookups are grouped by marketplace, routed to the
 * Creators API or PA-API 5.0 (ApiRouter), sent 10 ASINs per GetItems call, spaced to the
 * credential's rate and retried when throttled (RetryingCaller).
 *
 * A variation parent (Asa2\Variations::isParent: clothes in several sizes, which Amazon sells
 * only as their variations) gets one GetVariations call more, through the same caller and quota,
 * whose first page carries the summary of all its variations (the price range behind ASA2's
 * Variations* placeholders); it is stored in the product's `variation_summary`. Parents are few,
 * so a refresh makes at most one call more per parent product.
 *
 * A failed refresh never removes stored data; the error is recorded on the product. A failed
 * GetVariations call keeps the GetItems data and the summary stored before.
 */
final class ProductService {

	/** Option: marketplaces whose Associates account Amazon called not eligible, with the time. */
	public const NOT_ELIGIBLE_OPTION = 'asa2_not_eligible';

	/** @var ProductTable */
	private ProductTable $products;

	/** @var ApiRouter */
	private ApiRouter $router;

	/** @var RetryingCaller */
	private RetryingCaller $caller;

	/** @var PaApiRetirement */
	private PaApiRetirement $retirement;

	/**
	 * @param ProductTable    $products   Stored products.
	 * @param ApiRouter       $router     Which API serves a marketplace.
	 * @param RetryingCaller  $caller     Calls the route's API, spaced and retried.
	 * @param PaApiRetirement $retirement Where PA-API's retirement struck.
	 */
	public function __construct( ProductTable $products, ApiRouter $router, RetryingCaller $caller, PaApiRetirement $retirement ) {
		$this->products   = $products;
		$this->router     = $router;
		$this->caller     = $caller;
		$this->retirement = $retirement;
	}

	/**
	 * Reads an ASIN or an Amazon product URL and picks the marketplace: the one given, else the
	 * URL's, else the default.
	 *
	 * @param string $input       ASIN or URL.
	 * @param string $marketplace Marketplace code or ''.
	 * @return array{asin: string, marketplace: string}
	 * @throws \Asa2\ValidationException A malformed ASIN or URL (under "asin").
	 * @throws NotConfiguredException When no marketplace is given and none is set up, or the code
	 *                                is not an Amazon marketplace.
	 */
	public function identify( string $input, string $marketplace = '' ): array {
		$parsed = Asin::parse( $input );
		$code   = strtoupper( trim( $marketplace ) );
		if ( '' === $code ) {
			$code = (string) ( $parsed['marketplace'] ?? '' );
		}
		if ( '' === $code ) {
			$code = (string) $this->router->default_marketplace();
		}
		if ( '' === $code ) {
			throw new NotConfiguredException( __( 'No marketplace is set up yet. Add one in ASA2 → Setup → Amazon Creators API → + Add Marketplace.', 'asa2-creators' ) );
		}
		if ( null === Marketplaces::find( $code ) ) {
			throw new NotConfiguredException( __( 'The marketplace sent is not an Amazon marketplace. Choose one from the Marketplace list, or leave it on "From the URL, else the default".', 'asa2-creators' ) );
		}
		return array(
			'asin'        => $parsed['asin'],
			'marketplace' => $code,
		);
	}

	/**
	 * Adds (or refreshes) one product.
	 *
	 * @param string $input       ASIN or product URL.
	 * @param string $marketplace Marketplace code or ''.
	 * @return array The stored row (with `last_error` when the lookup failed).
	 * @throws \Asa2\ValidationException|NotConfiguredException See identify().
	 */
	public function add( string $input, string $marketplace = '' ): array {
		$key = $this->identify( $input, $marketplace );
		$this->products->ensure( $key['asin'], $key['marketplace'], Clock::now() );
		$this->refresh( array( array( $key['asin'], $key['marketplace'] ) ) );
		return (array) $this->products->find( $key['asin'], $key['marketplace'] );
	}

	/**
	 * Refreshes products: grouped by marketplace, 10 per call. The marketplaces take turns call
	 * by call, so while one credential waits for its next slot another one is called.
	 *
	 * With $proceed (the background refresh) each credential is called only while it has requests
	 * left today (QuotaSettings, QuotaLedger): the products of a credential whose requests are used
	 * up are held, untouched, for the next UTC day.
	 *
	 * @param list<array{0: string, 1: string}> $keys    [asin, marketplace] pairs.
	 * @param callable|null                     $proceed Asked before each GetItems call; when it
	 *                                                   answers false the refresh stops there, and
	 *                                                   the products not attempted stay untouched.
	 * @return array{updated: int, failed: array<string, string>, skipped: int, held: array<string, int>}
	 *   failed: "ASIN|MP" => message; skipped: products not attempted because $proceed stopped the
	 *   refresh; held: products not attempted per marketplace because the day's quota is used up.
	 */
	public function refresh( array $keys, ?callable $proceed = null ): array {
		$groups = array();
		foreach ( $keys as $key ) {
			$groups[ (string) $key[1] ][ (string) $key[0] ] = true;
		}
		$result = array(
			'updated' => 0,
			'failed'  => array(),
			'skipped' => 0,
			'held'    => array(),
		);
		$queues = array();
		foreach ( $groups as $code => $asins ) {
			$code  = (string) $code;
			$asins = array_keys( $asins );
			try {
				$route = $this->router->route( $code );
			} catch ( NotConfiguredException $e ) {
				$this->fail( $asins, $code, 'not_configured', $e->getMessage(), $result );
				continue;
			}
			$queues[ $code ] = array(
				'route'   => $route,
				'batches' => array_chunk( $asins, Api::MAX_IDS_PER_REQUEST ),
			);
		}
		while ( $queues ) {
			foreach ( array_keys( $queues ) as $code ) {
				if ( ! isset( $queues[ $code ] ) ) {
					continue; // Held with another marketplace of its credential.
				}
				if ( null !== $proceed && ! $proceed() ) {
					foreach ( $queues as $queue ) {
						$result['skipped'] += count( $queue['batches'], COUNT_RECURSIVE ) - count( $queue['batches'] );
					}
					return $result;
				}
				$batch = (array) array_shift( $queues[ $code ]['batches'] );
				try {
					$this->refresh_batch( $queues[ $code ]['route'], (string) $code, $batch, $result, null !== $proceed );
				} catch ( QuotaExhaustedException $e ) {
					array_unshift( $queues[ $code ]['batches'], $batch );
					$this->hold( $queues, $e->credential(), $result );
					continue;
				}
				if ( ! $queues[ $code ]['batches'] ) {
					unset( $queues[ $code ] );
				}
			}
		}
		return $result;
	}

	/**
	 * Searches a marketplace by keywords.
	 *
	 * @param string $keywords    Keywords.
	 * @param string $marketplace Marketplace code or '' for the default.
	 * @return array{marketplace: string, api: string, items: list<array>, error: string}
	 */
	public function search( string $keywords, string $marketplace = '' ): array {
		$code = strtoupper( trim( $marketplace ) );
		if ( '' === $code ) {
			$code = (string) $this->router->default_marketplace();
		}
		$out = array(
			'marketplace' => $code,
			'api'         => '',
			'items'       => array(),
			'error'       => '',
		);
		if ( '' === $code ) {
			$out['error'] = __( 'No marketplace is set up yet. Add one in ASA2 → Setup → Amazon Creators API → + Add Marketplace.', 'asa2-creators' );
			return $out;
		}
		try {
			$route      = $this->router->route( $code );
			$out['api'] = $route['label'];
			$answer     = $this->caller->call( $route, 'SearchItems', array( 'keywords' => $keywords ) );
			$out['items'] = $answer['items'];
			if ( ! $out['items'] ) {
				$out['error'] = __( 'Amazon found no products for these keywords.', 'asa2-creators' );
			}
			$this->succeeded( $route, $code );
		} catch ( NotConfiguredException $e ) {
			$out['error'] = $e->getMessage();
		} catch ( \Asa2\ApiException $e ) {
			$this->failed( $e, $code );
			$out['error'] = 'NoResults' === $e->getErrorCode() || 404 === $e->getHttpStatus()
				? __( 'Amazon found no products for these keywords.', 'asa2-creators' )
				: $this->explain( $e, $code );
		} catch ( \Throwable $e ) {
			$out['error'] = $this->explain( $e, $code );
		}
		return $out;
	}

	/**
	 * Marketplaces Amazon currently calls not eligible.
	 *
	 * @return array<string, int> code => when.
	 */
	public function not_eligible(): array {
		return $this->not_eligible_flags()->all();
	}

	/**
	 * One GetItems call for up to 10 ASINs; results and errors go to the products table.
	 *
	 * @param array        $route        Route.
	 * @param string       $code         Marketplace.
	 * @param list<string> $asins        ASINs.
	 * @param array        $result       Running result.
	 * @param bool         $within_quota Only while the credential has requests left today.
	 * @throws QuotaExhaustedException When the credential's requests of the day are used up.
	 */
	private function refresh_batch( array $route, string $code, array $asins, array &$result, bool $within_quota ): void {
		$table = $this->products;
		try {
			$answer = $this->caller->call( $route, 'GetItems', array( 'asins' => $asins ), $within_quota );
		} catch ( QuotaExhaustedException $e ) {
			throw $e;
		} catch ( \Throwable $e ) {
			$this->failed( $e, $code );
			$error_code = $e instanceof \Asa2\ApiException ? $e->getErrorCode() : ( $e instanceof NetworkException ? 'network' : 'error' );
			if ( PaApiRetirement::is_retirement( $e ) ) {
				$error_code = PaApiRetirement::ERROR_CODE;
			}
			$this->fail( $asins, $code, $error_code, $this->explain( $e, $code ), $result );
			return;
		}
		$this->succeeded( $route, $code );
		$now  = Clock::now();
		$seen = array();
		foreach ( $answer['items'] as $item ) {
			$asin = (string) ( $item['asin'] ?? '' );
			if ( '' === $asin ) {
				continue;
			}
			$item['marketplace'] = (string) ( $item['marketplace'] ?? $code );
			$table->store( $this->with_variations( $route, $item, $within_quota ), $now );
			$seen[ $asin ] = true;
			++$result['updated'];
		}
		foreach ( $answer['errors'] as $error ) {
			$asin = (string) ( $error['asin'] ?? '' );
			if ( '' === $asin || isset( $seen[ $asin ] ) ) {
				continue;
			}
			$seen[ $asin ] = true;
			$this->fail( array( $asin ), $code, (string) ( $error['code'] ?? 'error' ), $this->item_error_message( $error ), $result );
		}
		$missing = array_diff( $asins, array_keys( $seen ) );
		if ( $missing ) {
			$this->fail( array_values( $missing ), $code, 'ItemNotFound', __( 'Amazon returned no data for this product.', 'asa2-creators' ), $result );
		}
	}

	/**
	 * A variation parent with the summary of its variations from one GetVariations call (the
	 * first page is enough: the summary covers all variations); any other product as it is.
	 * The summary stored before is carried over: when it says the product has no variations
	 * (Amazon answered so before), no call is made; when the call fails (or the day's requests
	 * are used up), it stays.
	 *
	 * @param array $route        Route.
	 * @param array $item         The product from GetItems, with its marketplace.
	 * @param bool  $within_quota Only while the credential has requests left today.
	 * @return array
	 */
	private function with_variations( array $route, array $item, bool $within_quota ): array {
		try {
			if ( ! Variations::isParent( $item ) ) {
				return $item;
			}
			$stored = $this->products->find( (string) $item['asin'], (string) $item['marketplace'] );
			$before = $stored['item']['variation_summary'] ?? null;
			if ( is_array( $before ) ) {
				$item['variation_summary'] = $before;
			}
			if ( ! Variations::isParent( $item ) ) {
				return $item;
			}
			try {
				$page = $this->caller->call( $route, 'GetVariations', array( 'asin' => (string) $item['asin'] ), $within_quota );
			} catch ( \Asa2\ApiException $e ) {
				if ( 'NoResults' !== $e->getErrorCode() && 404 !== $e->getHttpStatus() ) {
					throw $e;
				}
				$page = array( 'operation' => 'GetVariations' ); // Amazon: it has no variations.
			}
			return Variations::attach( $item, $page );
		} catch ( \Throwable ) {
			// The GetItems data is stored either way; the failed call is in the call log.
			return $item;
		}
	}

	/**
	 * Takes the queues of a credential whose requests of the day are used up out of the refresh.
	 *
	 * @param array  $queues     Queues by marketplace.
	 * @param string $credential ApiRouter::credential().
	 * @param array  $result     Running result.
	 */
	private function hold( array &$queues, string $credential, array &$result ): void {
		foreach ( $queues as $code => $queue ) {
			if ( $queue['route']['credential'] === $credential ) {
				$result['held'][ (string) $code ] = count( $queue['batches'], COUNT_RECURSIVE ) - count( $queue['batches'] );
				unset( $queues[ $code ] );
			}
		}
	}

	/**
	 * Records the same error on several products (their data stays).
	 *
	 * @param list<string> $asins   ASINs.
	 * @param string       $code    Marketplace.
	 * @param string       $error   Error code.
	 * @param string       $message Message.
	 * @param array        $result  Running result.
	 */
	private function fail( array $asins, string $code, string $error, string $message, array &$result ): void {
		$now = Clock::now();
		foreach ( $asins as $asin ) {
			$this->products->record_error( $asin, $code, $error, $message, $now );
			$result['failed'][ $asin . '|' . $code ] = $message;
		}
	}

	/**
	 * A message a site owner can act on.
	 *
	 * @param \Throwable $e    Failure.
	 * @param string     $code Marketplace.
	 * @return string
	 */
	public function explain( \Throwable $e, string $code ): string {
		if ( PaApiRetirement::is_retirement( $e ) ) {
			return PaApiRetirement::message();
		}
		if ( $e instanceof \Asa2\NotEligibleException ) {
			return __( 'Amazon says this Associates account is not eligible for API access yet: Amazon opens it once the account has made 10 qualifying sales in the last 30 days. Stored product data is kept; prices older than 24 hours are hidden until a refresh succeeds.', 'asa2-creators' );
		}
		if ( $e instanceof \Asa2\AuthException ) {
			$hint = CoreMessages::hint( $e );
			if ( '' === $hint && 'invalid_client' === $e->getErrorCode() ) {
				$hint = __( 'Your credentials may be LWA (v3) type: edit the marketplace in ASA2 → Setup → Amazon Creators API and switch the Credential Type to LWA (v3).', 'asa2-creators' );
			}
			return trim( $e->getErrorCode() . ': ' . CoreMessages::exception( $e ) . ' ' . $hint );
		}
		if ( $e instanceof \Asa2\ThrottledException ) {
			return __( 'Amazon is limiting requests for these credentials (throttled). The product keeps its stored data and is tried again at the next refresh; lower the request rate in ASA2 → Options → Products if this keeps happening.', 'asa2-creators' );
		}
		if ( $e instanceof \Asa2\ApiException ) {
			return $e->getErrorCode() . ': ' . CoreMessages::exception( $e );
		}
		if ( $e instanceof NetworkException ) {
			return sprintf(
				/* translators: %s: error reported by the HTTP library */
				__( 'Amazon could not be reached: %s. The stored data is kept and the product is tried again at the next refresh.', 'asa2-creators' ),
				$e->getMessage()
			);
		}
		if ( $e instanceof NotConfiguredException || $e instanceof \Asa2\Exception ) {
			return CoreMessages::exception( $e );
		}
		return __( 'The product could not be loaded because of an unexpected error.', 'asa2-creators' );
	}

	/**
	 * The message of a per-item error.
	 *
	 * @param array $error {asin, code, message}.
	 * @return string
	 */
	private function item_error_message( array $error ): string {
		$code    = (string) ( $error['code'] ?? '' );
		$message = (string) ( $error['message'] ?? '' );
		if ( 'ItemNotAccessible' === $code ) {
			return __( 'Amazon does not give API access to this product (ItemNotAccessible). It cannot be shown through the API; remove it or pick another product.', 'asa2-creators' );
		}
		if ( in_array( $code, array( 'ItemNotFound', 'InvalidParameterValue' ), true ) ) {
			return sprintf(
				/* translators: %s: Amazon's message */
				__( 'Amazon does not know this product in this marketplace: %s', 'asa2-creators' ),
				$message
			);
		}
		return trim( $code . ': ' . $message );
	}

	/**
	 * Records what a failed call says about the account: not eligible, or PA-API retired.
	 *
	 * @param \Throwable $e    Failure.
	 * @param string     $code Marketplace.
	 */
	private function failed( \Throwable $e, string $code ): void {
		if ( $e instanceof \Asa2\NotEligibleException ) {
			$this->not_eligible_flags()->set( $code );
		}
		if ( PaApiRetirement::is_retirement( $e ) ) {
			$this->retirement->record( $code );
		}
	}

	/**
	 * Clears what a successful call disproves.
	 *
	 * @param array  $route Route of the call.
	 * @param string $code  Marketplace.
	 */
	private function succeeded( array $route, string $code ): void {
		$this->not_eligible_flags()->clear( $code );
		if ( AmazonApi::PaApi === $route['api'] ) {
			$this->retirement->clear( $code );
		}
	}

	/**
	 * The marketplaces whose account Amazon called not eligible (admin notice).
	 *
	 * @return MarketplaceFlags
	 */
	private function not_eligible_flags(): MarketplaceFlags {
		return new MarketplaceFlags( self::NOT_ELIGIBLE_OPTION );
	}
}
