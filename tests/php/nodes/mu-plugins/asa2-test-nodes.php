<?php
/**
 * Plugin Name: ASA2 test: several web nodes
 * Description: Settings of the multi-node test stack (scripts/suites/45-nodes.sh links it into
 *              wp-content/mu-plugins/): a refresh run's lock lasts 5 seconds after its last
 *              renewal instead of 150 (a node that dies is taken over within seconds), and every
 *              refresh run is written, with the node it ran on, to refresh-runs.jsonl beside the
 *              stack's wordpress/ folder for the tests to read. Not part of the plugin.
 */

defined( 'ABSPATH' ) || exit;

add_filter( 'asa2/refresh_lock_seconds', static fn() => 5 );

add_action(
	'asa2/refresh_run',
	static function ( array $result ): void {
		$line = wp_json_encode(
			array(
				'node'    => \Asa2\Creators\Health\WebNodes::name(),
				'pid'     => getmypid(),
				'end'     => microtime( true ),
				'seconds' => $result['seconds'],
				'stopped' => $result['stopped'],
				'due'     => $result['due'],
				'updated' => $result['updated'],
			)
		);
		file_put_contents( dirname( ABSPATH ) . '/refresh-runs.jsonl', $line . "\n", FILE_APPEND | LOCK_EX );
	}
);
