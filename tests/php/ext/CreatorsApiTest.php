<?php
/** Asa2\CreatorsApi: request building and error answers. */

declare(strict_types=1);

namespace Asa2\Tests;

use Asa2\ApiException;
use Asa2\AuthException;
use Asa2\CreatorsApi;
use Asa2\MarketplaceConfig;
use Asa2\NotEligibleException;
use Asa2\ThrottledException;

final class CreatorsApiTest extends Asa2TestCase
{
    private const NOW = 1_764_064_800;

    /** @return array<string, mixed> */
    private static function config(array $override = []): array
    {
        return MarketplaceConfig::validate(MarketplaceConfigTest::form($override))['config'];
    }

    public function testGetItemsIsBatchedByTen(): void
    {
        $asins = [];
        for ($i = 0; $i < 21; $i++) {
            $asins[] = sprintf('B0%08d', $i);
        }
        $requests = CreatorsApi::request('GetItems', self::config(), 'Atza|token', ['asins' => $asins]);
        self::assertCount(3, $requests);
        foreach ($requests as $r) {
            self::assertSame(['method', 'url', 'headers', 'body'], array_keys($r));
            self::assertSame('POST', $r['method']);
            self::assertSame('https://creatorsapi.amazon/catalog/v1/getItems', $r['url']);
            self::assertSame('Bearer Atza|token', $r['headers']['Authorization']);
            self::assertSame('www.amazon.de', $r['headers']['x-marketplace']);
            self::assertLessThanOrEqual(10, count(json_decode($r['body'], true)['itemIds']));
        }
    }

    public function testCognitoAuthorizationNamesTheVersionAndSandboxBase(): void
    {
        $config = self::config(['kind' => 'cognito', 'credential_id' => '4j5k6l7m8n9o0p1q2r3s4t5u6v']);
        $r = CreatorsApi::request('SearchItems', $config, 'tok', ['keywords' => 'kettle'], 'http://127.0.0.1:8765');
        self::assertCount(1, $r);
        self::assertSame('Bearer tok, Version 2.2', $r[0]['headers']['Authorization']);
        self::assertSame('http://127.0.0.1:8765/creatorsapi.amazon/catalog/v1/searchItems', $r[0]['url']);
        self::assertCount(1, CreatorsApi::request('GetVariations', $config, 'tok', ['asin' => 'B08N5WRWNW']));
        self::assertCount(1, CreatorsApi::request('GetBrowseNodes', $config, 'tok', ['browse_node_ids' => ['123']]));
    }

    public function testBadParameters(): void
    {
        self::validationErrors(static fn () => CreatorsApi::request('GetItems', self::config(), 'tok', ['asins' => ['nope']]), ['asins']);
        self::validationErrors(static fn () => CreatorsApi::request('Nope', self::config(), 'tok', []), ['operation']);
        $e = self::thrown(\Asa2\ValidationException::class, static fn () => CreatorsApi::request('GetItems', self::config(), '', ['asins' => ['B08N5WRWNW']]));
        self::assertNotEmpty($e->getErrors());
    }

    public function testErrorAnswers(): void
    {
        $config = self::config();
        $e = self::thrown(AuthException::class, static fn () => CreatorsApi::parse('GetItems', $config, 401, [], '{"reason":"TokenExpired","message":"The access token expired."}', self::NOW));
        self::assertSame('token', $e->getRetryKind());
        self::assertSame(401, $e->getHttpStatus());
        $e = self::thrown(ThrottledException::class, static fn () => CreatorsApi::parse('GetItems', $config, 429, ['Retry-After' => '5'], '{}', self::NOW));
        self::assertSame(5, $e->getRetryAfter());
        self::thrown(NotEligibleException::class, static fn () => CreatorsApi::parse('GetItems', $config, 403, [], '{"reason":"AssociateNotEligible","message":"x"}', self::NOW));
        $e = self::thrown(ApiException::class, static fn () => CreatorsApi::parse('GetItems', $config, 500, [], '{"type":"InternalServerException"}', self::NOW));
        self::assertSame('server', $e->getRetryKind());
        $e = self::thrown(ApiException::class, static fn () => CreatorsApi::parse('GetItems', $config, 200, [], '', self::NOW));
        self::assertSame('MalformedResponse', $e->getErrorCode());
    }
}
