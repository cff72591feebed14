<?php
/**
 * The core's answer fixtures (crates/core/tests/fixtures) through the PHP parsers: each
 * answer must become exactly the case's expected.json.
 */

declare(strict_types=1);

namespace Asa2\Tests;

use Asa2\CreatorsApi;
use Asa2\MarketplaceConfig;
use Asa2\PaApi;
use PHPUnit\Framework\Attributes\DataProvider;

final class NormalizeFixturesTest extends Asa2TestCase
{
    /** @return array<string, array{string}> */
    public static function paapiCases(): array
    {
        $cases = [];
        foreach (glob(Paths::fixtures() . '/paapi5/*', GLOB_ONLYDIR) ?: [] as $dir) {
            $cases[basename($dir)] = [$dir];
        }
        return $cases;
    }

    /** @return array<string, array{string}> */
    public static function creatorsCases(): array
    {
        $cases = [];
        foreach (glob(Paths::fixtures() . '/creators/*', GLOB_ONLYDIR) ?: [] as $dir) {
            $cases[basename($dir)] = [$dir];
        }
        return $cases;
    }

    /** @return array<string, mixed> */
    private static function json(string $path): array
    {
        return json_decode((string) file_get_contents($path), true, 512, JSON_THROW_ON_ERROR);
    }

    public function testThereAreFixtures(): void
    {
        self::assertGreaterThanOrEqual(5, count(self::paapiCases()));
        self::assertGreaterThanOrEqual(5, count(self::creatorsCases()));
    }

    /** @dataProvider paapiCases */
    #[DataProvider('paapiCases')]
    public function testPaApiAnswer(string $dir): void
    {
        $case = self::json("$dir/case.json");
        $page = PaApi::parse(
            $case['operation'],
            $case['marketplace'],
            $case['status'],
            ['Content-Type' => 'application/json'],
            (string) file_get_contents("$dir/response.json"),
            $case['now']
        );
        self::assertSame(self::json("$dir/expected.json"), $page, $case['description']);
    }

    /** @dataProvider creatorsCases */
    #[DataProvider('creatorsCases')]
    public function testCreatorsApiAnswer(string $dir): void
    {
        $case = self::json("$dir/case.json");
        $cognito = str_starts_with($case['version'], '2.');
        $config = MarketplaceConfig::validate(MarketplaceConfigTest::form([
            'marketplace' => $case['marketplace'],
            'kind' => $cognito ? 'cognito' : 'lwa',
            'credential_id' => $cognito ? '4j5k6l7m8n9o0p1q2r3s4t5u6v' : 'amzn1.application-oa2-client.0123456789abcdef',
            'partner_tag' => 'mysite-' . \Asa2\Marketplaces::get($case['marketplace'])['tag_suffix'],
        ]))['config'];
        self::assertSame($case['version'], $config['api_version']);
        $page = CreatorsApi::parse(
            $case['operation'],
            $config,
            $case['status'],
            ['Content-Type' => 'application/json'],
            (string) file_get_contents("$dir/response.json"),
            $case['now']
        );
        self::assertSame(self::json("$dir/expected.json"), $page, $case['description']);
    }
}
