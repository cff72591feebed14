<?php
/**
 * Shared helpers of the PHP benchmarks (bench/php/*.php, run by scripts/bench.sh).
 *
 * The machine the benchmarks run on is shared and noisy, so nothing here trusts one long
 * measurement: the contenders of a comparison run in interleaved rounds (A, B, A, B, ...),
 * each round giving every contender the same time slice, and every figure reported is the
 * median over rounds. A ratio is the median of the per-round ratios, so a slow moment hurts
 * both sides of it alike.
 *
 * Each benchmark script prints one JSON "section" on stdout:
 *   {id, title, measured, rows: [{name, value, unit, note?}], targets: [{name, value, unit,
 *    goal, pass: true|false|null, detail}], notes: [string]}
 * bench/report.php turns the sections into the table and bench/results.md.
 */

declare(strict_types=1);

namespace Asa2Bench;

/** Repository root. */
function root(): string
{
    return dirname(__DIR__, 2);
}

/** Reads and decodes a JSON file of the repository, failing loudly. */
function read_json(string $relative): array
{
    $path = root() . '/' . $relative;
    $text = @file_get_contents($path);
    if ($text === false) {
        fail("cannot read $path");
    }
    return json_decode($text, true, 512, JSON_THROW_ON_ERROR);
}

/** Stops the benchmark with a message on stderr. */
function fail(string $message): never
{
    fwrite(STDERR, "bench: $message\n");
    exit(1);
}

/** Seconds each contender runs per round; BENCH_SCALE (default 1) scales it. */
function slice(float $seconds): float
{
    $scale = (float) (getenv('BENCH_SCALE') ?: 1);
    return max(0.01, $seconds * $scale);
}

/**
 * Calls per second of each contender, measured in interleaved rounds.
 *
 * @param array<string, callable(): mixed> $contenders name => closure doing ONE call
 * @return array<string, array{median: float, min: float, max: float, rounds: list<float>}>
 */
function compare(array $contenders, int $rounds = 7, float $seconds = 0.25): array
{
    $batch = [];
    foreach ($contenders as $name => $fn) {
        // Warm up, then pick a batch size that takes about 10 ms.
        $n = 1;
        while (true) {
            $t = hrtime(true);
            for ($i = 0; $i < $n; $i++) {
                $fn();
            }
            $elapsed = hrtime(true) - $t;
            if ($elapsed > 10_000_000 || $n >= 1 << 24) {
                break;
            }
            $n *= 2;
        }
        $batch[$name] = $n;
    }
    $rates = array_fill_keys(array_keys($contenders), []);
    $slice = (int) (slice($seconds) * 1e9);
    for ($r = 0; $r < $rounds; $r++) {
        // Alternate the order so that neither contender always runs first.
        $names = array_keys($contenders);
        if ($r % 2 === 1) {
            $names = array_reverse($names);
        }
        foreach ($names as $name) {
            $fn = $contenders[$name];
            $n = $batch[$name];
            $calls = 0;
            $start = hrtime(true);
            do {
                for ($i = 0; $i < $n; $i++) {
                    $fn();
                }
                $calls += $n;
                $elapsed = hrtime(true) - $start;
            } while ($elapsed < $slice);
            $rates[$name][] = $calls / ($elapsed / 1e9);
        }
    }
    $out = [];
    foreach ($rates as $name => $list) {
        $out[$name] = [
            'median' => median($list),
            'min' => min($list),
            'max' => max($list),
            'rounds' => $list,
        ];
    }
    return $out;
}

/** Median of the per-round ratios a / b. */
function ratio(array $a, array $b): float
{
    $ratios = [];
    foreach ($a['rounds'] as $i => $rate) {
        $ratios[] = $rate / $b['rounds'][$i];
    }
    return median($ratios);
}

/** Median of a non-empty list of numbers. */
function median(array $values): float
{
    sort($values);
    $n = count($values);
    $mid = intdiv($n, 2);
    return $n % 2 ? (float) $values[$mid] : ($values[$mid - 1] + $values[$mid]) / 2;
}

/** A row of a section's table. */
function row(string $name, ?float $value, string $unit, string $note = ''): array
{
    return ['name' => $name, 'value' => $value, 'unit' => $unit, 'note' => $note];
}

/**
 * A target of a section. `$pass` null means "not measured".
 */
function target(string $name, ?float $value, string $unit, string $goal, ?bool $pass, string $detail = ''): array
{
    return ['name' => $name, 'value' => $value, 'unit' => $unit, 'goal' => $goal, 'pass' => $pass, 'detail' => $detail];
}

/** Whether the asa2 extension is loaded and has $class; else why not. */
function missing(string $class): ?string
{
    if (!extension_loaded('asa2')) {
        $why = getenv('ASA2_BENCH_EXT_STATUS') ?: 'the asa2 extension is not loaded';
        return "not measured: $why";
    }
    if (!class_exists($class)) {
        return "not measured: $class is not available in this build of the extension";
    }
    return null;
}

/** Prints a section as JSON. */
function emit(array $section): void
{
    $section += ['rows' => [], 'targets' => [], 'notes' => []];
    echo json_encode($section, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_THROW_ON_ERROR), "\n";
}
