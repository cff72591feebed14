<?php
/**
 * Plugin Name: ASA2 bench: worker memory
 * Description: Linked into the test stack's wp-content/mu-plugins/ by bench section 7 only
 *              (scripts/bench.sh, ASA2_TEST_MU_PLUGINS=bench/mu-plugins). A request that carries
 *              the header X-Asa2-Bench-Memory has its PHP-FPM worker's figures appended, once
 *              everything else of the request is done, to bench-memory.jsonl beside the stack's
 *              wordpress/ folder: the pid, PHP's peak memory and the process's resident memory
 *              and its high-water mark. Not part of the plugin.
 */

defined( 'ABSPATH' ) || exit;

if ( isset( $_SERVER['HTTP_X_ASA2_BENCH_MEMORY'] ) ) {
	add_action(
		'shutdown',
		static function (): void {
			// Registered while shutting down: runs after every shutdown callback, the plugin's
			// work after the response included.
			register_shutdown_function(
				static function (): void {
					$status = (string) file_get_contents( '/proc/self/status' );
					$kib    = static fn( string $field ): int => preg_match( '/^' . $field . ':\s+(\d+) kB/m', $status, $m ) ? (int) $m[1] * 1024 : 0;
					$line   = json_encode(
						array(
							'label' => (string) $_SERVER['HTTP_X_ASA2_BENCH_MEMORY'],
							'pid'   => getmypid(),
							'peak'  => memory_get_peak_usage(),
							'rss'   => $kib( 'VmRSS' ),
							'hwm'   => $kib( 'VmHWM' ),
						)
					);
					file_put_contents( dirname( ABSPATH ) . '/bench-memory.jsonl', $line . "\n", FILE_APPEND | LOCK_EX );
				}
			);
		},
		0
	);
}
