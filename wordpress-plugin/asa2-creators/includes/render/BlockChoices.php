<?php
/**
 * What the "ASA2 Product" block's settings offer.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Render;

use Asa2\Creators\Admin\ProductsScreen;
use Asa2\Creators\Plugin;
use Asa2\Creators\Products\ApiRouter;
use Asa2\Creators\Storage\IdSetRepository;
use Asa2\Creators\Storage\TemplateRepository;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * The choices of the block's sidebar, each list starting with the empty value the box falls back
 * from: the marketplaces products can be loaded for (empty: the default marketplace), the
 * templates (empty: the default template) and the Associate ID Sets (empty: none, the
 * marketplace's own tracking ID). Labels only: no tracking ID and no credential.
 */
final class BlockChoices {

	/** @var ApiRouter */
	private ApiRouter $router;

	/** @var TemplateRepository */
	private TemplateRepository $templates;

	/** @var IdSetRepository */
	private IdSetRepository $id_sets;

	/**
	 * @param ApiRouter          $router    Which API serves each marketplace.
	 * @param TemplateRepository $templates Product templates.
	 * @param IdSetRepository    $id_sets   Associate ID Sets.
	 */
	public function __construct( ApiRouter $router, TemplateRepository $templates, IdSetRepository $id_sets ) {
		$this->router    = $router;
		$this->templates = $templates;
		$this->id_sets   = $id_sets;
	}

	/**
	 * Every choice, for the editor script.
	 *
	 * @return array{marketplaces: list<array{value: string, label: string}>, templates: list<array{value: string, label: string}>, idSets: list<array{value: string, label: string}>, productsUrl: string}
	 *   productsUrl: ASA2 → Products for those who may add products there, else ''.
	 */
	public function all(): array {
		return array(
			'marketplaces' => $this->marketplaces(),
			'templates'    => $this->templates(),
			'idSets'       => $this->id_sets(),
			'productsUrl'  => current_user_can( Plugin::CAPABILITY ) ? ProductsScreen::url() : '',
		);
	}

	/**
	 * The default marketplace, then each marketplace served by an API.
	 *
	 * @return list<array{value: string, label: string}>
	 */
	private function marketplaces(): array {
		$default = $this->router->default_marketplace();
		$choices = array(
			self::choice(
				'',
				null === $default
					? __( 'Default marketplace (none set up yet)', 'asa2-creators' )
					/* translators: %s: country name and code, e.g. "Germany (DE)" */
					: sprintf( __( 'Default marketplace: %s', 'asa2-creators' ), ApiRouter::country( $default ) )
			),
		);
		foreach ( $this->router->served() as $code => $api ) {
			/* translators: 1: country name and code, e.g. "Germany (DE)", 2: API name, e.g. "Creators API 2.2" */
			$choices[] = self::choice( $code, sprintf( __( '%1$s – %2$s', 'asa2-creators' ), ApiRouter::country( $code ), $api ) );
		}
		return $choices;
	}

	/**
	 * The default template, then every template.
	 *
	 * @return list<array{value: string, label: string}>
	 */
	private function templates(): array {
		/* translators: %s: name of the default template */
		$choices = array( self::choice( '', sprintf( __( 'Default template: %s', 'asa2-creators' ), $this->templates->resolve( '' )['name'] ) ) );
		foreach ( $this->templates->all() as $id => $template ) {
			$choices[] = self::choice( (string) $id, $template['name'] );
		}
		return $choices;
	}

	/**
	 * None, then every Associate ID Set.
	 *
	 * @return list<array{value: string, label: string}>
	 */
	private function id_sets(): array {
		$choices = array( self::choice( '', __( 'None: the marketplace\'s tracking ID', 'asa2-creators' ) ) );
		foreach ( $this->id_sets->all() as $id => $set ) {
			$choices[] = self::choice( (string) $id, $set['name'] );
		}
		return $choices;
	}

	/**
	 * One option of a select.
	 *
	 * @param string $value Attribute value.
	 * @param string $label What the select shows.
	 * @return array{value: string, label: string}
	 */
	private static function choice( string $value, string $label ): array {
		return array(
			'value' => $value,
			'label' => $label,
		);
	}
}
