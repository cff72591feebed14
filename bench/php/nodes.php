<?php
/**
 * Benchmark 8: several web servers. The background refresh of 1,000 products on two web nodes
 * against one node, side by side in one run (the test stack with two nginx + PHP-FPM nodes, one
 * Redis object cache and a cron runner per node, every second: scripts/lib/nodes.sh), and a page
 * with 50 product boxes with and without the object cache.
 *
 *   php -d extension=target/release/libasa2.so bench/php/nodes.php .work/test/stack.json
 *
 * The refresh is started the way a site starts it: the refresh events come due and the cron
 * runners (both nodes', or only node 1's) request wp-cron.php at their next second. The figures
 * are the sandbox's counters (GetItems calls per marketplace, fetches per product, token requests,
 * 429 answers) and the refresh runs the nodes made (the test mu-plugin writes each one, with its
 * node, to refresh-runs.jsonl). Without the object cache means without the drop-in
 * (scripts/stack-control.sh object-cache off): WordPress's own per-request cache.
 */

declare(strict_types=1);

namespace Asa2Bench;

require __DIR__ . '/lib.php';
require __DIR__ . '/test_stack.php';

const PRODUCTS = 1000;
const MARKETPLACES = ['DE', 'US', 'UK'];
const TITLE = '8. Several web servers: refresh on two nodes, pages with and without the object cache';
const MEASURED = 'The background refresh of 1,000 products (DE, US, UK, a credential each, sandbox at 1 request/s per credential) started by the cron runners of two web nodes at the same moment, against one node\'s runner alone, in one run; and a post with 50 product boxes served with the Redis object cache and without it.';

$missing = stack_missing($argv);
if ($missing !== null) {
    emit([
        'id' => 'nodes',
        'title' => TITLE,
        'measured' => MEASURED,
        'targets' => [
            target('GetItems calls, two nodes against one', null, 'calls', 'the same', null, $missing),
            target('products fetched twice', null, 'products', '= 0', null, $missing),
            target('wall time / per-credential minimum, two nodes', null, 'x', '<= 1.05x', null, $missing),
        ],
    ]);
    exit(0);
}

$stack = stack_description($argv);
if (count($stack['nodes'] ?? []) < 2 || ($stack['object_cache'] ?? '') !== 'redis') {
    fail('the test stack must run two nodes with Redis (ASA2_NODES=2 ASA2_OBJECT_CACHE=redis)');
}
require root() . '/scripts/wp/bootstrap-cli.php';
\asa2_fake_request($stack);
require $stack['wp_dir'] . '/wp-load.php';

$plugin = \Asa2\Creators\Plugin::instance();
(new \Asa2\Creators\Hooks($plugin))->activate();
$rounds = max(1, (int) (getenv('BENCH_SCALE') ?: 1));
$runs_file = dirname(rtrim((string) $stack['wp_dir'], '/')) . '/refresh-runs.jsonl';

/** Runs scripts/stack-control.sh. */
function control(array $stack, string ...$args): void
{
    exec('bash ' . escapeshellarg((string) $stack['control']) . ' ' . implode(' ', array_map('escapeshellarg', $args)) . ' 2>&1', $out, $status);
    if ($status !== 0) {
        fail('stack-control.sh ' . implode(' ', $args) . ': ' . implode("\n", $out));
    }
}

// --- three marketplaces at 1 request/s --------------------------------------------------------
sandbox($stack, 'POST', '/__sandbox/config', ['rps' => 1]);
$plugin->product_settings()->save(['ttl_hours' => 24, 'requests_per_second' => 1.0]);
$demo = demo_creators_inputs();
$inputs = [];
foreach (MARKETPLACES as $code) {
    $inputs[] = $demo[$code] ?? fail("crates/sandbox/demo.json has no Creators credential for $code");
}
configure_creators($inputs);
$per = ['DE' => 334, 'US' => 333, 'UK' => 333];
$lists = [];
foreach ($per as $code => $n) {
    $lists[$code] = bench_asins($code, $n);
}

/**
 * One full refresh started by the cron runners of $nodes nodes.
 *
 * @return array{wall: float, calls: array<string, int>, twice: int, fetched: int, throttled: int, tokens: int, working: list<string>, busy: int, updated: int}
 */
function refresh_round(array $stack, int $nodes, array $lists, string $runs_file): array
{
    global $wpdb;
    $plugin = \Asa2\Creators\Plugin::instance();
    control($stack, 'cron', $nodes > 1 ? 'start' : 'stop', '2');
    $wpdb->query("DELETE FROM {$wpdb->prefix}asa2_products");
    $wpdb->query($wpdb->prepare("DELETE FROM {$wpdb->options} WHERE option_name LIKE %s", $wpdb->esc_like('asa2_token_') . '%'));
    for ($i = 0; $i < max(array_map('count', $lists)); $i++) {
        foreach ($lists as $code => $list) {
            if (isset($list[$i])) {
                $plugin->products()->ensure($list[$i], $code, time());
            }
        }
    }
    @unlink($runs_file);
    sandbox($stack, 'POST', '/__sandbox/reset', ['tokens' => true]);
    wp_cache_flush();
    $since = time();
    foreach ([\Asa2\Creators\Cron\RefreshScheduler::HOOK_SOON, \Asa2\Creators\Cron\RefreshScheduler::HOOK_CONTINUE] as $hook) {
        wp_clear_scheduled_hook($hook);
        wp_schedule_single_event($since - 1, $hook);
    }
    $deadline = microtime(true) + 300;
    do {
        usleep(200000);
        $left = (int) $wpdb->get_var($wpdb->prepare("SELECT COUNT(*) FROM {$wpdb->prefix}asa2_products WHERE refreshed_at < %d", $since));
        $locked = null !== \Asa2\Creators\Api\SharedLock::holder(\Asa2\Creators\Cron\RefreshScheduler::LOCK);
        if (microtime(true) > $deadline) {
            fail("the refresh on $nodes node(s) did not finish in 300 s ($left products left)");
        }
    } while ($left > 0 || $locked);
    usleep(1500000); // the runners' last requests of this round
    $stats = sandbox($stack, 'GET', '/__sandbox/stats');
    $runs = [];
    foreach (file($runs_file, FILE_IGNORE_NEW_LINES | FILE_SKIP_EMPTY_LINES) ?: [] as $line) {
        $runs[] = json_decode($line, true, 512, JSON_THROW_ON_ERROR);
    }
    $working = array_values(array_filter($runs, static fn (array $r): bool => $r['due'] > 0));
    $start = min(array_map(static fn (array $r): float => $r['end'] - $r['seconds'], $working));
    $end = max(array_column($working, 'end'));
    $fetches = array_map('intval', (array) ($stats['get_items_by_asin'] ?? []));
    return [
        'wall' => $end - $start,
        'calls' => array_map('intval', (array) ($stats['api_calls_by_marketplace'] ?? [])),
        'twice' => count(array_filter($fetches, static fn (int $n): bool => $n > 1)),
        'fetched' => count($fetches),
        'throttled' => (int) ($stats['throttled'] ?? 0),
        'tokens' => array_sum(array_map('intval', (array) ($stats['token_requests'] ?? []))),
        'working' => array_values(array_unique(array_column($working, 'node'))),
        'nodes' => array_values(array_unique(array_column($runs, 'node'))),
        'busy' => count(array_filter($runs, static fn (array $r): bool => $r['stopped'] === 'busy')),
        'updated' => array_sum(array_column($runs, 'updated')),
    ];
}

$results = ['two' => [], 'one' => []];
for ($round = 0; $round < $rounds; $round++) {
    $results['two'][] = refresh_round($stack, 2, $lists, $runs_file);
    $results['one'][] = refresh_round($stack, 1, $lists, $runs_file);
}
control($stack, 'cron', 'start', '2');

// --- a post with 50 boxes, with and without the object cache ----------------------------------
$boxes = '';
$bare = '';
foreach (array_slice($lists['DE'], 0, 50) as $i => $asin) {
    $bare .= "<p>Paragraph $i of the post.</p>\n";
    $boxes .= "<p>Paragraph $i of the post.</p>\n[asa2 asin=\"$asin\" marketplace=\"DE\"]\n";
}
$post_boxes = wp_insert_post(['post_title' => 'Nodes bench: 50 boxes', 'post_content' => $boxes, 'post_status' => 'publish']);
$post_bare = wp_insert_post(['post_title' => 'Nodes bench: no boxes', 'post_content' => $bare, 'post_status' => 'publish']);
$node_url = rtrim((string) $stack['nodes'][0], '/');
$path = static fn (int $id): string => (string) wp_parse_url((string) get_permalink($id), PHP_URL_PATH);
$views = ['cache' => ['boxes' => [], 'bare' => []], 'none' => ['boxes' => [], 'bare' => []]];
$stats_before = sandbox($stack, 'GET', '/__sandbox/stats');
$page_rounds = 25 * $rounds;
$added = ['cache' => [], 'none' => []];
for ($round = 0; $round < $page_rounds; $round++) {
    foreach (['cache', 'none'] as $mode) {
        control($stack, 'object-cache', $mode === 'cache' ? 'on' : 'off');
        // The first view after the switch warms this mode's cache; the next ones are measured.
        foreach ([$post_boxes, $post_bare] as $id) {
            http_get($node_url . $path($id));
        }
        foreach (['boxes' => $post_boxes, 'bare' => $post_bare] as $kind => $id) {
            $view = http_get($node_url . $path($id));
            if ($view['status'] !== 200 || ($kind === 'boxes' && !str_contains($view['body'], 'class="asa2-product"'))) {
                control($stack, 'object-cache', 'on');
                fail('GET ' . $path($id) . " ($mode) answered {$view['status']} without its boxes");
            }
            $views[$mode][$kind][] = $view['seconds'];
        }
        $added[$mode][] = end($views[$mode]['boxes']) - end($views[$mode]['bare']);
    }
}
control($stack, 'object-cache', 'on');
$calls_during_views = sandbox_requests_between($stats_before, sandbox($stack, 'GET', '/__sandbox/stats'));

// --- figures ----------------------------------------------------------------------------------
$minimum = max(array_map(static fn (int $n): int => (int) ceil($n / 10), $per)); // s at 1 request/s
$two = $results['two'];
$one = $results['one'];
$wall_two = median(array_column($two, 'wall'));
$wall_one = median(array_column($one, 'wall'));
$sum_calls = static fn (array $r): int => array_sum($r['calls']);
$calls_two = $sum_calls($two[0]);
$calls_one = $sum_calls($one[0]);
$expected_calls = array_sum(array_map(static fn (int $n): int => (int) ceil($n / 10), $per));
$same_calls = true;
$twice = 0;
$throttled = 0;
$all_fetched = true;
foreach (array_merge($two, $one) as $r) {
    $same_calls = $same_calls && $sum_calls($r) === $expected_calls;
    $twice += $r['twice'];
    $throttled += $r['throttled'];
    $all_fetched = $all_fetched && $r['fetched'] === PRODUCTS && $r['updated'] === PRODUCTS;
}
$ms = static fn (array $v): float => median($v) * 1000;
$rows = [
    row('two nodes: GetItems calls', (float) $calls_two, 'calls', implode(', ', array_map(static fn ($c, $n) => "$c $n", array_keys($two[0]['calls']), $two[0]['calls']))),
    row('one node: GetItems calls', (float) $calls_one, 'calls', implode(', ', array_map(static fn ($c, $n) => "$c $n", array_keys($one[0]['calls']), $one[0]['calls']))),
    row('two nodes: wall time of the refresh', $wall_two, 's', sprintf('first call of the first working run to the end of the last; worked on: %s; %d busy runs (the other node\'s cron found the run going on)', implode(', ', $two[0]['working']), $two[0]['busy'])),
    row('one node: wall time of the refresh', $wall_one, 's', sprintf('worked on: %s; %d busy runs', implode(', ', $one[0]['working']), $one[0]['busy'])),
    row('per-credential minimum', (float) $minimum, 's', 'the busiest credential\'s ceil(n/10) calls at 1 request/s'),
    row('two nodes / one node, wall time', $wall_two / $wall_one, 'x', 'the rate per credential bounds both'),
    row('products fetched twice, both rounds', (float) $twice, 'products', 'sandbox get_items_by_asin'),
    row('token requests, two nodes', (float) $two[0]['tokens'], 'requests', 'one per credential'),
    row('429 answers, both rounds', (float) $throttled, 'answers', 'sandbox counter'),
    row('GET post with 50 boxes, object cache', $ms($views['cache']['boxes']), 'ms', "median of $page_rounds views, node 1, boxes kept"),
    row('GET post with 50 boxes, no object cache', $ms($views['none']['boxes']), 'ms', "median of $page_rounds views, interleaved with the above"),
    row('GET same post without boxes, object cache', $ms($views['cache']['bare']), 'ms', 'median'),
    row('GET same post without boxes, no object cache', $ms($views['none']['bare']), 'ms', 'median'),
    row('time 50 boxes add, object cache', $ms($added['cache']), 'ms', "median of $page_rounds per-round differences; informative"),
    row('time 50 boxes add, no object cache', $ms($added['none']), 'ms', "median of $page_rounds per-round differences; informative"),
    row('sandbox requests during the page views', (float) $calls_during_views, 'calls', 'page views never call Amazon'),
];
$ratio = $wall_two / $minimum;
emit([
    'id' => 'nodes',
    'title' => TITLE,
    'measured' => MEASURED,
    'rows' => $rows,
    'targets' => [
        target('GetItems calls, two nodes against one', (float) $calls_two, 'calls', sprintf('the same, = ceil(n/10) per marketplace (%d)', $expected_calls), $same_calls && $all_fetched, sprintf('one node: %d', $calls_one)),
        target('products fetched twice', (float) $twice, 'products', '= 0', $twice === 0 && $throttled === 0, sprintf('%d answers 429', $throttled)),
        target('wall time / per-credential minimum, two nodes', $ratio, 'x', '<= 1.05x', $ratio <= 1.05, sprintf('%.1f s against %d s; one node %.2fx', $wall_two, $minimum, $wall_one / $minimum)),
    ],
    'notes' => [
        'Two web nodes (nginx + a PHP-FPM pool each) serve the same WordPress files with one MariaDB, one Redis and one sandbox; each node\'s cron runner requests its own wp-cron.php every second, both at the same moments, and WordPress\'s own cron lock is off (WP_CRON_LOCK_TIMEOUT 0), as with `wp cron event run --due-now` on each machine. The one-node rounds stop node 2\'s runner.',
        'One refresh run works at a time (SharedLock in the database); the other node\'s runs find it busy and stop at once, so two nodes refresh exactly as fast as one: the rate per credential (RateLimiter) is the bound, and the marketplaces take turns within the one run.',
        'Wall time: from the start of the first run that refreshed products to the end of the last one, as the runs report it (RefreshScheduler::run, asa2/refresh_run); the minimum is the busiest credential\'s calls at the sandbox\'s 1 request/s, the plugin spaces them 5% wider (RateLimiter).',
        sprintf('Rounds: %d of each, two nodes first; medians. Products seeded as rows without data each round, DE 334, US 333, UK 333; tokens and the object cache emptied each round.', $rounds),
        'Pages: GET of each post\'s permalink on node 1 over HTTP (whole page, nginx + PHP-FPM), the object cache switched by removing and restoring wp-content/object-cache.php between interleaved rounds; the first view after each switch is not measured.',
    ],
]);
