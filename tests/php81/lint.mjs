// PHP 8.1 syntax check: the plugin and the extension's stub must parse on PHP 8.1, the oldest
// PHP the plugin supports ("Requires PHP: 8.1"). The machine's PHP is newer, so `php -l` would
// accept 8.2-only syntax (readonly classes, DNF types, ...); this runs a real PHP 8.1 (compiled to
// WebAssembly) and parses each file with token_get_all(TOKEN_PARSE), which throws a ParseError on
// anything PHP 8.1's parser does not accept.
//
// Usage: node tests/php81/lint.mjs [file-or-folder ...]
//   without arguments: every *.php under wordpress-plugin/ and php-ext/asa2.stub.php.
// Prints one line per failing file and a count; exits 1 when a file fails or nothing was found.

import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadNodeRuntime } from '@php-wasm/node';
import { PHP } from '@php-wasm/universal';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const skipDirs = new Set(['node_modules', 'vendor', '.git']);

/** Every *.php file under `path` (a file or a folder), sorted. */
function phpFiles(path) {
  if (!existsSync(path)) return [];
  if (statSync(path).isFile()) return path.endsWith('.php') ? [path] : [];
  const found = [];
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (skipDirs.has(entry.name)) continue;
    const full = join(path, entry.name);
    if (entry.isDirectory()) found.push(...phpFiles(full));
    else if (entry.isFile() && entry.name.endsWith('.php')) found.push(full);
  }
  return found.sort();
}

const targets = process.argv.length > 2
  ? process.argv.slice(2).map((p) => resolve(p))
  : [join(root, 'wordpress-plugin'), join(root, 'php-ext', 'asa2.stub.php')];
const files = targets.flatMap(phpFiles);
if (files.length === 0) {
  console.error(`php81-lint: no PHP file found under ${targets.map((t) => relative(root, t)).join(', ')}`);
  process.exit(1);
}

const php = new PHP(await loadNodeRuntime('8.1', { emscriptenOptions: { processId: 1 } }));
const checker = `<?php
$failures = [];
foreach (json_decode(file_get_contents('/lint/list.json'), true) as $i => $name) {
    try {
        token_get_all(file_get_contents("/lint/$i.php"), TOKEN_PARSE);
    } catch (\\ParseError $e) {
        $failures[] = ['file' => $name, 'line' => $e->getLine(), 'message' => $e->getMessage()];
    }
}
echo json_encode(['version' => PHP_VERSION, 'failures' => $failures]);
`;

php.mkdir('/lint');
const names = files.map((f) => relative(root, f));
files.forEach((f, i) => php.writeFile(`/lint/${i}.php`, readFileSync(f)));
php.writeFile('/lint/list.json', JSON.stringify(names));
const response = await php.run({ code: checker });
php.exit();

let result;
try {
  result = JSON.parse(response.text);
} catch {
  console.error(`php81-lint: the PHP 8.1 runtime did not answer as expected:\n${response.text}\n${response.errors}`);
  process.exit(1);
}
if (!result.version.startsWith('8.1.')) {
  console.error(`php81-lint: expected PHP 8.1, the runtime is ${result.version}`);
  process.exit(1);
}
for (const f of result.failures) {
  console.error(`${f.file}:${f.line}: does not parse on PHP 8.1: ${f.message}`);
}
const ok = files.length - result.failures.length;
console.log(`php81-lint: PHP ${result.version}: ${ok} of ${files.length} files parse, ${result.failures.length} fail`);
process.exit(result.failures.length === 0 ? 0 : 1);
