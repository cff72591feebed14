<?php
/**
 * Benchmark 2: normalizing a 10-item Creators API GetItems answer into the product model:
 * Asa2\CreatorsApi::parse() against json_decode + PHP array mapping (UserlandNormalizer.php)
 * and against json_decode alone (PHP's own parse of the whole answer into arrays, no mapping),
 * side by side in this process. The answer is the first 10-item GetItems answer among the
 * core's fixtures (crates/core/tests/fixtures/creators/<case>/response.json), else
 * bench/fixtures/creators-getitems-10.json.
 */

declare(strict_types=1);

namespace Asa2Bench;

require __DIR__ . '/lib.php';
require __DIR__ . '/UserlandNormalizer.php';

const NOW = 1_768_470_000;
const MARKETPLACE = 'DE';
const VERSION = '2.2';

/** The answer to normalize: [relative path, body]. */
function pick_fixture(): array
{
    $candidates = glob(root() . '/crates/core/tests/fixtures/creators/*/response.json') ?: [];
    sort($candidates);
    foreach ($candidates as $path) {
        $doc = json_decode((string) file_get_contents($path), true);
        if (is_array($doc) && count((array) ($doc['itemsResult']['items'] ?? [])) === 10) {
            return [substr($path, strlen(root()) + 1), (string) file_get_contents($path)];
        }
    }
    $rel = 'bench/fixtures/creators-getitems-10.json';
    return [$rel, (string) file_get_contents(root() . '/' . $rel)];
}

/** First path where two decoded values differ, or null. */
function first_difference(mixed $a, mixed $b, string $path = ''): ?string
{
    if (is_array($a) && is_array($b)) {
        foreach (array_unique(array_merge(array_keys($a), array_keys($b))) as $k) {
            if (!array_key_exists($k, $a) || !array_key_exists($k, $b)) {
                return "$path.$k (present on one side only)";
            }
            $d = first_difference($a[$k], $b[$k], "$path.$k");
            if ($d !== null) {
                return $d;
            }
        }
        return null;
    }
    return $a === $b ? null : sprintf('%s (%s vs %s)', $path, json_encode($a), json_encode($b));
}

[$fixture, $body] = pick_fixture();
$notes = ["Answer: $fixture (" . strlen($body) . ' bytes, 10 items).'];

$baseline = UserlandNormalizer::getItems($body, MARKETPLACE, VERSION, NOW);
if (count($baseline['items']) !== 10) {
    fail('the PHP mapper did not read 10 items from ' . $fixture);
}
$contenders = [
    'userland' => static fn () => UserlandNormalizer::getItems($body, MARKETPLACE, VERSION, NOW),
    'decode' => static fn () => json_decode($body, true, 512, JSON_THROW_ON_ERROR),
];

$extMissing = missing('Asa2\\CreatorsApi');
if ($extMissing === null) {
    // A configuration as the plugin stores it: what MarketplaceConfig::validate() returns.
    $config = \Asa2\MarketplaceConfig::validate([
        'marketplace' => MARKETPLACE,
        'kind' => 'cognito',
        'credential_id' => '4j5k6l7m8n9o0p1q2r3s4t5u6v',
        'credential_secret' => '1a2b3c4d5e6f7g8h9i0j1a2b3c4d5e6f7g8h9i0j1a2b3c',
        'partner_tag' => 'mysite-21',
        'enabled' => true,
        'default' => true,
    ])['config'];
    if ($config['api_version'] !== VERSION) {
        fail("expected API version " . VERSION . " for a Cognito credential in " . MARKETPLACE . ", got {$config['api_version']}");
    }
    $headers = ['content-type' => 'application/json'];
    $ext = \Asa2\CreatorsApi::parse('GetItems', $config, 200, $headers, $body, NOW);
    if (count($ext['items'] ?? []) !== 10) {
        fail('Asa2\\CreatorsApi::parse did not return 10 items');
    }
    // Compare the two results as the plugin stores them (JSON).
    $canon = static fn (array $r) => json_decode(json_encode(['items' => $r['items'], 'errors' => $r['errors']]), true);
    $diff = first_difference($canon($ext), $canon($baseline));
    $notes[] = $diff === null
        ? 'Checked before timing: the extension and the PHP mapper return identical items and errors.'
        : "The extension and the PHP mapper differ, first at $diff; the figures compare the same work on the same fields.";
    $contenders['extension'] = static fn () => \Asa2\CreatorsApi::parse('GetItems', $config, 200, $headers, $body, NOW);
}

$rates = compare($contenders);
$rows = [
    row('json_decode + PHP mapping', $rates['userland']['median'], 'answers/s'),
    row(
        'PHP extension Asa2\\CreatorsApi::parse',
        $extMissing ? null : $rates['extension']['median'],
        'answers/s',
        $extMissing ?? sprintf(
            '%.2fx PHP mapping, %.2fx json_decode alone',
            ratio($rates['extension'], $rates['userland']),
            ratio($rates['extension'], $rates['decode']),
        ),
    ),
    row(
        'json_decode alone',
        $rates['decode']['median'],
        'answers/s',
        sprintf('%.2fx json_decode + PHP mapping: the floor of the PHP side', ratio($rates['decode'], $rates['userland'])),
    ),
];

// Where the extension's time goes: the core's steps in Rust, from criterion in this run.
$criterion = getenv('CRITERION_DIR') ?: '';
$steps = [
    'asa2_core_normalize' => ['Rust asa2-core normalize_creators', 'the core\'s part of the extension call'],
    'page_to_json' => ['Rust page to JSON text', 'what a JSON hand-off to PHP would add (the extension builds PHP arrays directly)'],
    'serde_json_value_parse' => ['Rust serde_json::Value parse', 'one pass over the same body, for reference'],
];
foreach ($steps as $id => [$label, $what]) {
    $path = "$criterion/normalize_creators_getitems10/$id/new/estimates.json";
    if ($criterion === '' || !is_file($path)) {
        $rows[] = row($label, null, 'answers/s', 'not measured: no criterion estimate (cargo bench failed or was skipped)');
        continue;
    }
    $ns = json_decode((string) file_get_contents($path), true)['mean']['point_estimate'];
    $rows[] = row($label, 1e9 / $ns, 'answers/s', sprintf('%.0f us per answer: %s (criterion, same run)', $ns / 1000, $what));
}
$targets = [];
if ($extMissing !== null) {
    $targets[] = target('extension vs json_decode + PHP mapping', null, 'x', '> 1x', null, $extMissing);
    $targets[] = target('extension vs json_decode alone', null, 'x', '>= 1.0x', null, $extMissing);
} else {
    $r = ratio($rates['extension'], $rates['userland']);
    $targets[] = target('extension vs json_decode + PHP mapping', $r, 'x', '> 1x', $r > 1.0, 'median of per-round ratios, interleaved rounds');
    $r = ratio($rates['extension'], $rates['decode']);
    $targets[] = target(
        'extension vs json_decode alone',
        $r,
        'x',
        '>= 1.0x',
        $r >= 1.0,
        'median of per-round ratios, interleaved rounds: parsing and mapping in the extension against PHP\'s parse alone',
    );
}

emit([
    'id' => 'normalize',
    'title' => '2. Normalizing a 10-item GetItems answer',
    'measured' => 'Answer body (string) to the product model (PHP arrays): JSON parsing plus field mapping.',
    'rows' => $rows,
    'targets' => $targets,
    'notes' => $notes,
]);
