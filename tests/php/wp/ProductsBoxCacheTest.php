<?php
/**
 * Kept product boxes: a box rendered once is shown again from its product row until the
 * product is refreshed, its template or tracking ID changes, or its price must go; content
 * filters never touch a box.
 *
 * @package Asa2\Tests\WP
 */

namespace Asa2\Tests\WP;

use Asa2\Creators\Render\BoxCache;

require_once __DIR__ . '/ProductsTestCase.php';

/**
 * The box cache, through the shortcode and the_content as a theme runs them.
 */
final class ProductsBoxCacheTest extends ProductsTestCase {

	private const SHORTCODE = '[asa2 asin="B0RENDER01" marketplace="DE"]';

	/** The raw box_cache column of the test product, once the boxes rendered so far are kept (as after the response). */
	private function kept(): string {
		global $wpdb;
		$this->plugin()->renderer()->keep_boxes();
		$table = $this->plugin()->products()->name();
		// phpcs:ignore WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- table name from $wpdb->prefix.
		return (string) $wpdb->get_var( $wpdb->prepare( "SELECT box_cache FROM {$table} WHERE asin = %s AND marketplace = %s", 'B0RENDER01', 'DE' ) );
	}

	/** Sets the box_cache column of the test product. */
	private function set_kept( string $value ): void {
		global $wpdb;
		$wpdb->update( $this->plugin()->products()->name(), array( 'box_cache' => $value ), array( 'asin' => 'B0RENDER01' ) );
	}

	public function test_a_box_is_kept_and_shown_again_without_rendering(): void {
		$this->store_item();
		$this->assertSame( '', $this->kept(), 'nothing kept before the first view' );
		$first = do_shortcode( self::SHORTCODE );
		$this->assertStringContainsString( 'Espresso Grinder', $first );
		$this->assertStringContainsString( 'Espresso Grinder', $this->kept() );

		// The second view shows what was kept: prove it by changing the kept HTML underneath.
		$key = $this->plugin()->box_looks()->of( '', '', 'DE' )['key'];
		$this->set_kept( BoxCache::with( '', $key, '<p>kept box</p>', null, time() ) );
		$this->assertStringContainsString( '<p>kept box</p>', do_shortcode( self::SHORTCODE ) );
	}

	public function test_a_refresh_template_change_or_tag_change_renders_anew(): void {
		$this->store_item();
		do_shortcode( self::SHORTCODE );

		$this->store_item( array( 'title' => 'Burr Grinder Pro' ) );
		$this->assertSame( '', $this->kept(), 'storing new data forgets the kept boxes' );
		$this->assertStringContainsString( 'Burr Grinder Pro', do_shortcode( self::SHORTCODE ) );

		$this->plugin()->templates()->put( 'mini', 'Mini', '<i>{{ Title }}</i>' );
		$this->plugin()->templates()->make_default( 'mini' );
		$this->assertStringContainsString( '<i>Burr Grinder Pro</i>', do_shortcode( self::SHORTCODE ) );
		$this->plugin()->templates()->put( 'mini', 'Mini', '<b>{{ Title }}</b>' );
		$this->assertStringContainsString( '<b>Burr Grinder Pro</b>', do_shortcode( self::SHORTCODE ) );

		$this->plugin()->templates()->put( 'link', 'Link', '{{ DetailPageURL|safe }}' );
		$set = array(
			'id'         => 'blog',
			'name'       => 'Blog',
			'tags'       => array( 'DE' => 'first-21' ),
			'updated_at' => time(),
		);
		$this->plugin()->id_sets()->put( $set );
		$shortcode = '[asa2 asin="B0RENDER01" marketplace="DE" template="link" idset="blog"]';
		$this->assertStringContainsString( 'tag=first-21', do_shortcode( $shortcode ) );
		$this->plugin()->id_sets()->put( array( 'tags' => array( 'DE' => 'second-21' ) ) + $set );
		$this->assertStringContainsString( 'tag=second-21', do_shortcode( $shortcode ) );

		// Every way of showing the product is kept side by side, the newest BoxCache::MAX_ENTRIES.
		$this->assertStringContainsString( 'tag=second-21', $this->kept() );
		$this->assertStringContainsString( '<b>Burr Grinder Pro</b>', $this->kept() );
		$last = 2 * BoxCache::MAX_ENTRIES - 1;
		for ( $i = 0; $i <= $last; $i++ ) {
			$this->plugin()->templates()->put( 'mini', 'Mini', "<u>$i {{ Title }}</u>" );
			$this->assertStringContainsString( "<u>$i Burr Grinder Pro</u>", do_shortcode( self::SHORTCODE ) );
		}
		$this->assertSame( BoxCache::MAX_ENTRIES, substr_count( $this->kept(), '<u>' ) );
		$this->assertStringContainsString( "<u>$last ", $this->kept() );
		$this->assertStringNotContainsString( 'tag=second-21', $this->kept() );
	}

	public function test_one_page_showing_a_product_twice_keeps_both_boxes(): void {
		$this->store_item();
		$this->plugin()->templates()->put( 'mini', 'Mini', '<i>{{ Title }}</i>' );
		$content = self::SHORTCODE . "\n\n" . '[asa2 asin="B0RENDER01" marketplace="DE" template="mini"]';
		$first   = apply_filters( 'the_content', $content );
		$this->assertStringContainsString( 'class="asa2-box"', $first );
		$this->assertStringContainsString( '<i>Espresso Grinder</i>', $first );
		$this->assertStringContainsString( 'class="asa2-box"', $this->kept() );
		$this->assertStringContainsString( '<i>Espresso Grinder</i>', $this->kept() );
		$this->assertSame( $first, apply_filters( 'the_content', $content ) );
	}

	public function test_settings_changed_by_another_process_are_seen_after_a_cache_flush(): void {
		global $wpdb;
		$this->store_item();
		$this->plugin()->templates()->put( 'mini', 'Mini', '<i>{{ Title }}</i>' );
		$this->plugin()->templates()->make_default( 'mini' );
		$this->assertStringContainsString( '<i>Espresso Grinder</i>', do_shortcode( self::SHORTCODE ) );

		// Another process (the admin screen in another request) changes the template.
		$stored                               = get_option( 'asa2_templates' );
		$stored['templates']['mini']['source'] = '<s>{{ Title }}</s>';
		$wpdb->update( $wpdb->options, array( 'option_value' => maybe_serialize( $stored ) ), array( 'option_name' => 'asa2_templates' ) );
		$this->assertStringContainsString( '<i>Espresso Grinder</i>', do_shortcode( self::SHORTCODE ), 'as get_option(), until the cache is flushed' );
		wp_cache_flush();
		$this->assertStringContainsString( '<s>Espresso Grinder</s>', do_shortcode( self::SHORTCODE ) );
	}

	public function test_a_kept_price_goes_when_it_is_a_day_old(): void {
		$this->store_item( array( 'fetched_at' => time() - 23 * HOUR_IN_SECONDS ) );
		$this->assertStringContainsString( '129,99 €', do_shortcode( self::SHORTCODE ) );
		$this->assertStringContainsString( '129,99 €', do_shortcode( self::SHORTCODE ), 'kept, still within the day' );
		add_filter( 'asa2/now', static fn() => time() + 2 * HOUR_IN_SECONDS );
		$html = do_shortcode( self::SHORTCODE );
		$this->assertStringContainsString( 'Espresso Grinder', $html );
		$this->assertStringNotContainsString( '129,99', $html, 'the kept box expired with its price' );
	}

	public function test_a_refresh_during_a_render_never_keeps_the_older_box(): void {
		$this->store_item();
		$products = $this->plugin()->products();
		$row      = $products->box_rows( array( array( 'B0RENDER01', 'DE' ) ) )['B0RENDER01|DE'];
		$read     = $products->stored_json( array( $row['id'] ) )[ $row['id'] ];
		$this->store_item( array( 'title' => 'Refreshed meanwhile' ) );
		$products->save_box_caches(
			array(
				$row['id'] => array(
					'data'      => $read,
					'box_cache' => BoxCache::with( '', str_repeat( 'a', 32 ), '<p>old</p>', null, time() ),
				),
			)
		);
		$this->assertSame( '', $this->kept() );
		$this->assertStringContainsString( 'Refreshed meanwhile', do_shortcode( self::SHORTCODE ) );
	}

	public function test_an_unreadable_kept_column_is_rendered_anew(): void {
		$this->store_item();
		foreach ( array( 'garbage', "0123456789abcdef0123456789abcdef 0 999999\n<p>short</p>", "\n\n", str_repeat( 'x', 40 ) . " 1 2\nab" ) as $broken ) {
			$this->set_kept( $broken );
			$html = do_shortcode( self::SHORTCODE );
			$this->assertStringContainsString( 'Espresso Grinder', $html, $broken );
			$this->assertStringNotContainsString( 'short', $html );
		}
	}

	public function test_content_filters_never_change_a_box_and_no_placeholder_is_left(): void {
		$this->store_item( array( 'title' => 'Grinder (pack of 8) :) -- "best"' ) );
		$inner_post = wp_insert_post(
			array(
				'post_title'   => 'Inner',
				'post_content' => "Inner text\n\n" . self::SHORTCODE,
				'post_status'  => 'publish',
			)
		);
		$this->assertIsInt( $inner_post );
		// A shortcode that shows another post's content inside this one (nested the_content).
		add_shortcode(
			'asa2_test_embed',
			static fn(): string => apply_filters( 'the_content', get_post( $inner_post )->post_content )
		);
		try {
			$html = apply_filters( 'the_content', "Our pick :)\n\n" . self::SHORTCODE . "\n\n[asa2_test_embed]\n\nThat's all." );
		} finally {
			remove_shortcode( 'asa2_test_embed' );
			wp_delete_post( $inner_post, true );
		}
		// The post's own box is put in after every filter of its content; the embedded post's box
		// is put in at the end of that post's content, so it always shows.
		$this->assertSame( 2, substr_count( $html, 'class="asa2-product"' ), $html );
		$this->assertStringContainsString( 'Grinder (pack of 8) :) -- &quot;best&quot;', $html, 'the title as the template printed it' );
		$this->assertStringNotContainsString( '<!--asa2-box:', $html );
		$this->assertStringContainsString( 'That&#8217;s all.', $html, 'the author\'s text is still filtered' );
		// Outside the_content the shortcode returns the box itself.
		$this->assertStringStartsWith( '<div class="asa2-product"', do_shortcode( self::SHORTCODE ) );
	}
}
