<?php
/**
 * 100,000 calls (build, normalize, seal, open, validation failures) in one process: memory
 * stays flat, both PHP's own (memory_get_usage) and the process's (VmRSS).
 */

declare(strict_types=1);

namespace Asa2\Tests;

use Asa2\CreatorsApi;
use Asa2\MarketplaceConfig;
use Asa2\Marketplaces;
use Asa2\PaApi;
use Asa2\Sealer;
use Asa2\ValidationException;

final class MemoryTest extends Asa2TestCase
{
    private const CALLS = 100_000;
    private const WARM_UP = 5_000;

    private static function rssKb(): int
    {
        $status = (string) @file_get_contents('/proc/self/status');
        return preg_match('/^VmRSS:\s+(\d+) kB/m', $status, $m) ? (int) $m[1] : 0;
    }

    public function testMemoryStaysFlat(): void
    {
        $config = MarketplaceConfig::validate(MarketplaceConfigTest::form())['config'];
        $paapi = ['access_key' => 'AKIAIOSFODNN7EXAMPLE', 'secret_key' => 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'partner_tag' => 'mysite-21', 'marketplace' => 'DE'];
        $answer = (string) file_get_contents(Paths::fixtures() . '/paapi5/get_items_full/response.json');
        $creatorsAnswer = (string) file_get_contents(Paths::fixtures() . '/creators/get_items_full/response.json');
        self::assertNotSame('', $answer);
        $sealer = new Sealer(str_repeat('k', 32));
        $sealed = $sealer->seal('hunter2', 'DE', 'credential_secret');

        $calls = [
            static fn () => CreatorsApi::request('GetItems', $config, 'token', ['asins' => ['B08N5WRWNW', 'B0000000X1']]),
            static fn () => PaApi::request('SearchItems', $paapi, ['keywords' => 'kettle'], 1_700_000_000),
            static fn () => PaApi::parse('GetItems', 'DE', 200, [], $answer, 1_700_000_000),
            static fn () => CreatorsApi::parse('GetItems', $config, 200, [], $creatorsAnswer, 1_700_000_000),
            static fn () => $sealer->seal('hunter2', 'DE', 'credential_secret'),
            static fn () => $sealer->open($sealed, 'DE', 'credential_secret'),
            static function (): void {
                try {
                    Marketplaces::get('nowhere');
                } catch (ValidationException $e) {
                    $e->getErrors();
                }
            },
            static fn () => MarketplaceConfig::validate(MarketplaceConfigTest::form()),
        ];
        $n = count($calls);

        for ($i = 0; $i < self::WARM_UP; $i++) {
            $calls[$i % $n]();
        }
        gc_collect_cycles();
        $memBefore = memory_get_usage();
        $rssBefore = self::rssKb();

        $started = microtime(true);
        for ($i = 0; $i < self::CALLS; $i++) {
            $calls[$i % $n]();
        }
        $seconds = microtime(true) - $started;
        gc_collect_cycles();
        $memAfter = memory_get_usage();
        $rssAfter = self::rssKb();

        $report = sprintf('%d calls in %.1f s; memory_get_usage %d -> %d bytes; VmRSS %d -> %d kB', self::CALLS, $seconds, $memBefore, $memAfter, $rssBefore, $rssAfter);
        self::assertLessThanOrEqual($memBefore * 1.02 + 64 * 1024, $memAfter, $report);
        if ($rssBefore > 0) {
            self::assertLessThanOrEqual($rssBefore * 1.03 + 1024, $rssAfter, $report);
        }
    }
}
