<?php
/** The exception hierarchy and its accessors. */

declare(strict_types=1);

namespace Asa2\Tests;

use Asa2\ApiException;
use Asa2\AuthException;
use Asa2\CryptoException;
use Asa2\Exception;
use Asa2\Marketplaces;
use Asa2\NotEligibleException;
use Asa2\ThrottledException;
use Asa2\ValidationException;

final class ExceptionsTest extends Asa2TestCase
{
    public function testHierarchy(): void
    {
        self::assertSame(\Exception::class, get_parent_class(Exception::class));
        foreach ([ValidationException::class, CryptoException::class, ApiException::class] as $c) {
            self::assertSame(Exception::class, get_parent_class($c), $c);
        }
        foreach ([AuthException::class, ThrottledException::class, NotEligibleException::class] as $c) {
            self::assertSame(ApiException::class, get_parent_class($c), $c);
        }
    }

    public function testAccessorsHaveDefaultsWhenConstructedInPhp(): void
    {
        $e = new ValidationException('m');
        self::assertSame([], $e->getErrors());
        self::assertSame('m', $e->getMessage());
        foreach ([ApiException::class, AuthException::class, ThrottledException::class, NotEligibleException::class] as $c) {
            $e = new $c('m', 7);
            self::assertSame('', $e->getErrorCode(), $c);
            self::assertSame(0, $e->getHttpStatus(), $c);
            self::assertNull($e->getField(), $c);
            self::assertNull($e->getRetryKind(), $c);
            self::assertSame(7, $e->getCode(), $c);
        }
        self::assertNull((new AuthException())->getHint());
        self::assertNull((new AuthException())->getHintDetails());
        self::assertSame('', (new ApiException())->getMessageCode());
        self::assertSame([], (new ValidationException())->getMessageParams());
        self::assertNull((new ThrottledException())->getRetryAfter());
    }

    public function testThrownExceptionsPointAtTheCaller(): void
    {
        $line = __LINE__ + 2;
        try {
            Marketplaces::get('nowhere');
        } catch (ValidationException $e) {
            self::assertSame(__FILE__, $e->getFile());
            self::assertSame($line, $e->getLine());
            self::assertSame('get', $e->getTrace()[0]['function']);
            self::assertSame(Marketplaces::class, $e->getTrace()[0]['class']);
            self::assertSame(0, $e->getCode());
            self::assertNull($e->getPrevious());
            self::assertSame(['marketplace'], array_keys($e->getErrors()));
            return;
        }
        self::fail('no exception');
    }

    public function testExtraDataIsNotWritableFromOutside(): void
    {
        $e = new ValidationException('m');
        $props = array_map(static fn (\ReflectionProperty $p): bool => $p->isPrivate(), (new \ReflectionClass($e))->getProperties());
        self::assertContains(true, $props);
        $this->expectException(\Error::class);
        (static function () use ($e): void {
            $e->errors = ['x' => ['y']];
        })();
    }
}
