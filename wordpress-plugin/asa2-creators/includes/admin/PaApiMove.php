<?php
/**
 * "Move to Creators API": from a PA-API marketplace to a prefilled Add Marketplace form.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Admin;

use Asa2\Creators\Api\CredentialKind;
use Asa2\Creators\Products\ApiRouter;
use Asa2\Creators\Products\PaApiRetirement;
use Asa2\Creators\Storage\MarketplaceRepository;
use Asa2\Creators\Storage\PaApiRepository;
use Asa2\Creators\Storage\ProductTable;
use Asa2\Marketplaces;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * The marketplaces PA-API 5.0 serves without Creators API credentials (the PA API tab's default
 * country, those of stored products, those where Amazon refused the PA-API key), and the action
 * that opens Add Marketplace for one of them with the marketplace, the PA API tab's partner tag
 * and the credential type LWA (v3) filled in: credentials Amazon issues since February 2026 are
 * LWA.
 */
final class PaApiMove {

	/** Nonce action of the link. */
	public const ACTION = 'asa2_move_to_creators';

	/** Query argument naming the marketplace to move. */
	public const ARG = 'move';

	/** @var PaApiRepository */
	private PaApiRepository $paapi;

	/** @var MarketplaceRepository */
	private MarketplaceRepository $marketplaces;

	/** @var ProductTable */
	private ProductTable $products;

	/** @var PaApiRetirement */
	private PaApiRetirement $retirement;

	/**
	 * @param PaApiRepository       $paapi        PA API settings.
	 * @param MarketplaceRepository $marketplaces Marketplace records.
	 * @param ProductTable          $products     Stored products.
	 * @param PaApiRetirement       $retirement   Where PA-API's retirement struck.
	 */
	public function __construct( PaApiRepository $paapi, MarketplaceRepository $marketplaces, ProductTable $products, PaApiRetirement $retirement ) {
		$this->paapi        = $paapi;
		$this->marketplaces = $marketplaces;
		$this->products     = $products;
		$this->retirement   = $retirement;
	}

	/**
	 * The marketplaces that can move, in the registry's order.
	 *
	 * @return array<string, array{partner_tag: string, products: int, retired: bool}>
	 */
	public function candidates(): array {
		if ( ! $this->paapi->is_configured() ) {
			return array();
		}
		$settings = $this->paapi->get();
		$counts   = $this->products->count_by_marketplace();
		$refused  = $this->retirement->refused();
		$wanted   = $counts + $refused + ( '' !== $settings['marketplace'] ? array( $settings['marketplace'] => 0 ) : array() );
		$taken    = $this->marketplaces->all();
		$out      = array();
		foreach ( array_keys( Marketplaces::all() ) as $code ) {
			$code = (string) $code;
			if ( ! isset( $wanted[ $code ] ) || isset( $taken[ $code ] ) ) {
				continue;
			}
			$out[ $code ] = array(
				'partner_tag' => $settings['partner_tag'],
				'products'    => (int) ( $counts[ $code ] ?? 0 ),
				'retired'     => isset( $refused[ $code ] ),
			);
		}
		return $out;
	}

	/**
	 * The link of the action for one marketplace (with a nonce of the current user).
	 *
	 * @param string $code Marketplace code.
	 * @return string
	 */
	public static function url( string $code ): string {
		return SetupScreen::url(
			SetupScreen::TAB_CREATORS,
			array(
				'view'                    => 'add',
				self::ARG                 => $code,
				RequestGuard::NONCE_FIELD => wp_create_nonce( self::ACTION ),
			)
		);
	}

	/**
	 * The values the Add Marketplace form starts with when the action opened it.
	 *
	 * @param array $query Unslashed query arguments.
	 * @return array{marketplace: string, partner_tag: string, kind: string}|null Null when the
	 *   request is no move, or the marketplace cannot move (it has credentials already).
	 * @throws AccessDenied Without capability or valid nonce.
	 */
	public function prefill( array $query ): ?array {
		if ( ! isset( $query[ self::ARG ] ) ) {
			return null;
		}
		RequestGuard::check( self::ACTION, $query );
		$code      = strtoupper( sanitize_key( RequestGuard::text( $query[ self::ARG ] ) ) );
		$candidate = $this->candidates()[ $code ] ?? null;
		if ( null === $candidate ) {
			return null;
		}
		return array(
			'marketplace' => $code,
			'partner_tag' => $candidate['partner_tag'],
			'kind'        => CredentialKind::Lwa->value,
		);
	}

	/**
	 * "PA-API 5.0 was retired ..." with a "Move to Creators API" link per marketplace (HTML).
	 *
	 * @param list<string> $codes Marketplace codes.
	 * @return string
	 */
	public static function retired_notice( array $codes ): string {
		if ( ! $codes ) {
			return '';
		}
		$links = array();
		foreach ( $codes as $code ) {
			$links[] = '<a class="button button-primary asa2-move-to-creators" data-marketplace="' . esc_attr( $code ) . '" href="' . esc_url( self::url( $code ) ) . '">' . esc_html(
				sprintf(
					/* translators: %s: country name and code, e.g. "France (FR)" */
					__( 'Move %s to Creators API', 'asa2-creators' ),
					ApiRouter::country( $code )
				)
			) . '</a>';
		}
		return '<div class="notice notice-error inline asa2-paapi-retired"><p><strong>' . esc_html( PaApiRetirement::message() ) . '</strong></p><p>' . implode( ' ', $links ) . '</p></div>';
	}
}
