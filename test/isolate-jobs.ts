/** Jobs for the file reader's worker in test/hostile-files.test.ts: one that never ends, one that eats memory, one that answers. */
export default async function job(input: {
  kind: 'spin' | 'allocate' | 'echo';
  value?: unknown;
}): Promise<unknown> {
  if (input.kind === 'spin') for (;;);
  if (input.kind === 'allocate') {
    const kept: string[][] = [];
    for (let i = 0; ; i++) kept.push(Array.from({ length: 100_000 }, (_, j) => `${i}-${j}`));
  }
  return input.value;
}
