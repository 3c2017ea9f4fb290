// The HTML report in a real browser: Debian's Chromium, headless, driven by
// playwright-core. Generates the reports with the reprint binary, then checks
// what a person would see and do, and that hostile article text runs nothing.
//
//   node tests/browser/report_test.mjs REPRINT_BINARY SOURCE_DIR OUTPUT_DIR [LARGEST]
//
// LARGEST (default 200000) is the article count of the largest report checked.
// Screenshots of the corpus's overview and pair view land in OUTPUT_DIR.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';

const [reprint, source, out, largestArg] = process.argv.slice(2);
const largest = Number(largestArg || 200000);
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
if (!reprint || !source || !out) {
  console.error('usage: node report_test.mjs REPRINT_BINARY SOURCE_DIR OUTPUT_DIR');
  process.exit(2);
}
if (!existsSync(chromiumPath)) {
  console.error(`no Chromium at ${chromiumPath}: run bash scripts/setup_browser.sh`);
  process.exit(2);
}
let chromium;
try {
  ({ chromium } = await import('playwright-core'));
} catch {
  console.error('playwright-core is not installed: run bash scripts/setup_browser.sh');
  process.exit(2);
}
mkdirSync(out, { recursive: true });

function report(name, args) {
  const file = path.join(out, name);
  execFileSync(reprint, [...args, '--format', 'html', '-o', file], { cwd: source, stdio: ['ignore', 'ignore', 'inherit'] });
  return file;
}
const corpusHtml = report('corpus.html', ['scan', 'corpus/']);
// Articles that share nothing: no clusters, no pairs.
const lonelyHtml = report('lonely.html', ['scan', 'corpus/seeds.jsonl', '--threshold', '0.99', '--no-passages']);
const hostileHtml = report('hostile.html', ['scan', 'tests/fixtures/hostile.jsonl', '--passages', '--threshold', '0.3']);
// Thousands of pairs: an archive of 6,000 generated articles.
const large = path.join(out, 'large.jsonl');
execFileSync(reprint, ['gen', 'synthetic', '--articles', '6000', '--words', '200', '--seed', '5', '-o', large]);
const largeHtml = report('large.html', ['scan', large]);
// A scan of an archive the size of a national outlet's: hundreds of
// megabytes of report.
const huge = path.join(out, 'huge.jsonl');
execFileSync(reprint, ['gen', 'synthetic', '--articles', String(largest), '--words', '200', '--seed', '6', '-o', huge]);
const hugeHtml = report('huge.html', ['scan', huge]);
rmSync(huge);
// The audit of the demo corpus, through an archive.
const db = path.join(out, 'corpus.db');
for (const suffix of ['', '-wal', '-shm']) rmSync(db + suffix, { force: true });
execFileSync(reprint, ['add', 'corpus/', '--db', db], { cwd: source, stdio: 'ignore' });
const auditHtml = report('audit.html', ['audit', '--db', db]);

const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
let failures = 0;
async function check(name, body) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('request', (r) => { if (!r.url().startsWith('file:')) problems.push(`network request: ${r.url()}`); });
  page.on('dialog', (d) => { problems.push(`dialog opened: ${d.message()}`); d.dismiss(); });
  try {
    await body(page);
    assert.deepEqual(problems, [], 'no errors, CSP violations, requests or dialogs');
    console.log(`ok   ${name}`);
  } catch (error) {
    ++failures;
    console.log(`FAIL ${name}\n${error.stack}\n${problems.join('\n')}`);
  } finally {
    await page.close();
  }
}
const open = async (page, file, hash = '') => {
  await page.goto(`file://${file}${hash}`);
  await page.waitForSelector('body[data-ready="true"]');
};
const data = (page) => page.evaluate(() => JSON.parse(document.getElementById('reprint-data').textContent));

await check('overview lists the demo clusters, sorts and filters them', async (page) => {
  await open(page, corpusHtml);
  assert.equal(await page.locator('#cluster-table tr.cluster-row').count(), 4);
  await page.fill('#cluster-filter', 'Web Desk');
  assert.equal(await page.locator('#cluster-table tr.cluster-row').count(), 1);
  assert.match(await page.locator('#cluster-count').textContent(), /^1 of 4 clusters/);
  await page.fill('#cluster-filter', '');
  await page.fill('#cluster-min-size', '3');
  assert.equal(await page.locator('#cluster-table tr.cluster-row').count(), 1);
  await page.fill('#cluster-min-size', '0');
  await page.fill('#cluster-from', '2025-11-26');
  assert.equal(await page.locator('#cluster-table tr.cluster-row').count(), 2, 'clusters seen from Nov 26 on');
  await page.fill('#cluster-from', '');
  // Sorting by size, largest first.
  await page.click('#cluster-table th:has-text("articles")');
  assert.equal(await page.locator('#cluster-table tr.cluster-row td:nth-child(2)').first().textContent(), '3');
  // A cluster's timeline: one dot per member, one line per link.
  await page.locator('#cluster-table tr.cluster-row').first().click();
  const timeline = page.locator('#cluster-table svg.timeline').first();
  assert.equal(await timeline.locator('circle').count(), 3);
  assert.equal(await timeline.locator('line.edge').count(), 2);
  await page.screenshot({ path: path.join(out, 'overview.png'), fullPage: true });
});

await check('pair view highlights the passages on both sides at their spans', async (page) => {
  await open(page, corpusHtml);
  const report = await data(page);
  const index = report.pairs.findIndex((p) => !p.near && p.passages.length > 0);
  assert.ok(index >= 0, 'the demo has a pair sharing only a passage');
  await page.goto(`file://${corpusHtml}#pair-${index}`);
  await page.waitForSelector('#article-a mark.passage');
  const pair = report.pairs[index];
  for (const side of ['a', 'b']) {
    const marks = page.locator(`#article-${side} mark.passage`);
    assert.equal(await marks.count(), pair.passages.length, `side ${side}`);
    const text = report.documents[side === 'a' ? pair.a : pair.b].text;
    const [begin, end] = pair.passages[0][side];
    const expected = Array.from(text).slice(begin, end).join('');  // offsets count code points
    assert.equal(await marks.first().textContent(), expected, `side ${side} highlights its span`);
  }
  assert.match(await page.locator('#article-a mark.passage').first().getAttribute('class'), /kind-verbatim/);
  // Clicking a passage brings its partner into view.
  const partner = page.locator('#article-b mark.passage').first();
  const container = page.locator('#article-b');
  await page.evaluate(() => { document.getElementById('article-b').scrollTop = 0; });
  await page.locator('#article-a mark.passage').first().click();
  await page.waitForTimeout(200);
  const [m, c] = [await partner.boundingBox(), await container.boundingBox()];
  assert.ok(m.y >= c.y - 1 && m.y < c.y + c.height, `partner (y ${m.y}) inside its column (${c.y}..${c.y + c.height})`);
  assert.match(await partner.getAttribute('class'), /focused/);
  await page.screenshot({ path: path.join(out, 'pair.png'), fullPage: true });
});

await check('a rewritten pair marks its edits inline', async (page) => {
  await open(page, corpusHtml);
  const report = await data(page);
  const index = report.pairs.findIndex((p) => p.passages.some((q) => q.kind === 'rewritten' && q.edits.some((e) => e.op === 'substitute')));
  assert.ok(index >= 0);
  await page.goto(`file://${corpusHtml}#pair-${index}`);
  await page.waitForSelector('#article-a mark.passage');
  assert.ok(await page.locator('#article-a del.edit').count() > 0, 'removed words on side a');
  assert.ok(await page.locator('#article-b ins.edit').count() > 0, 'added words on side b');
});

await check('pairs list filters by containment and opens a pair', async (page) => {
  await open(page, corpusHtml, '#pairs');
  const all = await page.locator('#pair-table tr.pair-row').count();
  assert.equal(all, (await data(page)).pairs.length);
  await page.fill('#pair-min-containment', '90');
  const high = await page.locator('#pair-table tr.pair-row').count();
  assert.ok(high > 0 && high < all, `${high} of ${all} pairs at 90% or more`);
  await page.locator('#pair-table tr.pair-row').first().click();
  await page.waitForSelector('#article-a');
  assert.equal(await page.locator('#pair').isVisible(), true);
});

await check('pairs list gives dates, titles, kinds and who came first, and links to clusters', async (page) => {
  await open(page, corpusHtml, '#pairs');
  const report = await data(page);
  const rows = page.locator('#pair-table tr.pair-row');
  // The Valley Times pair: its other side is undated, so no direction.
  const undated = report.pairs.findIndex((p) => [p.a, p.b].some((d) => report.documents[d].id === 'no-hope-left') &&
                                                 [p.a, p.b].some((d) => report.documents[d].id === 'valley-times-embedded'));
  assert.ok(undated >= 0);
  const undatedRow = page.locator(`#pair-table tr.pair-row[data-pair="${undated}"]`);
  assert.equal(await undatedRow.locator('td.direction').textContent(), 'unknown');
  assert.match(await undatedRow.textContent(), /undated/);
  // A dated copy: a date, a title, its kinds, a direction and its cluster.
  const dated = report.pairs.findIndex((p) => report.documents[p.a].id === 'courier-asif-wire' &&
                                               report.documents[p.b].id === 'webdesk-asif-ragtag');
  assert.ok(dated >= 0);
  const row = page.locator(`#pair-table tr.pair-row[data-pair="${dated}"]`);
  assert.equal(await row.locator('td.direction').textContent(), 'b → a', 'the Web Desk story came first');
  assert.match(await row.textContent(), /2025-11-27 · Pakistan writes off Afghan Taliban/);
  assert.match(await row.textContent(), /rewritten/);
  assert.ok(await rows.count() === report.pairs.length);
  // Its cluster link opens that cluster alone, with its timeline.
  await row.locator('a[href^="#cluster-"]').click();
  await page.waitForSelector('#cluster-table svg.timeline');
  assert.equal(await page.locator('#cluster-table tr.cluster-row').count(), 1);
  assert.match(await page.locator('#cluster-count').textContent(), /all clusters/);
  // The pair view links back to the cluster too, and says who came first.
  await page.goto(`file://${corpusHtml}#pair-${dated}`);
  await page.waitForSelector('#article-a');
  assert.match(await page.locator('#pair').textContent(), /webdesk-asif-ragtag came first/);
  await page.locator('#pair a.cluster-link').click();
  await page.waitForSelector('#cluster-table svg.timeline');
  // The undated cluster names no origin as certain.
  await page.goto(`file://${corpusHtml}#clusters`);
  await page.waitForSelector('body[data-ready="true"]');
  assert.match(await page.locator('#cluster-table').textContent(), /unknown \(earliest dated valley-times-embedded/);
});

await check('hostile article text runs nothing and shows literally', async (page) => {
  await open(page, hostileHtml, '#pair-0');
  await page.waitForSelector('#article-a');
  assert.equal(await page.evaluate(() => window.__pwned), undefined, 'no injected code ran');
  assert.equal(await page.locator('img').count(), 0, 'no image element was created');
  assert.equal(await page.locator('script').count(), 2, 'only the data block and the report script');
  assert.equal(await page.locator('b').count(), 0);
  const text = await page.locator('#article-a').textContent();
  assert.ok(text.includes('<script>window.__pwned = "script";</script>'), 'the script tag shows as text');
  assert.ok(text.includes('<img src=x onerror="window.__pwned = \'img\'">'), 'the img tag shows as text');
  assert.ok(text.includes('"><b>bold</b><'), 'the quote-bracket sequence shows as text');
  const head = await page.locator('.pair-head').textContent();
  assert.ok(head.includes('<img src=x onerror="window.__pwned=\'id\'">'), 'a hostile id shows as text');
  assert.ok(head.includes('<script>window.__pwned=\'source\'</script>'), 'a hostile outlet shows as text');
  await open(page, hostileHtml, '#clusters');
  await page.locator('#cluster-table tr.cluster-row').first().click();
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
});

await check('thousands of pairs render a page at a time as the list scrolls', async (page) => {
  await open(page, largeHtml, '#pairs');
  const total = (await data(page)).pairs.length;
  assert.ok(total > 1000, `${total} pairs`);
  assert.equal(await page.locator('#pair-table tr.pair-row').count(), 200, 'the first page only');
  await page.locator('#pairs .more').scrollIntoViewIfNeeded();
  await page.waitForFunction(() => document.querySelectorAll('#pair-table tr.pair-row').length > 200);
  assert.equal(await page.locator('#pair-table tr.pair-row').count(), 400);
  // Sorting re-renders the first page, largest Jaccard first.
  await page.click('#pair-table th:has-text("Jaccard")');
  const first = Number(await page.locator('#pair-table tr.pair-row td:nth-child(3)').first().textContent());
  const best = Math.max(...(await data(page)).pairs.map((p) => p.jaccard));
  assert.equal(first.toFixed(3), best.toFixed(3));
});

await check(`the report of ${largest} articles opens and stays usable`, async (page) => {
  page.setDefaultTimeout(120000);
  const started = Date.now();
  await open(page, hugeHtml, '#pairs');
  const opened = Date.now() - started;
  // Counted in the page: the whole data block is too large to send back.
  const total = await page.evaluate(() => JSON.parse(document.getElementById('reprint-data').textContent).pairs.length);
  assert.ok(total > largest / 10, `${total} pairs`);
  assert.equal(await page.locator('#pair-table tr.pair-row').count(), 200, 'the first page only');
  await page.fill('#pair-min-containment', '99');
  assert.match(await page.locator('#pair-count').textContent(), new RegExp(`of ${total} pairs`));
  await page.click('#pair-table th:has-text("Jaccard")');
  await page.locator('#pair-table tr.pair-row').first().click();
  await page.waitForSelector('#article-a mark.passage');
  await page.goto(`file://${hugeHtml}#clusters`);
  await page.fill('#cluster-filter', 'syn-00001');
  assert.ok(await page.locator('#cluster-table tr.cluster-row').count() > 0);
  console.log(`     (${total} pairs; ready in ${(opened / 1000).toFixed(1)} s)`);
});

await check('audit shows every outlet with its bars', async (page) => {
  await open(page, auditHtml);
  assert.equal(await page.locator('#audit').isVisible(), true, 'an audit opens on its table');
  const outlets = (await data(page)).audit.outlets.length;
  assert.equal(await page.locator('#audit-table tr.outlet-row').count(), outlets);
  assert.equal(await page.locator('#audit-table tr.outlet-row span.bar').count(), 3 * outlets);
  assert.ok((await page.locator('#audit-lists').textContent()).includes('Most borrowed text'));
  // corpus/'s undated no-hope-left leaves its cluster's origin unknown.
  assert.match(await page.locator('#audit-lists').textContent(), /origin unknown, earliest dated valley-times-embedded/);
  // Its lists link to the pairs and clusters they name.
  await page.locator('#audit-lists a:has-text("compare")').first().click();
  await page.waitForSelector('#article-a mark.passage');
  await page.goto(`file://${auditHtml}`);
  await page.waitForSelector('body[data-ready="true"]');
  await page.locator('#audit-lists a[href^="#cluster-"]').first().click();
  await page.waitForSelector('#cluster-table svg.timeline');
});

await check('a page with nothing to show in a tab hides the tab', async (page) => {
  await open(page, lonelyHtml);
  assert.equal(await page.locator('nav button[data-view="clusters"]').isVisible(), false);
  assert.equal(await page.locator('nav button[data-view="pairs"]').isVisible(), false);
  assert.equal(await page.locator('nav button[data-view="audit"]').isVisible(), false);
  await open(page, auditHtml);
  assert.equal(await page.locator('nav button[data-view="audit"]').isVisible(), true);
});

await browser.close();
console.log(failures === 0 ? 'all browser checks passed' : `${failures} browser check(s) failed`);
process.exit(failures === 0 ? 0 : 1);
