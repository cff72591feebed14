<?php
/**
 * PHPUnit bootstrap of the multi-node tests: the WordPress tests' bootstrap (the running test
 * stack's WordPress in this process, with the asa2 extension), then NodesTestCase. The stack must
 * have several nodes and the object cache: scripts/suites/45-nodes.sh starts it so.
 *
 * @package Asa2\Tests\Nodes
 */

require dirname( __DIR__ ) . '/wp/bootstrap.php';

if ( count( \Asa2\Tests\WP\TestCase::$stack['nodes'] ?? array() ) < 2 || 'redis' !== ( \Asa2\Tests\WP\TestCase::$stack['object_cache'] ?? '' ) ) {
	fwrite( STDERR, "These tests need the test stack with two web nodes and Redis: run scripts/suites/45-nodes.sh.\n" );
	exit( 1 );
}
require_once dirname( __DIR__ ) . '/wp/ProductsTestCase.php';
require __DIR__ . '/NodesTestCase.php';
