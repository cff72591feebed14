<?php
/**
 * The cron run of benchmark 7 in a fresh PHP process, its peak memory printed as JSON:
 *
 *   php products_worker.php STACK_JSON cron LIMIT
 *
 * RefreshScheduler::run(LIMIT) twice: first with the extension's caches empty (a fresh process,
 * as a cron request starts), then, the same products marked due again, with them filled. PHP's
 * peak memory is reset between the runs (memory_reset_peak_usage(), PHP 8.2); the resident
 * high-water mark (which includes the extension's memory) is the process's.
 */

declare(strict_types=1);

namespace Asa2Bench;

require __DIR__ . '/lib.php';
require __DIR__ . '/test_stack.php';

$stack = stack_description($argv);
require root() . '/scripts/wp/bootstrap-cli.php';
\asa2_fake_request($stack);
require $stack['wp_dir'] . '/wp-load.php';

$plugin = \Asa2\Creators\Plugin::instance();
$job = $argv[2] ?? '';
if ($job !== 'cron') {
    fail("unknown job '$job' (cron)");
}
$limit = (int) ($argv[3] ?? 1000);
global $wpdb;
$table = $plugin->products()->name();
$runs = [];
foreach (['empty', 'filled'] as $caches) {
    if ($caches === 'filled') {
        // The same products due again; the extension's caches (signing keys) and the plugin's
        // tokens are filled by the first run.
        $wpdb->query($wpdb->prepare("UPDATE $table SET refreshed_at = 0 WHERE refreshed_at >= %d", $start));
        if (function_exists('memory_reset_peak_usage')) {
            memory_reset_peak_usage(); // PHP 8.2+
        }
    }
    $start = time();
    $result = $plugin->refresh_scheduler()->run($limit);
    $runs[$caches] = ['peak' => memory_get_peak_usage(), 'hwm' => resident_high_water(), 'updated' => $result['updated'], 'failed' => count($result['failed']), 'seconds' => $result['seconds'], 'stopped' => $result['stopped']];
}
echo json_encode($runs);

/** This process's resident memory high-water mark (VmHWM), in bytes: the extension's own memory included. */
function resident_high_water(): int
{
    return preg_match('/^VmHWM:\s+(\d+) kB/m', (string) file_get_contents('/proc/self/status'), $m) ? (int) $m[1] * 1024 : 0;
}
