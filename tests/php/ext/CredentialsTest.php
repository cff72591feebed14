<?php
/** Asa2\Credentials: kinds, API versions, recognising pasted credentials. */

declare(strict_types=1);

namespace Asa2\Tests;

use Asa2\Credentials;

final class CredentialsTest extends Asa2TestCase
{
    private const LWA_ID = 'amzn1.application-oa2-client.0123456789abcdef';
    private const LWA_SECRET = 'amzn1.oa2-cs.v1.0123456789abcdef';
    private const COGNITO_ID = '4j5k6l7m8n9o0p1q2r3s4t5u6v';

    public function testKinds(): void
    {
        $kinds = Credentials::kinds();
        self::assertSame(['cognito', 'lwa'], array_keys($kinds));
        self::assertSame(['id' => 'cognito', 'label' => 'Cognito (v2)'], array_slice($kinds['cognito'], 0, 2));
        self::assertSame(2, $kinds['cognito']['major']);
        self::assertSame(3, $kinds['lwa']['major']);
        self::assertStringContainsString('February 2026', $kinds['lwa']['description']);
    }

    public function testApiVersionFollowsKindAndRegion(): void
    {
        self::assertSame('2.1', Credentials::apiVersion('cognito', 'US'));
        self::assertSame('2.2', Credentials::apiVersion('Cognito (v2)', 'www.amazon.de'));
        self::assertSame('3.2', Credentials::apiVersion('lwa', 'UK'));
        self::assertSame('3.3', Credentials::apiVersion('LWA (v3)', 'JP'));
        self::assertSame('3.1', Credentials::apiVersion('v3', 'BR'));
    }

    public function testApiVersionReportsBothFields(): void
    {
        self::validationErrors(static fn () => Credentials::apiVersion('oauth', 'DE'), ['kind']);
        self::validationErrors(static fn () => Credentials::apiVersion('lwa', 'XX'), ['marketplace']);
        self::validationErrors(static fn () => Credentials::apiVersion('', ''), ['kind', 'marketplace']);
    }

    public function testDetect(): void
    {
        self::assertSame('lwa', Credentials::detect(self::LWA_ID, ''));
        self::assertSame('lwa', Credentials::detect('', self::LWA_SECRET));
        self::assertSame('cognito', Credentials::detect(self::COGNITO_ID, 'secret'));
        self::assertSame('unknown', Credentials::detect('', ''));
        self::assertSame('unknown', Credentials::detect('short', 'x'));
    }

    public function testMismatchWarning(): void
    {
        $w = Credentials::mismatchWarning('cognito', self::LWA_ID, self::LWA_SECRET);
        self::assertIsString($w);
        self::assertStringContainsString('invalid_client', $w);
        self::assertNull(Credentials::mismatchWarning('lwa', self::LWA_ID, self::LWA_SECRET));
        self::assertNull(Credentials::mismatchWarning('lwa', '', ''));
        self::assertNotNull(Credentials::mismatchWarning('lwa', self::COGNITO_ID, 'x'));
        self::validationErrors(static fn () => Credentials::mismatchWarning('nope', '', ''), ['kind']);
    }
}
