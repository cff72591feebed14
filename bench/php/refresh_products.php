<?php
/**
 * Benchmark 5: refreshing 1,000 products across three Creators API marketplaces against the
 * sandbox at its default 1 request/s per credential, through the plugin's background refresh
 * (RefreshScheduler::run, which hands the due products to ProductService::refresh).
 *
 *   php -d extension=target/release/libasa2.so bench/php/refresh_products.php .work/test/stack.json
 *
 * The figures are counts the sandbox keeps (GET /__sandbox/stats): GetItems calls per
 * marketplace, token requests per credential, 429 answers; and the wall time of the refresh
 * against the least the rate limit allows. Each call's start and end are recorded through
 * WordPress's HTTP API hooks, which shows whether the marketplaces ran one after the other or
 * side by side.
 */

declare(strict_types=1);

namespace Asa2Bench;

require __DIR__ . '/lib.php';
require __DIR__ . '/test_stack.php';

const PRODUCTS = 1000;
const MARKETPLACES = ['DE', 'US', 'UK'];
const TITLE = '5. Refreshing 1,000 products across 3 marketplaces';
const MEASURED = 'One background refresh of 1,000 stored products (DE, US and UK, each with its own '
    . 'Creators API credential) against the sandbox at 1 request/s per credential.';

$missing = stack_missing($argv);
if ($missing !== null) {
    emit([
        'id' => 'refresh_products',
        'title' => TITLE,
        'measured' => MEASURED,
        'targets' => [
            target('GetItems calls', null, 'calls', '= ceil(n/10) per marketplace', null, $missing),
            target('token requests', null, 'requests', '= 1 per credential', null, $missing),
            target('429 answers', null, 'answers', '= 0', null, $missing),
            target('wall time / rate-limit minimum', null, 'x', '<= 1.10x', null, $missing),
        ],
    ]);
    exit(0);
}

// WordPress, loaded at the top level: it keeps its state in globals.
$stack = stack_description($argv);
require root() . '/scripts/wp/bootstrap-cli.php';
\asa2_fake_request($stack);
require $stack['wp_dir'] . '/wp-load.php';

$plugin = \Asa2\Creators\Plugin::instance();
(new \Asa2\Creators\Hooks($plugin))->activate();

// --- the sandbox at its default rate --------------------------------------------------------
$notes = [];
$sandbox_rps = (float) (sandbox($stack, 'GET', '/__sandbox/config')['settings']['rps'] ?? -1);
if ($sandbox_rps !== 1.0) {
    sandbox($stack, 'POST', '/__sandbox/config', ['rps' => 1]);
    $notes[] = "The sandbox ran at rps=$sandbox_rps; set to 1 for this benchmark.";
}
$plugin_rps = (float) $plugin->product_settings()->get()['requests_per_second'];

// --- three marketplaces, 1,000 products -----------------------------------------------------
$demo = demo_creators_inputs();
$inputs = [];
foreach (MARKETPLACES as $code) {
    $inputs[] = $demo[$code] ?? fail("crates/sandbox/demo.json has no Creators credential for $code");
}
configure_creators($inputs);
$credential_of = [];
$kind_of = [];
foreach ($inputs as $input) {
    $credential_of[$input['marketplace']] = $input['credential_id'];
    $kind_of[$input['marketplace']] = $input['kind'] === 'lwa' ? 'LWA' : 'Cognito';
}

$per = [];
$left = PRODUCTS;
foreach (MARKETPLACES as $i => $code) {
    $per[$code] = intdiv($left, count(MARKETPLACES) - $i) + ($left % (count(MARKETPLACES) - $i) ? 1 : 0);
    $left -= $per[$code];
}
// Seeded as the ASA2 -> Products "add" and the shortcodes leave them: rows without data yet,
// stored marketplace after marketplace in turn (the refresh picks them oldest first).
$seeded = 0;
$lists = [];
foreach ($per as $code => $n) {
    $lists[$code] = bench_asins($code, $n);
}
for ($i = 0; $i < max($per); $i++) {
    foreach ($lists as $code => $list) {
        if (isset($list[$i]) && $plugin->products()->ensure($list[$i], $code, time())) {
            $seeded++;
        }
    }
}
if ($seeded !== PRODUCTS || $plugin->products()->count() !== PRODUCTS) {
    fail(sprintf('seeding: %d new rows, %d in the table, expected %d', $seeded, $plugin->products()->count(), PRODUCTS));
}

// --- one refresh, its calls recorded --------------------------------------------------------
$calls = [];
$pending = [];
add_filter('pre_http_request', static function ($pre, $args, $url) use (&$pending) {
    $pending[] = ['url' => (string) $url, 'body' => (string) ($args['body'] ?? ''), 'start' => hrtime(true)];
    return $pre;
}, 0, 3);
add_action('http_api_debug', static function ($response) use (&$pending, &$calls) {
    $call = array_pop($pending);
    if ($call !== null) {
        $call['end'] = hrtime(true);
        $call['status'] = is_wp_error($response) ? 0 : (int) wp_remote_retrieve_response_code($response);
        $calls[] = $call;
    }
}, 10, 1);

sandbox($stack, 'POST', '/__sandbox/reset', ['tokens' => true]);
$started = hrtime(true);
$result = $plugin->refresh_scheduler()->run(PRODUCTS);
$wall = (hrtime(true) - $started) / 1e9;
$stats = sandbox($stack, 'GET', '/__sandbox/stats');

// --- figures ----------------------------------------------------------------------------------
$api_calls = $stats['api_calls_by_marketplace'] ?? [];
$tokens = $stats['token_requests'] ?? [];
$throttled = (int) ($stats['throttled'] ?? 0);

// Which marketplace each recorded API call was for: its credential's window of time.
$windows = [];
foreach ($calls as $call) {
    $body = json_decode($call['body'], true);
    $code = null;
    foreach ($lists as $mp => $list) {
        foreach ((array) ($body['itemIds'] ?? $body['ItemIds'] ?? []) as $asin) {
            if (in_array($asin, $list, true)) {
                $code = $mp;
                break 2;
            }
        }
    }
    if ($code === null) {
        continue; // token requests
    }
    $windows[$code]['start'] = min($windows[$code]['start'] ?? PHP_INT_MAX, $call['start']);
    $windows[$code]['end'] = max($windows[$code]['end'] ?? 0, $call['end']);
    $windows[$code]['calls'] = ($windows[$code]['calls'] ?? 0) + 1;
}
$overlap = false;
$codes = array_keys($windows);
foreach ($codes as $a) {
    foreach ($codes as $b) {
        if ($a < $b && $windows[$a]['start'] < $windows[$b]['end'] && $windows[$b]['start'] < $windows[$a]['end']) {
            $overlap = true;
        }
    }
}
$sequential = count($windows) === count(MARKETPLACES) && !$overlap;

$rows = [];
$calls_ok = true;
$tokens_ok = true;
$total_calls = 0;
$expected_total = 0;
$minimum_sum = 0;
$minimum_parallel = 0;
foreach ($per as $code => $n) {
    $expected = (int) ceil($n / 10);
    $got = (int) ($api_calls[$code] ?? 0);
    $cred = $credential_of[$code];
    $token_count = (int) ($tokens[$cred] ?? 0);
    $calls_ok = $calls_ok && $got === $expected;
    $tokens_ok = $tokens_ok && $token_count === 1;
    $total_calls += $got;
    $expected_total += $expected;
    // At the sandbox's 1 request/s, ceil(n/10) calls take ceil(n/10) seconds of the credential.
    $minimum = (float) $expected;
    $minimum_sum += $minimum;
    $minimum_parallel = max($minimum_parallel, $minimum);
    $window = isset($windows[$code]) ? ($windows[$code]['end'] - $windows[$code]['start']) / 1e9 : null;
    $rows[] = row(
        "$code ($kind_of[$code]): GetItems calls",
        (float) $got,
        'calls',
        sprintf('%d products, ceil(n/10) = %d; %d token request(s)%s', $n, $expected, $token_count, $window === null ? '' : sprintf('; first to last call %.1f s', $window)),
    );
}
$total_tokens = array_sum(array_map('intval', $tokens));
$minimum = $sequential ? $minimum_sum : $minimum_parallel;
$ratio = $wall / $minimum;
$failed = count($result['failed']);

$rows[] = row('products refreshed', (float) $result['updated'], 'products', sprintf('%d failed, %d due', $failed, $result['due']));
$rows[] = row('429 answers', (float) $throttled, 'answers', 'sandbox counter');
$rows[] = row('wall time of the refresh', $wall, 's', $sequential ? 'marketplaces one after the other' : 'marketplaces side by side');
$rows[] = row('minimum, credentials one after the other', $minimum_sum, 's', 'sum of ceil(n/10) s per credential');
$rows[] = row('minimum, credentials in parallel', $minimum_parallel, 's', 'the largest ceil(n/10) s of one credential');
$rows[] = row('wall time / minimum in parallel', $wall / $minimum_parallel, 'x', 'what running the credentials side by side would save');

$order = $sequential
    ? 'The plugin refreshes the marketplaces one after the other (measured: no two marketplaces\' call windows overlap; ProductService::refresh walks the marketplaces in one loop in one PHP process), so the minimum is the sum over credentials.'
    : 'The marketplaces\' calls overlapped in time, so the minimum is the slowest credential alone.';
$notes = array_merge($notes, [
    $order,
    'The wall-time tolerance of 1.10x leaves room for the plugin\'s 5% spacing margin (RateLimiter) and the time of the calls themselves; the ratio to the parallel minimum is informative.',
    sprintf(
        'Sandbox at 1 request/s per credential (its default); the plugin\'s own spacing (ASA2 -> Options -> Products) at %s request/s, with RateLimiter\'s 5%% margin: one call per %.2f s per credential.',
        rtrim(rtrim(sprintf('%.2f', $plugin_rps), '0'), '.'),
        1.05 / $plugin_rps,
    ),
    sprintf(
        'Path: RefreshScheduler::run(%d) (the cron callback, here with a limit of 1,000; a cron run takes as many due products as fit in its time budget, %d s in this process) -> ProductService::refresh -> GetItems 10 ASINs per call. Products seeded as rows without data, %s.',
        PRODUCTS,
        (int) \Asa2\Creators\Cron\RefreshBudget::available(true),
        implode(', ', array_map(static fn ($c, $n) => "$c $n", array_keys($per), $per)),
    ),
    sprintf('Credentials from crates/sandbox/demo.json: %s.', implode(', ', array_map(static fn ($c) => "$c {$kind_of[$c]}", MARKETPLACES))),
]);
if ($failed > 0) {
    $notes[] = 'Failures: ' . implode('; ', array_slice(array_unique(array_values($result['failed'])), 0, 3));
}
if ($stats['errors'] ?? []) {
    $notes[] = 'Sandbox error answers: ' . json_encode($stats['errors']);
}

emit([
    'id' => 'refresh_products',
    'title' => TITLE,
    'measured' => MEASURED,
    'rows' => $rows,
    'targets' => [
        target('GetItems calls', (float) $total_calls, 'calls', sprintf('= ceil(n/10) per marketplace (%d)', $expected_total), $calls_ok, 'sandbox counter per marketplace'),
        target('token requests', (float) $total_tokens, 'requests', sprintf('= 1 per credential (%d)', count(MARKETPLACES)), $tokens_ok && $total_tokens === count(MARKETPLACES), 'sandbox counter per credential'),
        target('429 answers', (float) $throttled, 'answers', '= 0', $throttled === 0),
        target(
            'wall time / rate-limit minimum',
            $ratio,
            'x',
            '<= 1.10x',
            $ratio <= 1.10,
            sprintf('%.1f s against %d s, credentials %s', $wall, (int) $minimum, $sequential ? 'one after the other' : 'in parallel'),
        ),
    ],
    'notes' => $notes,
]);
