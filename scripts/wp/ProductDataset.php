<?php
/**
 * A large set of stored products for benchmarks and index tests: rows of the plugin's products
 * table as its refresh stores them, replicated from a few real products with varied ASINs,
 * titles, prices and refresh times, written with multi-row INSERTs (thousands of rows a second).
 *
 *   $dataset = new ProductDataset($wpdb, $plugin->products()->name());
 *   $dataset->load(ProductDataset::templates($rows), 100000, time());
 *   $dataset->analyze();
 *
 * The templates are products stored through the plugin (ProductService::refresh against the
 * sandbox), so sizes and shapes are the real ones; the generated rows keep each template's
 * JSON and change only the ASIN (everywhere it occurs: URLs included), the title and the
 * price. The mix of rows (a fixed function of the row's number, so two loads of the same size
 * are the same): 90% loaded, 4% loaded with a failed last refresh, 4% never fetched (no data,
 * as a page's shortcode leaves them), 2% never loaded because their fetch failed; refresh
 * times spread over the last day, creation over the last year.
 *
 * @package Asa2\Tools
 */

declare(strict_types=1);

namespace Asa2\Tools;

use Asa2\Creators\Storage\ProductTable;

final class ProductDataset
{
    /** Rows per INSERT statement (about 3 KB each: well under max_allowed_packet's 16 MB). */
    private const BATCH = 400;

    private const BRANDS = ['Krups', 'Bosch', 'Philips', 'Anker', 'Logitech', 'Tefal', 'Braun', 'Sony', 'Ravensburger', 'Lego', 'Fissler', 'WMF', 'Melitta', 'Severin', 'Rowenta', 'Samsung', 'Makita', 'Gardena', 'Kärcher', 'Hama', 'Jako-o', 'Zwilling', 'Leifheit', 'Brita'];
    private const ADJECTIVES = ['compact', 'wireless', 'stainless', 'ergonomic', 'quiet', 'portable', 'digital', 'classic', 'professional', 'foldable', 'rechargeable', 'premium', 'electric', 'manual', 'smart', 'waterproof'];
    private const NOUNS = ['coffee grinder', 'kettle', 'headphones', 'keyboard', 'mouse', 'toaster', 'blender', 'drill', 'vacuum cleaner', 'puzzle', 'frying pan', 'water filter', 'power bank', 'charger', 'speaker', 'hair dryer', 'garden hose', 'pressure washer', 'knife set', 'ironing board', 'espresso machine', 'webcam', 'monitor', 'router'];
    private const DETAILS = ['with timer', 'for travel', '1000 pieces', '2 litres', 'USB-C', 'black', 'white', 'silver', 'set of 3', 'with case', 'for beginners', 'XL', 'Mühle', 'Edelstahl', 'für Kinder'];

    public function __construct(private \wpdb $wpdb, private string $table)
    {
    }

    /**
     * Templates from stored rows (ProductTable::find()/page() rows): the product models, keyed by
     * marketplace.
     *
     * @param list<array> $rows
     * @return array<string, list<array>>
     */
    public static function templates(array $rows): array
    {
        $out = [];
        foreach ($rows as $row) {
            if (is_array($row['item'] ?? null)) {
                $out[(string) $row['marketplace']][] = $row['item'];
            }
        }
        if (!$out) {
            throw new \RuntimeException('no stored product with data to replicate: refresh a few products through the plugin first');
        }
        return $out;
    }

    /**
     * Inserts $count generated rows numbered from $first (ASINs differ between numbers, so
     * loads with different $first add to each other).
     *
     * @param array<string, list<array>> $templates by marketplace (templates())
     * @return int rows inserted
     */
    public function load(array $templates, int $count, int $now, int $first = 0): int
    {
        $codes = array_keys($templates);
        $inserted = 0;
        $values = [];
        for ($n = $first; $n < $first + $count; $n++) {
            $code = $codes[$n % count($codes)];
            $list = $templates[$code];
            $values[] = $this->row_sql($list[intdiv($n, count($codes)) % count($list)], $code, $n, $now);
            if (count($values) === self::BATCH) {
                $inserted += $this->insert($values);
                $values = [];
            }
        }
        if ($values) {
            $inserted += $this->insert($values);
        }
        return $inserted;
    }

    /** ANALYZE TABLE: fresh index statistics, as a table that grew over time has them. */
    public function analyze(): void
    {
        $this->wpdb->query("ANALYZE TABLE {$this->table}");
    }

    /** The ASIN of generated row $n: B0 and eight base-36 characters. */
    public static function asin(int $n): string
    {
        return 'B0' . strtoupper(str_pad(base_convert((string) (1679616 + $n * 7919), 10, 36), 8, '0', STR_PAD_LEFT));
    }

    /** The title of generated row $n (words from a small vocabulary, as real catalogs repeat words). */
    public static function title(int $n): string
    {
        $h = crc32("title$n");
        return sprintf(
            '%s %s %s %s, model %s-%d',
            self::BRANDS[$h % count(self::BRANDS)],
            self::ADJECTIVES[intdiv($h, 7) % count(self::ADJECTIVES)],
            self::NOUNS[intdiv($h, 131) % count(self::NOUNS)],
            self::DETAILS[intdiv($h, 3571) % count(self::DETAILS)],
            chr(65 + $n % 26),
            100 + $n % 900,
        );
    }

    /** One row's VALUES tuple. */
    private function row_sql(array $template, string $code, int $n, int $now): string
    {
        $asin = self::asin($n);
        $title = self::title($n);
        $kind = $n % 50; // 0-44 loaded, 45-46 stale, 47-48 new, 49 failed
        $created = $now - 365 * 86400 + ($n * 104729) % (365 * 86400);
        $refreshed = $now - ($n * 7907) % 86400 - 60;
        $status = ProductTable::STATUS_LOADED;
        $error = null;
        $code_error = '';
        if ($kind >= 45 && $kind <= 46) {
            $status = ProductTable::STATUS_STALE;
            [$code_error, $error] = ['TooManyRequests', 'Amazon answered 429 Too Many Requests: the refresh tries again later.'];
        } elseif ($kind >= 47 && $kind <= 48) {
            $status = ProductTable::STATUS_NEW;
            $refreshed = 0;
        } elseif ($kind === 49) {
            $status = ProductTable::STATUS_FAILED;
            [$code_error, $error] = ['ItemNotAccessible', 'The item is not accessible through the Creators API.'];
        }
        $data = null;
        $source = ['', ''];
        $fetched = 0;
        if ($status === ProductTable::STATUS_LOADED || $status === ProductTable::STATUS_STALE) {
            $item = $template;
            $fetched = $refreshed - ($status === ProductTable::STATUS_STALE ? 3600 : 0);
            $item['title'] = $title;
            $item['fetched_at'] = $fetched;
            if (isset($item['price']) && is_array($item['price'])) {
                $item['price'] = self::price($item['price'], $n);
            }
            $data = str_replace((string) $template['asin'], $asin, (string) wp_json_encode($item));
            $source = [(string) ($item['source']['api'] ?? ''), (string) ($item['source']['version'] ?? '')];
        }
        return $this->wpdb->prepare(
            '(%s, %s, ' . (null === $data ? 'NULL' : '%s') . ', %d, %d, ' . (null === $error ? 'NULL' : '%s') . ', %s, %s, %s, NULL, %d, %s, %d)',
            ...array_values(array_filter(
                [$asin, $code, $data, $fetched, $refreshed, $error, $code_error, $source[0], $source[1], $created, mb_substr($data === null ? '' : $title, 0, 255), $status],
                static fn($v): bool => $v !== null,
            )),
        );
    }

    /** A price with another amount, its display text to match. */
    private static function price(array $price, int $n): array
    {
        $amount = round(4.99 + (crc32("price$n") % 49900) / 100, 2);
        if (isset($price['amount'])) {
            $price['amount'] = $amount;
        }
        if (isset($price['display']) && is_string($price['display'])) {
            $comma = (bool) preg_match('/\d,\d{2}(?!\d)/', $price['display']);
            $text = number_format($amount, 2, $comma ? ',' : '.', $comma ? '.' : ',');
            $price['display'] = (string) preg_replace('/\d[\d.,]*\d/', $text, $price['display'], 1);
        }
        return $price;
    }

    /** @param list<string> $values */
    private function insert(array $values): int
    {
        $sql = "INSERT INTO {$this->table} (asin, marketplace, data, fetched_at, refreshed_at, last_error, error_code, source_api, source_version, box_cache, created, title, status) VALUES "
            . implode(',', $values);
        $done = $this->wpdb->query($sql);
        if ($done === false) {
            throw new \RuntimeException('inserting generated products failed: ' . $this->wpdb->last_error);
        }
        return (int) $done;
    }
}
