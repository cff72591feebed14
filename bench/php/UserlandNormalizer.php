<?php
/**
 * The baseline of the normalization benchmark: what a site does without the extension.
 * `json_decode` of a Creators API GetItems answer, then plain PHP array mapping of every item
 * into the product model (docs: item model), the same keys and shape as
 * Asa2\CreatorsApi::parse() returns: missing or wrongly typed fields become null (or []),
 * amounts stay decimal strings, the featured offer is the buy-box winner or else the first
 * listing.
 */

declare(strict_types=1);

namespace Asa2Bench;

final class UserlandNormalizer
{
    /**
     * @return array{items: list<array>, errors: list<array{asin: ?string, code: string, message: string}>}
     */
    public static function getItems(string $body, string $marketplace, string $version, int $now): array
    {
        $root = json_decode($body, true, 512, JSON_THROW_ON_ERROR);
        if (!is_array($root)) {
            throw new \UnexpectedValueException('the answer is not a JSON object');
        }
        $items = [];
        $errors = [];
        $list = $root['itemsResult']['items'] ?? [];
        foreach (is_array($list) ? $list : [] as $index => $node) {
            $asin = is_array($node) ? self::text($node['asin'] ?? null) : null;
            if ($asin === null) {
                $errors[] = [
                    'asin' => null,
                    'code' => 'MalformedItem',
                    'message' => sprintf("Item %d of Amazon's answer has no ASIN, so it was left out.", $index + 1),
                ];
                continue;
            }
            $items[] = self::item($node, $asin, $marketplace, $version, $now);
        }
        foreach ((array) ($root['errors'] ?? []) as $e) {
            if (is_array($e)) {
                $errors[] = [
                    'asin' => self::text($e['asin'] ?? null),
                    'code' => self::text($e['code'] ?? null) ?? 'Unknown',
                    'message' => self::text($e['message'] ?? null) ?? '',
                ];
            }
        }
        return ['items' => $items, 'errors' => $errors];
    }

    private static function item(array $n, string $asin, string $marketplace, string $version, int $now): array
    {
        $info = $n['itemInfo'] ?? [];
        $byLine = $info['byLineInfo'] ?? [];
        $images = $n['images'] ?? [];
        $nodes = $n['browseNodeInfo'] ?? [];
        $reviews = $n['customerReviews'] ?? null;

        $item = [
            'asin' => $asin,
            'marketplace' => $marketplace,
            'source' => ['api' => 'creators', 'version' => $version],
            'parent_asin' => self::text($n['parentASIN'] ?? null),
            'title' => self::text($info['title']['displayValue'] ?? null),
            'detail_page_url' => self::text($n['detailPageURL'] ?? null),
            'brand' => self::text($byLine['brand']['displayValue'] ?? null),
            'manufacturer' => self::text($byLine['manufacturer']['displayValue'] ?? null),
            'features' => self::texts($info['features']['displayValues'] ?? null),
            'contributors' => [],
            'external_ids' => [
                'eans' => self::texts($info['externalIds']['eans']['displayValues'] ?? null),
                'isbns' => self::texts($info['externalIds']['isbns']['displayValues'] ?? null),
                'upcs' => self::texts($info['externalIds']['upcs']['displayValues'] ?? null),
            ],
            'product_info' => self::productInfo($info['productInfo'] ?? null),
            'manufacture_info' => [
                'item_part_number' => self::text($info['manufactureInfo']['itemPartNumber']['displayValue'] ?? null),
                'model' => self::text($info['manufactureInfo']['model']['displayValue'] ?? null),
                'warranty' => self::text($info['manufactureInfo']['warranty']['displayValue'] ?? null),
            ],
            'classifications' => [
                'binding' => self::text($info['classifications']['binding']['displayValue'] ?? null),
                'product_group' => self::text($info['classifications']['productGroup']['displayValue'] ?? null),
            ],
            'content_info' => self::contentInfo($info['contentInfo'] ?? null),
            'audience_rating' => self::text($info['contentRating']['audienceRating']['displayValue'] ?? null),
            'technical_info' => [
                'energy_efficiency_class' => self::text($info['technicalInfo']['energyEfficiencyClass']['displayValue'] ?? null),
                'formats' => self::texts($info['technicalInfo']['formats']['displayValues'] ?? null),
            ],
            'trade_in' => null,
            'images' => [
                'primary' => self::imageSet($images['primary'] ?? null),
                'variants' => array_values(array_filter(array_map(
                    self::imageSet(...),
                    self::list($images['variants'] ?? null),
                ))),
            ],
            'price' => null,
            'list_price' => null,
            'list_price_type' => null,
            'list_price_label' => null,
            'savings' => null,
            'price_per_unit' => null,
            'loyalty_points' => null,
            'offer_type' => null,
            'availability' => null,
            'condition' => null,
            'sub_condition' => null,
            'condition_note' => null,
            'merchant' => null,
            'is_buy_box_winner' => null,
            'violates_map' => null,
            'deal' => null,
            'browse_nodes' => [],
            'sales_rank' => self::unsigned($nodes['websiteSalesRank']['salesRank'] ?? null),
            'sales_rank_category' => self::nodeRef($nodes['websiteSalesRank'] ?? null),
            'variation_attributes' => [],
            'customer_reviews' => null,
            'score' => self::decimal($n['score'] ?? null),
            'fetched_at' => $now,
        ];
        foreach (self::list($byLine['contributors'] ?? null) as $c) {
            $name = self::text($c['name'] ?? null);
            if ($name !== null) {
                $item['contributors'][] = [
                    'name' => $name,
                    'role' => self::text($c['role'] ?? null),
                    'role_type' => self::text($c['roleType'] ?? null),
                    'locale' => self::text($c['locale'] ?? null),
                ];
            }
        }
        $tradeIn = $info['tradeInInfo'] ?? null;
        if (is_array($tradeIn)) {
            $item['trade_in'] = [
                'is_eligible' => self::bool($tradeIn['isEligibleForTradeIn'] ?? null),
                'price' => self::money($tradeIn['price'] ?? null),
            ];
        }

        $listing = self::featuredListing(self::list($n['offersV2']['listings'] ?? null));
        if ($listing !== null) {
            $price = is_array($listing['price'] ?? null) ? $listing['price'] : [];
            $item['price'] = self::money($price);
            $item['list_price'] = self::money($price['savingBasis'] ?? null);
            $basis = $price['savingBasis'] ?? null;
            $item['list_price_type'] = self::text($basis['savingBasisType'] ?? null);
            $item['list_price_label'] = self::text($basis['savingBasisTypeLabel'] ?? null);
            $item['price_per_unit'] = self::money($price['pricePerUnit'] ?? null);
            $item['loyalty_points'] = self::unsigned($listing['loyaltyPoints']['points'] ?? null);
            $item['offer_type'] = self::text($listing['type'] ?? null);
            $savings = $price['savings'] ?? null;
            $percentage = self::unsigned($savings['percentage'] ?? null);
            $money = self::money($savings);
            if ($money !== null || $percentage !== null) {
                $money ??= ['amount' => null, 'currency' => null, 'display' => null];
                $item['savings'] = $money + ['percentage' => $percentage];
            }
            $a = $listing['availability'] ?? null;
            if (is_array($a)) {
                $item['availability'] = [
                    'type' => self::text($a['type'] ?? null),
                    'message' => self::text($a['message'] ?? null),
                    'min_order_quantity' => self::unsigned($a['minOrderQuantity'] ?? null),
                    'max_order_quantity' => self::unsigned($a['maxOrderQuantity'] ?? null),
                ];
            }
            $item['condition'] = self::text($listing['condition']['value'] ?? null);
            $item['sub_condition'] = self::text($listing['condition']['subCondition'] ?? null);
            $item['condition_note'] = self::text($listing['condition']['conditionNote'] ?? null);
            $m = $listing['merchantInfo'] ?? null;
            if (is_array($m)) {
                $item['merchant'] = ['name' => self::text($m['name'] ?? null), 'id' => self::text($m['id'] ?? null)];
            }
            $item['is_buy_box_winner'] = self::bool($listing['isBuyBoxWinner'] ?? null);
            $item['violates_map'] = self::bool($listing['violatesMAP'] ?? null);
            $d = $listing['dealDetails'] ?? null;
            if (is_array($d)) {
                $item['deal'] = [
                    'access_type' => self::text($d['accessType'] ?? null),
                    'badge' => self::text($d['badge'] ?? null),
                    'start_time' => self::text($d['startTime'] ?? null),
                    'end_time' => self::text($d['endTime'] ?? null),
                    'percent_claimed' => self::unsigned($d['percentClaimed'] ?? null),
                    'early_access_duration_ms' => self::unsigned($d['earlyAccessDurationInMilliseconds'] ?? null),
                ];
            }
        }

        foreach (self::list($nodes['browseNodes'] ?? null) as $b) {
            $id = self::text($b['id'] ?? null);
            if ($id !== null) {
                $item['browse_nodes'][] = [
                    'id' => $id,
                    'name' => self::text($b['displayName'] ?? null),
                    'context_free_name' => self::text($b['contextFreeName'] ?? null),
                    'is_root' => self::bool($b['isRoot'] ?? null),
                    'sales_rank' => self::unsigned($b['salesRank'] ?? null),
                    'ancestors' => self::ancestors($b),
                    'children' => array_values(array_filter(array_map(self::nodeRef(...), self::list($b['children'] ?? null)))),
                ];
            }
        }
        foreach (self::list($n['variationAttributes'] ?? null) as $v) {
            $name = self::text($v['name'] ?? null);
            if ($name !== null) {
                $item['variation_attributes'][] = ['name' => $name, 'value' => self::text($v['value'] ?? null)];
            }
        }
        if (is_array($reviews)) {
            $star = $reviews['starRating'] ?? null;
            $rating = self::decimal(is_array($star) ? ($star['value'] ?? null) : $star);
            $count = self::unsigned($reviews['count'] ?? null);
            if ($rating !== null || $count !== null) {
                $item['customer_reviews'] = ['star_rating' => $rating, 'count' => $count];
            }
        }
        return $item;
    }

    private static function productInfo(mixed $p): array
    {
        $value = static fn (string $k) => is_array($p) ? ($p[$k]['displayValue'] ?? null) : null;
        $d = is_array($p) ? ($p['itemDimensions'] ?? null) : null;
        return [
            'color' => self::text($value('color')),
            'size' => self::text($value('size')),
            'is_adult_product' => self::bool($value('isAdultProduct')),
            'unit_count' => self::unsigned($value('unitCount')),
            'release_date' => self::text($value('releaseDate')),
            'dimensions' => [
                'height' => self::measure($d['height'] ?? null),
                'length' => self::measure($d['length'] ?? null),
                'width' => self::measure($d['width'] ?? null),
                'weight' => self::measure($d['weight'] ?? null),
            ],
        ];
    }

    private static function contentInfo(mixed $c): array
    {
        $languages = [];
        foreach (self::list(is_array($c) ? ($c['languages']['displayValues'] ?? null) : null) as $l) {
            $name = self::text($l['displayValue'] ?? null);
            if ($name !== null) {
                $languages[] = ['name' => $name, 'type' => self::text($l['type'] ?? null)];
            }
        }
        return [
            'edition' => self::text(is_array($c) ? ($c['edition']['displayValue'] ?? null) : null),
            'languages' => $languages,
            'pages_count' => self::unsigned(is_array($c) ? ($c['pagesCount']['displayValue'] ?? null) : null),
            'publication_date' => self::text(is_array($c) ? ($c['publicationDate']['displayValue'] ?? null) : null),
        ];
    }

    /** `{displayValue, unit}`; null without a number. */
    private static function measure(mixed $m): ?array
    {
        $value = is_array($m) ? self::decimal($m['displayValue'] ?? null) : null;
        return $value === null ? null : ['value' => $value, 'unit' => self::text($m['unit'] ?? null)];
    }

    /** `{id, displayName, contextFreeName}`; null without an ID. */
    private static function nodeRef(mixed $n): ?array
    {
        $id = is_array($n) ? self::text($n['id'] ?? null) : null;
        if ($id === null) {
            return null;
        }
        return ['id' => $id, 'name' => self::text($n['displayName'] ?? null), 'context_free_name' => self::text($n['contextFreeName'] ?? null)];
    }

    /** The chain of `ancestor` members, nearest first. */
    private static function ancestors(array $n): array
    {
        $chain = [];
        $current = $n['ancestor'] ?? null;
        while (count($chain) < 32 && ($ref = self::nodeRef($current)) !== null) {
            $chain[] = $ref;
            $current = $current['ancestor'] ?? null;
        }
        return $chain;
    }

    /** The buy-box winner among the listings, else the first one. */
    private static function featuredListing(array $listings): ?array
    {
        foreach ($listings as $l) {
            if (($l['isBuyBoxWinner'] ?? null) === true) {
                return $l;
            }
        }
        return $listings[0] ?? null;
    }

    /** `{amount, currency, displayAmount}`, bare or wrapped in `{money: ...}`. */
    private static function money(mixed $node): ?array
    {
        if (!is_array($node)) {
            return null;
        }
        if (is_array($node['money'] ?? null)) {
            $node = $node['money'];
        }
        $money = [
            'amount' => self::decimal($node['amount'] ?? null),
            'currency' => self::text($node['currency'] ?? null),
            'display' => self::text($node['displayAmount'] ?? null),
        ];
        return $money['amount'] === null && $money['currency'] === null && $money['display'] === null ? null : $money;
    }

    private static function imageSet(mixed $node): ?array
    {
        if (!is_array($node)) {
            return null;
        }
        $set = [
            'small' => self::image($node['small'] ?? null),
            'medium' => self::image($node['medium'] ?? null),
            'large' => self::image($node['large'] ?? null),
            'hi_res' => self::image($node['hiRes'] ?? null),
        ];
        return array_filter($set) === [] ? null : $set;
    }

    private static function image(mixed $node): ?array
    {
        $url = is_array($node) ? self::text($node['url'] ?? null) : null;
        if ($url === null) {
            return null;
        }
        return ['url' => $url, 'width' => self::unsigned($node['width'] ?? null), 'height' => self::unsigned($node['height'] ?? null)];
    }

    /** @return list<array> the array members of a JSON list */
    private static function list(mixed $v): array
    {
        return is_array($v) ? array_values(array_filter($v, 'is_array')) : [];
    }

    /** A string, trimmed; blank reads as absent. */
    private static function text(mixed $v): ?string
    {
        if (!is_string($v)) {
            return null;
        }
        $v = trim($v);
        return $v === '' ? null : $v;
    }

    /** @return list<string> */
    private static function texts(mixed $v): array
    {
        return is_array($v) ? array_values(array_filter($v, 'is_string')) : [];
    }

    private static function bool(mixed $v): ?bool
    {
        return is_bool($v) ? $v : null;
    }

    private static function unsigned(mixed $v): ?int
    {
        return is_int($v) && $v >= 0 ? $v : null;
    }

    /** A JSON number or numeric string as a decimal string (`19.99` stays `19.99`). */
    private static function decimal(mixed $v): ?string
    {
        if (is_int($v) || is_float($v)) {
            return (string) $v;
        }
        return is_string($v) && is_numeric(trim($v)) ? trim($v) : null;
    }
}
