<?php
/**
 * Database writes a page view causes but its visitor need not wait for.
 *
 * @package Asa2\Creators
 */

namespace Asa2\Creators;

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

/**
 * Runs the writes queued during a request at `shutdown`, after the page was sent: under PHP-FPM
 * the response is ended first with fastcgi_finish_request(), as WordPress's wp-cron.php does, so
 * a write that waits for the disk never adds to the visitor's time. Elsewhere (PHP's built-in
 * server, the CLI) they still run at shutdown, after the output.
 */
final class AfterResponse {

	/** @var array<string, callable(): void> Queued writes, by name (queued once each). */
	private array $tasks = array();

	/**
	 * Queues a write; a name already queued keeps its first callable.
	 *
	 * @param string          $name A stable name of the write (e.g. 'keep_boxes').
	 * @param callable(): void $task The write.
	 */
	public function add( string $name, callable $task ): void {
		if ( ! $this->tasks ) {
			add_action( 'shutdown', array( $this, 'run' ), PHP_INT_MAX );
		}
		$this->tasks[ $name ] ??= $task;
	}

	/**
	 * At `shutdown`: ends the response when the server allows it, then runs the queued writes.
	 */
	public function run(): void {
		$tasks       = $this->tasks;
		$this->tasks = array();
		remove_action( 'shutdown', array( $this, 'run' ), PHP_INT_MAX );
		if ( ! $tasks ) {
			return;
		}
		/**
		 * Whether ASA2 ends the response (fastcgi_finish_request()) before the writes a page view
		 * causes (the product boxes it rendered, the products it showed); a site whose later
		 * shutdown code still prints can turn it off.
		 *
		 * @param bool $finish Default true.
		 */
		if ( function_exists( 'fastcgi_finish_request' ) && apply_filters( 'asa2/finish_response_before_writes', true ) ) {
			fastcgi_finish_request();
		}
		foreach ( $tasks as $task ) {
			$task();
		}
	}
}
