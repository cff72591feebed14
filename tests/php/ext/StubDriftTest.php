<?php
/**
 * php-ext/asa2.stub.php is the contract the WordPress plugin codes against: the extension must
 * declare exactly its classes, constants (names and values) and methods (static-ness,
 * visibility, parameter names, count, optionality and types, return types), no more and no less.
 */

declare(strict_types=1);

namespace Asa2\Tests;

final class StubDriftTest extends Asa2TestCase
{
    private const STUB = __DIR__ . '/../../../php-ext/asa2.stub.php';

    /** @return array<string, array<string, mixed>> */
    private static function stub(): array
    {
        $cmd = escapeshellarg(PHP_BINARY) . ' -n ' . escapeshellarg(__DIR__ . '/support/describe.php')
            . ' ' . escapeshellarg(self::STUB) . ' 2>&1';
        exec($cmd, $lines, $status);
        $out = implode("\n", $lines);
        self::assertSame(0, $status, "describing the stub failed:\n$out");
        return json_decode($out, true, 512, JSON_THROW_ON_ERROR);
    }

    /** @return array<string, array<string, mixed>> */
    private static function extension(): array
    {
        $names = (new \ReflectionExtension('asa2'))->getClassNames();
        return asa2_describe_classes($names);
    }

    public function testTheStubIsValidPhp(): void
    {
        exec(escapeshellarg(PHP_BINARY) . ' -n -l ' . escapeshellarg(self::STUB) . ' 2>&1', $out, $status);
        self::assertSame(0, $status, implode("\n", $out));
    }

    public function testExtensionDeclaresExactlyTheStubsClasses(): void
    {
        $stub = array_keys(self::stub());
        $ext = array_keys(self::extension());
        self::assertSame([], array_values(array_diff($stub, $ext)), 'classes in the stub but not in the extension');
        self::assertSame([], array_values(array_diff($ext, $stub)), 'classes in the extension but not in the stub');
    }

    public function testEveryClassMatchesTheStub(): void
    {
        $stub = self::stub();
        $ext = self::extension();
        foreach ($stub as $class => $expected) {
            if (!isset($ext[$class])) {
                continue; // reported by testExtensionDeclaresExactlyTheStubsClasses
            }
            $actual = $ext[$class];
            // ext-php-rs gives every Rust-backed class a public constructor; for classes the stub
            // declares without one it refuses to instantiate (testStaticClassesCannotBeInstantiated).
            if (!isset($expected['methods']['__construct']) && isset($actual['methods']['__construct'])) {
                self::assertSame([], $actual['methods']['__construct']['params'], "$class::__construct");
                unset($actual['methods']['__construct']);
            }
            self::assertSame($expected['final'], $actual['final'], "$class: final");
            self::assertSame($expected['parent'], $actual['parent'], "$class: parent class");
            self::assertSame($expected['constants'], $actual['constants'], "$class: constants");
            self::assertSame(
                array_keys($expected['methods']),
                array_keys($actual['methods']),
                "$class: method names"
            );
            foreach ($expected['methods'] as $name => $method) {
                self::assertSame($method, $actual['methods'][$name], "$class::$name()");
            }
        }
    }

    public function testStaticClassesCannotBeInstantiated(): void
    {
        $stub = self::stub();
        $checked = 0;
        foreach ($stub as $class => $expected) {
            if (isset($expected['methods']['__construct']) || is_a($class, \Throwable::class, true)) {
                continue;
            }
            if (!class_exists($class)) {
                continue;
            }
            try {
                new $class();
                self::fail("$class can be instantiated");
            } catch (\Throwable $e) {
                self::assertStringContainsString('cannot instantiate', strtolower($e->getMessage()));
            }
            $checked++;
        }
        self::assertGreaterThan(0, $checked);
    }
}
