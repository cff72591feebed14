<?php
/** Asa2\Variations: which products are variation parents, and their summary kept on them. */

declare(strict_types=1);

namespace Asa2\Tests;

use Asa2\Template;
use Asa2\ValidationException;
use Asa2\Variations;

final class VariationsTest extends Asa2TestCase
{
    private const NOW = 1_780_000_000;

    /** A parent product as CreatorsApi::parse() returns it from GetItems: no offer of its own. */
    private static function parent(array $override = []): array
    {
        return array_replace([
            'asin' => 'B0VARIA010',
            'marketplace' => 'US',
            'source' => ['api' => 'creators', 'version' => '2.1'],
            'title' => 'Shirt',
            'price' => null,
            'parent_asin' => null,
            'variation_attributes' => [],
            'variation_summary' => null,
            'fetched_at' => self::NOW - 60,
        ], $override);
    }

    /** A GetVariations answer as CreatorsApi::parse() returns it. */
    private static function page(?array $summary): array
    {
        return ['operation' => 'GetVariations', 'items' => [], 'errors' => [], 'variation_summary' => $summary];
    }

    public function testParentsHaveNoOfferNoOtherParentAndNoVariationValues(): void
    {
        self::assertTrue(Variations::isParent(self::parent()));
        self::assertTrue(Variations::isParent(self::parent(['parent_asin' => 'B0VARIA010'])));
        self::assertFalse(Variations::isParent(self::parent(['parent_asin' => 'B0VARIA000'])));
        self::assertFalse(Variations::isParent(self::parent(['variation_attributes' => [['name' => 'size_name', 'value' => 'XL']]])));
        self::assertFalse(Variations::isParent(self::parent(['price' => ['amount' => '9.99', 'currency' => 'USD', 'display' => '$9.99']])));
    }

    public function testTheSummaryIsKeptAndRendersAsa2sVariationsPlaceholders(): void
    {
        $summary = [
            'page_count' => 1,
            'variation_count' => 3,
            'lowest_price' => ['amount' => '19.99', 'currency' => 'USD', 'display' => '$19.99'],
            'highest_price' => ['amount' => '55.00', 'currency' => 'USD', 'display' => '$55.00'],
            'dimensions' => [['name' => 'size_name', 'display_name' => 'Size', 'locale' => 'en_US', 'values' => ['S', 'M', 'L']]],
        ];
        $item = Variations::attach(self::parent(), self::page($summary));
        self::assertSame('19.99', $item['variation_summary']['lowest_price']['amount']);
        self::assertSame('Shirt', $item['title']);
        self::assertSame(
            '$19.99 - $55.00|5500|$19.99 - $55.00|19.99|3',
            Template::render('{{ VariationsOffer }}|{{ VariationsHighestInteger }}|{{ OffersMainPriceFormattedPrice }}|{{ OffersAutoPriceAmount }}|{{ VariationCount }}', $item, self::NOW)
        );
        self::assertTrue(Variations::isParent($item), 'asked again on the next refresh');
        // An answer without a summary (or NoResults) says there are none; it is not asked again.
        $none = Variations::attach($item, ['operation' => 'GetVariations']);
        self::assertSame(0, $none['variation_summary']['variation_count']);
        self::assertNull($none['variation_summary']['lowest_price']);
        self::assertFalse(Variations::isParent($none));
        self::assertSame(0, Variations::attach(self::parent(), self::page(null))['variation_summary']['variation_count']);
        self::assertSame('[]0', Template::render('[{{ VariationsOffer }}]{{ VariationCount }}', $none, self::NOW));
    }

    public function testSomethingElseIsRefusedNamingTheArgument(): void
    {
        try {
            Variations::attach(self::parent(), ['items' => 'no']);
            self::fail('no exception');
        } catch (ValidationException $e) {
            self::assertArrayHasKey('page', $e->getErrors());
        }
    }
}
