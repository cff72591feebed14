<?php
/** Asa2\MarketplaceConfig: the "Add Marketplace" form and the configured list. */

declare(strict_types=1);

namespace Asa2\Tests;

use Asa2\MarketplaceConfig;

final class MarketplaceConfigTest extends Asa2TestCase
{
    /** @return array<string, mixed> */
    public static function form(array $override = []): array
    {
        return $override + [
            'marketplace' => 'DE',
            'kind' => 'lwa',
            'credential_id' => 'amzn1.application-oa2-client.0123456789abcdef',
            'credential_secret' => 'amzn1.oa2-cs.v1.0123456789abcdef',
            'partner_tag' => 'mysite-21',
            'enabled' => '1',
            'default' => '',
        ];
    }

    public function testValidateNormalizesAndDerivesTheVersion(): void
    {
        $result = MarketplaceConfig::validate(self::form(['marketplace' => ' www.amazon.de ', 'partner_tag' => ' mysite-21 ']));
        self::assertSame(['config', 'warnings', 'warning_details'], array_keys($result));
        self::assertSame([], $result['warning_details']);
        self::assertSame([
            'marketplace' => 'DE',
            'kind' => 'lwa',
            'api_version' => '3.2',
            'credential_id' => 'amzn1.application-oa2-client.0123456789abcdef',
            'credential_secret' => 'amzn1.oa2-cs.v1.0123456789abcdef',
            'partner_tag' => 'mysite-21',
            'enabled' => true,
            'default' => false,
        ], $result['config']);
        self::assertSame([], $result['warnings']);
    }

    public function testCheckboxesAcceptPhpValues(): void
    {
        $config = MarketplaceConfig::validate(self::form(['enabled' => true, 'default' => 1]))['config'];
        self::assertTrue($config['enabled']);
        self::assertTrue($config['default']);
        $config = MarketplaceConfig::validate(self::form(['enabled' => false, 'default' => null]))['config'];
        self::assertFalse($config['enabled']);
        self::assertFalse($config['default']);
    }

    public function testWarningsAreGroupedByField(): void
    {
        $result = MarketplaceConfig::validate(self::form(['kind' => 'cognito', 'partner_tag' => 'mysite-20']));
        self::assertSame(['partner_tag', 'kind'], array_keys($result['warnings']));
        self::assertStringContainsString('LWA (v3)', $result['warnings']['kind'][0]);
        self::assertSame('2.2', $result['config']['api_version']);
    }

    public function testEveryFieldErrorAtOnce(): void
    {
        $errors = self::validationErrors(
            static fn () => MarketplaceConfig::validate([]),
            ['marketplace', 'kind', 'credential_id', 'credential_secret', 'partner_tag']
        );
        self::assertStringContainsString('Credential ID', $errors['credential_id'][0]);
        self::validationErrors(
            static fn () => MarketplaceConfig::validate(self::form(['enabled' => '0', 'default' => '1'])),
            ['default']
        );
        self::validationErrors(
            static fn () => MarketplaceConfig::validate(self::form(['credential_secret' => "abc def\n"])),
            ['credential_secret']
        );
    }

    public function testWrongShapesAreValidationErrors(): void
    {
        self::validationErrors(static fn () => MarketplaceConfig::validate(self::form(['kind' => ['lwa']])), ['input']);
        self::validationErrors(static fn () => MarketplaceConfig::validate(['DE', 'lwa']), ['input']);
        self::validationErrors(static fn () => MarketplaceConfig::validate(self::form(['credential_id' => new \stdClass()])), ['input']);
    }

    public function testValidateSet(): void
    {
        $de = MarketplaceConfig::validate(self::form(['default' => '1']))['config'];
        $us = MarketplaceConfig::validate(self::form(['marketplace' => 'US', 'partner_tag' => 'mysite-20']))['config'];
        self::assertNull(MarketplaceConfig::validateSet([$de, $us]));
        self::assertNull(MarketplaceConfig::validateSet([]));

        $errors = self::validationErrors(static fn () => MarketplaceConfig::validateSet([$de, $us, $de]), ['marketplace', 'default']);
        self::assertStringContainsString('Germany', $errors['marketplace'][0]);
        $us['default'] = true;
        self::validationErrors(static fn () => MarketplaceConfig::validateSet([$de, $us]), ['default']);
        self::validationErrors(static fn () => MarketplaceConfig::validateSet(['x' => $de]), ['configs']);
        self::validationErrors(static fn () => MarketplaceConfig::validateSet([['marketplace' => 'XX'] + $de]), ['marketplace']);
    }
}
