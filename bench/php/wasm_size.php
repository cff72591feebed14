<?php
/**
 * Benchmark 6: size of the browser wasm module (crates/wasm/pkg/web/asa2_wasm_bg.wasm, built
 * by scripts/build-wasm.sh just before), raw and gzip -9, against the budgets.
 * $WASM_BUILD_STATUS carries the build's failure message, if it failed.
 */

declare(strict_types=1);

namespace Asa2Bench;

require __DIR__ . '/lib.php';

const RAW_BUDGET = 150 * 1024;
const GZIP_BUDGET = 60 * 1024;

$path = root() . '/crates/wasm/pkg/web/asa2_wasm_bg.wasm';
$status = getenv('WASM_BUILD_STATUS') ?: '';
$rows = [];
$targets = [];
if ($status !== '' || !is_file($path)) {
    $why = 'not measured: ' . ($status !== '' ? $status : 'crates/wasm/pkg/web/asa2_wasm_bg.wasm was not built');
    $targets[] = target('raw size', null, 'KiB', '<= 150 KiB', null, $why);
    $targets[] = target('gzip -9 size', null, 'KiB', '<= 60 KiB', null, $why);
} else {
    $bytes = (string) file_get_contents($path);
    $raw = strlen($bytes);
    // As `gzip -9` writes it (what build-wasm.sh prints), zlib's level 9 when gzip is missing.
    $out = shell_exec('gzip -9 -c ' . escapeshellarg($path) . ' 2>/dev/null | wc -c');
    $gz = is_string($out) && (int) trim($out) > 0 ? (int) trim($out) : strlen((string) gzencode($bytes, 9));
    $rows[] = row('raw', $raw, 'bytes', sprintf('%.1f KiB, %.0f%% of budget', $raw / 1024, 100 * $raw / RAW_BUDGET));
    $rows[] = row('gzip -9', $gz, 'bytes', sprintf('%.1f KiB, %.0f%% of budget', $gz / 1024, 100 * $gz / GZIP_BUDGET));
    $targets[] = target('raw size', $raw / 1024, 'KiB', '<= 150 KiB', $raw <= RAW_BUDGET);
    $targets[] = target('gzip -9 size', $gz / 1024, 'KiB', '<= 60 KiB', $gz <= GZIP_BUDGET);
}

emit([
    'id' => 'wasm_size',
    'title' => '6. wasm module size',
    'measured' => 'crates/wasm/pkg/web/asa2_wasm_bg.wasm as scripts/build-wasm.sh leaves it (wasm-opt applied when it keeps the module loadable).',
    'rows' => $rows,
    'targets' => $targets,
    'notes' => [],
]);
