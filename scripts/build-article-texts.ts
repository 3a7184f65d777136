/**
 * Builds src/domains/reference/data/article-texts.json (shipped) with the English text of the articles of
 * the Budapest Convention (ETS 185) and its First Protocol (ETS 189), from the Markdown copies of
 * the Dutch treaty database in ../shared/data/real/international-instruments (English first, then Dutch).
 * Run: npx tsx scripts/build-article-texts.ts [DIR]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? '../shared/data/real/international-instruments';
const sources: [string, string][] = [
  ['ETS185', 'coe-ets185-budapest-convention-en-nl.md.txt'],
  ['ETS189', 'coe-ets189-additional-protocol-racism-xenophobia-en-nl.md.txt'],
];

type Text = { instrument: string; article: string; language: 'eng'; text: string };

function articles(instrument: string, markdown: string): Text[] {
  const out: Text[] = [];
  const lines = markdown.split(/\r?\n/);
  let current: Text | undefined;
  for (const line of lines) {
    const heading = /^###\s*Article\s+(\d+)\s*$/.exec(line.trim());
    if (heading) {
      if (out.some((a) => a.article === heading[1])) break; // the Dutch translation starts over
      current = { instrument, article: heading[1], language: 'eng', text: '' };
      out.push(current);
      continue;
    }
    if (/^####/.test(line)) continue; // the article's title, already in instrument-articles.csv
    if (/^###/.test(line) || /^\s*(Done at|In witness whereof)/i.test(line)) current = undefined;
    else if (current) current.text += `${line.trim()}\n`;
  }
  for (const a of out)
    a.text = a.text
      .replace(/\n{3,}/g, '\n\n')
      .replace(/[ \t]+\n/g, '\n')
      .trim();
  return out.filter((a) => a.text);
}

const all = sources.flatMap(([code, file]) => articles(code, readFileSync(join(dir, file), 'utf8')));
writeFileSync(
  new URL('../src/domains/reference/data/article-texts.json', import.meta.url),
  `${JSON.stringify(all, null, 1)}\n`,
);
console.log(all.map((a) => `${a.instrument} ${a.article}`).length, 'article texts');
