<?php
/**
 * AWS Signature Version 4 in plain PHP, the way PA-API 5.0 PHP SDKs ship it (an `AwsV4`-style
 * class: canonical request, string to sign, `hash_hmac` key chain). The baseline of the SigV4
 * benchmark; bench/php/sigv4.php checks that it produces the expected signatures before it is
 * timed.
 */

declare(strict_types=1);

namespace Asa2Bench;

final class UserlandSigV4
{
    private const ALGORITHM = 'AWS4-HMAC-SHA256';

    public function __construct(
        private string $accessKey,
        private string $secretKey,
        private string $region,
        private string $service,
    ) {
    }

    /**
     * Signs a request whose headers already hold `host` and `x-amz-date`.
     *
     * @param array<string, string> $headers
     * @return array{canonical_request: string, string_to_sign: string, signature: string, authorization: string}
     */
    public function sign(string $method, string $url, array $headers, string $body, string $amzDate): array
    {
        $path = parse_url($url, PHP_URL_PATH) ?: '/';
        $query = parse_url($url, PHP_URL_QUERY) ?? '';

        $canonicalHeaders = [];
        foreach ($headers as $name => $value) {
            $key = strtolower(trim((string) $name));
            $value = preg_replace('/ +/', ' ', trim((string) $value));
            $canonicalHeaders[$key] = isset($canonicalHeaders[$key]) ? $canonicalHeaders[$key] . ',' . $value : $value;
        }
        ksort($canonicalHeaders, SORT_STRING);
        $signedHeaders = implode(';', array_keys($canonicalHeaders));
        $headerBlock = '';
        foreach ($canonicalHeaders as $name => $value) {
            $headerBlock .= $name . ':' . $value . "\n";
        }

        $canonicalRequest = $method . "\n"
            . $this->canonicalUri($path) . "\n"
            . $this->canonicalQuery($query) . "\n"
            . $headerBlock . "\n"
            . $signedHeaders . "\n"
            . hash('sha256', $body);

        $date = substr($amzDate, 0, 8);
        $scope = $date . '/' . $this->region . '/' . $this->service . '/aws4_request';
        $stringToSign = self::ALGORITHM . "\n" . $amzDate . "\n" . $scope . "\n" . hash('sha256', $canonicalRequest);

        $kDate = hash_hmac('sha256', $date, 'AWS4' . $this->secretKey, true);
        $kRegion = hash_hmac('sha256', $this->region, $kDate, true);
        $kService = hash_hmac('sha256', $this->service, $kRegion, true);
        $kSigning = hash_hmac('sha256', 'aws4_request', $kService, true);
        $signature = hash_hmac('sha256', $stringToSign, $kSigning);

        return [
            'canonical_request' => $canonicalRequest,
            'string_to_sign' => $stringToSign,
            'signature' => $signature,
            'authorization' => self::ALGORITHM . ' Credential=' . $this->accessKey . '/' . $scope
                . ', SignedHeaders=' . $signedHeaders . ', Signature=' . $signature,
        ];
    }

    /** Each path segment encoded once with RFC 3986 (already encoded bytes kept). */
    private function canonicalUri(string $path): string
    {
        $segments = explode('/', $path);
        foreach ($segments as $i => $segment) {
            $segments[$i] = rawurlencode(rawurldecode($segment));
        }
        $uri = implode('/', $segments);
        return $uri === '' ? '/' : $uri;
    }

    /** Pairs decoded, re-encoded with RFC 3986, sorted by key then value. */
    private function canonicalQuery(string $query): string
    {
        if ($query === '') {
            return '';
        }
        $pairs = [];
        foreach (explode('&', $query) as $part) {
            if ($part === '') {
                continue;
            }
            [$key, $value] = array_pad(explode('=', $part, 2), 2, '');
            $pairs[] = [rawurlencode(urldecode($key)), rawurlencode(urldecode($value))];
        }
        usort($pairs, static fn (array $a, array $b): int => strcmp($a[0], $b[0]) ?: strcmp($a[1], $b[1]));
        return implode('&', array_map(static fn (array $p): string => $p[0] . '=' . $p[1], $pairs));
    }
}
