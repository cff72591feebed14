<?php
/** Asa2\Api, the Asa2\Credentials kind constants and Asa2\Redaction. */

declare(strict_types=1);

namespace Asa2\Tests;

use Asa2\Api;
use Asa2\CreatorsApi;
use Asa2\Credentials;
use Asa2\MarketplaceConfig;
use Asa2\Redaction;

final class ApiAndRedactionTest extends Asa2TestCase
{
    public function testApisAndTheirValues(): void
    {
        self::assertSame(
            [
                'creators' => ['id' => 'creators', 'label' => 'Creators API'],
                'paapi5' => ['id' => 'paapi5', 'label' => 'PA-API 5.0'],
            ],
            Api::all()
        );
        self::assertSame('creators', Api::CREATORS);
        self::assertSame('paapi5', Api::PAAPI5);
        self::assertSame([Credentials::COGNITO, Credentials::LWA], array_keys(Credentials::kinds()));
    }

    public function testGetItemsIsSplitIntoBatchesOfTheLimit(): void
    {
        self::assertSame(10, Api::MAX_IDS_PER_REQUEST);
        $config = MarketplaceConfig::validate(MarketplaceConfigTest::form())['config'];
        $asins = array_map(static fn (int $i): string => sprintf('B0000000%02d', $i), range(0, 2 * Api::MAX_IDS_PER_REQUEST));
        $requests = CreatorsApi::request('GetItems', $config, 'token', ['asins' => $asins]);
        self::assertCount(3, $requests);
        $first = json_decode($requests[0]['body'], true, 512, JSON_THROW_ON_ERROR);
        self::assertCount(Api::MAX_IDS_PER_REQUEST, $first['itemIds']);
    }

    public function testRedactRemovesSecretsMasksTagsAndScrubsTokens(): void
    {
        $jwt = 'eyJraWQiOiJ4eHgiLCJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJl';
        $out = Redaction::redact(
            "secret s3cr3t-value for mysite-21\nBearer abcdefgh12 and $jwt (abc)",
            ['s3cr3t-value', 'abc'],
            ['mysite-21']
        );
        self::assertSame('secret *** for my****-21 Bearer *** and *** (abc)', $out);
        self::assertSame('***', Redaction::REDACTED);
        self::assertSame('key *** id ***', Redaction::redact('key abcd id 12345', ['abcd', 12345, null], []));
        self::validationErrors(static fn () => Redaction::redact("\xff", [], []), ['message']);
        self::validationErrors(static fn () => Redaction::redact('x', [['nested']], []), ['secrets']);
        self::validationErrors(static fn () => Redaction::redact('x', [], [new \stdClass()]), ['partnerTags']);
    }
}
