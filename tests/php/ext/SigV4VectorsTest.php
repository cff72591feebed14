<?php
/**
 * AWS's SigV4 test suite through Asa2\SigV4::sign(), every stage checked, read from the same
 * folders as the Rust test: every folder (at any depth) holding NAME.req is a case.
 */

declare(strict_types=1);

namespace Asa2\Tests;

use Asa2\SigV4;

final class SigV4VectorsTest extends Asa2TestCase
{
    private const ACCESS_KEY = 'AKIDEXAMPLE';
    private const SECRET_KEY = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';
    private const REGION = 'us-east-1';
    private const SERVICE = 'service';
    private const DATE = '20150830T123600Z';

    private static function root(): ?string
    {
        $root = Paths::sigv4Vectors();
        if (is_dir($root)) {
            return $root;
        }
        if (Paths::vectorsRequired()) {
            self::fail("the AWS SigV4 test suite was not found in $root (set ASA2_SIGV4_VECTORS)");
        }
        return null;
    }

    /** @return list<string> case folders, sorted */
    private static function cases(string $dir): array
    {
        $out = [];
        $subdirs = glob($dir . '/*', GLOB_ONLYDIR) ?: [];
        sort($subdirs);
        foreach ($subdirs as $d) {
            if (is_file($d . '/' . basename($d) . '.req')) {
                $out[] = $d;
            }
            array_push($out, ...self::cases($d));
        }
        return $out;
    }

    /**
     * @return array{request_line: string, method: string, target: string, header_lines: list<string>,
     *   headers: list<array{0: string, 1: string}>, body: ?string}
     */
    public static function parseReq(string $text): array
    {
        $text = str_replace("\r\n", "\n", $text);
        $parts = explode("\n\n", $text, 2);
        $head = count($parts) === 2 ? $parts[0] : rtrim($text, "\n");
        $body = count($parts) === 2 ? $parts[1] : null;
        $lines = explode("\n", $head);
        $requestLine = array_shift($lines);
        [$method, $rest] = explode(' ', $requestLine, 2);
        $target = substr($rest, 0, (int) strrpos($rest, ' '));
        $headers = [];
        foreach ($lines as $line) {
            if ($line !== '' && ($line[0] === ' ' || $line[0] === "\t")) {
                $headers[count($headers) - 1][1] .= "\n" . $line;
            } else {
                [$name, $value] = explode(':', $line, 2);
                $headers[] = [$name, $value];
            }
        }
        return ['request_line' => $requestLine, 'method' => $method, 'target' => $target,
            'header_lines' => $lines, 'headers' => $headers, 'body' => $body];
    }

    private static function sessionToken(string $caseDir): ?string
    {
        $readme = dirname($caseDir) . '/readme.txt';
        if (!is_file($readme)) {
            return null;
        }
        $text = (string) file_get_contents($readme);
        if (!str_contains($text, 'X-Amz-Security-Token')) {
            return null;
        }
        $lines = array_values(array_filter(array_map('trim', preg_split('/\R/', $text)), 'strlen'));
        return end($lines) ?: null;
    }

    public function testEveryCaseOfTheSuite(): void
    {
        $root = self::root();
        if ($root === null) {
            self::markTestSkipped('AWS SigV4 test suite not found: set ASA2_SIGV4_VECTORS');
        }
        $cases = self::cases($root);
        self::assertNotEmpty($cases, "no SigV4 cases under $root");
        $failures = [];
        foreach ($cases as $dir) {
            $name = basename($dir);
            $read = static fn (string $ext): string => (string) file_get_contents("$dir/$name.$ext");
            $req = self::parseReq($read('req'));
            $token = self::sessionToken($dir);
            $after = str_ends_with($name, '-after');
            try {
                $signed = SigV4::sign(
                    ['method' => $req['method'], 'url' => $req['target'], 'headers' => $req['headers'], 'body' => $req['body'] ?? ''],
                    self::ACCESS_KEY,
                    self::SECRET_KEY,
                    self::REGION,
                    self::SERVICE,
                    self::DATE,
                    $after ? null : $token
                );
            } catch (\Throwable $e) {
                $failures[] = "$name: signing failed: " . $e->getMessage();
                continue;
            }
            $stages = [
                'canonical request (.creq)' => [$read('creq'), $signed['canonical_request']],
                'string to sign (.sts)' => [$read('sts'), $signed['string_to_sign']],
                'authorization (.authz)' => [$read('authz'), $signed['authorization']],
            ];
            $sreq = $req['request_line'];
            foreach ($req['header_lines'] as $line) {
                $sreq .= "\n" . $line;
            }
            if ($after && $token !== null) {
                $sreq .= "\nX-Amz-Security-Token:" . $token;
            }
            foreach ($signed['headers'] as $k => $v) {
                $sreq .= "\n" . $k . ($k === 'Authorization' ? ': ' : ':') . $v;
            }
            if ($req['body'] !== null) {
                $sreq .= "\n\n" . $req['body'];
            }
            $stages['signed request (.sreq)'] = [rtrim($read('sreq'), "\n"), rtrim($sreq, "\n")];
            self::assertSame($signed['authorization'], end($signed['headers']), "$name: Authorization is added last");
            self::assertStringEndsWith($signed['signature'], $signed['authorization']);
            foreach ($stages as $stage => [$expected, $actual]) {
                if ($expected !== $actual) {
                    $failures[] = "$name: stage \"$stage\" differs\n--- expected\n$expected\n--- actual\n$actual";
                    break;
                }
            }
        }
        self::assertSame([], $failures, sprintf("%d of %d cases failed:\n%s", count($failures), count($cases), implode("\n\n", $failures)));
        self::assertGreaterThanOrEqual(31, count($cases), 'the suite has 31 cases');
    }

    public function testThePaApiExample(): void
    {
        $root = self::root();
        if ($root === null) {
            self::markTestSkipped('AWS SigV4 test suite not found: set ASA2_SIGV4_VECTORS');
        }
        $path = $root . '/../paapi5/getbrowsenodes-it.json';
        self::assertFileExists($path);
        $v = json_decode((string) file_get_contents($path), true, 512, JSON_THROW_ON_ERROR);
        $in = $v['inputs'];
        $signed = SigV4::sign(
            ['method' => $in['method'], 'url' => 'https://' . $in['headers']['host'] . $in['path'], 'headers' => $in['headers'], 'body' => $in['payload']],
            $in['access_key'],
            $in['secret_key'],
            $in['region'],
            $in['service'],
            $in['x_amz_date']
        );
        self::assertSame($v['expected']['canonical_request'], $signed['canonical_request']);
        self::assertSame($v['expected']['string_to_sign'], $signed['string_to_sign']);
        self::assertSame($v['expected']['signature'], $signed['signature']);
        self::assertSame($v['expected']['authorization'], $signed['authorization']);
        self::assertSame(['Authorization'], array_keys($signed['headers']));
    }

    /**
     * The extension keeps each derived signing key for later calls: signing in turn with other
     * secrets, days, regions and services, and back, must always sign with the right key. The
     * expected signature is computed here with hash_hmac from the string to sign returned.
     */
    public function testSigningKeysAreKeptPerSecretAndScope(): void
    {
        $request = ['method' => 'GET', 'url' => 'https://example.amazonaws.com/', 'headers' => [], 'body' => ''];
        $scopes = [];
        foreach ([self::SECRET_KEY, 'another/secret+KEY', self::SECRET_KEY . 'X'] as $secret) {
            foreach (['20150830T123600Z', '20150831T000000Z'] as $date) {
                foreach ([[self::REGION, self::SERVICE], ['eu-west-1', self::SERVICE], [self::REGION, 'ProductAdvertisingAPI']] as [$region, $service]) {
                    $scopes[] = [$secret, $date, $region, $service];
                }
            }
        }
        $seen = [];
        foreach ([...$scopes, ...array_reverse($scopes), ...$scopes] as [$secret, $date, $region, $service]) {
            $signed = SigV4::sign($request, self::ACCESS_KEY, $secret, $region, $service, $date);
            $key = 'AWS4' . $secret;
            foreach ([substr($date, 0, 8), $region, $service, 'aws4_request'] as $part) {
                $key = hash_hmac('sha256', $part, $key, true);
            }
            self::assertSame(hash_hmac('sha256', $signed['string_to_sign'], $key), $signed['signature'], "$secret $date $region $service");
            $seen[$signed['signature']] = true;
        }
        self::assertCount(count($scopes), $seen, 'every secret and scope signs differently');
    }

    public function testTheReqParserKeepsFoldsAndBodies(): void
    {
        $r = self::parseReq("POST /a b HTTP/1.1\nHost:x\nMy:v1\n  v2\n\nbody\n\nmore");
        self::assertSame(['POST', '/a b'], [$r['method'], $r['target']]);
        self::assertSame(['My', "v1\n  v2"], $r['headers'][1]);
        self::assertSame("body\n\nmore", $r['body']);
    }
}
