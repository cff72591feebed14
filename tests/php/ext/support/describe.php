<?php
/**
 * Describes classes through Reflection in one comparable shape, for the stub-drift test. Run as
 * a script (`php -n describe.php STUB`) it includes the stub in a PHP without the extension and
 * prints the description of every Asa2 class the stub declares, as JSON.
 */

declare(strict_types=1);

/**
 * @param list<string> $classNames
 * @return array<string, array<string, mixed>> class name => description
 */
function asa2_describe_classes(array $classNames): array
{
    $out = [];
    foreach ($classNames as $name) {
        $class = new ReflectionClass($name);
        $methods = [];
        foreach ($class->getMethods() as $method) {
            if ($method->getDeclaringClass()->getName() !== $class->getName()) {
                continue;
            }
            $params = [];
            foreach ($method->getParameters() as $p) {
                $params[] = [
                    'name' => $p->getName(),
                    'optional' => $p->isOptional(),
                    'type' => $p->hasType() ? (string) $p->getType() : null,
                ];
            }
            $methods[$method->getName()] = [
                'static' => $method->isStatic(),
                'visibility' => $method->isPublic() ? 'public' : ($method->isProtected() ? 'protected' : 'private'),
                'params' => $params,
                'return' => $method->hasReturnType() ? (string) $method->getReturnType() : null,
            ];
        }
        ksort($methods);
        $constants = [];
        foreach ($class->getReflectionConstants() as $constant) {
            if ($constant->getDeclaringClass()->getName() === $class->getName()) {
                $constants[$constant->getName()] = $constant->getValue();
            }
        }
        ksort($constants);
        $parent = $class->getParentClass();
        $out[$class->getName()] = [
            'final' => $class->isFinal(),
            'parent' => $parent ? $parent->getName() : null,
            'constants' => $constants,
            'methods' => $methods,
        ];
    }
    ksort($out);
    return $out;
}

if (PHP_SAPI === 'cli' && isset($argv[1]) && realpath($argv[0]) === realpath(__FILE__)) {
    if (extension_loaded('asa2')) {
        fwrite(STDERR, "describe.php must run without the asa2 extension (php -n)\n");
        exit(2);
    }
    require $argv[1];
    $names = array_values(array_filter(
        get_declared_classes(),
        static fn (string $c): bool => str_starts_with($c, 'Asa2\\')
    ));
    echo json_encode(asa2_describe_classes($names), JSON_PRETTY_PRINT | JSON_THROW_ON_ERROR), "\n";
}
