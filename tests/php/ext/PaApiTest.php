<?php
/** Asa2\PaApi and Asa2\PaApiSettings. */

declare(strict_types=1);

namespace Asa2\Tests;

use Asa2\ApiException;
use Asa2\AuthException;
use Asa2\NotEligibleException;
use Asa2\PaApi;
use Asa2\PaApiSettings;
use Asa2\ThrottledException;

final class PaApiTest extends Asa2TestCase
{
    private const NOW = 1_700_000_000;

    /** @return array<string, string> */
    private static function settings(array $override = []): array
    {
        return PaApiSettings::validate($override + [
            'access_key' => 'AKIAIOSFODNN7EXAMPLE',
            'secret_key' => 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
            'partner_tag' => 'mysite-21',
            'marketplace' => 'www.amazon.de',
        ])['settings'];
    }

    public function testSettings(): void
    {
        self::assertSame([
            'access_key' => 'AKIAIOSFODNN7EXAMPLE',
            'secret_key' => 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
            'partner_tag' => 'mysite-21',
            'marketplace' => 'DE',
        ], self::settings());
        $r = PaApiSettings::validate(['access_key' => 'AKIAIOSFODNN7EXAMPLE', 'secret_key' => 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'partner_tag' => 'mysite-20', 'marketplace' => 'DE']);
        self::assertSame(['partner_tag'], array_keys($r['warnings']));
        self::validationErrors(static fn () => PaApiSettings::validate([]), ['access_key', 'secret_key', 'partner_tag', 'marketplace']);
    }

    public function testGetItemsIsBatchedByTenAndSigned(): void
    {
        $asins = [];
        for ($i = 0; $i < 23; $i++) {
            $asins[] = sprintf('B0%08d', $i);
        }
        $requests = PaApi::request('GetItems', self::settings(), ['asins' => $asins], self::NOW);
        self::assertCount(3, $requests);
        foreach ($requests as $r) {
            self::assertSame('POST', $r['method']);
            self::assertSame('https://webservices.amazon.de/paapi5/getitems', $r['url']);
            self::assertStringStartsWith('AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20231114/eu-west-1/ProductAdvertisingAPI/aws4_request', $r['headers']['Authorization']);
            self::assertSame('20231114T221320Z', $r['headers']['x-amz-date']);
            $body = json_decode($r['body'], true);
            self::assertSame('mysite-21', $body['PartnerTag']);
            self::assertLessThanOrEqual(10, count($body['ItemIds']));
        }
        self::assertSame($requests, PaApi::request('getitems', self::settings(), ['asins' => $asins], self::NOW));
        $sandbox = PaApi::request('SearchItems', self::settings(), ['keywords' => 'kettle'], self::NOW, 'http://127.0.0.1:8765');
        self::assertSame('http://127.0.0.1:8765/webservices.amazon.de/paapi5/searchitems', $sandbox[0]['url']);
    }

    public function testBadRequestsAreValidationErrors(): void
    {
        self::validationErrors(static fn () => PaApi::request('ListFeeds', self::settings(), [], self::NOW), ['operation']);
        self::validationErrors(static fn () => PaApi::request('GetItems', self::settings(), ['asins' => ['B08N5WRWNW']], PHP_INT_MAX), ['now']);
        self::validationErrors(static fn () => PaApi::request('GetItems', self::settings(), [], self::NOW), ['asins']);
        self::validationErrors(static fn () => PaApi::request('GetItems', ['marketplace' => 'DE'] + self::settings(['secret_key' => '']), ['asins' => ['B08N5WRWNW']], self::NOW), ['secret_key']);
    }

    public function testErrorAnswers(): void
    {
        $e = self::thrown(AuthException::class, static fn () => PaApi::parse('GetItems', 'DE', 401, [], '{"Errors":[{"Code":"InvalidSignature","Message":"The request signature we calculated does not match"}]}', self::NOW));
        self::assertSame('InvalidSignature', $e->getErrorCode());
        self::assertStringContainsString('secret key', (string) $e->getHint());

        $e = self::thrown(ThrottledException::class, static fn () => PaApi::parse('GetItems', 'DE', 429, ['retry-after' => '3'], '{"Errors":[{"Code":"TooManyRequests","Message":"x"}]}', self::NOW));
        self::assertSame(3, $e->getRetryAfter());

        $e = self::thrown(NotEligibleException::class, static fn () => PaApi::parse('GetItems', 'DE', 403, [], '{"Errors":[{"Code":"AssociateNotEligible","Message":"x"}]}', self::NOW));
        self::assertSame(403, $e->getHttpStatus());
        self::assertSame('AssociateNotEligible', $e->getErrorCode());

        $e = self::thrown(ApiException::class, static fn () => PaApi::parse('GetItems', 'DE', 400, [], '{"Errors":[{"Code":"InvalidPartnerTag","Message":"The partner tag is invalid."}]}', self::NOW));
        self::assertSame('partner_tag', $e->getField());

        $e = self::thrown(ApiException::class, static fn () => PaApi::parse('GetItems', 'DE', 200, [], '{"ItemsResult":', self::NOW));
        self::assertSame('MalformedResponse', $e->getErrorCode());
        self::assertSame(200, $e->getHttpStatus());
        self::validationErrors(static fn () => PaApi::parse('GetItems', 'XX', 200, [], '{}', self::NOW), ['marketplace']);
    }

    public function testNoResultsIsAnEmptyPage(): void
    {
        $page = PaApi::parse('SearchItems', 'DE', 404, [], '{"Errors":[{"Code":"NoResults","Message":"No results."}]}', self::NOW);
        self::assertSame([], $page['items']);
    }
}
