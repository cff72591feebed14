<?php
/**
 * One job of benchmark 7 in a fresh PHP process, its peak memory printed as JSON:
 *
 *   php products_worker.php STACK_JSON page POST_ID   render a post as a visitor (the_content)
 *   php products_worker.php STACK_JSON cron LIMIT     RefreshScheduler::run(LIMIT)
 *
 * A fresh process is as a PHP-FPM worker starts a request: nothing kept in memory from before.
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
if ($job === 'page') {
    wp_set_current_user(0);
    $post = get_post((int) ($argv[3] ?? 0)) ?? fail('no such post');
    $GLOBALS['post'] = $post;
    setup_postdata($post);
    $html = (string) apply_filters('the_content', $post->post_content);
    echo json_encode(['peak' => memory_get_peak_usage(), 'boxes' => substr_count($html, 'class="asa2-product"')]);
} elseif ($job === 'cron') {
    $result = $plugin->refresh_scheduler()->run((int) ($argv[3] ?? 1000));
    echo json_encode(['peak' => memory_get_peak_usage(), 'updated' => $result['updated'], 'failed' => count($result['failed']), 'seconds' => $result['seconds'], 'stopped' => $result['stopped']]);
} else {
    fail("unknown job '$job' (page or cron)");
}
