<?php
/**
 * Benchmark 7: 100,000 stored products - ASA2 -> Products, the refresh's "which products are
 * due", a page with 50 boxes and peak memory, at a small table and at 100,000 products.
 *
 *   php -d extension=target/release/libasa2.so bench/php/products_100k.php .work/test/stack.json
 *
 * Products are first stored through the plugin's refresh against the sandbox (50 DE for the
 * page's boxes, 10 US, 10 UK), then the page figures and memory are taken; then 100,000 rows
 * generated from the stored ones (scripts/wp/ProductDataset.php: multi-row INSERTs) are
 * loaded, the table analyzed, and everything is measured again, and the Products screen's
 * requests are timed in process (the list's queries and HTML, and the refresh-capacity notice).
 * Peak memory is taken in the stack's PHP-FPM worker (bench/mu-plugins) for the page and in
 * fresh PHP processes for the cron run (bench/php/products_worker.php).
 */

declare(strict_types=1);

namespace Asa2Bench;

require __DIR__ . '/lib.php';
require __DIR__ . '/test_stack.php';
require dirname(__DIR__, 2) . '/scripts/wp/ProductDataset.php';

const TITLE = '7. 100,000 products';
const MEASURED = 'ASA2 -> Products, the refresh\'s due-products query, a page with 50 boxes and peak '
    . 'memory, with 100,000 stored products (generated from products stored through the plugin) '
    . 'next to a table of 1,070 products.';
const PRODUCTS = 100000;
const BOXES = 50;
const SCREEN_MS = 300.0;
const FIRST_VIEW_MS = 3.0;
const WARM_VIEW_MS = 1.3;
const MEMORY_GROWTH_MIB = 2.0;

$goals = [
    ['Products screen requests (slowest, server time)', 'ms', '<= 300 ms'],
    ['first view after a refresh, 50 boxes (time added)', 'ms', '<= 3 ms'],
    ['warm view, 50 boxes (time added)', 'ms', '<= 1.3 ms'],
    ['page figures at 100,000 products / at 1,070', 'x', '<= 1.25x'],
    ['peak memory growth with 100,000 products (PHP-FPM page, cron run)', 'MiB', '<= 2 MiB'],
    ['resident memory growth with 100,000 products (PHP-FPM page, cron run)', 'MiB', '<= 2 MiB'],
];
$missing = stack_missing($argv);
if ($missing !== null) {
    emit([
        'id' => 'products_100k',
        'title' => TITLE,
        'measured' => MEASURED,
        'targets' => array_map(static fn(array $g): array => target($g[0], null, $g[1], $g[2], null, $missing), $goals),
    ]);
    exit(0);
}

$stack = stack_description($argv);
require root() . '/scripts/wp/bootstrap-cli.php';
\asa2_fake_request($stack);
require $stack['wp_dir'] . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/admin.php';

$plugin = \Asa2\Creators\Plugin::instance();
(new \Asa2\Creators\Hooks($plugin))->activate();
$products = $plugin->products();
$table = $products->name();
global $wpdb;

// --- products stored through the plugin -------------------------------------------------------
$demo = demo_creators_inputs();
configure_creators([$demo['DE'] ?? fail('no DE credential in demo.json'), $demo['US'] ?? fail('no US credential'), $demo['UK'] ?? fail('no UK credential')]);
$stored = ['DE' => bench_asins('DE', BOXES), 'US' => bench_asins('US', 10), 'UK' => bench_asins('UK', 10)];
$keys = [];
foreach ($stored as $code => $asins) {
    foreach ($asins as $asin) {
        $products->ensure($asin, $code, time());
        $keys[] = [$asin, $code];
    }
}
$refresh = $plugin->product_service()->refresh($keys);
if ($refresh['updated'] !== count($keys)) {
    fail(sprintf('storing the products: %d of %d refreshed; failures: %s', $refresh['updated'], count($keys), json_encode($refresh['failed'])));
}
$template_rows = $products->page(100, 1);
// 1,000 products a page asked for and the refresh has not fetched yet: what the cron run of the
// memory figures refreshes.
foreach (['DE' => 334, 'US' => 333, 'UK' => 333] as $code => $n) {
    foreach (array_slice(bench_asins($code, BOXES + $n), BOXES) as $asin) {
        $products->ensure($asin, $code, time());
    }
}
$small = $products->count();
$sizes = array_map(static fn(array $r): int => strlen((string) wp_json_encode($r['item'])), $template_rows);

// --- the page: 50 boxes and the same post without them ---------------------------------------
$paragraphs = array_map(static fn(int $i): string => sprintf('Pick %d of our %d: we used it for a month and kept notes on what worked.', $i + 1, BOXES), array_keys($stored['DE']));
$post_ids = box_posts($paragraphs, $stored['DE']);
$render = __NAMESPACE__ . '\\render_post';
$box_asins = "'" . implode("','", $stored['DE']) . "'";
$forget_boxes = static fn() => $wpdb->query("UPDATE $table SET box_cache = NULL WHERE marketplace = 'DE' AND asin IN ($box_asins)");

/**
 * Time the boxes add, medians of interleaved rounds: the first view after a refresh (kept boxes
 * of the 50 emptied first; the boxes rendered anew are written after the response, timed on
 * their own) and the warm view (boxes kept), each against the bare post.
 */
$page_figures = static function () use ($render, $post_ids, $forget_boxes, $plugin): array {
    wp_set_current_user(0);
    if (substr_count($render($post_ids['boxes']), 'class="asa2-product"') !== BOXES) {
        fail('the post does not show ' . BOXES . ' boxes');
    }
    $rounds = max(5, (int) round(21 * (float) (getenv('BENCH_SCALE') ?: 1)));
    $first = [];
    $keep = [];
    $warm = [];
    for ($w = 0; $w < 3; $w++) {
        $render($post_ids['boxes']);
        $render($post_ids['bare']);
        $plugin->renderer()->keep_boxes();
    }
    for ($r = 0; $r < $rounds; $r++) {
        $t = hrtime(true);
        $render($post_ids['bare']);
        $bare = (hrtime(true) - $t) / 1e6;
        $forget_boxes();
        $t = hrtime(true);
        $render($post_ids['boxes']);
        $first[] = (hrtime(true) - $t) / 1e6 - $bare;
        $t = hrtime(true);
        $plugin->renderer()->keep_boxes();
        $keep[] = (hrtime(true) - $t) / 1e6;
    }
    for ($r = 0; $r < $rounds; $r++) {
        $order = $r % 2 === 0 ? ['boxes', 'bare'] : ['bare', 'boxes'];
        $ms = [];
        foreach ($order as $name) {
            $t = hrtime(true);
            for ($i = 0; $i < 5; $i++) {
                $render($post_ids[$name]);
            }
            $ms[$name] = (hrtime(true) - $t) / 1e6 / 5;
        }
        $warm[] = $ms['boxes'] - $ms['bare'];
    }
    return ['first' => median($first), 'keep' => median($keep), 'warm' => median($warm)];
};

/** The cron run's memory in a fresh PHP process (products_worker.php). */
$worker = static function (string $job, array $args = []) use ($argv, $stack): array {
    $command = [PHP_BINARY, '-d', 'memory_limit=512M'];
    if ('' !== (string) ($stack['extension'] ?? '')) {
        array_push($command, '-d', 'extension=' . $stack['extension']);
    }
    array_push($command, __DIR__ . '/products_worker.php', $argv[1], $job, ...array_map('strval', $args));
    $pipes = [];
    $process = proc_open($command, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
    $out = stream_get_contents($pipes[1]);
    $err = stream_get_contents($pipes[2]);
    fclose($pipes[1]);
    fclose($pipes[2]);
    $status = proc_close($process);
    $result = json_decode((string) $out, true);
    if ($status !== 0 || !is_array($result)) {
        fail("products_worker.php $job failed ($status): " . trim((string) $err) . ' ' . trim((string) $out));
    }
    return $result;
};

/** Restarts the stack's PHP-FPM: its workers start anew, the extension's caches empty. */
$restart_fpm = static function (): void {
    foreach (['kill', 'start'] as $action) {
        exec(escapeshellarg(root() . '/scripts/stack-control.sh') . " node $action 1 2>&1", $out, $status);
        if ($status !== 0) {
            fail("scripts/stack-control.sh node $action 1 failed: " . implode("\n", $out));
        }
    }
};

/**
 * One page view over HTTP whose PHP-FPM worker records its memory (bench/mu-plugins): PHP's peak
 * and the worker's resident high-water mark, once the request is done (boxes kept after the
 * response included).
 */
$memory_log = dirname($stack['wp_dir']) . '/bench-memory.jsonl';
@unlink($memory_log);
$run_token = bin2hex(random_bytes(4));
$fpm_memory = static function (string $label) use ($stack, $post_ids, $memory_log, $run_token): array {
    $log = $memory_log;
    $label = "$run_token $label";
    $page = http_get((string) get_permalink($post_ids['boxes']), ["X-Asa2-Bench-Memory: $label"]);
    if ($page['status'] !== 200 || substr_count($page['body'], 'class="asa2-product"') !== BOXES) {
        fail("the page with boxes over HTTP ($label): status {$page['status']}, " . substr_count($page['body'], 'class="asa2-product"') . ' boxes');
    }
    for ($wait = 0; $wait < 100; $wait++) { // the worker writes after the response
        foreach (array_reverse(file(is_file($log) ? $log : '/dev/null') ?: []) as $line) {
            $entry = json_decode($line, true);
            if (($entry['label'] ?? '') === $label) {
                return $entry;
            }
        }
        usleep(50000);
    }
    fail("the PHP-FPM worker recorded no memory for $label (is bench/mu-plugins linked?)");
};

/**
 * Peak memory of a page of 50 boxes in a PHP-FPM worker (the stack runs one), rendered anew and
 * kept, in a fresh worker (the extension's caches empty) and in a worker that served the page
 * before (its caches filled); and of the cron run, in a fresh PHP process, with the
 * extension's caches empty and filled.
 */
$memory = static function (string $size) use ($worker, $forget_boxes, $restart_fpm, $fpm_memory): array {
    $out = [];
    $restart_fpm();
    $forget_boxes();
    $out['anew, caches empty'] = $fpm_memory("$size anew fresh");
    $forget_boxes();
    $out['anew, caches filled'] = $fpm_memory("$size anew again");
    $out['kept, caches filled'] = $fpm_memory("$size kept again");
    $restart_fpm();
    $out['kept, caches empty'] = $fpm_memory("$size kept fresh");
    if ($out['anew, caches empty']['pid'] !== $out['anew, caches filled']['pid'] || $out['anew, caches filled']['pid'] !== $out['kept, caches filled']['pid']) {
        fail('the page views did not share one PHP-FPM worker (ASA2_FPM_WORKERS=1 expected)');
    }
    $cron = $worker('cron', [1000]);
    return ['page' => $out, 'cron' => $cron];
};

$at_small = $page_figures();
$mem_small = $memory('small');

// --- 100,000 products ---------------------------------------------------------------------
$dataset = new \Asa2\Tools\ProductDataset($wpdb, $table);
$t = hrtime(true);
$loaded = $dataset->load(\Asa2\Tools\ProductDataset::templates($template_rows), PRODUCTS - $products->count(), time());
$dataset->analyze();
$load_s = (hrtime(true) - $t) / 1e9;
$total = $products->count();
$bytes = (int) $wpdb->get_var($wpdb->prepare('SELECT data_length + index_length FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = %s', $table));

// --- ASA2 -> Products at 100,000 ----------------------------------------------------------------
$admin = get_users(['role' => 'administrator', 'number' => 1])[0] ?? null;
if ($admin === null) {
    $admin = get_user_by('id', wp_insert_user(['user_login' => 'bench-admin', 'user_pass' => wp_generate_password(), 'role' => 'administrator']));
}
$screen_requests = [
    'first page' => [],
    'page 5,000 (last)' => ['paged' => '5000'],
    'search title words "stainless kettle"' => ['s' => 'stainless kettle'],
    'search a common word "grinder"' => ['s' => 'grinder'],
    'search short word "XL"' => ['s' => 'XL'],
    'search ASIN' => ['s' => \Asa2\Tools\ProductDataset::asin(54321)],
    'filter marketplace US' => ['marketplace' => 'US'],
    'filter status: last refresh failed' => ['status' => 'error'],
    'sort by last refresh, oldest first' => ['orderby' => 'refreshed', 'order' => 'asc'],
    'marketplace DE + loaded + newest refresh' => ['marketplace' => 'DE', 'status' => 'ok', 'orderby' => 'refreshed', 'order' => 'desc'],
];
$screen = $plugin->products_screen();
$screen_rows = [];
$slowest = 0.0;
foreach ($screen_requests as $name => $get) {
    wp_set_current_user($admin->ID);
    set_current_screen('asa2_page_asa2-products');
    $times = [];
    $queries = 0;
    $html = '';
    for ($r = 0; $r < 5; $r++) {
        $_GET = $get + ['page' => 'asa2-products'];
        $_REQUEST = $_GET;
        $q = $wpdb->num_queries;
        $t = hrtime(true);
        ob_start();
        $screen->render();
        $html = (string) ob_get_clean();
        $times[] = (hrtime(true) - $t) / 1e6;
        $queries = $wpdb->num_queries - $q;
    }
    $_GET = $_REQUEST = [];
    if (!str_contains($html, 'asa2-products-table')) {
        fail("the Products screen ($name) did not render its table");
    }
    $shown = substr_count($html, 'name="product[]"');
    preg_match('/<span class="displaying-num">([^<]*)</', $html, $m);
    $ms = median($times);
    $slowest = max($slowest, $ms);
    $screen_rows[] = row("Products screen: $name", $ms, 'ms', sprintf('median of 5; %d queries; %d rows shown; %s', $queries, $shown, html_entity_decode($m[1] ?? 'no count')));
}

$now = time();
$ttl = (int) $plugin->product_settings()->get()['ttl_hours'] * HOUR_IN_SECONDS;
$times = [];
for ($r = 0; $r < 5; $r++) {
    $t = hrtime(true);
    $due = $products->due($now - $ttl, $now, 100);
    $count_due = $products->count_due($now - $ttl, $now);
    $times[] = (hrtime(true) - $t) / 1e6;
}
$due_ms = median($times);

// --- the page and memory at 100,000 ---------------------------------------------------------
$at_big = $page_figures();
$mem_big = $memory('big');

// --- figures ----------------------------------------------------------------------------------
$ratio_first = $at_big['first'] / max(0.001, $at_small['first']);
$ratio_warm = $at_big['warm'] / max(0.001, $at_small['warm']);
$mib = static fn(int $bytes): float => $bytes / 1048576;
$cases = [
    'anew, caches empty' => 'page of 50 boxes rendered anew, fresh PHP-FPM worker (extension caches empty)',
    'anew, caches filled' => 'page of 50 boxes rendered anew, PHP-FPM worker with the extension\'s caches (served the page before)',
    'kept, caches empty' => 'page of 50 kept boxes, fresh PHP-FPM worker (extension caches empty)',
    'kept, caches filled' => 'page of 50 kept boxes, PHP-FPM worker with the extension\'s caches',
    'cron empty' => 'cron run refreshing 1,000 products, fresh PHP process (extension caches empty)',
    'cron filled' => 'cron run refreshing 1,000 products again in that process (extension caches filled)',
];
$figures = static fn(array $mem): array => $mem['page'] + ['cron empty' => $mem['cron']['empty'], 'cron filled' => $mem['cron']['filled']];
$fig_small = $figures($mem_small);
$fig_big = $figures($mem_big);
$growth = ['peak' => PHP_INT_MIN, 'hwm' => PHP_INT_MIN];
$mem_rows = [];
foreach ($cases as $case => $what) {
    foreach (['peak', 'hwm'] as $measure) {
        $growth[$measure] = max($growth[$measure], $fig_big[$case][$measure] - $fig_small[$case][$measure]);
    }
    foreach ([[$small, $fig_small[$case]], [$total, $fig_big[$case]]] as [$n, $m]) {
        $note = sprintf('resident high-water mark of the process %.1f MiB', $mib($m['hwm']));
        if (str_starts_with($case, 'cron')) {
            $note .= sprintf('; RefreshScheduler::run(1000): %d refreshed, %d failed, %.1f s', $m['updated'], $m['failed'], $m['seconds']);
        }
        $mem_rows[] = row("peak memory: $what, " . number_format($n) . ' products', $mib($m['peak']), 'MiB', $note);
    }
}

emit([
    'id' => 'products_100k',
    'title' => TITLE,
    'measured' => MEASURED,
    'rows' => array_merge(
        [
            row('data set: rows loaded', (float) $loaded, 'rows', sprintf('%.1f s with ANALYZE TABLE (%.0f rows/s); %d rows in the table; %.0f MiB data and indexes', $load_s, $loaded / max(0.001, $load_s), $total, $bytes / 1048576)),
            row('data set: product JSON per row', median($sizes), 'bytes', sprintf('median of the %d products stored through the plugin (%d to %d bytes), replicated', count($sizes), min($sizes), max($sizes))),
        ],
        $screen_rows,
        [
            row('due products: due(100 per marketplace) + count_due()', $due_ms, 'ms', sprintf('median of 5; %d due rows taken, %d due', count($due), $count_due)),
            row("first view after a refresh, 50 boxes, $small products", $at_small['first'], 'ms', 'time added over the bare post; kept boxes of the 50 emptied first; median'),
            row('first view after a refresh, 50 boxes, ' . number_format($total) . ' products', $at_big['first'], 'ms', sprintf('%.2fx the small table', $ratio_first)),
            row("first view: its boxes kept after the response, $small products", $at_small['keep'], 'ms', 'ProductRenderer::keep_boxes(): one UPDATE, after fastcgi_finish_request() under PHP-FPM; not part of the response time; median'),
            row('first view: its boxes kept after the response, ' . number_format($total) . ' products', $at_big['keep'], 'ms', 'as above'),
            row("warm view, 50 boxes, $small products", $at_small['warm'], 'ms', 'time added over the bare post, boxes kept; median of interleaved rounds'),
            row('warm view, 50 boxes, ' . number_format($total) . ' products', $at_big['warm'], 'ms', sprintf('%.2fx the small table', $ratio_warm)),
        ],
        $mem_rows,
    ),
    'targets' => [
        target($goals[0][0], $slowest, 'ms', $goals[0][2], $slowest <= SCREEN_MS, 'the slowest of the requests above, ProductsScreen::render() in process'),
        target($goals[1][0], $at_big['first'], 'ms', $goals[1][2], $at_big['first'] <= FIRST_VIEW_MS, 'at 100,000 products'),
        target($goals[2][0], $at_big['warm'], 'ms', $goals[2][2], $at_big['warm'] <= WARM_VIEW_MS, 'at 100,000 products'),
        target($goals[3][0], max($ratio_first, $ratio_warm), 'x', $goals[3][2], max($ratio_first, $ratio_warm) <= 1.25, sprintf('first view %.2fx, warm view %.2fx', $ratio_first, $ratio_warm)),
        target($goals[4][0], $mib((int) $growth['peak']), 'MiB', $goals[4][2], $mib((int) $growth['peak']) <= MEMORY_GROWTH_MIB, 'does not grow: the largest growth of PHP\'s peak over the six cases above, 1,070 -> 100,000 products'),
        target($goals[5][0], $mib((int) $growth['hwm']), 'MiB', $goals[5][2], $mib((int) $growth['hwm']) <= MEMORY_GROWTH_MIB, 'does not grow: the largest growth of the resident high-water mark (the extension\'s own memory included) over the six cases'),
    ],
    'notes' => [
        'Data set: scripts/wp/ProductDataset.php replicates the stored products (3 marketplaces) with other ASINs, titles, prices and refresh times: 90% loaded, 4% loaded with a failed last refresh, 4% never fetched, 2% never loaded (fetch failed); refresh times over the last day, creation over the last year.',
        'Screen requests: ProductsScreen::render() of the list view in this process as an administrator (the routes line, the refresh-capacity notice, the add and search forms, the list with its count and 20 rows); WordPress\'s admin frame is not included.',
        'Memory: the page is fetched over HTTP from the stack\'s PHP-FPM, which runs one worker here (ASA2_FPM_WORKERS=1); a test-only mu-plugin (bench/mu-plugins) records the worker\'s memory_get_peak_usage() and its VmHWM once the request is done, the boxes kept after the response included. "Fresh": right after PHP-FPM was restarted (the extension\'s compiled templates and signing keys empty); "with the extension\'s caches": the same worker again. The cron run is RefreshScheduler::run(1000) in a fresh PHP process (bench/php/products_worker.php), then again with the same products due (PHP\'s peak reset between the runs).',
        'First view: the boxes of a first view are rendered from the stored JSON by Asa2\\Template::renderJsonWithExpiry() and written to their products after the response (ProductRenderer::keep_boxes() on shutdown, after fastcgi_finish_request() under PHP-FPM), so a visitor\'s page never waits for a database write; that write is the row "kept after the response".',
        'Title search: whole words from the FULLTEXT index, each matched as a word start; a search without a word of innodb_ft_min_token_size characters matches the title\'s start; an ASIN or its start matches by the unique key.',
    ],
]);
