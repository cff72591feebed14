<?php
/**
 * Site Health on a site with several web servers: the nodes' cron runs record them, and the ASA2
 * web servers test says whether they share an object cache and the encryption key.
 *
 * @package Asa2\Tests\Nodes
 */

namespace Asa2\Tests\Nodes;

use Asa2\Creators\Health\WebNodes;

/**
 * Health\WebNodes on two nodes.
 */
final class NodesSiteHealthTest extends NodesTestCase {

	public function test_site_health_tells_when_the_web_servers_share_no_object_cache(): void {
		// Both nodes' cron runners record their node within a few seconds.
		$this->wait_for( 10, 'both nodes to be recorded', fn(): bool => array( 'node-1', 'node-2' ) === $this->seen_nodes() );
		$test = $this->web_nodes_test_on( 2 );
		$this->assertSame( 'good', $test['status'], $test['description'] );
		$this->assertSame( 'ASA2 runs on 2 web servers with a shared object cache', $test['label'] );
		$this->assertStringContainsString( 'node-1', $test['description'] );

		// Without the drop-in (WordPress's own cache): both runners record it, and Site Health says so.
		$this->control( 'object-cache', 'off' );
		try {
			$this->wait_for(
				10,
				'the nodes to run without the object cache',
				fn(): bool => 2 === count( array_filter( $this->plugin()->web_nodes()->seen(), static fn( array $node ): bool => str_starts_with( $node['name'], 'node-' ) && ! $node['object_cache'] ) )
			);
			$test = $this->web_nodes_test_on( 1 );
		} finally {
			$this->control( 'object-cache', 'on' );
		}
		$this->assertSame( 'recommended', $test['status'] );
		$this->assertSame( 'Your web servers share no persistent object cache', $test['label'] );
		$this->assertStringContainsString( 'node-1, node-2 ran without a persistent object cache', $test['description'] );
		$this->assertStringContainsString( 'Nothing is fetched twice', $test['description'] );
		$this->assertStringContainsString( 'one shared object cache (Redis or Memcached', $test['description'] );

		// A server whose ASA2_SECRET_KEY differs (as another server records itself).
		global $wpdb;
		$row = wp_json_encode( array( 'name' => 'web-3', 'seen' => time(), 'object_cache' => true, 'key' => '0123456789abcdef', 'plugin' => '0.1.0', 'extension' => '0.1.0' ) );
		$wpdb->insert( $wpdb->options, array( 'option_name' => WebNodes::OPTION_PREFIX . md5( 'web-3' ), 'option_value' => $row, 'autoload' => 'no' ) );
		$test = $this->web_nodes_test_on( 2 );
		$this->assertSame( 'critical', $test['status'] );
		$this->assertSame( 'Your web servers encrypt the Amazon secrets with different keys', $test['label'] );
		$this->assertStringContainsString( 'Define the same ASA2_SECRET_KEY', $test['description'] );
	}

	/** The names of the recorded nodes of this stack, sorted. */
	private function seen_nodes(): array {
		$names = array_values( array_filter( array_column( $this->plugin()->web_nodes()->seen(), 'name' ), static fn( string $name ): bool => str_starts_with( $name, 'node-' ) ) );
		sort( $names );
		return $names;
	}

	/**
	 * The ASA2 web servers test as Tools -> Site Health runs it on node N (the page's direct
	 * tests, which WordPress hands to its script as JSON).
	 *
	 * @param int $node 1 or 2.
	 * @return array{status: string, label: string, description: string}
	 */
	private function web_nodes_test_on( int $node ): array {
		$page = $this->http( 'GET', $this->node_url( $node ) . '/wp-admin/site-health.php', array( 'as' => 'administrator' ) );
		$this->assertSame( 200, $page['status'] );
		$this->assertSame( 1, preg_match( '/"test":"asa2_web_nodes"/', $page['body'] ), 'Site Health ran the ASA2 web servers test' );
		foreach ( $this->json_objects( $page['body'] ) as $result ) {
			if ( 'asa2_web_nodes' === ( $result['test'] ?? '' ) ) {
				return array(
					'status'      => (string) $result['status'],
					'label'       => html_entity_decode( (string) $result['label'] ),
					'description' => html_entity_decode( wp_strip_all_tags( (string) $result['description'] ) ),
				);
			}
		}
		$this->fail( 'no result of asa2_web_nodes in the page' );
	}

	/**
	 * The test results in the page's SiteHealth script data.
	 *
	 * @param string $html Page.
	 * @return list<array>
	 */
	private function json_objects( string $html ): array {
		$this->assertSame( 1, preg_match( '/var SiteHealth = (\{.*?\});\s*\n/s', $html, $m ), 'the page has the SiteHealth script data' );
		$data = json_decode( $m[1], true );
		$this->assertIsArray( $data );
		return array_values( (array) ( $data['site_status']['direct'] ?? array() ) );
	}
}
