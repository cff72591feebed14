<?php
/**
 * Writes docs/placeholders.md from Asa2\Template::placeholders(), the list the templates use.
 * tests/php/ext/PlaceholdersDocTest.php fails when the file is out of date.
 *
 * Usage: php -d extension=target/release/libasa2.so scripts/placeholders-doc.php [--check]
 */

declare(strict_types=1);

/** The "Filled by" column for a placeholder's filled_by value. */
function asa2_placeholder_filled_by(string $filledBy): string
{
    return match ($filledBy) {
        'creators' => 'Creators API only',
        'none' => 'Nobody (Amazon no longer provides it)',
        default => 'Creators API and PA-API 5.0',
    };
}

/** The Markdown of docs/placeholders.md. */
function asa2_placeholders_markdown(): string
{
    $out = "# Template placeholders\n\n"
        . "Product templates (ASA2 -> Options -> Templates, the `template` attribute of `[asa2]`) write a\n"
        . "placeholder as `{{ Name }}`; values are HTML-escaped. Conditions and loops work as well:\n"
        . "`{% if Price %}...{% endif %}`, `{% for feature in Features %}...{% endfor %}`.\n\n"
        . "Prices are left empty (and `PriceHidden` is true) when the listing violates the minimum\n"
        . "advertised price or the price is older than 24 hours (Amazon's rule), until the next refresh.\n\n"
        . "\"Creators API only\" placeholders stay empty for products served by PA-API 5.0.\n"
        . "\"Nobody\" placeholders are ASA2 names whose data Amazon no longer provides: they render\n"
        . "empty, so ASA2 templates that use them still work.\n\n"
        . "ASA2's Twig syntax works: `{% if FeaturesHTML is not empty %}`, `{% elseif %}`, the\n"
        . "operators `c ? a : b`, `a ?: b`, `a ?? b` and the range `1..5`, `{% for key, value in ... %}`,\n"
        . "`loop.index`, `loop.first`, `loop.last`, ..., the tests `empty`, `null`, `defined`, `iterable`,\n"
        . "`even`, `odd`, and the filters `raw`, `striptags`, `number_format`, `slice`, `url_encode`,\n"
        . "`nl2br`, `date` (PHP's format letters, UTC: `{{ LastUpdate|date('d.m.Y') }}`) besides\n"
        . "`length`, `join`, `first`, `last`, `upper`, `lower`, `default`, `round`, ... `raw` prints\n"
        . "placeholder text escaped all the same: only the HTML placeholders ASA2 builds itself\n"
        . "(`FeaturesHTML`) print as HTML. Templates cannot call functions: ASA2's `wp.` WordPress\n"
        . "functions and `include` are refused with the line named.\n\n"
        . "The ASA2 page column names the page of ASA2's documentation (https://docs.getasa2.com/) that\n"
        . "documents the name; names without one are our own. `AmazonLogoSmallUrl` and\n"
        . "`AmazonLogoLargeUrl` point to logos the plugin serves (assets/logos); the option Localized\n"
        . "Shop Logos (ASA2 -> Options -> Products) makes them name the product's store.\n\n"
        . "This file is generated from `Asa2\\Template::placeholders()` by `scripts/placeholders-doc.php`.\n\n"
        . "| Placeholder | Filled by | Sources | ASA2 page | Description |\n|---|---|---|---|---|\n";
    foreach (\Asa2\Template::placeholders() as $p) {
        $sources = $p['sources'] === '' ? '-' : '`' . str_replace(', ', '`, `', $p['sources']) . '`';
        $out .= sprintf(
            "| `{{ %s }}` | %s | %s | %s | %s |\n",
            $p['name'],
            asa2_placeholder_filled_by($p['filled_by']),
            $sources,
            $p['asa2_page'] === '' ? '-' : '[' . $p['asa2_page'] . '](https://docs.getasa2.com/' . $p['asa2_page'] . ')',
            str_replace('|', '\\|', $p['description'])
        );
    }
    return $out;
}

if (realpath($_SERVER['SCRIPT_FILENAME'] ?? '') === __FILE__) {
    if (!extension_loaded('asa2')) {
        fwrite(STDERR, "Load the asa2 extension: php -d extension=target/release/libasa2.so scripts/placeholders-doc.php\n");
        exit(1);
    }
    $file = dirname(__DIR__) . '/docs/placeholders.md';
    $markdown = asa2_placeholders_markdown();
    if (in_array('--check', $argv, true)) {
        $same = is_file($file) && file_get_contents($file) === $markdown;
        fwrite($same ? STDOUT : STDERR, $same ? "docs/placeholders.md is up to date\n" : "docs/placeholders.md is out of date: run scripts/placeholders-doc.php\n");
        exit($same ? 0 : 1);
    }
    file_put_contents($file, $markdown);
    echo "wrote docs/placeholders.md\n";
}
