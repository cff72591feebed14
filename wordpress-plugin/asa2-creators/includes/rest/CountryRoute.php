<?php
/**
 * GET /asa2/v1/country: the visitor's country, for the script that localizes product links.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Rest;

use Asa2\Creators\Geo\VisitorCountry;
use WP_REST_Request;
use WP_REST_Response;
use WP_REST_Server;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Answers `{"country": "AT"}` (or null) for the visitor making the request, from VisitorCountry.
 * The page around the boxes may come from a full-page cache; this answer never may: it is sent
 * with `Cache-Control: no-store, private` (page caches and CDNs leave such answers alone) and it
 * also sets the cookie COOKIE, so the script asks once per visitor per day. The country is the
 * extension's two-letter code or null; nothing from the request is sent back otherwise.
 */
final class CountryRoute {

	/** Route inside ProductSearchRoute::NAMESPACE. */
	public const ROUTE = '/country';

	/** Cookie holding the answer ("-" for no country), read by the page script. */
	public const COOKIE = 'asa2_country';

	/** Seconds the cookie lasts. */
	public const COOKIE_SECONDS = DAY_IN_SECONDS;

	/** @var VisitorCountry */
	private VisitorCountry $visitor;

	/**
	 * @param VisitorCountry $visitor Finds the visitor's country.
	 */
	public function __construct( VisitorCountry $visitor ) {
		$this->visitor = $visitor;
	}

	/**
	 * Registers the route (rest_api_init).
	 */
	public function register(): void {
		register_rest_route(
			ProductSearchRoute::NAMESPACE,
			self::ROUTE,
			array(
				array(
					'methods'             => WP_REST_Server::READABLE,
					'callback'            => array( $this, 'country' ),
					// Public: a visitor's own country, nothing stored, nothing secret.
					'permission_callback' => '__return_true',
				),
			)
		);
	}

	/**
	 * The answer.
	 *
	 * @param WP_REST_Request $request The request.
	 * @return WP_REST_Response
	 */
	public function country( WP_REST_Request $request ): WP_REST_Response {
		unset( $request );
		$found    = $this->visitor->detect( $_SERVER );
		$country  = $found['country'];
		$response = new WP_REST_Response( array( 'country' => $country ) );
		$response->header( 'Cache-Control', 'no-store, private, max-age=0' );
		$response->header( 'Vary', '*' );
		if ( ! headers_sent() ) {
			setcookie(
				self::COOKIE,
				null === $country ? '-' : $country,
				array(
					'expires'  => time() + self::COOKIE_SECONDS,
					'path'     => defined( 'COOKIEPATH' ) && '' !== COOKIEPATH ? COOKIEPATH : '/',
					'secure'   => is_ssl(),
					'httponly' => false, // The page script reads it.
					'samesite' => 'Lax',
				)
			);
		}
		return $response;
	}
}
