<?php
/**
 * The "ASA2 Product" block: registered from its block.json (API version 3), rendered like the
 * shortcode (also through the editor's block renderer), and its editor script loaded with the
 * choices of its settings, once and escaped.
 *
 * @package Asa2\Tests\WP
 */

namespace Asa2\Tests\WP;

use Asa2\Creators\Plugin;
use Asa2\Creators\Render\Block;
use WP_Block_Type_Registry;
use WP_REST_Request;

require_once __DIR__ . '/ProductsTestCase.php';

/**
 * The block.
 */
final class BlockTest extends ProductsTestCase {

	/** The block's definition as the plugin ships it. */
	private function metadata(): array {
		$metadata = json_decode( (string) file_get_contents( $this->plugin()->paths()->path( Block::DIR . '/block.json' ) ), true );
		$this->assertIsArray( $metadata, 'block.json does not parse' );
		return $metadata;
	}

	/** The choices handed to the editor script in an editor page (one line of JSON). */
	private function choices_in( string $page ): array {
		$this->assertSame( 1, preg_match( '/window\.' . Block::CHOICES_VARIABLE . ' = (\{[^\n]*\});\n/', $page, $match ), 'the editor page hands the choices to the block script' );
		$choices = json_decode( $match[1], true );
		$this->assertIsArray( $choices );
		return $choices;
	}

	public function test_the_block_is_registered_from_its_block_json_with_api_version_3(): void {
		$metadata = $this->metadata();
		$this->assertSame( 3, $metadata['apiVersion'] );
		$this->assertSame( Block::NAME, $metadata['name'] );
		$this->assertSame( 'asa2-creators', $metadata['textdomain'] );
		$this->assertSame( Plugin::VERSION, $metadata['version'], 'block.json "version" follows the plugin version (its style files are cached by it)' );

		$type = WP_Block_Type_Registry::get_instance()->get_registered( Block::NAME );
		$this->assertNotNull( $type );
		$this->assertSame( 3, $type->api_version );
		$this->assertSame( 'ASA2 Product', $type->title );
		$this->assertSame( 'widgets', $type->category );
		$this->assertSame( 'cart', $type->icon );
		$this->assertNotSame( '', $type->description );
		$this->assertFalse( $type->supports['html'] );
		$this->assertTrue( $type->is_dynamic() );
		$this->assertSame( array( 'asin', 'marketplace', 'template', 'idset' ), array_keys( $metadata['attributes'] ) );
		foreach ( $metadata['attributes'] as $name => $schema ) {
			$this->assertSame(
				array(
					'type'    => 'string',
					'default' => '',
				),
				$schema,
				$name
			);
			$this->assertSame( $schema, array_intersect_key( $type->attributes[ $name ], $schema ), $name );
		}

		// The editor script named in block.json, with the dependencies of index.asset.php, served.
		$handle = Block::editor_script_handle();
		$this->assertNotNull( $handle );
		$script = wp_scripts()->registered[ $handle ];
		$this->assertStringEndsWith( '/blocks/product/index.js', strtok( $script->src, '?' ) );
		foreach ( array( 'wp-blocks', 'wp-block-editor', 'wp-components', 'wp-element', 'wp-i18n', 'wp-api-fetch', 'wp-server-side-render', 'wp-url' ) as $dependency ) {
			$this->assertContains( $dependency, $script->deps );
		}
		$served = $this->http( 'GET', $script->src );
		$this->assertSame( 200, $served['status'] );
		$this->assertStringContainsString( "registerBlockType( BLOCK", $served['body'] );
		// Its styles: the box style of the site, and the picker's.
		$this->assertContains( 'asa2-product-box', $type->editor_style_handles );
		$this->assertTrue( wp_style_is( 'asa2-product-box', 'registered' ) );
		foreach ( $type->editor_style_handles as $style ) {
			$this->assertTrue( wp_style_is( $style, 'registered' ), $style );
			$this->assertSame( 200, $this->http( 'GET', wp_styles()->registered[ $style ]->src )['status'], $style );
		}
	}

	public function test_the_block_renders_the_stored_product_with_its_settings(): void {
		$this->store_item();
		$this->store_id_set( 'blog', 'Blog', array( 'DE' => 'myblog-21' ) );
		$this->plugin()->templates()->put( 'compact', 'Compact', '<p class="compact">{{ Title }} – {{ Price }}</p>' );

		$html = do_blocks( '<!-- wp:asa2/product {"asin":"B0RENDER01","marketplace":"DE"} /-->' );
		$this->assertStringContainsString( 'class="asa2-box"', $html );
		$this->assertStringContainsString( 'Espresso Grinder', $html );
		$this->assertStringContainsString( 'tag=demo-de-21', $html );
		$this->assertSame( do_shortcode( '[asa2 asin="B0RENDER01" marketplace="DE"]' ), $html, 'the block renders like the shortcode' );

		$html = do_blocks( '<!-- wp:asa2/product {"asin":"B0RENDER01","marketplace":"DE","template":"compact","idset":"blog"} /-->' );
		$this->assertStringContainsString( '<p class="compact">Espresso Grinder – 129,99 €</p>', $html );
		$html = do_blocks( '<!-- wp:asa2/product {"asin":"B0RENDER01","marketplace":"DE","idset":"blog"} /-->' );
		$this->assertStringContainsString( 'tag=myblog-21', $html );
	}

	public function test_the_editor_preview_is_the_box_or_a_hint_for_a_product_not_loaded_yet(): void {
		$this->configure_creators( self::DE );
		$this->store_item();
		$before = $this->stats();

		$preview = function ( array $attributes, string $role = 'author' ): array {
			$this->act_as( $role );
			$request = new WP_REST_Request( 'GET', '/wp/v2/block-renderer/' . Block::NAME );
			$request->set_query_params( array( 'context' => 'edit', 'attributes' => $attributes ) );
			$response = rest_do_request( $request );
			return array(
				'status' => $response->get_status(),
				'html'   => (string) ( $response->get_data()['rendered'] ?? '' ),
			);
		};

		$box = $preview( array( 'asin' => 'B0RENDER01', 'marketplace' => 'DE' ) );
		$this->assertSame( 200, $box['status'] );
		$this->assertStringContainsString( 'class="asa2-product"', $box['html'] );
		$this->assertStringContainsString( 'Espresso Grinder', $box['html'] );

		$pending = $preview( array( 'asin' => 'B0NEWPROD1' ) );
		$this->assertSame( 200, $pending['status'] );
		$this->assertStringContainsString( 'class="asa2-product-hint"', $pending['html'] );
		$this->assertStringContainsString( 'B0NEWPROD1 (DE) is not loaded yet', $pending['html'] );
		$this->assertStringContainsString( 'fetched in the background', $pending['html'] );
		$this->assertNotNull( $this->row( 'B0NEWPROD1', 'DE' ), 'the product is queued for the background refresh' );

		$this->assertSame( 403, $preview( array( 'asin' => 'B0RENDER01' ), 'subscriber' )['status'] );
		$this->assertSame( $before['api_calls_by_operation'] ?? array(), $this->stats()['api_calls_by_operation'] ?? array(), 'previews never call Amazon' );
	}

	public function test_the_editor_gets_the_choices_of_the_settings_once_and_escaped(): void {
		$this->configure_creators( self::DE, self::US );
		$this->plugin()->templates()->put( 'compact', 'Compact </script><script>alert(1)</script>', '<p>{{ Title }}</p>' );
		$this->store_id_set( 'blog', 'Blog & "friends"', array( 'DE' => 'myblog-21' ) );

		$page = $this->http( 'GET', '/wp-admin/post-new.php', array( 'as' => 'author' ) );
		$this->assertSame( 200, $page['status'] );
		$this->assertStringContainsString( '/blocks/product/index.js', $page['body'] );
		$this->assertStringContainsString( '/assets/product-box.css', $page['body'], 'the preview is styled like the site' );
		$this->assertStringContainsString( '/blocks/product/editor.css', $page['body'] );
		$this->assertSame( 1, substr_count( $page['body'], 'window.' . Block::CHOICES_VARIABLE . ' = ' ) );
		$this->assertStringNotContainsString( '<script>alert(1)', $page['body'] );
		$this->assertStringNotContainsString( 'myblog-21', $page['body'] );
		$this->assertStringNotContainsString( self::DE['credential_id'], $page['body'] );
		$this->assertStringNotContainsString( self::DE['partner_tag'], $page['body'] );
		$choices = $this->choices_in( $page['body'] );

		// The default, then each marketplace an API serves, in the registry's order.
		$this->assertSame(
			array(
				array( 'value' => '', 'label' => 'Default marketplace: Germany (DE)' ),
				array( 'value' => 'US', 'label' => 'United States (US) – Creators API 3.1' ),
				array( 'value' => 'DE', 'label' => 'Germany (DE) – Creators API 2.2' ),
			),
			$choices['marketplaces']
		);
		$this->assertSame(
			array(
				array( 'value' => '', 'label' => 'Default template: Default' ),
				array( 'value' => 'default', 'label' => 'Default' ),
				array( 'value' => 'compact', 'label' => 'Compact </script><script>alert(1)</script>' ),
			),
			$choices['templates']
		);
		$this->assertSame(
			array(
				array( 'value' => '', 'label' => 'None: the marketplace\'s tracking ID' ),
				array( 'value' => 'blog', 'label' => 'Blog & "friends"' ),
			),
			$choices['idSets']
		);
		$this->assertSame( '', $choices['productsUrl'], 'authors cannot add products' );

		$admin = $this->http( 'GET', '/wp-admin/post-new.php', array( 'as' => 'administrator' ) );
		$this->assertStringContainsString( 'page=asa2-products', $this->choices_in( $admin['body'] )['productsUrl'] );
	}
}
