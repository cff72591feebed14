<?php
/**
 * Bootstrap of the extension tests: refuses to run without the extension and loads the helpers.
 */

declare(strict_types=1);

if (!extension_loaded('asa2')) {
    fwrite(STDERR, "The asa2 extension is not loaded: run phpunit with -d extension=/path/to/libasa2.so\n");
    exit(1);
}

require_once __DIR__ . '/support/describe.php';
require_once __DIR__ . '/support/Asa2TestCase.php';
require_once __DIR__ . '/support/paths.php';
require_once __DIR__ . '/support/MmdbWriter.php';
