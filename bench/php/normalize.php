<?php
/**
 * Benchmark 2: normalizing a 10-item Creators API GetItems answer into the product model:
 * Asa2\CreatorsApi::parse() against json_decode + PHP array mapping (UserlandNormalizer.php),
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
];

$extMissing = missing('Asa2\\CreatorsApi');
if ($extMissing === null) {
    $config = [
        'marketplace' => MARKETPLACE,
        'kind' => 'cognito',
        'api_version' => VERSION,
        'credential_id' => 'benchcredentialid0000000000',
        'credential_secret' => 'benchcredentialsecret0000000000000000000000000',
        'partner_tag' => 'mysite-21',
        'enabled' => true,
        'default' => true,
    ];
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
        $extMissing ?? sprintf('%.2fx PHP mapping', ratio($rates['extension'], $rates['userland'])),
    ),
];
$targets = [];
if ($extMissing !== null) {
    $targets[] = target('extension vs json_decode + PHP mapping', null, 'x', '> 1x', null, $extMissing);
} else {
    $r = ratio($rates['extension'], $rates['userland']);
    $targets[] = target('extension vs json_decode + PHP mapping', $r, 'x', '> 1x', $r > 1.0, 'median of per-round ratios, interleaved rounds');
}

emit([
    'id' => 'normalize',
    'title' => '2. Normalizing a 10-item GetItems answer',
    'measured' => 'Answer body (string) to the product model (PHP arrays): JSON parsing plus field mapping.',
    'rows' => $rows,
    'targets' => $targets,
    'notes' => $notes,
]);
