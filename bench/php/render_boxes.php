<?php
/**
 * Benchmark 4: a page with 50 product boxes, rendered from stored data by the real plugin in the
 * test stack's WordPress.
 *
 *   php -d extension=target/release/libasa2.so bench/php/render_boxes.php .work/test/stack.json
 *
 * 50 products are stored through the plugin's own refresh against the sandbox (so the rows hold
 * real answers), then two posts are created: one with 50 [asa2 asin=...] shortcodes between
 * paragraphs, and one with the same paragraphs and no shortcodes. In this process,
 * apply_filters('the_content') of both runs in interleaved rounds: the figure is the median of
 * the per-round differences. Remote calls made while rendering are counted by the sandbox (its
 * request counter before and after) and by a pre_http_request filter. The same two posts are
 * then fetched over HTTP from the stack's web server, interleaved, as an informative row.
 */

declare(strict_types=1);

namespace Asa2Bench;

require __DIR__ . '/lib.php';
require __DIR__ . '/test_stack.php';

const BOXES = 50;
const TITLE = '4. A page with 50 product boxes';
const MEASURED = 'Server time the [asa2] shortcodes add to a post over the same post without them, '
    . 'and remote calls made while rendering, in the test stack\'s WordPress with the plugin.';

$missing = stack_missing($argv);
if ($missing !== null) {
    emit([
        'id' => 'render_boxes',
        'title' => TITLE,
        'measured' => MEASURED,
        'targets' => [
            target('time added by 50 boxes (in process)', null, 'ms', '<= 2 ms', null, $missing),
            target('remote calls while rendering', null, 'calls', '= 0', null, $missing),
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
wp_set_current_user(0); // a visitor

// --- 50 products, stored through the plugin's refresh against the sandbox -----------------
$de = demo_creators_inputs()['DE'] ?? fail('crates/sandbox/demo.json has no Creators credential for DE');
configure_creators([$de]);
$asins = bench_asins('DE', BOXES);
$keys = [];
foreach ($asins as $asin) {
    $plugin->products()->ensure($asin, 'DE', time());
    $keys[] = [$asin, 'DE'];
}
$refresh = $plugin->product_service()->refresh($keys);
if ($refresh['updated'] !== BOXES) {
    fail(sprintf('storing the products: %d of %d refreshed; failures: %s', $refresh['updated'], BOXES, json_encode($refresh['failed'])));
}
foreach ($asins as $asin) {
    if (($plugin->products()->find($asin, 'DE')['item'] ?? null) === null) {
        fail("product $asin has no stored data after the refresh");
    }
}

// --- two posts: the same paragraphs, with and without the shortcodes ----------------------
$paragraphs = [];
$boxes = [];
foreach ($asins as $i => $asin) {
    $paragraphs[] = sprintf(
        'Pick %d of our %d: we used it for a month, compared it with its rivals and kept notes on what worked and what did not.',
        $i + 1,
        BOXES,
    );
    $boxes[] = sprintf('[asa2 asin="%s"]', $asin);
}
$post_ids = box_posts($paragraphs, $asins);
$render = __NAMESPACE__ . '\\render_post';

$box_marker = 'class="asa2-product"';
$html = ['boxes' => $render($post_ids['boxes']), 'bare' => $render($post_ids['bare'])];
$plugin->renderer()->keep_boxes(); // as at the end of the request: the boxes are kept from now on
if (substr_count($html['boxes'], $box_marker) !== BOXES || substr_count($html['bare'], $box_marker) !== 0) {
    fail(sprintf('expected %d boxes and 0, rendered %d and %d', BOXES, substr_count($html['boxes'], $box_marker), substr_count($html['bare'], $box_marker)));
}

// --- in process: interleaved rounds -------------------------------------------------------
$http_calls = 0;
add_filter('pre_http_request', static function ($pre) use (&$http_calls) {
    $http_calls++;
    return $pre;
}, 0);

$stats_before = sandbox($stack, 'GET', '/__sandbox/stats');
$rounds = max(5, (int) round(31 * (float) (getenv('BENCH_SCALE') ?: 1)));
$reps = 5;
for ($w = 0; $w < 3; $w++) { // warm up both
    $render($post_ids['boxes']);
    $render($post_ids['bare']);
}
$times = ['boxes' => [], 'bare' => []];
$diffs = [];
for ($r = 0; $r < $rounds; $r++) {
    $order = $r % 2 === 0 ? ['boxes', 'bare'] : ['bare', 'boxes'];
    $round = [];
    foreach ($order as $name) {
        $start = hrtime(true);
        for ($i = 0; $i < $reps; $i++) {
            $render($post_ids[$name]);
        }
        $round[$name] = (hrtime(true) - $start) / 1e6 / $reps; // ms per render
        $times[$name][] = $round[$name];
    }
    $diffs[] = $round['boxes'] - $round['bare'];
}
$added_ms = median($diffs);

// The first view after the products were refreshed (a refresh empties the kept boxes): every
// box is rendered anew from the product data and kept.
$products_table = $plugin->products()->name();
$first_view_diffs = [];
$keep_times = [];
for ($r = 0; $r < $rounds; $r++) {
    $wpdb->query("UPDATE $products_table SET box_cache = NULL");
    $start = hrtime(true);
    $render($post_ids['boxes']);
    $first = (hrtime(true) - $start) / 1e6;
    $start = hrtime(true);
    $render($post_ids['bare']);
    $first_view_diffs[] = $first - (hrtime(true) - $start) / 1e6;
    $start = hrtime(true);
    $plugin->renderer()->keep_boxes(); // at shutdown, after the response
    $keep_times[] = (hrtime(true) - $start) / 1e6;
}

// Where a box's time goes: the renderer's steps for the 50 boxes, timed in rounds, and the
// database queries of one render of each post.
$template = $plugin->templates()->resolve('');
$stored = [];
foreach ($asins as $asin) {
    $stored[] = (string) wp_json_encode($plugin->products()->find($asin, 'DE')['item']);
}
$shortcodes = implode("\n", $boxes);
$box_rows = $plugin->products()->box_rows(array_map(static fn ($asin) => [$asin, 'DE'], $asins));
$row_ids = array_column($box_rows, 'id');
$kept = array_column($box_rows, 'box_cache');
$look_key = $plugin->box_looks()->of('', '', 'DE')['key']; // the look of a box naming only its ASIN
if (count(array_filter($kept, static fn ($encoded) => \Asa2\Creators\Render\BoxCache::find($encoded, $look_key, time()) !== null)) !== BOXES) {
    fail('after the renders above, not every product has its box kept');
}
$steps = [
    'ProductTable::box_rows of one product (a box on its own: one query each)' => static function () use ($plugin, $asins): void {
        foreach ($asins as $asin) {
            $plugin->products()->box_rows([[$asin, 'DE']]);
        }
    },
    'ProductTable::box_rows (a page: one query for all 50, kept boxes included)' => static function () use ($plugin, $asins): void {
        $plugin->products()->box_rows(array_map(static fn ($asin) => [$asin, 'DE'], $asins));
    },
    'ProductTable::stored_json (product data, read only for boxes rendered anew)' => static function () use ($plugin, $row_ids): void {
        $plugin->products()->stored_json($row_ids);
    },
    'BoxCache::find (a kept box)' => static function () use ($kept, $look_key): void {
        foreach ($kept as $encoded) {
            \Asa2\Creators\Render\BoxCache::find($encoded, $look_key, time());
        }
    },
    'Asa2\\Template::renderJsonWithExpiry (extension, from the stored JSON)' => static function () use ($template, $stored): void {
        foreach ($stored as $json) {
            \Asa2\Template::renderJsonWithExpiry($template['source'], $json, time(), null);
        }
    },
    'json_decode + Asa2\\Template::renderWithExpiry (the same from a PHP array)' => static function () use ($template, $stored): void {
        foreach ($stored as $json) {
            \Asa2\Template::renderWithExpiry($template['source'], json_decode($json, true), time(), null);
        }
    },
    'ProductService::identify (ASIN, default marketplace)' => static function () use ($plugin, $asins): void {
        foreach ($asins as $asin) {
            $plugin->product_service()->identify($asin, '');
        }
    },
    'TemplateRepository::resolve' => static function () use ($plugin, $asins): void {
        foreach ($asins as $asin) {
            $plugin->templates()->resolve('');
        }
    },
    'ProductRenderer::render (whole box on its own, e.g. in a widget: one query each)' => static function () use ($plugin, $asins): void {
        foreach ($asins as $asin) {
            $plugin->renderer()->render(['asin' => $asin]);
        }
    },
    'do_shortcode of the 50 shortcodes' => static function () use ($shortcodes): void {
        do_shortcode($shortcodes);
    },
];
$step_times = array_fill_keys(array_keys($steps), []);
for ($r = 0; $r < $rounds; $r++) {
    $names = $r % 2 === 0 ? array_keys($steps) : array_reverse(array_keys($steps));
    foreach ($names as $name) {
        $start = hrtime(true);
        for ($i = 0; $i < $reps; $i++) {
            $steps[$name]();
        }
        $step_times[$name][] = (hrtime(true) - $start) / 1e3 / $reps / BOXES; // us per box
    }
}
global $wpdb;
$queries = [];
foreach ($post_ids as $name => $id) {
    $q = $wpdb->num_queries;
    $render($id);
    $queries[$name] = $wpdb->num_queries - $q;
}
$stats_in_process = sandbox($stack, 'GET', '/__sandbox/stats');
$filter_calls = $http_calls;

// --- over HTTP: the stack's web server, interleaved ---------------------------------------
$urls = ['boxes' => get_permalink($post_ids['boxes']), 'bare' => get_permalink($post_ids['bare'])];
$http_times = ['boxes' => [], 'bare' => []];
$http_diffs = [];
$http_rounds = max(5, (int) round(15 * (float) (getenv('BENCH_SCALE') ?: 1)));
$http_reps = 3;
$checked = false;
$stats_http_before = sandbox($stack, 'GET', '/__sandbox/stats');
for ($r = -1; $r < $http_rounds; $r++) { // round -1 warms up and checks the pages
    $order = $r % 2 === 0 ? ['boxes', 'bare'] : ['bare', 'boxes'];
    $round = [];
    foreach ($order as $name) {
        $total = 0.0;
        for ($i = 0; $i < $http_reps; $i++) {
            $page = http_get($urls[$name]);
            if ($page['status'] !== 200) {
                fail("GET {$urls[$name]} answered {$page['status']}");
            }
            if (!$checked && substr_count($page['body'], $box_marker) !== ($name === 'boxes' ? BOXES : 0)) {
                fail("GET {$urls[$name]} shows " . substr_count($page['body'], $box_marker) . ' boxes');
            }
            $total += $page['seconds'];
        }
        $round[$name] = $total * 1000 / $http_reps;
    }
    $checked = true;
    if ($r < 0) {
        continue;
    }
    foreach ($round as $name => $ms) {
        $http_times[$name][] = $ms;
    }
    $http_diffs[] = $round['boxes'] - $round['bare'];
}
$stats_after = sandbox($stack, 'GET', '/__sandbox/stats');

foreach ($post_ids as $id) {
    wp_delete_post($id, true);
}

$remote_in_process = sandbox_requests_between($stats_before, $stats_in_process);
$remote_http = sandbox_requests_between($stats_http_before, $stats_after);
$remote = max($remote_in_process, $filter_calls) + $remote_http;
$http_added = median($http_diffs);

emit([
    'id' => 'render_boxes',
    'title' => TITLE,
    'measured' => MEASURED,
    'rows' => [
        row('post without shortcodes (the_content)', median($times['bare']), 'ms', 'per render, in process'),
        row('post with 50 boxes (the_content)', median($times['boxes']), 'ms', 'per render, in process'),
        row('time added by 50 boxes', $added_ms, 'ms', "median of $rounds per-round differences"),
        row('time per box', $added_ms * 1000 / BOXES, 'us', 'the added time / 50'),
        row('time added, first view after a refresh', median($first_view_diffs), 'ms', "every box rendered anew; median of $rounds rounds; informative"),
        row('first view: its boxes kept after the response', median($keep_times), 'ms', 'ProductRenderer::keep_boxes(), one UPDATE at shutdown (after fastcgi_finish_request() under PHP-FPM); median; informative'),
        row('database queries per render, with / without boxes', (float) $queries['boxes'], 'queries', sprintf('%d without', $queries['bare'])),
        ...array_map(
            static fn (string $name) => row("per box: $name", median($step_times[$name]), 'us', 'median over rounds, 50 boxes per call'),
            array_keys($steps),
        ),
        row('sandbox requests while rendering in process', (float) $remote_in_process, 'calls', sprintf('%d renders of each post, plus the steps above', $rounds * $reps + 5)),
        row('pre_http_request calls while rendering', (float) $filter_calls, 'calls', 'WordPress HTTP API, second witness'),
        row('GET bare post over HTTP', median($http_times['bare']), 'ms', 'nginx + PHP-FPM, whole page'),
        row('GET post with 50 boxes over HTTP', median($http_times['boxes']), 'ms', 'nginx + PHP-FPM, whole page'),
        row('time added over HTTP', $http_added, 'ms', "median of $http_rounds per-round differences; informative"),
        row('sandbox requests during the HTTP page views', (float) $remote_http, 'calls', sprintf('%d page views', ($http_rounds + 1) * $http_reps * 2)),
    ],
    'targets' => [
        target('time added by 50 boxes (in process)', $added_ms, 'ms', '<= 2 ms', $added_ms <= 2.0, 'median of per-round differences, interleaved rounds'),
        target('remote calls while rendering', (float) $remote, 'calls', '= 0', $remote === 0, 'sandbox counter and pre_http_request filter, in process and over HTTP'),
    ],
    'notes' => [
        sprintf(
            'The products: %d ASINs stored through the plugin\'s refresh (ProductService::refresh, %d GetItems calls) against the sandbox with the demo DE credential; the shortcodes name only the ASIN (DE is the default marketplace).',
            BOXES,
            (int) ceil(BOXES / 10),
        ),
        'Both posts hold the same 50 paragraphs; one has an [asa2] shortcode after each. Rendering is apply_filters(\'the_content\') as a visitor (user 0), after setup_postdata().',
        'A box, once rendered, is kept with its product until the product is refreshed, its template or tracking ID changes, or its price must be hidden; the target row is a page whose boxes were shown before, as visitors see it between refreshes.',
    ],
]);
