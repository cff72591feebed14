<?php
/** Asa2\PartnerTag: masking and checking tracking IDs. */

declare(strict_types=1);

namespace Asa2\Tests;

use Asa2\PartnerTag;

final class PartnerTagTest extends Asa2TestCase
{
    public function testMask(): void
    {
        self::assertSame('my****-21', PartnerTag::mask('mysite-21'));
        self::assertSame('a**-21', PartnerTag::mask('abc-21'));
        self::assertStringNotContainsString('secret', PartnerTag::mask('secretname'));
        self::assertSame('', PartnerTag::mask(''));
    }

    public function testCheckReturnsWarningsOnly(): void
    {
        self::assertSame([], PartnerTag::check('mysite-21', 'DE'));
        $warnings = PartnerTag::check(' mysite-20 ', 'DE');
        self::assertCount(1, $warnings);
        self::assertStringContainsString('-21', $warnings[0]);
    }

    public function testCheckReportsUnderTheGivenField(): void
    {
        self::validationErrors(static fn () => PartnerTag::check('', 'DE'), ['partner_tag']);
        self::validationErrors(static fn () => PartnerTag::check('bad tag!', 'US', 'tag_1'), ['tag_1']);
        self::validationErrors(static fn () => PartnerTag::check('mysite-21', 'XX'), ['marketplace']);
    }
}
