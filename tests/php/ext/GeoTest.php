<?php
/** Asa2\Geo: the country table, the store rule, per-set overrides and the .mmdb country lookup. */

declare(strict_types=1);

namespace Asa2\Tests;

use Asa2\Geo;

final class GeoTest extends Asa2TestCase
{
    private static string $dir;

    public static function setUpBeforeClass(): void
    {
        self::$dir = sys_get_temp_dir() . '/asa2-geo-' . bin2hex(random_bytes(4));
        mkdir(self::$dir);
    }

    public static function tearDownAfterClass(): void
    {
        array_map('unlink', glob(self::$dir . '/*') ?: []);
        rmdir(self::$dir);
    }

    public function testTheTableHasEveryMarketplacesCountryFirst(): void
    {
        $table = Geo::countries();
        foreach (array_keys(\Asa2\Marketplaces::all()) as $code) {
            $country = 'UK' === $code ? 'GB' : $code;
            self::assertSame($code, $table[$country][0] ?? null, $country);
        }
        self::assertSame(['DE'], $table['AT']);
        self::assertSame('DE', $table['CH'][0]);
    }

    public function testStoreForFollowsTheTableAndTheSetsOverrides(): void
    {
        self::assertSame('DE', Geo::storeFor('at', ['DE', 'UK'], ''));
        self::assertSame('UK', Geo::storeFor('GB', ['DE', 'UK'], ''));
        self::assertSame('UK', Geo::storeFor('IE', ['DE', 'UK'], ''));
        self::assertNull(Geo::storeFor('US', ['DE', 'UK'], ''));
        self::assertNull(Geo::storeFor('XX', ['DE', 'UK'], ''));
        self::assertNull(Geo::storeFor("\xff\xfe", ['DE'], ''));
        self::assertSame('NL', Geo::storeFor('BE', ['FR', 'NL'], 'BE=NL'));
        self::assertSame('FR', Geo::storeFor('BE', ['FR', 'NL'], ''));
        self::validationErrors(static fn () => Geo::storeFor('AT', ['XX'], ''), ['targets']);
        self::validationErrors(static fn () => Geo::storeFor('AT', [['DE']], ''), ['targets']);
        self::validationErrors(static fn () => Geo::storeFor('AT', ['DE'], 'AT'), ['countries']);
    }

    public function testStoreMapAndOverrides(): void
    {
        $map = Geo::storeMap(['DE', 'www.amazon.co.uk'], 'ZA=UK');
        self::assertSame('DE', $map['AT']);
        self::assertSame('UK', $map['GB']);
        self::assertSame('UK', $map['ZA']);
        self::assertArrayNotHasKey('US', $map);
        self::assertSame([], Geo::storeMap([], ''));
        self::assertSame('AT=DE, BE=NL', Geo::overrides(" be = amazon.nl ;\nat=de "));
        self::assertSame('', Geo::overrides(''));
        $errors = self::validationErrors(static fn () => Geo::overrides('XX=DE, AT=ZZ'), ['countries']);
        self::assertCount(2, $errors['countries']);
        self::assertSame('GB', Geo::normalizeCountry(' uk '));
        self::assertNull(Geo::normalizeCountry('T1'));
        self::assertNull(Geo::normalizeCountry('DEU'));
    }

    public function testCountryOfIpReadsAnMmdbFile(): void
    {
        $path = self::$dir . '/countries.mmdb';
        (new MmdbWriter())
            ->add('81.2.69.0/24', 'GB')
            ->add('2.16.0.0/13', 'AT')
            ->add('8.8.8.0/24', 'US')
            ->write($path);
        self::assertSame('GB', Geo::countryOfIp($path, '81.2.69.160'));
        self::assertSame('AT', Geo::countryOfIp($path, '2.19.255.1'));
        self::assertSame('US', Geo::countryOfIp($path, ' 8.8.8.8 '));
        self::assertNull(Geo::countryOfIp($path, '10.0.0.1'));
        self::assertNull(Geo::countryOfIp($path, 'not an address'));
        self::assertNull(Geo::countryOfIp($path, '::1'));

        // A changed file is read again.
        (new MmdbWriter())->add('81.2.69.0/24', 'IE')->write($path);
        touch($path, time() + 5);
        clearstatcache();
        self::assertSame('IE', Geo::countryOfIp($path, '81.2.69.160'));
    }

    public function testUnreadableDatabasesAreExplained(): void
    {
        $errors = self::validationErrors(static fn () => Geo::countryOfIp(self::$dir . '/missing.mmdb', '81.2.69.160'), ['geoip_database']);
        self::assertStringContainsString('cannot be read', $errors['geoip_database'][0]);
        $legacy = self::$dir . '/GeoIP.dat';
        file_put_contents($legacy, str_repeat("\0\1\2", 1000) . "\xff\xff\xff\x01");
        $errors = self::validationErrors(static fn () => Geo::countryOfIp($legacy, '81.2.69.160'), ['geoip_database']);
        self::assertStringContainsString('legacy GeoIP.dat', $errors['geoip_database'][0]);
        self::validationErrors(static fn () => Geo::countryOfIp(self::$dir, '81.2.69.160'), ['geoip_database']);
    }
}
