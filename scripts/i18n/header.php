<?php
/**
 * The header of languages/asa2-creators.pot (`pot`) or of one language's .po (`po LOCALE`),
 * without dates so the files change only when a string does.
 *
 * @package Asa2\Creators
 */

$kind   = $argv[1] ?? 'pot';
$locale = $argv[2] ?? '';
// Plural rules of the languages the plugin ships; any other gets the two forms of English.
$plurals = array(
	'de_DE'        => 'nplurals=2; plural=(n != 1);',
	'de_DE_formal' => 'nplurals=2; plural=(n != 1);',
);
$fields = array(
	'Project-Id-Version'        => 'ASA2 Creators API',
	'Report-Msgid-Bugs-To'      => '',
	'PO-Revision-Date'          => 'po' === $kind ? '2026-01-01 00:00+0000' : 'YEAR-MO-DA HO:MI+ZONE',
	'Last-Translator'           => '',
	'Language-Team'             => '',
	'Language'                  => 'po' === $kind ? $locale : '',
	'MIME-Version'              => '1.0',
	'Content-Type'              => 'text/plain; charset=UTF-8',
	'Content-Transfer-Encoding' => '8bit',
	'Plural-Forms'              => 'po' === $kind ? ( $plurals[ $locale ] ?? 'nplurals=2; plural=(n != 1);' ) : 'nplurals=INTEGER; plural=EXPRESSION;',
	'X-Domain'                  => 'asa2-creators',
);
echo 'po' === $kind ? "# Translation of ASA2 Creators API into $locale.\n" : "# Strings of ASA2 Creators API: written by scripts/i18n.sh, do not edit.\n";
echo "# This file is distributed under the same license as the plugin (GPL-2.0-or-later).\n";
echo "msgid \"\"\nmsgstr \"\"\n";
foreach ( $fields as $name => $value ) {
	echo '"' . $name . ': ' . $value . "\\n\"\n";
}
echo "\n";
