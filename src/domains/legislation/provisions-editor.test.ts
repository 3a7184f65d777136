import { describe, expect, it } from 'vitest';
import { applyOp, rowsFromForm, treeFromRows, type Row } from './provisions-editor.js';

const row = (over: Partial<Row>): Row => ({
  eid: '',
  kind: 'section',
  number: '',
  heading: '',
  text: '',
  depth: 0,
  ...over,
});

describe('provisions editor', () => {
  it('reads rows from flat form fields in order', () => {
    const rows = rowsFromForm({
      'p.1.text': 'second',
      'p.0.text': 'first',
      'p.0.depth': '0',
      'p.1.depth': '1',
      'p.0.number': ' 1 ',
      other: 'x',
    });
    expect(rows.map((r) => [r.number, r.text, r.depth])).toEqual([
      ['1', 'first', 0],
      ['', 'second', 1],
    ]);
  });

  it('adds, moves, nests, splits, merges and deletes', () => {
    let rows = [
      row({ number: '1', text: 'One.' }),
      row({ number: '2', text: 'Two. Second sentence.\n\nThird paragraph.' }),
    ];
    rows = applyOp(rows, { name: 'add', index: 0 });
    expect(rows).toHaveLength(3);
    rows = applyOp(rows, { name: 'delete', index: 1 });
    rows = applyOp(rows, { name: 'split', index: 1 });
    expect(rows.map((r) => r.text)).toEqual(['One.', 'Two. Second sentence.', 'Third paragraph.']);
    rows = applyOp(rows, { name: 'indent', index: 2 });
    expect(rows[2].depth).toBe(1);
    rows = applyOp(rows, { name: 'indent', index: 2 }); // cannot go deeper than one below the row above
    expect(rows[2].depth).toBe(1);
    rows = applyOp(rows, { name: 'up', index: 1 });
    expect(rows.map((r) => r.number)).toEqual(['2', '1', '']);
    rows = applyOp(rows, { name: 'merge', index: 1 });
    expect(rows.map((r) => r.text)).toEqual(['Two. Second sentence.', 'One.\n\nThird paragraph.']);
  });

  it('builds a tree, giving new rows eIds from their kind and number, and reports bad or repeated eIds', () => {
    const { tree, problems } = treeFromRows([
      row({ kind: 'chapter', number: 'I', heading: 'General' }),
      row({ number: '1', text: 'Short title.', depth: 1 }),
      row({ kind: 'subsection', number: '(1)', text: 'Sub.', depth: 2 }),
      row({ eid: 'Bad Id', number: '2', text: 'x', depth: 1 }),
    ]);
    expect(tree[0].eid).toBe('chp_i');
    expect(tree[0].children!.map((c) => c.eid)).toEqual(['sec_1', 'Bad Id']);
    expect(tree[0].children![0].children![0].eid).toBe('sec_1__subsec_1');
    expect(problems['p.3.eid']).toMatch(/lower-case/);
    expect(
      treeFromRows([row({ eid: 'sec_1', text: 'a' }), row({ eid: 'sec_1', text: 'b' })]).problems['p.1.eid'],
    ).toMatch(/used twice/);
  });
});
