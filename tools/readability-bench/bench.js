// Times Readability.js the way a Node program uses it: jsdom builds the
// DOM from the raw bytes (it sniffs the charset itself), then
// Readability.parse(). Pages are read and gunzipped before any clock
// starts. Prints "readability PAGES MEAN_MS MEDIAN_MS P95_MS FAILED".
// Usage: node bench.js LISTFILE (one page path per line)
'use strict';
const fs = require('fs');
const zlib = require('zlib');
const { JSDOM, VirtualConsole } = require('jsdom');
const { Readability } = require('@mozilla/readability');

const paths = fs.readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean);
const pages = paths.map((p) => {
  const raw = fs.readFileSync(p);
  return raw[0] === 0x1f && raw[1] === 0x8b ? zlib.gunzipSync(raw) : raw;
});
// Page scripts never run (jsdom's default); their console noise is dropped.
const quiet = new VirtualConsole();

function once(buf) {
  const dom = new JSDOM(buf, { url: 'https://example.invalid/', virtualConsole: quiet });
  try {
    return new Readability(dom.window.document).parse();
  } finally {
    dom.window.close();
  }
}

for (let i = 0; i < Math.min(5, pages.length); i++) {
  try { once(pages[i]); } catch (e) { /* warm-up only */ }
}
const times = [];
let failed = 0;
for (const buf of pages) {
  const t0 = process.hrtime.bigint();
  try {
    if (!once(buf)) failed++;
  } catch (e) {
    failed++;
  }
  times.push(Number(process.hrtime.bigint() - t0) / 1e6);
}
const sorted = [...times].sort((a, b) => a - b);
const at = (q) => sorted[Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length))) - 1];
const mean = times.reduce((a, b) => a + b, 0) / times.length;
console.log(`readability ${times.length} ${mean.toFixed(3)} ${at(0.5).toFixed(3)} ${at(0.95).toFixed(3)} ${failed}`);
