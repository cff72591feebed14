<?php
/**
 * Where the shared test data lives, found the way the Rust tests find it.
 */

declare(strict_types=1);

namespace Asa2\Tests;

final class Paths
{
    /** The repository root. */
    public static function repo(): string
    {
        return dirname(__DIR__, 4);
    }

    /** The SigV4 suite: $ASA2_SIGV4_VECTORS, or ../shared/vectors/sigv4 beside the repository. */
    public static function sigv4Vectors(): string
    {
        $env = getenv('ASA2_SIGV4_VECTORS');
        return ($env !== false && $env !== '') ? $env : self::repo() . '/../shared/vectors/sigv4';
    }

    /** Whether missing vectors must fail the run (CI=true or ASA2_REQUIRE_VECTORS=1). */
    public static function vectorsRequired(): bool
    {
        return getenv('ASA2_REQUIRE_VECTORS') === '1' || getenv('CI') === 'true';
    }

    /** The core's answer fixtures (creators/, paapi5/). */
    public static function fixtures(): string
    {
        return self::repo() . '/crates/core/tests/fixtures';
    }
}
