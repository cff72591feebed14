<?php
/**
 * Product boxes: the [asa2] shortcode and the block render stored data only, escaped, with
 * Associate ID Set tags, templates from Options, and never call Amazon on a page view.
 *
 * @package Asa2\Tests\WP
 */

namespace Asa2\Tests\WP;

use Asa2\Creators\Admin\TemplateActions;
use Asa2\Creators\Cron\RefreshScheduler;

require_once __DIR__ . '/ProductsTestCase.php';

/**
 * Rendering from the products table.
 */
final class ProductsRenderTest extends ProductsTestCase {

	public function test_the_shortcode_renders_the_stored_product_with_the_default_template(): void {
		$this->store_item();
		$html = do_shortcode( '[asa2 asin="B0RENDER01" marketplace="DE"]' );
		$this->assertStringContainsString( 'class="asa2-box"', $html );
		$this->assertStringContainsString( 'Espresso Grinder', $html );
		$this->assertStringContainsString( '129,99 €', $html );
		$this->assertStringContainsString( 'tag=demo-de-21', $html );
		$this->assertTrue( wp_style_is( 'asa2-product-box', 'enqueued' ) );
	}

	public function test_a_page_with_many_boxes_reads_the_products_with_one_query(): void {
		global $wpdb;
		$asins = array();
		for ( $i = 1; $i <= 12; $i++ ) {
			$asin    = sprintf( 'B0RENDER%02d', $i );
			$asins[] = $asin;
			$this->store_item( array( 'asin' => $asin, 'title' => "Grinder $i" ) );
		}
		$content = '';
		foreach ( $asins as $asin ) {
			$content .= "<p>A pick:</p>\n[asa2 asin=\"$asin\" marketplace=\"DE\"]\n";
		}
		$content .= "[asa2 asin=\"B0NOTSTORED\" marketplace=\"DE\"]\n";

		$table   = $this->plugin()->products()->name();
		$queries = array();
		$watch   = function ( $query ) use ( &$queries, $table ) {
			if ( false !== strpos( $query, $table ) ) {
				$queries[] = strtoupper( strtok( ltrim( $query ), ' ' ) ) . ' ' . $query;
			}
			return $query;
		};
		add_filter( 'query', $watch );
		$html = apply_filters( 'the_content', $content );
		$this->plugin()->renderer()->keep_boxes(); // At shutdown, after the response.
		$first_view = $queries;
		$queries    = array();
		$again      = apply_filters( 'the_content', $content );
		remove_filter( 'query', $watch );

		for ( $i = 1; $i <= 12; $i++ ) {
			$this->assertStringContainsString( "Grinder $i<", $html );
		}
		// First view: the rows, then the data of the boxes to render; after the response the
		// boxes are kept, all with one statement.
		$selects = array_values( preg_grep( '/^SELECT /', $first_view ) );
		$this->assertCount( 2, $selects, implode( "\n", $first_view ) );
		$updates = array_values( preg_grep( '/^UPDATE .*box_cache/', $first_view ) );
		$this->assertCount( 1, $updates, implode( "\n", $first_view ) );
		$this->assertSame( 12, substr_count( $updates[0], 'MD5(data)' ) );
		// Later views: one query, nothing written, the same page.
		$this->assertCount( 1, $queries, implode( "\n", $queries ) );
		$this->assertStringStartsWith( 'SELECT ', $queries[0] );
		$this->assertSame( $html, $again );
		// A later render reads fresh rows again (nothing stale is kept between renders).
		$this->store_item( array( 'asin' => 'B0RENDER01', 'title' => 'Renamed grinder' ) );
		$this->assertStringContainsString( 'Renamed grinder', do_shortcode( '[asa2 asin="B0RENDER01" marketplace="DE"]' ) );
	}

	public function test_blocks_and_shortcodes_on_one_page_share_the_one_query(): void {
		$this->plugin()->id_sets()->put(
			array(
				'id'         => 'blog',
				'name'       => 'Blog',
				'tags'       => array( 'DE' => 'myblog-21' ),
				'updated_at' => time(),
			)
		);
		$content = '';
		for ( $i = 1; $i <= 6; $i++ ) {
			$asin = sprintf( 'B0BLOCKS%02d', $i );
			$this->store_item( array( 'asin' => $asin, 'title' => "Kettle $i" ) );
			$block    = '<!-- wp:asa2/product {"asin":"' . $asin . '","marketplace":"DE"' . ( 3 === $i ? ',"idset":"blog"' : '' ) . '} /-->';
			$content .= 0 === $i % 2 ? "[asa2 asin=\"$asin\" marketplace=\"DE\"]\n\n" : ( 5 === $i ? "<!-- wp:group -->\n<div class=\"wp-block-group\">$block</div>\n<!-- /wp:group -->\n\n" : "$block\n\n" );
		}
		$content = "<!-- wp:paragraph -->\n<p>Our picks :)</p>\n<!-- /wp:paragraph -->\n\n" . $content;
		apply_filters( 'the_content', $content ); // The first view keeps every box (after its response).
		$this->plugin()->renderer()->keep_boxes();

		$table   = $this->plugin()->products()->name();
		$queries = array();
		$watch   = function ( $query ) use ( &$queries, $table ) {
			if ( false !== strpos( $query, $table ) ) {
				$queries[] = $query;
			}
			return $query;
		};
		add_filter( 'query', $watch );
		$html = apply_filters( 'the_content', $content );
		remove_filter( 'query', $watch );

		$this->assertCount( 1, $queries, implode( "\n", $queries ) );
		for ( $i = 1; $i <= 6; $i++ ) {
			$this->assertStringContainsString( "Kettle $i<", $html );
		}
		$this->assertSame( 6, substr_count( $html, 'class="asa2-product"' ) );
		$this->assertStringContainsString( 'tag=myblog-21', $html, 'the block\'s idset' );
		$this->assertStringNotContainsString( '<!--asa2-box:', $html );
		$this->assertStringNotContainsString( 'Our picks :)', $html, 'the author\'s text is still filtered (smilies)' );
	}

	public function test_a_title_with_a_script_tag_renders_inert(): void {
		$this->store_item( array( 'title' => '<script>alert("x")</script>', 'brand' => '"><img src=x onerror=alert(1)>' ) );
		$html = do_shortcode( '[asa2 asin="B0RENDER01" marketplace="DE"]' );
		$this->assertStringNotContainsString( '<script>', $html );
		$this->assertStringNotContainsString( '<img src=x', $html );
		$this->assertStringContainsString( '&lt;script&gt;', $html );
	}

	public function test_the_idset_attribute_puts_that_sets_tag_in_the_links(): void {
		$this->store_item();
		$this->plugin()->id_sets()->put(
			array(
				'id'         => 'blog',
				'name'       => 'Blog',
				'tags'       => array( 'DE' => 'myblog-21', 'US' => 'myblog-20' ),
				'updated_at' => time(),
			)
		);
		$html = do_shortcode( '[asa2 asin="B0RENDER01" marketplace="DE" idset="blog"]' );
		$this->assertStringContainsString( 'tag=myblog-21', $html );
		$this->assertStringNotContainsString( 'demo-de-21', $html );
		// By name too, and an unknown set keeps the stored tag.
		$this->assertStringContainsString( 'tag=myblog-21', do_shortcode( '[asa2 asin="B0RENDER01" marketplace="DE" idset="Blog"]' ) );
		$this->assertStringContainsString( 'tag=demo-de-21', do_shortcode( '[asa2 asin="B0RENDER01" marketplace="DE" idset="nope"]' ) );
	}

	public function test_prices_older_than_a_day_are_hidden(): void {
		$this->store_item( array( 'fetched_at' => time() - 25 * HOUR_IN_SECONDS ) );
		$html = do_shortcode( '[asa2 asin="B0RENDER01" marketplace="DE"]' );
		$this->assertStringContainsString( 'Espresso Grinder', $html );
		$this->assertStringNotContainsString( '129,99', $html );

		$this->store_item();
		add_filter( 'asa2/now', static fn() => time() + 2 * DAY_IN_SECONDS );
		$this->assertStringNotContainsString( '129,99', do_shortcode( '[asa2 asin="B0RENDER01" marketplace="DE"]' ) );
	}

	public function test_a_product_not_stored_yet_is_queued_shows_editors_a_hint_and_visitors_nothing(): void {
		$this->configure_creators( self::DE );
		$this->assertSame( '', do_shortcode( '[asa2 asin="B0QUEUED01" marketplace="DE"]' ) );
		$row = $this->row( 'B0QUEUED01', 'DE' );
		$this->assertNotNull( $row, 'queued for the background refresh' );
		$this->assertNull( $row['item'] );
		$this->assertNotFalse( wp_next_scheduled( RefreshScheduler::HOOK_SOON ) );

		$this->act_as( 'editor' );
		$this->assertStringContainsString( 'not loaded yet', do_shortcode( '[asa2 asin="B0QUEUED01" marketplace="DE"]' ) );
		$this->assertSame( 0, $this->api_calls( 'GetItems' ) );

		// The background refresh loads it.
		$this->plugin()->refresh_scheduler()->run();
		$this->assertNotNull( $this->row( 'B0QUEUED01', 'DE' )['item'] );
	}

	public function test_page_views_never_call_amazon(): void {
		$this->configure_creators( self::DE );
		$this->plugin()->product_service()->add( 'B0PAGEVIEW', 'DE' );
		$post_id = wp_insert_post(
			array(
				'post_title'   => 'Grinder review',
				'post_content' => "Our pick:\n\n[asa2 asin=\"B0PAGEVIEW\" marketplace=\"DE\"]\n\n[asa2 asin=\"B0NOTSTORD\" marketplace=\"DE\"]\n\n<!-- wp:asa2/product {\"asin\":\"B0PAGEVIEW\",\"marketplace\":\"DE\"} /-->",
				'post_status'  => 'publish',
			)
		);
		$this->assertIsInt( $post_id );
		$before = $this->stats();
		try {
			$page  = $this->http( 'GET', get_permalink( $post_id ) );
			$again = $this->http( 'GET', get_permalink( $post_id ) );
		} finally {
			wp_delete_post( $post_id, true );
		}
		$this->assertSame( 200, $page['status'] );
		$this->assertSame( 2, substr_count( $page['body'], 'class="asa2-box"' ), 'shortcode and block' );
		$this->assertStringContainsString( 'product-box.css', $page['body'] );
		$this->assertStringNotContainsString( 'not loaded yet', $page['body'], 'visitors see no hint' );
		$this->assertSame( $page['body'], $again['body'] );
		$after = $this->stats();
		$this->assertSame( $before['api_calls_by_operation'] ?? array(), $after['api_calls_by_operation'] ?? array() );
		$this->assertSame( $before['token_requests'] ?? array(), $after['token_requests'] ?? array() );
	}

	public function test_the_stylesheet_is_only_loaded_when_a_box_is_shown(): void {
		$post_id = wp_insert_post( array( 'post_title' => 'Plain', 'post_content' => 'No products here.', 'post_status' => 'publish' ) );
		try {
			$page = $this->http( 'GET', get_permalink( $post_id ) );
		} finally {
			wp_delete_post( $post_id, true );
		}
		$this->assertSame( 200, $page['status'] );
		$this->assertStringNotContainsString( 'product-box.css', $page['body'] );
	}

	public function test_the_block_renders_like_the_shortcode(): void {
		$this->store_item();
		$this->assertTrue( \WP_Block_Type_Registry::get_instance()->is_registered( 'asa2/product' ) );
		$html = do_blocks( '<!-- wp:asa2/product {"asin":"B0RENDER01","marketplace":"DE"} /-->' );
		$this->assertStringContainsString( 'Espresso Grinder', $html );
		$this->assertTrue( wp_script_is( (string) \Asa2\Creators\Render\Block::editor_script_handle(), 'registered' ) );
	}

	public function test_templates_from_options_are_checked_and_used(): void {
		$this->store_item();
		$this->submit( TemplateActions::SAVE, array( 'asa2' => array( 'name' => 'Compact', 'source' => '<p class="compact">{{ Title }} – {{ Price }}</p>' ) ) );
		$this->assertStringContainsString( 'template="compact"', $this->notice_text() );
		$this->assertStringContainsString( '<p class="compact">Espresso Grinder – 129,99 €</p>', do_shortcode( '[asa2 asin="B0RENDER01" marketplace="DE" template="compact"]' ) );
		$this->assertStringContainsString( 'class="asa2-box"', do_shortcode( '[asa2 asin="B0RENDER01" marketplace="DE"]' ) );

		$this->submit( TemplateActions::MAKE_DEFAULT, array( 'id' => 'compact' ) );
		$this->assertStringContainsString( 'class="compact"', do_shortcode( '[asa2 asin="B0RENDER01" marketplace="DE"]' ) );

		// A broken template is refused and the error names the line.
		$url   = $this->submit( TemplateActions::SAVE, array( 'asa2' => array( 'name' => 'Broken', 'source' => "<div>\n{{ Title \n</div>" ) ) );
		$state = $this->plugin()->form_state()->take( TemplateActions::FORM );
		$this->assertStringContainsString( 'edit=new', $url );
		$this->assertMatchesRegularExpression( '/line \d/', $state['errors']['source'][0] );
		$this->assertNull( $this->plugin()->templates()->get( 'broken' ) );
	}

	public function test_the_templates_tab_lists_every_placeholder_and_its_api(): void {
		$page = $this->http( 'GET', '/wp-admin/admin.php?page=asa2-options&tab=templates', array( 'as' => 'administrator' ) );
		$this->assertSame( 200, $page['status'] );
		foreach ( \Asa2\Template::placeholders() as $placeholder ) {
			$this->assertStringContainsString( '{{ ' . $placeholder['name'] . ' }}', $page['body'] );
		}
		$this->assertStringContainsString( 'Creators API only', $page['body'] );
		$logging = $this->http( 'GET', '/wp-admin/admin.php?page=asa2-options', array( 'as' => 'administrator' ) );
		$this->assertStringContainsString( 'id="asa2-logging-form"', $logging['body'] );
	}

	public function test_a_product_fetched_through_the_sandbox_renders_asa2_placeholders(): void {
		// A product on sale (a was price), so the sale and list price families are filled too.
		$this->configure_creators( self::DE );
		$row = $this->plugin()->product_service()->add( 'https://www.amazon.de/dp/B0DGHRT2PS' );
		$this->assertSame( '', $row['last_error'] );

		// ASA2's documented placeholders that the Creators API fills (docs.getasa2.com:
		// template_syntax, placeholders_price, placeholders_variations, options_placeholders),
		// our names ASA2 templates also use, and its template syntax.
		$names  = array( 'ASIN', 'Title', 'DetailPageURL', 'Brand', 'Manufacturer', 'LargeImageURL', 'MediumImageURL', 'SmallImageURL', 'OffersAutoPriceAmount', 'OffersAutoPriceInteger', 'OffersAutoPriceCurrencyCode', 'OffersAutoPriceFormattedPrice', 'OffersMainPriceAmount', 'OffersMainPriceInteger', 'OffersMainPriceCurrencyCode', 'OffersMainPriceFormattedPrice', 'OfferSalePriceAmount', 'OfferSalePriceInteger', 'OfferSalePriceCurrencyCode', 'OfferSalePriceFormattedPrice', 'ListPriceAmount', 'ListPriceInteger', 'ListPriceCurrencyCode', 'ListPriceFormattedPrice', 'IsAvailable', 'AmazonLogoSmallUrl', 'AmazonLogoLargeUrl' );
		$source = "{% if FeaturesHTML is not empty %}\n<div class=\"features\">{{ FeaturesHTML }}</div>\n{% endif %}\n";
		foreach ( $names as $name ) {
			$source .= '<i data-name="' . $name . '">{{ ' . $name . ' }}</i>';
		}
		$source .= '<i data-name="IsPrime">{{ IsPrime }}</i>';
		$this->submit( TemplateActions::SAVE, array( 'asa2' => array( 'name' => 'Parity', 'source' => $source ) ) );
		$html = do_shortcode( '[asa2 asin="B0DGHRT2PS" marketplace="DE" template="parity"]' );

		$this->assertMatchesRegularExpression( '#<div class="features"><ul>(<li>[^<]+</li>)+</ul></div>#', $html );
		foreach ( $names as $name ) {
			$this->assertMatchesRegularExpression( '#<i data-name="' . $name . '">[^<]+</i>#', $html, $name . ' renders empty' );
		}
		$this->assertStringContainsString( '<i data-name="IsPrime"></i>', $html );

		// The shop logos are the plugin's files: plain, or naming the store when localized.
		$logos = $this->plugin()->paths()->url( 'assets/logos/' );
		$this->assertStringContainsString( '<i data-name="AmazonLogoSmallUrl">' . $logos . 'amazon-small.svg</i>', html_entity_decode( $html ) );
		$this->submit( TemplateActions::SAVE_PRODUCT_OPT, array( 'asa2' => array( 'ttl_hours' => '24', 'requests_per_second' => '1', 'localized_logos' => '1' ) ) );
		$this->assertTrue( $this->plugin()->product_settings()->localized_logos() );
		$html = do_shortcode( '[asa2 asin="B0DGHRT2PS" marketplace="DE" template="parity"]' );
		$this->assertStringContainsString( '<i data-name="AmazonLogoLargeUrl">' . $logos . 'amazon-large-de.svg</i>', html_entity_decode( $html ) );
		foreach ( \Asa2\Marketplaces::all() as $m ) {
			foreach ( array( 'small', 'large' ) as $size ) {
				$this->assertFileExists( $this->plugin()->paths()->path( 'assets/logos/amazon-' . $size . '-' . strtolower( $m['code'] ) . '.svg' ) );
			}
		}

		// A WordPress function call is refused, naming the line and the construct.
		$this->submit( TemplateActions::SAVE, array( 'asa2' => array( 'name' => 'Calls', 'source' => "<p>\n{{ wp.get_post(8).post_title }}</p>" ) ) );
		$state = $this->plugin()->form_state()->take( TemplateActions::FORM );
		$this->assertStringContainsString( 'line 2', $state['errors']['source'][0] );
		$this->assertStringContainsString( 'wp.get_post', $state['errors']['source'][0] );
		$this->assertNull( $this->plugin()->templates()->get( 'calls' ) );
	}
}
