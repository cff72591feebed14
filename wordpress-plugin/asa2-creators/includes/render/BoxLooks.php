<?php
/**
 * What a product box looks like: its template and tracking ID.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Render;

use Asa2\Creators\Storage\IdSetRepository;
use Asa2\Creators\PluginPaths;
use Asa2\Creators\Storage\OptionMemo;
use Asa2\Creators\Storage\ProductSettings;
use Asa2\Creators\Storage\TemplateRepository;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Resolves a box's template and idset attributes (the template by id, else the default; the
 * Associate ID Set by id, slug or name) and the key its rendered HTML is kept under
 * (BoxCache), each combination once while ASA2's options stay as they are (OptionMemo).
 */
final class BoxLooks {

	/** @var OptionMemo */
	private OptionMemo $memo;

	/** @var TemplateRepository */
	private TemplateRepository $templates;

	/** @var IdSetRepository */
	private IdSetRepository $id_sets;

	/** @var ProductSettings */
	private ProductSettings $settings;

	/** @var PluginPaths */
	private PluginPaths $paths;

	/**
	 * @param OptionMemo         $memo      Keeps what was worked out.
	 * @param TemplateRepository $templates Templates.
	 * @param IdSetRepository    $id_sets   Associate ID Sets.
	 * @param ProductSettings    $settings  Whether shop logos are localized.
	 * @param PluginPaths        $paths     Where the shop logos are served from.
	 */
	public function __construct( OptionMemo $memo, TemplateRepository $templates, IdSetRepository $id_sets, ProductSettings $settings, PluginPaths $paths ) {
		$this->settings  = $settings;
		$this->paths     = $paths;
		$this->memo      = $memo;
		$this->templates = $templates;
		$this->id_sets   = $id_sets;
	}

	/**
	 * The template, tracking ID and cache key of a box, worked out once while the options stay
	 * as they are.
	 *
	 * @param string $template    The shortcode's template attribute.
	 * @param string $idset       The shortcode's idset attribute.
	 * @param string $marketplace Marketplace code.
	 * @return array{template: array{id: string, name: string, source: string}, tag: string|null, logos: array{url: string, localized: bool}, key: string}
	 */
	public function of( string $template, string $idset, string $marketplace ): array {
		return $this->memo->get(
			'box_look|' . $template . '|' . $idset . '|' . $marketplace,
			function () use ( $template, $idset, $marketplace ): array {
				$resolved = $this->templates->resolve( sanitize_key( $template ) );
				$tag      = $this->partner_tag( $idset, $marketplace );
				$logos    = array(
					'url'       => $this->paths->url( 'assets/logos/' ),
					'localized' => $this->settings->localized_logos(),
				);
				return array(
					'template' => $resolved,
					'tag'      => $tag,
					'logos'    => $logos,
					'key'      => BoxCache::key( $resolved['source'], $tag, $logos['url'] . ( $logos['localized'] ? '|localized' : '' ) ),
				);
			}
		);
	}

	/**
	 * The tracking ID of an Associate ID Set for a marketplace.
	 *
	 * @param string $set_id      Set id (or name).
	 * @param string $marketplace Marketplace code.
	 * @return string|null
	 */
	private function partner_tag( string $set_id, string $marketplace ): ?string {
		$set = $this->id_sets->find( $set_id );
		$tag = null === $set ? '' : (string) ( $set['tags'][ $marketplace ] ?? '' );
		return '' === $tag ? null : $tag;
	}
}
