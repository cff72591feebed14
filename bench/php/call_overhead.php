<?php
/**
 * Benchmark 3: the cost of crossing into the extension. Asa2\Version::core() (no argument, a
 * short string back) against a PHP userland static method of the same shape, side by side in
 * this process.
 */

declare(strict_types=1);

namespace Asa2Bench;

require __DIR__ . '/lib.php';

/** The userland twin of Asa2\Version. */
final class UserlandVersion
{
    public static function core(): string
    {
        return '0.1.0';
    }
}

$contenders = ['userland' => static fn () => UserlandVersion::core()];
$extMissing = missing('Asa2\\Version');
if ($extMissing === null) {
    if (!is_string(\Asa2\Version::core())) {
        fail('Asa2\\Version::core() did not return a string');
    }
    $contenders['extension'] = static fn () => \Asa2\Version::core();
}

$rates = compare($contenders);
$rows = [
    row('PHP userland static method', $rates['userland']['median'], 'calls/s'),
    row('PHP extension Asa2\\Version::core()', $extMissing ? null : $rates['extension']['median'], 'calls/s', $extMissing ?? ''),
];
$targets = [];
if ($extMissing === null) {
    $r = ratio($rates['extension'], $rates['userland']);
    $rows[] = row('extension / userland', $r, 'x', 'below 1 = the extension call costs more than a PHP call');
}
$notes = ['Both calls go through the same closure, so its cost is in both figures; no target, informative only.'];

emit([
    'id' => 'call_overhead',
    'title' => '3. Extension call overhead',
    'measured' => 'A no-op-sized call: no argument, a short string returned.',
    'rows' => $rows,
    'targets' => $targets,
    'notes' => $notes,
]);
