<?php
/**
 * The web servers ("nodes") a site runs on, as ASA2 sees them.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators\Health;

use Asa2\Creators\Plugin;
use Asa2\Creators\Storage\KeyMaterial;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Every WP-Cron request and every ASA2 screen records the web server it runs on in a row of the
 * options table of its own (one query): its name, when, whether it has a persistent object
 * cache, the plugin and extension versions, and a fingerprint of its encryption key (a keyed
 * hash that tells whether two servers use the same key, and nothing about the key). Site Health
 * then knows whether the site runs on several servers and whether they are set up alike.
 *
 * A server's name is its host name, or ASA2_NODE_NAME (a constant or an environment variable)
 * where several servers share a host name.
 */
final class WebNodes {

	/** Option name prefix of the rows (uninstall removes them). */
	public const OPTION_PREFIX = 'asa2_node_';

	/** Servers seen within this many seconds count. */
	public const SEEN_WITHIN = DAY_IN_SECONDS;

	/** @var KeyMaterial */
	private KeyMaterial $key_material;

	/** @var bool Whether this request recorded its server already. */
	private bool $recorded = false;

	/**
	 * @param KeyMaterial $key_material Where the encryption key comes from.
	 */
	public function __construct( KeyMaterial $key_material ) {
		$this->key_material = $key_material;
	}

	/**
	 * The name of the server this request runs on.
	 *
	 * @return string
	 */
	public static function name(): string {
		$name = defined( 'ASA2_NODE_NAME' ) ? (string) constant( 'ASA2_NODE_NAME' ) : (string) getenv( 'ASA2_NODE_NAME' );
		if ( '' === trim( $name ) ) {
			$name = (string) gethostname();
		}
		$name = substr( (string) preg_replace( '/[^A-Za-z0-9._:-]/', '', $name ), 0, 100 );
		return '' === $name ? 'unknown' : $name;
	}

	/**
	 * Records the server this request runs on (once per request).
	 */
	public function record(): void {
		global $wpdb;
		if ( $this->recorded ) {
			return;
		}
		$this->recorded = true;
		$name   = self::name();
		$facts  = array(
			'name'         => $name,
			'object_cache' => wp_using_ext_object_cache(),
			'key'          => substr( hash_hmac( 'sha256', 'asa2-creators web node key check', $this->key_material->material() ), 0, 16 ),
			'plugin'       => Plugin::VERSION,
			'extension'    => \Asa2\Version::extension(),
		);
		$option = self::OPTION_PREFIX . md5( $name );
		// Site Health asks who was seen within a day: the row is written again only when a fact
		// changed or it is an hour old, not on every cron request and screen view.
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- this server's own row, past every cache.
		$stored = json_decode( (string) $wpdb->get_var( $wpdb->prepare( "SELECT option_value FROM {$wpdb->options} WHERE option_name = %s", $option ) ), true );
		if ( is_array( $stored ) && (int) ( $stored['seen'] ?? 0 ) > time() - HOUR_IN_SECONDS ) {
			unset( $stored['seen'] );
			if ( $stored == $facts ) { // phpcs:ignore Universal.Operators.StrictComparisons -- the same facts, whatever their order.
				return;
			}
		}
		$row = (string) wp_json_encode( array( 'seen' => time() ) + $facts );
		$suppress = $wpdb->suppress_errors( true );
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- one row per server, written by that server only.
		$wpdb->query( $wpdb->prepare( "INSERT INTO {$wpdb->options} (option_name, option_value, autoload) VALUES (%s, %s, 'no') ON DUPLICATE KEY UPDATE option_value = %s", $option, $row, $row ) );
		$wpdb->suppress_errors( $suppress );
	}

	/**
	 * The servers seen within SEEN_WITHIN, by name.
	 *
	 * @return list<array{name: string, seen: int, object_cache: bool, key: string, plugin: string, extension: string}>
	 */
	public function seen(): array {
		global $wpdb;
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- the rows other servers wrote, past every cache.
		$values = $wpdb->get_col( $wpdb->prepare( "SELECT option_value FROM {$wpdb->options} WHERE option_name LIKE %s", $wpdb->esc_like( self::OPTION_PREFIX ) . '%' ) );
		$nodes  = array();
		foreach ( (array) $values as $value ) {
			$node = json_decode( (string) $value, true );
			if ( ! is_array( $node ) || (int) ( $node['seen'] ?? 0 ) < time() - self::SEEN_WITHIN ) {
				continue;
			}
			$nodes[] = array(
				'name'         => (string) ( $node['name'] ?? '' ),
				'seen'         => (int) $node['seen'],
				'object_cache' => ! empty( $node['object_cache'] ),
				'key'          => (string) ( $node['key'] ?? '' ),
				'plugin'       => (string) ( $node['plugin'] ?? '' ),
				'extension'    => (string) ( $node['extension'] ?? '' ),
			);
		}
		usort( $nodes, static fn( array $a, array $b ): int => strnatcmp( $a['name'], $b['name'] ) );
		return $nodes;
	}

	/**
	 * Site Health: on several servers, the same key, the same versions and a shared object cache.
	 *
	 * @return array
	 */
	public function test(): array {
		$this->record();
		$nodes = $this->seen();
		$names = implode( ', ', array_column( $nodes, 'name' ) );
		$count = count( $nodes );
		if ( $count <= 1 ) {
			return $this->result( 'good', __( 'ASA2 runs on one web server', 'asa2-creators' ), __( 'Every WP-Cron run and every ASA2 screen of the last day ran on this server. When the site runs on several servers, this test checks that they are set up alike.', 'asa2-creators' ) );
		}
		if ( count( array_unique( array_column( $nodes, 'key' ) ) ) > 1 ) {
			return $this->result(
				'critical',
				__( 'Your web servers encrypt the Amazon secrets with different keys', 'asa2-creators' ),
				sprintf(
					/* translators: 1: number of servers, 2: comma-separated server names */
					__( 'ASA2 has seen %1$d web servers in the last day (%2$s), and their encryption keys differ: a secret saved on one cannot be read on another. Define the same ASA2_SECRET_KEY in wp-config.php on every server (or give them the same WordPress security keys and salts), then re-enter the secrets in ASA2 → Setup.', 'asa2-creators' ),
					$count,
					$names
				)
			);
		}
		$without = array_column( array_filter( $nodes, static fn( array $node ): bool => ! $node['object_cache'] ), 'name' );
		if ( $without ) {
			return $this->result(
				'recommended',
				__( 'Your web servers share no persistent object cache', 'asa2-creators' ),
				sprintf(
					/* translators: 1: number of servers, 2: comma-separated server names, 3: comma-separated names of the servers without an object cache */
					__( 'ASA2 has seen %1$d web servers in the last day (%2$s); %3$s ran without a persistent object cache. Nothing is fetched twice: the servers share access tokens, locks and the request rate through the database. But every page view of every server reads the settings and product boxes from the database, which all servers share. Connect every server to one shared object cache (Redis or Memcached, with its object-cache.php drop-in): it takes that load off the database.', 'asa2-creators' ),
					$count,
					$names,
					implode( ', ', $without )
				)
			);
		}
		if ( count( array_unique( array_map( static fn( array $node ): string => $node['plugin'] . '/' . $node['extension'], $nodes ) ) ) > 1 ) {
			return $this->result(
				'recommended',
				__( 'Your web servers run different versions of ASA2', 'asa2-creators' ),
				sprintf(
					/* translators: 1: number of servers, 2: list such as "web-1: 0.1.0 (extension 0.1.0)" */
					__( 'ASA2 has seen %1$d web servers in the last day with different versions of the plugin or the asa2 extension: %2$s. Install the same versions on every server.', 'asa2-creators' ),
					$count,
					implode( '; ', array_map( static fn( array $node ): string => $node['name'] . ': ' . $node['plugin'] . ' (extension ' . $node['extension'] . ')', $nodes ) )
				)
			);
		}
		return $this->result(
			'good',
			/* translators: %d: number of servers */
			sprintf( _n( 'ASA2 runs on %d web server with a shared object cache', 'ASA2 runs on %d web servers with a shared object cache', $count, 'asa2-creators' ), $count ),
			sprintf(
				/* translators: %s: comma-separated server names */
				__( 'Seen in the last day: %s. They use the same encryption key and ASA2 version, and an object cache; access tokens, locks and the request rate are shared through the database.', 'asa2-creators' ),
				$names
			)
		);
	}

	/**
	 * A Site Health result of this test.
	 *
	 * @param string $status      good, recommended or critical.
	 * @param string $label       Headline.
	 * @param string $description Explanation (plain text).
	 * @return array
	 */
	private function result( string $status, string $label, string $description ): array {
		return HealthResult::make( 'asa2_web_nodes', $status, $label, '<p>' . esc_html( $description ) . '</p>' );
	}
}
