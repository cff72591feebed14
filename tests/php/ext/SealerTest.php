<?php
/** Asa2\Sealer: round trips, wrong key, wrong context, tampering, formats. */

declare(strict_types=1);

namespace Asa2\Tests;

use Asa2\CryptoException;
use Asa2\Sealer;

final class SealerTest extends Asa2TestCase
{
    private const KEY = 'an example site key of enough length: 0123456789abcdef';

    public function testRoundTrip(): void
    {
        $sealer = new Sealer(self::KEY);
        foreach (['hunter2', '', 'amzn1.oa2-cs.v1.' . str_repeat('f', 64), "päss wörd ✓\n", str_repeat('x', 65536)] as $secret) {
            $sealed = $sealer->seal($secret, 'DE', 'credential_secret');
            self::assertStringStartsWith('asa2:v1:', $sealed);
            self::assertStringNotContainsString($secret === '' ? "\0" : $secret, $sealed);
            self::assertTrue(Sealer::isSealed($sealed));
            self::assertSame($secret, $sealer->open($sealed, 'DE', 'credential_secret'));
            self::assertSame($secret, (new Sealer(self::KEY))->open(" $sealed\n", 'DE', 'credential_secret'));
        }
    }

    public function testEverySealUsesAFreshNonce(): void
    {
        $sealer = new Sealer(self::KEY);
        $seen = [];
        for ($i = 0; $i < 200; $i++) {
            $seen[$sealer->seal('same', 'DE', 'credential_secret')] = true;
        }
        self::assertCount(200, $seen);
    }

    public function testWrongContextKeyOrTamperingFails(): void
    {
        $sealer = new Sealer(self::KEY);
        $sealed = $sealer->seal('hunter2', 'DE', 'credential_secret');

        $e = self::thrown(CryptoException::class, static fn () => $sealer->open($sealed, 'US', 'credential_secret'));
        self::assertStringContainsString('another marketplace or field', $e->getMessage());
        self::assertSame('authentication_failed', $e->getKind());
        self::thrown(CryptoException::class, static fn () => $sealer->open($sealed, 'DE', 'secret_key'));
        self::thrown(CryptoException::class, static fn () => $sealer->open($sealed, 'de', 'credential_secret'));

        $e = self::thrown(CryptoException::class, static fn () => (new Sealer(self::KEY . '!'))->open($sealed, 'DE', 'credential_secret'));
        self::assertStringContainsString('different key', $e->getMessage());
        self::assertSame('key_mismatch', $e->getKind());

        $body = base64_decode(substr($sealed, 8), true);
        for ($i = 0; $i < strlen($body); $i += 7) {
            $bad = $body;
            $bad[$i] = chr(ord($bad[$i]) ^ 1);
            self::thrown(CryptoException::class, static fn () => $sealer->open('asa2:v1:' . base64_encode($bad), 'DE', 'credential_secret'));
        }
        self::thrown(CryptoException::class, static fn () => $sealer->open(substr($sealed, 0, -4), 'DE', 'credential_secret'));
    }

    public function testUnsealedAndUnknownFormats(): void
    {
        $sealer = new Sealer(self::KEY);
        foreach (['hunter2', '', 'asa2:v1:', 'asa2:v1:!!!', 'asa2:v9:AAAA', "\xff\xfe"] as $value) {
            self::assertFalse(Sealer::isSealed($value), $value);
            $e = self::thrown(CryptoException::class, static fn () => $sealer->open($value, 'DE', 'credential_secret'));
            self::assertStringContainsString('again', $e->getMessage());
        }
        $e = self::thrown(CryptoException::class, static fn () => $sealer->open('asa2:v2:AAAA', 'DE', 'x'));
        self::assertStringContainsString('v2', $e->getMessage());
        self::assertSame('unknown_version', $e->getKind());
        self::assertSame('seal.unknown_version', $e->getMessageCode());
        self::assertSame(['version' => 'v2'], $e->getMessageParams());
    }

    public function testKeyMaterialAndLimits(): void
    {
        $e = self::thrown(CryptoException::class, static fn () => new Sealer(str_repeat('k', 31)));
        self::assertSame('key_too_short', $e->getKind());
        self::assertSame(['len' => '31'], $e->getMessageParams());
        self::assertStringContainsString('at least 32', $e->getMessage());
        self::assertStringNotContainsString('wp-config', $e->getMessage(), 'the host adds its own advice');
        self::assertInstanceOf(Sealer::class, new Sealer(random_bytes(32)));
        $sealer = new Sealer(self::KEY);
        self::thrown(CryptoException::class, static fn () => $sealer->seal(str_repeat('x', 65537), 'DE', 'f'));
        self::validationErrors(static fn () => $sealer->seal("\xff", 'DE', 'f'), ['plaintext']);
    }

    public function testTheKeyNeverShows(): void
    {
        $sealer = new Sealer(self::KEY);
        self::assertStringNotContainsString('site key', print_r($sealer, true));
        self::assertStringNotContainsString('site key', var_export((array) $sealer, true));
        $this->expectException(\Exception::class);
        serialize($sealer);
    }
}
