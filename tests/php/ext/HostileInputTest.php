<?php
/**
 * Hostile input never crashes the process and never surfaces as a Rust panic: every call
 * returns, or throws an Asa2\Exception (or PHP's TypeError for a wrong argument type).
 */

declare(strict_types=1);

namespace Asa2\Tests;

use Asa2\AssociateIdSets;
use Asa2\Asin;
use Asa2\CreatorsApi;
use Asa2\Credentials;
use Asa2\MarketplaceConfig;
use Asa2\Marketplaces;
use Asa2\PaApi;
use Asa2\PaApiSettings;
use Asa2\PartnerTag;
use Asa2\Redaction;
use Asa2\RetryPolicy;
use Asa2\Sealer;
use Asa2\SigV4;
use Asa2\Token;

final class HostileInputTest extends Asa2TestCase
{
    /** @return list<mixed> */
    private static function hostileValues(): array
    {
        $recursive = ['a' => 1];
        $recursive['self'] = &$recursive;
        $deep = [];
        for ($i = 0; $i < 200; $i++) {
            $deep = [$deep];
        }
        $file = fopen('php://memory', 'r');
        return [
            '', "\0", "\xff\xfe\xfd", "\xc3", str_repeat('A', 5_000_000), str_repeat("\xe2\x80\x8b", 10_000),
            "DE\0US", '-1', 'NaN', PHP_INT_MAX, PHP_INT_MIN, -1, 0, NAN, INF, -0.0, 1e308, true, false, null,
            [], [null], ["\xff" => 'x'], ['marketplace' => "\xff"], ['asins' => [[], null, 1.5, "\xff"]],
            $recursive, $deep, [new \stdClass()], [$file], [PHP_INT_MAX => PHP_INT_MIN],
            array_fill(0, 10_000, 'B08N5WRWNW'), ['keywords' => str_repeat('x', 1_000_000)],
            new \stdClass(), $file, static fn () => 1,
        ];
    }

    /** @return array<string, callable(mixed): mixed> */
    private static function entryPoints(): array
    {
        $config = MarketplaceConfig::validate(MarketplaceConfigTest::form())['config'];
        $sealer = new Sealer(str_repeat('k', 32));
        return [
            'Marketplaces::get' => static fn ($v) => Marketplaces::get($v),
            'Marketplaces::find' => static fn ($v) => Marketplaces::find($v),
            'Credentials::apiVersion' => static fn ($v) => Credentials::apiVersion($v, $v),
            'Credentials::detect' => static fn ($v) => Credentials::detect($v, $v),
            'Credentials::mismatchWarning' => static fn ($v) => Credentials::mismatchWarning('lwa', $v, $v),
            'MarketplaceConfig::validate' => static fn ($v) => MarketplaceConfig::validate($v),
            'MarketplaceConfig::validate(field)' => static fn ($v) => MarketplaceConfig::validate(['credential_secret' => $v, 'partner_tag' => $v] + MarketplaceConfigTest::form()),
            'MarketplaceConfig::validateSet' => static fn ($v) => MarketplaceConfig::validateSet($v),
            'MarketplaceConfig::validateSet(list)' => static fn ($v) => MarketplaceConfig::validateSet([$v, $v]),
            'PaApiSettings::validate' => static fn ($v) => PaApiSettings::validate($v),
            'AssociateIdSets::validate' => static fn ($v) => AssociateIdSets::validate(['name' => $v, 'tags' => $v]),
            'AssociateIdSets::validateAll' => static fn ($v) => AssociateIdSets::validateAll($v),
            'PartnerTag::mask' => static fn ($v) => PartnerTag::mask($v),
            'PartnerTag::check' => static fn ($v) => PartnerTag::check($v, $v),
            'Sealer::__construct' => static fn ($v) => new Sealer($v),
            'Sealer::seal' => static fn ($v) => $sealer->seal($v, $v, $v),
            'Sealer::open' => static fn ($v) => $sealer->open($v, 'DE', 'f'),
            'Sealer::isSealed' => static fn ($v) => Sealer::isSealed($v),
            'Token::request' => static fn ($v) => Token::request($v, $v),
            'Token::parse' => static fn ($v) => Token::parse($config, 200, $v, $v, 1),
            'Token::parse(status)' => static fn ($v) => Token::parse($config, $v, [], '{}', $v),
            'Token::needsRefresh' => static fn ($v) => Token::needsRefresh($v, $v),
            'Token::cacheKey' => static fn ($v) => Token::cacheKey($v),
            'CreatorsApi::request' => static fn ($v) => CreatorsApi::request('GetItems', $config, 'tok', $v),
            'CreatorsApi::request(search)' => static fn ($v) => CreatorsApi::request('SearchItems', $config, $v, ['keywords' => $v, 'item_count' => $v, 'item_page' => $v]),
            'CreatorsApi::parse' => static fn ($v) => CreatorsApi::parse('GetItems', $config, 200, [], $v, 1),
            'CreatorsApi::parse(status)' => static fn ($v) => CreatorsApi::parse($v, $config, $v, $v, '{}', $v),
            'PaApi::request' => static fn ($v) => PaApi::request('GetItems', $v, $v, 1, $v),
            'PaApi::parse' => static fn ($v) => PaApi::parse('SearchItems', 'DE', 200, ['Retry-After' => $v], $v, 1),
            'SigV4::sign' => static fn ($v) => SigV4::sign(['method' => 'GET', 'url' => $v, 'headers' => $v, 'body' => $v], 'AKID', 's', 'r', 's', '20150830T123600Z', $v),
            'SigV4::sign(request)' => static fn ($v) => SigV4::sign($v, $v, $v, $v, $v, $v),
            'RetryPolicy::delay' => static fn ($v) => RetryPolicy::delay('server', $v, $v, $v),
            'Asin::isValid' => static fn ($v) => Asin::isValid($v),
            'Asin::parse' => static fn ($v) => Asin::parse($v),
            'Redaction::redact' => static fn ($v) => Redaction::redact($v, $v, $v),
            'Redaction::redact(lists)' => static fn ($v) => Redaction::redact('x', [$v], [$v]),
        ];
    }

    public function testNoPanicAndNoCrash(): void
    {
        $calls = 0;
        $unexpected = [];
        foreach (self::entryPoints() as $name => $call) {
            foreach (self::hostileValues() as $i => $value) {
                $calls++;
                try {
                    $call($value);
                } catch (\Asa2\Exception $e) {
                    self::assertStringNotContainsString('internal error', $e->getMessage(), "$name #$i");
                    if (strlen($e->getMessage()) > 20_000) { $unexpected[] = "$name #$i: message of " . strlen($e->getMessage()) . " bytes"; }
                } catch (\TypeError | \ArgumentCountError $e) {
                    // A value PHP itself refuses for the declared parameter type.
                    self::assertStringNotContainsString('panic', strtolower($e->getMessage()), "$name #$i");
                } catch (\Throwable $e) {
                    $unexpected[] = "$name #$i: " . get_class($e) . ': ' . $e->getMessage();
                }
            }
        }
        self::assertSame([], $unexpected);
        self::assertGreaterThan(1000, $calls);
    }

    public function testDeepAndRecursiveArraysAreRefused(): void
    {
        $recursive = ['marketplace' => 'DE'];
        $recursive['self'] = &$recursive;
        $errors = self::validationErrors(static fn () => MarketplaceConfig::validate($recursive), ['input']);
        self::assertStringContainsString('nested', $errors['input'][0]);
    }

    public function testInvalidUtf8IsAValidationError(): void
    {
        self::validationErrors(static fn () => MarketplaceConfig::validate(['credential_id' => "abc\xff"] + MarketplaceConfigTest::form()), ['input']);
        self::validationErrors(static fn () => MarketplaceConfig::validate(["\xff" => 'x'] + MarketplaceConfigTest::form()), ['input']);
        self::validationErrors(static fn () => Credentials::detect("\xff", ''), ['credential_id']);
        self::validationErrors(static fn () => Asin::parse("B08N5WRWN\xff"), ['asin']);
    }
}
