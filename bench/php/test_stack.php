<?php
/**
 * Shared helpers of the benchmarks that run against the test stack's WordPress (render_boxes,
 * refresh_products): scripts/bench.sh starts the stack (scripts/lib/stack.sh `stack_start test`)
 * and passes its description (.work/test/stack.json) as the first argument, or, when the stack
 * could not start, no argument and the reason in ASA2_BENCH_STACK_STATUS.
 *
 * Loading WordPress itself has to happen at the top level of the benchmark script (WordPress
 * keeps its state in global variables):
 *
 *   $stack = stack_description($argv);          // null: not measured, see stack_missing()
 *   require root() . '/scripts/wp/bootstrap-cli.php';
 *   asa2_fake_request($stack);
 *   require $stack['wp_dir'] . '/wp-load.php';
 *
 * The sandbox is spoken to with curl directly, never through WordPress's HTTP API, so that
 * counting the plugin's own calls (pre_http_request) sees only the plugin.
 */

declare(strict_types=1);

namespace Asa2Bench;

/** Why the test stack is not there ("not measured: ..."), or null when it is. */
function stack_missing(array $argv): ?string
{
    if (isset($argv[1]) && is_readable($argv[1])) {
        return null;
    }
    $why = getenv('ASA2_BENCH_STACK_STATUS') ?: 'the test stack did not start';
    return "not measured: $why";
}

/** The test stack's description (stack.json) named by the first argument. */
function stack_description(array $argv): array
{
    $stack = json_decode((string) file_get_contents($argv[1]), true, 512, JSON_THROW_ON_ERROR);
    if (($stack['stack'] ?? '') !== 'test') {
        fail("{$argv[1]} does not describe the test stack");
    }
    if (!extension_loaded('asa2')) {
        fail("the asa2 extension is not loaded: run with -d extension={$stack['extension']}");
    }
    return $stack;
}

/**
 * One request to the stack's sandbox (curl, outside WordPress), decoded from JSON.
 *
 * @param array<string, mixed>|null $json Body to send as JSON.
 */
function sandbox(array $stack, string $method, string $path, ?array $json = null): array
{
    $url = rtrim((string) $stack['sandbox_url'], '/') . $path;
    $curl = curl_init($url);
    curl_setopt_array($curl, [
        CURLOPT_CUSTOMREQUEST => $method,
        CURLOPT_RETURNTRANSFER => true,
        CURLOPT_TIMEOUT => 10,
        CURLOPT_HTTPHEADER => ['Content-Type: application/json'],
    ]);
    if ($json !== null) {
        curl_setopt($curl, CURLOPT_POSTFIELDS, json_encode($json, JSON_THROW_ON_ERROR));
    }
    $body = curl_exec($curl);
    $status = curl_getinfo($curl, CURLINFO_RESPONSE_CODE);
    curl_close($curl);
    if (!is_string($body) || $status !== 200) {
        fail("the sandbox did not answer $method $url (HTTP $status)");
    }
    return json_decode($body, true, 512, JSON_THROW_ON_ERROR);
}

/**
 * A GET of the stack's WordPress (with extra request headers, "Name: value"): status, body and
 * wall time in seconds.
 *
 * @return array{status: int, body: string, seconds: float}
 */
function http_get(string $url, array $headers = []): array
{
    $curl = curl_init($url);
    curl_setopt_array($curl, [CURLOPT_RETURNTRANSFER => true, CURLOPT_TIMEOUT => 30, CURLOPT_HTTPHEADER => $headers]);
    $start = hrtime(true);
    $body = curl_exec($curl);
    $seconds = (hrtime(true) - $start) / 1e9;
    $status = curl_getinfo($curl, CURLINFO_RESPONSE_CODE);
    curl_close($curl);
    return ['status' => (int) $status, 'body' => is_string($body) ? $body : '', 'seconds' => $seconds];
}

/**
 * Remote calls the sandbox received between two stats readings: every request except the
 * second reading itself (each reading counts itself before answering).
 */
function sandbox_requests_between(array $before, array $after): int
{
    return (int) $after['requests'] - (int) $before['requests'] - 1;
}

/**
 * The Creators API credentials of the sandbox's demo configuration (crates/sandbox/demo.json)
 * as ASA2 -> Setup takes them, by marketplace: version 2.x is Cognito, 3.x LWA.
 *
 * @return array<string, array<string, mixed>>
 */
function demo_creators_inputs(): array
{
    $config = read_json('crates/sandbox/demo.json');
    $out = [];
    foreach ($config['credentials'] ?? [] as $c) {
        foreach ($c['marketplaces'] as $i => $code) {
            $out[$code] = [
                'marketplace' => $code,
                'kind' => str_starts_with((string) $c['version'], '3.') ? 'lwa' : 'cognito',
                'credential_id' => $c['id'],
                'credential_secret' => $c['secret'],
                'partner_tag' => $c['partner_tags'][$i] ?? $c['partner_tags'][0],
                'enabled' => true,
                'default' => false,
            ];
        }
    }
    return $out;
}

/**
 * Stores Creators API marketplaces as ASA2 -> Setup does (validated by the extension, secret
 * sealed); the first one is the default marketplace.
 *
 * @param list<array<string, mixed>> $inputs
 */
function configure_creators(array $inputs): void
{
    $plugin = \Asa2\Creators\Plugin::instance();
    $records = [];
    foreach (array_values($inputs) as $i => $input) {
        $input['default'] = $i === 0;
        $config = \Asa2\MarketplaceConfig::validate($input)['config'];
        $code = $config['marketplace'];
        $config['credential_secret'] = $plugin->secrets()->seal(
            $config['credential_secret'],
            $code,
            \Asa2\Creators\Storage\MarketplaceRepository::SECRET_FIELD,
        );
        $records[$code] = $config + ['updated_at' => time()];
    }
    $plugin->marketplaces()->replace_all($records);
}

/**
 * $n distinct ASINs for a marketplace, the same in every run: "B0" and 8 capitals or digits
 * without N (so never the sandbox's fault prefixes B0NA / B0NF).
 *
 * @return list<string>
 */
function bench_asins(string $marketplace, int $n): array
{
    $alphabet = 'ABCDEFGHIJKLMOPQRSTUVWXYZ0123456789';
    $out = [];
    for ($i = 0; count($out) < $n; $i++) {
        $hash = hash('sha256', "asa2-bench-$marketplace-$i", true);
        $asin = 'B0';
        for ($k = 0; $k < 8; $k++) {
            $asin .= $alphabet[ord($hash[$k]) % strlen($alphabet)];
        }
        $out[$asin] = $asin;
    }
    return array_values($out);
}

/**
 * Two published posts with the same paragraphs, one with an [asa2] shortcode after each:
 * ['boxes' => id, 'bare' => id].
 *
 * @param list<string> $paragraphs
 * @param list<string> $asins one per paragraph
 * @return array{boxes: int, bare: int}
 */
function box_posts(array $paragraphs, array $asins): array
{
    $with = '';
    $without = '';
    foreach ($paragraphs as $i => $paragraph) {
        $with .= "$paragraph\n\n" . sprintf('[asa2 asin="%s"]', $asins[$i]) . "\n\n";
        $without .= "$paragraph\n\n";
    }
    $post_ids = [];
    foreach (['boxes' => $with, 'bare' => $without] as $name => $content) {
        $id = wp_insert_post(['post_title' => "Benchmark: $name", 'post_content' => $content, 'post_status' => 'publish'], true);
        if (is_wp_error($id)) {
            fail('creating a post: ' . $id->get_error_message());
        }
        $post_ids[$name] = (int) $id;
    }
    return $post_ids;
}

/** Renders a post's content as a theme does (the_content filters, the post set up). */
function render_post(int $id): string
{
    $post = get_post($id);
    $GLOBALS['post'] = $post;
    setup_postdata($post);
    return (string) apply_filters('the_content', $post->post_content);
}
