<?php
/**
 * Benchmark 1: SigV4 signing of a PA-API 5.0 GetItems request (bench/fixtures/
 * paapi-getitems-request.json): the extension's Asa2\SigV4::sign() against a PHP userland
 * signer (UserlandSigV4.php), both timed side by side in this process. The Rust figures
 * (asa2-core and aws-sigv4, criterion) come from `cargo bench` in the same run; their
 * estimates are read from $CRITERION_DIR.
 *
 * Every signer must produce the fixture's expected signature before it is timed.
 */

declare(strict_types=1);

namespace Asa2Bench;

require __DIR__ . '/lib.php';
require __DIR__ . '/UserlandSigV4.php';

const TARGET_RATIO = 20.0;

$f = read_json('bench/fixtures/paapi-getitems-request.json');
$notes = [];

// 1. The userland signer is correct: PA-API's published example, then the fixture.
$vector = new UserlandSigV4('accessKey', 'secretKey', 'eu-west-1', 'ProductAdvertisingAPI');
$got = $vector->sign('POST', 'https://webservices.amazon.it/paapi5/getbrowsenodes', [
    'content-encoding' => 'amz-1.0',
    'content-type' => 'application/json; charset=utf-8',
    'host' => 'webservices.amazon.it',
    'x-amz-date' => '20201231T144841Z',
    'x-amz-target' => 'com.amazon.paapi5.v1.ProductAdvertisingAPIv1.GetBrowseNodes',
], '{}', '20201231T144841Z');
// Signature of a PA-API 5.0 GetBrowseNodes example (paapi5-typescript-sdk, MIT).
if ($got['signature'] !== 'ba741bfb87f9bf3b9b343d72e4f76dc9f169f2e86a047423d783a2169f03c595') {
    fail('the userland signer does not reproduce the PA-API 5.0 example signature');
}
$userland = new UserlandSigV4($f['access_key'], $f['secret_key'], $f['region'], $f['service']);
$mine = $userland->sign($f['method'], $f['url'], $f['headers'], $f['body'], $f['amz_date']);
if ($mine['signature'] !== $f['expected_signature']) {
    fail("the userland signer got {$mine['signature']}, expected {$f['expected_signature']}");
}
$notes[] = 'Userland signer checked before timing: it reproduces a published PA-API 5.0 signature and the fixture\'s independently computed one.';

$contenders = [
    'userland' => static fn () => $userland->sign($f['method'], $f['url'], $f['headers'], $f['body'], $f['amz_date']),
];

// 2. The extension, when it has Asa2\SigV4.
$extMissing = missing('Asa2\\SigV4');
if ($extMissing === null) {
    $request = ['method' => $f['method'], 'url' => $f['url'], 'headers' => $f['headers'], 'body' => $f['body']];
    $ext = \Asa2\SigV4::sign($request, $f['access_key'], $f['secret_key'], $f['region'], $f['service'], $f['amz_date']);
    if ($ext['signature'] !== $f['expected_signature']) {
        fail("Asa2\\SigV4::sign got {$ext['signature']}, expected {$f['expected_signature']}");
    }
    if ($ext['canonical_request'] !== $mine['canonical_request']) {
        fail('Asa2\\SigV4::sign and the userland signer built different canonical requests');
    }
    $notes[] = 'Asa2\\SigV4::sign checked before timing: same canonical request and signature as the userland signer and the fixture.';
    $contenders['extension'] = static fn () => \Asa2\SigV4::sign(
        $request,
        $f['access_key'],
        $f['secret_key'],
        $f['region'],
        $f['service'],
        $f['amz_date'],
    );
}

$rates = compare($contenders);
$u = $rates['userland']['median'];
$rows = [
    row('PHP userland signer (hash_hmac)', $u, 'calls/s'),
    row(
        'PHP extension Asa2\\SigV4::sign',
        $extMissing ? null : $rates['extension']['median'],
        'calls/s',
        $extMissing ?? sprintf('%.1fx userland', ratio($rates['extension'], $rates['userland'])),
    ),
];

// 3. Rust, from criterion's estimates of this run.
$criterion = getenv('CRITERION_DIR') ?: '';
foreach (['asa2_core' => 'Rust asa2-core sign_v4', 'aws_sigv4' => 'Rust aws-sigv4'] as $id => $label) {
    $path = "$criterion/sigv4_paapi_getitems/$id/new/estimates.json";
    if ($criterion === '' || !is_file($path)) {
        $rows[] = row($label, null, 'calls/s', 'not measured: no criterion estimate (cargo bench failed or was skipped)');
        continue;
    }
    $ns = json_decode((string) file_get_contents($path), true)['mean']['point_estimate'];
    $rate = 1e9 / $ns;
    $rows[] = row($label, $rate, 'calls/s', sprintf('%.1fx PHP userland (criterion, same run)', $rate / $u));
}

$targets = [];
if ($extMissing !== null) {
    $targets[] = target('extension vs PHP userland signer', null, 'x', '>= ' . TARGET_RATIO . 'x', null, $extMissing);
} else {
    $r = ratio($rates['extension'], $rates['userland']);
    $targets[] = target('extension vs PHP userland signer', $r, 'x', '>= ' . TARGET_RATIO . 'x', $r >= TARGET_RATIO, 'median of per-round ratios, interleaved rounds');
}

emit([
    'id' => 'sigv4',
    'title' => '1. SigV4 signing of a PA-API 5.0 GetItems request (10 ASINs)',
    'measured' => 'Signing the request in bench/fixtures/paapi-getitems-request.json: canonical request, string to sign, HMAC key chain, signature.',
    'rows' => $rows,
    'targets' => $targets,
    'notes' => $notes,
]);
