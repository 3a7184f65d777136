/**
 * Counting a broad query's matches without reading every one of them. Each entry belongs to one of
 * SAMPLES samples, drawn from its group (a provision's translations fall in the same one) by a hash,
 * so that a sample is spread evenly over countries, kinds and import order; the sample is a word of
 * its tsvector that no text can contain. A query and a few samples are matched together by the
 * index alone, which reads only the entries in them: a query matching 130,000 entries is counted
 * from 2,000 of them.
 *
 * Up to 5,000 matches (as a first sample estimates), every match is read and counted exactly;
 * beyond that, the total and facet counts are estimated from enough samples for about 2,000
 * matches (the answer says so), and the ranking is of the matches sampled together with every item
 * whose heading has the words: for a broad query these are what comes first. The words' matches and
 * what the concepts a query names find are each read so. A search engine tells "about 13,000
 * results" in the same way.
 */

/** How many samples the entries fall in. */
export const SAMPLES = 64;
/**
 * Up to `exactUpTo` matches (estimated from the first sample), every match is read and counted;
 * beyond, enough samples for about `sampleSize` matches.
 */
export const SAMPLING = { exactUpTo: 5_000, sampleSize: 2_000 } as const;
let sizes: { exactUpTo: number; sampleSize: number } = SAMPLING;
/** Sets how many matches are counted exactly and how many are read beyond (tests on small corpora); returns what they were. */
export function setSampling(next: typeof sizes): typeof sizes {
  const previous = sizes;
  sizes = next;
  return previous;
}

/** The sample of an entry's group (FNV-1a of its key). */
export function sampleOf(groupKey: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < groupKey.length; i++) {
    h ^= groupKey.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % SAMPLES;
}

/** The tsvector word marking an entry's sample: it begins with a space, which no parsed word does. */
export const sampleWord = (sample: number) => ` ${sample}`;

/** A tsquery matching the entries of the first `samples` samples. */
export function samplesQuery(samples: number, from = 0): string {
  const words: string[] = [];
  for (let s = from; s < samples; s++) words.push(`'${sampleWord(s)}'`);
  return words.join(' | ');
}

/**
 * From the number of matches in the first sample, how many samples to read: all of them (every
 * match, counted exactly) when the matches are estimated at no more than `exactUpTo`, else enough
 * for about `sampleSize` matches.
 */
export function samplesToRead(inFirst: number): number {
  if (inFirst <= firstSampleUpTo()) return SAMPLES;
  return Math.min(SAMPLES, Math.max(1, Math.ceil(sizes.sampleSize / inFirst)));
}

/** Up to this many matches in the first sample, every match is read. */
export const firstSampleUpTo = () => Math.floor(sizes.exactUpTo / SAMPLES);
