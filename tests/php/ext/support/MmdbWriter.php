<?php
/**
 * Writes a small MaxMind DB (.mmdb, format 2.0, IPv4 tree, 24-bit records) mapping networks to
 * `{country: {iso_code: "AT"}}`, the shape GeoLite2-Country and DB-IP country files have, so
 * tests read a real database file without shipping a third party's data.
 * Spec: https://maxmind.github.io/MaxMind-DB/
 */

declare(strict_types=1);

namespace Asa2\Tests;

final class MmdbWriter
{
    /** @var array<string, string> "CIDR" => ISO code */
    private array $networks = [];

    public function add(string $cidr, string $isoCode): self
    {
        $this->networks[$cidr] = $isoCode;
        return $this;
    }

    public function write(string $path): void
    {
        // The data section: one record per country.
        $data = '';
        $offsets = [];
        foreach (array_unique(array_values($this->networks)) as $iso) {
            $offsets[$iso] = strlen($data);
            $data .= self::map(['country' => self::map(['iso_code' => self::str($iso)])]);
        }

        // The tree as nested arrays: a node is [left, right]; a leaf is ['data' => offset].
        $root = [null, null];
        foreach ($this->networks as $cidr => $iso) {
            [$ip, $bits] = explode('/', $cidr);
            $address = unpack('N', (string) inet_pton($ip))[1];
            $node = &$root;
            for ($i = 0; $i < (int) $bits; $i++) {
                $bit = ($address >> (31 - $i)) & 1;
                if ($i === (int) $bits - 1) {
                    $node[$bit] = ['data' => $offsets[$iso]];
                    break;
                }
                if (!is_array($node[$bit]) || isset($node[$bit]['data'])) {
                    $node[$bit] = [null, null];
                }
                $node = &$node[$bit];
            }
            unset($node);
        }

        // Number the nodes breadth first (the root is node 0): children get the next numbers in
        // the order the records below are written.
        $nodes = [];
        $queue = [$root];
        while ($queue) {
            $current = array_shift($queue);
            $nodes[] = $current;
            foreach ([0, 1] as $side) {
                if (is_array($current[$side]) && !isset($current[$side]['data'])) {
                    $queue[] = $current[$side];
                }
            }
        }
        $count = count($nodes);
        $tree = '';
        $next = 1;
        foreach ($nodes as $n) {
            foreach ([0, 1] as $side) {
                $child = $n[$side];
                if (null === $child) {
                    $value = $count;
                } elseif (isset($child['data'])) {
                    $value = $count + 16 + $child['data'];
                } else {
                    $value = $next++;
                }
                $tree .= substr(pack('N', $value), 1);
            }
        }

        $metadata = self::map([
            'binary_format_major_version' => self::uint16(2),
            'binary_format_minor_version' => self::uint16(0),
            'build_epoch' => self::uint64(1700000000),
            'database_type' => self::str('ASA2-Test-Country'),
            'description' => self::map(['en' => self::str('asa2-creators test database')]),
            'ip_version' => self::uint16(4),
            'languages' => self::arr([self::str('en')]),
            'node_count' => self::uint32($count),
            'record_size' => self::uint16(24),
        ]);
        file_put_contents($path, $tree . str_repeat("\0", 16) . $data . "\xAB\xCD\xEFMaxMind.com" . $metadata);
    }

    private static function control(int $type, int $size): string
    {
        if ($size >= 29) {
            throw new \LogicException('sizes of 29 and more are not needed here');
        }
        return $type <= 7 ? chr(($type << 5) | $size) : chr($size) . chr($type - 7);
    }

    private static function str(string $s): string
    {
        return self::control(2, strlen($s)) . $s;
    }

    /** @param array<string, string> $entries key => encoded value */
    private static function map(array $entries): string
    {
        $out = self::control(7, count($entries));
        foreach ($entries as $key => $value) {
            $out .= self::str((string) $key) . $value;
        }
        return $out;
    }

    /** @param list<string> $items encoded values */
    private static function arr(array $items): string
    {
        return self::control(11, count($items)) . implode('', $items);
    }

    private static function uint(int $type, int $value): string
    {
        $bytes = ltrim(pack('J', $value), "\0");
        return self::control($type, strlen($bytes)) . $bytes;
    }

    private static function uint16(int $v): string
    {
        return self::uint(5, $v);
    }

    private static function uint32(int $v): string
    {
        return self::uint(6, $v);
    }

    private static function uint64(int $v): string
    {
        return self::uint(9, $v);
    }
}
