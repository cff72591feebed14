<?php
/** docs/placeholders.md lists exactly the placeholders Asa2\Template::placeholders() documents. */

declare(strict_types=1);

namespace Asa2\Tests;

require_once __DIR__ . '/../../../scripts/placeholders-doc.php';

final class PlaceholdersDocTest extends Asa2TestCase
{
    public function testTheDocsAreGeneratedFromTheExtension(): void
    {
        $file = Paths::repo() . '/docs/placeholders.md';
        self::assertFileExists($file);
        self::assertSame(
            asa2_placeholders_markdown(),
            file_get_contents($file),
            'docs/placeholders.md is out of date: run php -d extension=target/release/libasa2.so scripts/placeholders-doc.php'
        );
    }

    public function testEveryPlaceholderAndItsApiIsListed(): void
    {
        $doc = (string) file_get_contents(Paths::repo() . '/docs/placeholders.md');
        foreach (\Asa2\Template::placeholders() as $p) {
            $by = match ($p['filled_by']) {
                'creators' => 'Creators API only',
                'none' => 'Nobody (Amazon no longer provides it)',
                'both' => 'Creators API and PA-API 5.0',
            };
            self::assertStringContainsString(sprintf('| `{{ %s }}` | %s |', $p['name'], $by), $doc);
        }
    }
}
