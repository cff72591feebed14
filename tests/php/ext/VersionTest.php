<?php
/** Asa2\Version and the phpinfo() section. */

declare(strict_types=1);

namespace Asa2\Tests;

use Asa2\Version;

final class VersionTest extends Asa2TestCase
{
    public function testVersionsAreSemverAndMatchTheExtension(): void
    {
        self::assertMatchesRegularExpression('/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/', Version::extension());
        self::assertMatchesRegularExpression('/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/', Version::core());
        self::assertSame(phpversion('asa2'), Version::extension());
        self::assertSame(Version::extension(), (new \ReflectionExtension('asa2'))->getVersion());
    }

    public function testPhpinfoShowsVersionsAndBuildProfile(): void
    {
        ob_start();
        (new \ReflectionExtension('asa2'))->info();
        $info = (string) ob_get_clean();
        self::assertMatchesRegularExpression('/extension version => ' . preg_quote(Version::extension(), '/') . '/', $info);
        self::assertMatchesRegularExpression('/core version => ' . preg_quote(Version::core(), '/') . '/', $info);
        self::assertMatchesRegularExpression('/build profile => (debug|release)/', $info);
    }
}
