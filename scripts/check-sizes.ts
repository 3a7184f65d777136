/**
 * House rule on size, checked in CI (`npm run lint`), tests aside: no source file over 400 lines and no
 * function over 120 lines, both counted as an editor shows them (a function from the line it starts
 * on to the line it ends on, signature included; components and route plugins are functions too).
 * Prints the counts and medians; exits 1 naming each file or function over its limit.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

const MAX_FILE = 400;
const MAX_FUNCTION = 120;

const files = readdirSync('src', { recursive: true, encoding: 'utf8' })
  .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f))
  .map((f) => join('src', f));

type Sized = { where: string; lines: number };
const fileSizes: Sized[] = [];
const functionSizes: Sized[] = [];

for (const file of files) {
  const text = readFileSync(file, 'utf8');
  fileSizes.push({ where: file, lines: text.split('\n').length - 1 });
  const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
  const lineOf = (pos: number) => source.getLineAndCharacterOfPosition(pos).line + 1;
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const first = lineOf(node.getStart(source));
      functionSizes.push({ where: `${file}:${first}`, lines: lineOf(node.getEnd()) - first + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
}

const median = (list: Sized[]) =>
  [...list].sort((a, b) => a.lines - b.lines)[Math.floor(list.length / 2)]!.lines;
const largest = (list: Sized[]) => Math.max(...list.map((s) => s.lines));
console.log(
  `${fileSizes.length} source files: median ${median(fileSizes)} lines, largest ${largest(fileSizes)}; ` +
    `${functionSizes.length} functions: median ${median(functionSizes)} lines, largest ${largest(functionSizes)}`,
);
const over = [
  ...fileSizes
    .filter((s) => s.lines > MAX_FILE)
    .map((s) => `${s.where}: ${s.lines} lines (a file has at most ${MAX_FILE})`),
  ...functionSizes
    .filter((s) => s.lines > MAX_FUNCTION)
    .map((s) => `${s.where}: a function of ${s.lines} lines (at most ${MAX_FUNCTION})`),
];
for (const line of over) console.error(line);
process.exit(over.length ? 1 : 0);
