<?php
/** Asa2\Template: rendering stored products, escaping, price age, partner tags, errors. */

declare(strict_types=1);

namespace Asa2\Tests;

use Asa2\Template;

final class TemplateTest extends Asa2TestCase
{
    private const NOW = 1_780_000_000;

    /** A stored product as CreatorsApi::parse() returns it. */
    private static function item(array $override = []): array
    {
        return array_replace([
            'asin' => 'B0TEMPL001',
            'marketplace' => 'DE',
            'source' => ['api' => 'creators', 'version' => '2.2'],
            'title' => 'Kettle',
            'detail_page_url' => 'https://www.amazon.de/dp/B0TEMPL001?tag=demo-de-21&linkCode=ogi',
            'brand' => 'Acme',
            'features' => ['One', 'Two'],
            'price' => ['amount' => '19.99', 'currency' => 'EUR', 'display' => '19,99 €'],
            'fetched_at' => self::NOW - 60,
        ], $override);
    }

    public function testRendersPlaceholders(): void
    {
        $html = Template::render('{{ Title }}|{{ Brand }}|{{ Price }}|{{ Api }} {{ ApiVersion }}|{% for f in Features %}[{{ f }}]{% endfor %}', self::item(), self::NOW);
        self::assertSame('Kettle|Acme|19,99 €|Creators API 2.2|[One][Two]', $html);
    }

    public function testEscapesProductText(): void
    {
        $html = Template::render('<h3>{{ Title }}</h3>', self::item(['title' => '<script>alert(1)</script>']), self::NOW);
        self::assertStringNotContainsString('<script>', $html);
        self::assertStringContainsString('&lt;script&gt;', $html);
    }

    public function testHidesPricesOlderThanADay(): void
    {
        $item = self::item(['fetched_at' => self::NOW - 25 * 3600]);
        self::assertSame('|true', Template::render('{{ Price }}|{{ PriceHidden }}', $item, self::NOW));
        self::assertSame('19,99 €|false', Template::render('{{ Price }}|{{ PriceHidden }}', self::item(), self::NOW));
    }

    public function testRenderWithExpiryTellsWhenThePriceMustGo(): void
    {
        $source = '{{ Price }}|{{ PriceHidden }}|{{ DetailPageURL|safe }}';
        $fetched = self::NOW - 60;
        $entry = Template::renderWithExpiry($source, self::item(), self::NOW, 'other-21');
        self::assertSame(['html', 'valid_until'], array_keys($entry));
        self::assertSame(Template::render($source, self::item(), self::NOW, 'other-21'), $entry['html']);
        self::assertSame($fetched + 24 * 3600 + 1, $entry['valid_until']);

        // The last valid second still renders the same HTML; the first invalid one does not.
        $until = $entry['valid_until'];
        self::assertSame($entry['html'], Template::render($source, self::item(), $until - 1, 'other-21'));
        $after = Template::renderWithExpiry($source, self::item(), $until, 'other-21');
        self::assertNotSame($entry['html'], $after['html']);
        self::assertStringStartsWith('|true|', $after['html']);
        self::assertNull($after['valid_until'], 'hidden prices do not change with time');
        self::assertNull(Template::renderWithExpiry($source, self::item(['violates_map' => true]), self::NOW)['valid_until']);
        self::validationErrors(static fn () => Template::renderWithExpiry('{% if %}', self::item(), self::NOW), ['template']);
    }

    public function testRenderJsonWithExpiryRendersTheStoredText(): void
    {
        $source = '{{ Title }}|{{ Price }}|{% for f in Features %}[{{ f }}]{% endfor %}|{{ DetailPageURL|safe }}';
        foreach ([self::item(), self::item(['fetched_at' => self::NOW - 25 * 3600, 'title' => '<b>"Kettle" & co</b> €']), self::item(['violates_map' => true])] as $item) {
            self::assertSame(
                Template::renderWithExpiry($source, $item, self::NOW, 'other-21'),
                Template::renderJsonWithExpiry($source, (string) json_encode($item), self::NOW, 'other-21'),
            );
        }
        // As wp_json_encode() stores it: slashes and non-ASCII characters escaped.
        $wp = (string) json_encode(self::item(['title' => 'Wasserkocher 1,7 l / grün']));
        self::assertStringContainsString('l \\/ gr\\u00fcn', $wp);
        self::assertSame('Wasserkocher 1,7 l &#x2f; grün', Template::renderJsonWithExpiry('{{ Title }}', $wp, self::NOW)['html']);
        self::validationErrors(static fn () => Template::renderJsonWithExpiry('{{ Title }}', '{"title": "x"}', self::NOW), ['item']);
        self::validationErrors(static fn () => Template::renderJsonWithExpiry('{{ Title }}', '{not json', self::NOW), ['item']);
        self::validationErrors(static fn () => Template::renderJsonWithExpiry('{% if %}', (string) json_encode(self::item()), self::NOW), ['template']);
    }

    public function testPartnerTagReplacesTheStoredOne(): void
    {
        $html = Template::render('{{ DetailPageURL|safe }}', self::item(), self::NOW, 'other-21');
        self::assertStringContainsString('tag=other-21', $html);
        self::assertStringNotContainsString('demo-de-21', $html);
        self::assertStringContainsString('tag=demo-de-21', Template::render('{{ DetailPageURL|safe }}', self::item(), self::NOW, null));
        self::assertStringContainsString('tag=demo-de-21', Template::render('{{ DetailPageURL|safe }}', self::item(), self::NOW, ''));
    }

    public function testTheDefaultTemplateRenders(): void
    {
        $default = Template::defaultTemplate();
        self::assertStringContainsString('{{ Title }}', $default);
        Template::check($default);
        $html = Template::render($default, self::item(), self::NOW);
        self::assertStringContainsString('asa2-box', $html);
        self::assertStringContainsString('Kettle', $html);
    }

    public function testCheckNamesTheLine(): void
    {
        $errors = self::validationErrors(static fn () => Template::check("<div>\n{{ Title \n</div>"), ['template']);
        self::assertMatchesRegularExpression('/line \d/', $errors['template'][0]);
        self::validationErrors(static fn () => Template::render('{% if %}', self::item(), self::NOW), ['template']);
        self::validationErrors(static fn () => Template::check("\xff"), ['template']);
    }

    public function testRefusesAnItemThatIsNotAProduct(): void
    {
        self::validationErrors(static fn () => Template::render('{{ Title }}', ['title' => 'x'], self::NOW), ['item']);
    }

    public function testManyTemplatesAndRepeatedRendersStayCorrect(): void
    {
        // More distinct templates than the per-worker cache holds, each rendered twice.
        for ($round = 0; $round < 2; $round++) {
            for ($i = 0; $i < 40; $i++) {
                self::assertSame("$i:Kettle", Template::render("$i:{{ Title }}", self::item(), self::NOW));
            }
        }
    }

    public function testRendersAsa2PlaceholdersAndSyntax(): void
    {
        $item = self::item([
            'list_price' => ['amount' => '24.99', 'currency' => 'EUR', 'display' => '24,99 €'],
            'savings' => ['amount' => '5.00', 'currency' => 'EUR', 'display' => '5,00 €', 'percentage' => 20],
            'features' => ['One <b>', 'Two'],
        ]);
        $source = "{% if FeaturesHTML is not empty %}\n<p>{{ FeaturesHTML }}</p>\n{% endif %}"
            . '{{ OffersAutoPriceAmount }}|{{ OffersAutoPriceInteger }}|{{ OffersAutoPriceCurrencyCode }}|'
            . '{{ OfferSalePriceFormattedPrice }}|{{ ListPriceFormattedPrice }}|{{ IsAvailable }}|[{{ IsPrime }}]|'
            . "{% if Brand is empty %}none{% elseif Brand == 'Acme' %}acme{% endif %}|"
            . '{{ OffersAutoPriceAmount|number_format(2, \',\', \'.\') }}';
        self::assertSame(
            "\n<p><ul><li>One &lt;b&gt;</li><li>Two</li></ul></p>\n19.99|1999|EUR|19,99 €|24,99 €|true|[]|acme|19,99",
            Template::render($source, $item, self::NOW)
        );
    }

    public function testShopLogosComeFromTheGivenFolder(): void
    {
        $source = '{{ AmazonLogoSmallUrl|raw }} {{ AmazonLogoLargeUrl|raw }}';
        self::assertSame(' ', Template::render($source, self::item(), self::NOW));
        self::assertSame(
            'https:&#x2f;&#x2f;example.org&#x2f;logos&#x2f;amazon-small.svg https:&#x2f;&#x2f;example.org&#x2f;logos&#x2f;amazon-large.svg',
            Template::render($source, self::item(), self::NOW, null, 'https://example.org/logos/')
        );
        $entry = Template::renderWithExpiry($source, self::item(), self::NOW, null, 'https://example.org/logos', true);
        self::assertStringContainsString('amazon-small-de.svg', $entry['html']);
    }

    public function testShopLogoFilesAreUpToDate(): void
    {
        require_once dirname(__DIR__, 3) . '/scripts/shop-logos.php';
        $dir = dirname(__DIR__, 3) . '/wordpress-plugin/asa2-creators/assets/logos';
        foreach (asa2_shop_logos() as $name => $svg) {
            self::assertStringEqualsFile("$dir/$name", $svg, "$name is out of date: run scripts/shop-logos.php");
        }
    }

    public function testWordPressFunctionsAreRefusedWithLineAndConstruct(): void
    {
        $errors = self::validationErrors(static fn () => Template::check("<p>\n{{ wp.get_post(8).post_title }}</p>"), ['template']);
        self::assertStringContainsString('line 2', $errors['template'][0]);
        self::assertStringContainsString('wp.get_post', $errors['template'][0]);
        try {
            Template::check("<p>\n{{ wp.get_post(8).post_title }}</p>");
            self::fail('a WordPress function must be refused');
        } catch (\Asa2\ValidationException $e) {
            $detail = $e->getDetails()[0];
            self::assertSame('template.syntax_line', $detail['code']);
            self::assertSame('2', $detail['params']['line']);
            self::assertSame('template.wp_function', $detail['params']['detail']['code']);
            self::assertSame(['construct' => 'wp.get_post'], $detail['params']['detail']['params']);
        }
    }

    public function testPlaceholdersAreDocumented(): void
    {
        $list = Template::placeholders();
        self::assertSame(array_values($list), $list);
        $names = array_column($list, 'name');
        foreach (['ASIN', 'Title', 'DetailPageURL', 'Price', 'ViolatesMAP', 'Api', 'ApiVersion'] as $name) {
            self::assertContains($name, $names);
        }
        foreach ($list as $p) {
            self::assertSame(['name', 'description', 'filled_by', 'sources', 'asa2_page'], array_keys($p));
            self::assertContains($p['filled_by'], ['both', 'creators', 'none']);
            self::assertSame($p['filled_by'] === 'none', $p['sources'] === '', $p['name']);
            self::assertNotSame('', $p['description']);
        }
        self::assertSame('creators', $list[array_search('ViolatesMAP', $names, true)]['filled_by']);
    }
}
