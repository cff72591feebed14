<?php
/** Asa2\Asin, Asa2\RetryPolicy, Asa2\AssociateIdSets and the SigV4 argument errors. */

declare(strict_types=1);

namespace Asa2\Tests;

use Asa2\AssociateIdSets;
use Asa2\Asin;
use Asa2\RetryPolicy;
use Asa2\SigV4;

final class SmallClassesTest extends Asa2TestCase
{
    public function testAsin(): void
    {
        self::assertTrue(Asin::isValid('B08N5WRWNW'));
        self::assertTrue(Asin::isValid(' b08n5wrwnw '));
        self::assertFalse(Asin::isValid('B08N5WRWN'));
        self::assertFalse(Asin::isValid("\xff"));
        self::assertSame(['asin' => 'B08N5WRWNW', 'marketplace' => null], Asin::parse('b08n5wrwnw'));
        self::assertSame(['asin' => 'B08N5WRWNW', 'marketplace' => 'JP'], Asin::parse('https://www.amazon.co.jp/dp/B08N5WRWNW/ref=x?th=1'));
        self::assertSame('DE', Asin::parse('https://www.amazon.de/Some-Product/dp/B08N5WRWNW')['marketplace']);
        self::validationErrors(static fn () => Asin::parse('https://amzn.to/3abc'), ['asin']);
        self::validationErrors(static fn () => Asin::parse(''), ['asin']);
    }

    public function testRetryPolicy(): void
    {
        $first = RetryPolicy::delay('server', 1, 0.0);
        self::assertIsInt($first);
        self::assertGreaterThan(0, $first);
        self::assertGreaterThanOrEqual($first, RetryPolicy::delay('server', 2, 0.0));
        self::assertSame(7000, RetryPolicy::delay('throttled', 1, 0.5, 7));
        self::assertNull(RetryPolicy::delay('server', 4, 0.5));
        self::assertSame(0, RetryPolicy::delay('token', 1, 0.9));
        self::assertIsInt(RetryPolicy::delay('network', 1, NAN));
        self::validationErrors(static fn () => RetryPolicy::delay('later', 1, 0.5), ['kind']);
    }

    public function testAssociateIdSets(): void
    {
        $r = AssociateIdSets::validate(['name' => ' Main ', 'tags' => ['DE' => 'mysite-21', 'www.amazon.com' => 'mysite-20', 'FR' => '']]);
        self::assertSame(['name' => 'Main', 'tags' => ['US' => 'mysite-20', 'DE' => 'mysite-21']], $r['set']);
        self::assertSame([], $r['warnings']);
        $rows = AssociateIdSets::validate(['name' => 'Rows', 'tags' => [['marketplace' => 'DE', 'tag' => 'mysite-20']]]);
        self::assertSame(['tags[DE]'], array_keys($rows['warnings']));
        self::validationErrors(static fn () => AssociateIdSets::validate([]), ['name', 'tags']);
        self::validationErrors(static fn () => AssociateIdSets::validate(['name' => 'x', 'tags' => ['DE' => 'bad tag']]), ['tags[DE]']);

        $a = ['name' => 'Main', 'tags' => ['DE' => 'mysite-21']];
        self::assertNull(AssociateIdSets::validateAll([$a, ['name' => 'Other'] + $a]));
        self::validationErrors(static fn () => AssociateIdSets::validateAll([$a, ['name' => 'MAIN'] + $a]), ['name']);
        self::validationErrors(static fn () => AssociateIdSets::validateAll([$a, ['name' => ''] + $a]), ['name']);
    }

    public function testSigV4ArgumentErrorsNameTheArgument(): void
    {
        $req = ['method' => 'GET', 'url' => 'https://example.amazonaws.com/', 'headers' => [], 'body' => ''];
        $sign = static fn (array $r, string $date = '20150830T123600Z', string $secret = 'secret', string $region = 'us-east-1') => SigV4::sign($r, 'AKID', $secret, $region, 'service', $date);
        self::assertSame(['canonical_request', 'string_to_sign', 'signature', 'authorization', 'headers'], array_keys($sign($req)));
        self::validationErrors(static fn () => $sign($req, '2015-08-30'), ['amzDate']);
        self::validationErrors(static fn () => $sign($req, '20150830T123600Z', ''), ['secretKey']);
        self::validationErrors(static fn () => $sign($req, '20150830T123600Z', 's', 'us east'), ['region']);
        self::validationErrors(static fn () => $sign(['method' => 'G ET'] + $req), ['method']);
        self::validationErrors(static fn () => $sign(['url' => 'nope'] + $req), ['url']);
        self::validationErrors(static fn () => $sign(['headers' => ['Bad Name' => 'v']] + $req), ['headers']);
        self::validationErrors(static fn () => $sign(['headers' => 'x'] + $req), ['headers']);
        self::assertSame($sign($req), $sign(['method' => 'GET', 'url' => 'https://example.amazonaws.com/']), 'headers and body are optional');
    }
}
