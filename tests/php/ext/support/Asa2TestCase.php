<?php
/**
 * Base class of the extension tests: assertions about the extension's exceptions.
 */

declare(strict_types=1);

namespace Asa2\Tests;

use PHPUnit\Framework\TestCase;

abstract class Asa2TestCase extends TestCase
{
    /**
     * Runs $call and returns the exception it threw, failing unless it is exactly $class.
     *
     * @template T of \Throwable
     * @param class-string<T> $class
     * @return T
     */
    protected static function thrown(string $class, callable $call): \Throwable
    {
        try {
            $call();
        } catch (\Throwable $e) {
            self::assertSame($class, get_class($e), 'unexpected ' . get_class($e) . ': ' . $e->getMessage());
            return $e;
        }
        self::fail("expected $class, nothing was thrown");
    }

    /**
     * Asserts a ValidationException from $call with errors under exactly $fields, and returns
     * its errors.
     *
     * @param list<string> $fields
     * @return array<string, list<string>>
     */
    protected static function validationErrors(callable $call, array $fields): array
    {
        $e = self::thrown(\Asa2\ValidationException::class, $call);
        $errors = $e->getErrors();
        self::assertSame($fields, array_keys($errors), $e->getMessage());
        foreach ($errors as $field => $messages) {
            self::assertIsString($field);
            self::assertNotEmpty($messages);
            self::assertSame(array_values($messages), $messages, 'messages are a list');
            foreach ($messages as $m) {
                self::assertIsString($m);
                self::assertNotSame('', trim($m));
                self::assertStringContainsString($m, $e->getMessage(), 'the message lists every error');
            }
        }
        return $errors;
    }
}
