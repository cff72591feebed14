<?php
/** Asa2\Marketplaces: the registry. */

declare(strict_types=1);

namespace Asa2\Tests;

use Asa2\Marketplaces;

final class MarketplacesTest extends Asa2TestCase
{
    private const KEYS = ['code', 'country', 'host', 'domain', 'region', 'currency', 'language',
        'associates_url', 'paapi_host', 'paapi_region', 'tag_suffix'];

    public function testAllListsEveryMarketplaceKeyedByCodeInScreenOrder(): void
    {
        $all = Marketplaces::all();
        self::assertCount(22, $all);
        self::assertSame(['US', 'CA', 'MX', 'BR', 'UK', 'DE'], array_slice(array_keys($all), 0, 6));
        foreach ($all as $code => $m) {
            self::assertSame(self::KEYS, array_keys($m), $code);
            self::assertSame($code, $m['code']);
            self::assertSame([], array_filter($m, static fn ($v) => !is_string($v)), "$code: every field is a string");
            self::assertContains($m['region'], ['NA', 'EU', 'FE']);
            self::assertSame('www.' . $m['domain'], $m['host']);
            self::assertStringStartsWith('https://', $m['associates_url']);
        }
        self::assertSame('eu-west-1', $all['DE']['paapi_region']);
        self::assertSame('FE', $all['JP']['region']);
    }

    public function testGetAcceptsCodeHostAndDomainInAnyCase(): void
    {
        foreach (['DE', 'de', ' de ', 'www.amazon.de', 'AMAZON.DE', 'amazon.de.'] as $input) {
            self::assertSame(Marketplaces::all()['DE'], Marketplaces::get($input), $input);
        }
        self::assertSame('UK', Marketplaces::get('GB')['code']);
        self::assertSame('JP', Marketplaces::find('www.amazon.co.jp')['code']);
    }

    public function testUnknownMarketplaces(): void
    {
        foreach (['', 'XX', 'www.ebay.de', "\xff"] as $input) {
            self::assertNull(Marketplaces::find($input));
            $errors = self::validationErrors(static fn () => Marketplaces::get($input), ['marketplace']);
            self::assertCount(1, $errors['marketplace']);
        }
        $errors = self::validationErrors(static fn () => Marketplaces::get('XX'), ['marketplace']);
        self::assertStringContainsString('country code such as DE', $errors['marketplace'][0]);
    }
}
