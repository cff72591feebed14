<?php
/**
 * Writes the shop logos of the AmazonLogoSmallUrl / AmazonLogoLargeUrl placeholders into
 * wordpress-plugin/asa2-creators/assets/logos: a plain one per size and, for ASA2's "Localized
 * shop logos" option, one per marketplace naming its store (amazon.de). They are simple
 * wordmarks drawn here (text on a rounded label), not Amazon's artwork.
 * tests/php/ext/ShopLogosTest.php fails when a file is missing or out of date.
 *
 * Usage: php -d extension=target/release/libasa2.so scripts/shop-logos.php [--check]
 */

declare(strict_types=1);

/** Pixel sizes (width, height, font size) of the two logos. */
const ASA2_LOGO_SIZES = ['small' => [120, 30, 15], 'large' => [240, 60, 30]];

/** The SVG of one logo showing $text. */
function asa2_shop_logo(string $text, int $width, int $height, int $font): string
{
    $radius = intdiv($height, 5);
    $baseline = intdiv($height * 2, 3);
    $underline = $baseline + intdiv($font, 3);
    return sprintf(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%1\$d\" height=\"%2\$d\" viewBox=\"0 0 %1\$d %2\$d\" role=\"img\" aria-label=\"%3\$s\">\n"
        . "<rect width=\"%1\$d\" height=\"%2\$d\" rx=\"%4\$d\" fill=\"#232f3e\"/>\n"
        . "<text x=\"%5\$d\" y=\"%6\$d\" text-anchor=\"middle\" font-family=\"Arial, Helvetica, sans-serif\" font-size=\"%7\$d\" font-weight=\"bold\" fill=\"#ffffff\">%3\$s</text>\n"
        . "<path d=\"M%8\$d %9\$d H%10\$d\" stroke=\"#ff9900\" stroke-width=\"%11\$d\" stroke-linecap=\"round\"/>\n"
        . "</svg>\n",
        $width,
        $height,
        htmlspecialchars($text, ENT_XML1),
        $radius,
        intdiv($width, 2),
        $baseline,
        $font,
        intdiv($width, 4),
        $underline,
        intdiv($width * 3, 4),
        max(1, intdiv($font, 8))
    );
}

/** File name => SVG of every logo. */
function asa2_shop_logos(): array
{
    $files = [];
    foreach (ASA2_LOGO_SIZES as $size => [$width, $height, $font]) {
        $files["amazon-$size.svg"] = asa2_shop_logo('amazon', $width, $height, $font);
        foreach (\Asa2\Marketplaces::all() as $m) {
            $scaled = (int) round($font * min(1.0, 9 / max(9, strlen($m['domain']))));
            $files[sprintf('amazon-%s-%s.svg', $size, strtolower($m['code']))] = asa2_shop_logo($m['domain'], $width, $height, $scaled);
        }
    }
    return $files;
}

if (realpath($_SERVER['SCRIPT_FILENAME'] ?? '') === __FILE__) {
    if (!extension_loaded('asa2')) {
        fwrite(STDERR, "Load the asa2 extension: php -d extension=target/release/libasa2.so scripts/shop-logos.php\n");
        exit(1);
    }
    $dir = dirname(__DIR__) . '/wordpress-plugin/asa2-creators/assets/logos';
    $check = in_array('--check', $argv, true);
    $stale = [];
    foreach (asa2_shop_logos() as $name => $svg) {
        $path = "$dir/$name";
        if ($check) {
            if (!is_file($path) || file_get_contents($path) !== $svg) {
                $stale[] = $name;
            }
            continue;
        }
        if (!is_dir($dir) && !mkdir($dir, 0755, true)) {
            fwrite(STDERR, "Cannot create $dir\n");
            exit(1);
        }
        file_put_contents($path, $svg);
    }
    if ($stale) {
        fwrite(STDERR, 'Out of date: ' . implode(', ', $stale) . "; run scripts/shop-logos.php\n");
        exit(1);
    }
}
