/**
 * The learned model: one logistic regression per article (one against the rest, since a provision
 * may implement several articles or none), over the features of `features.ts`, trained by
 * stochastic gradient descent with AdaGrad steps and L2 regularisation. It keeps a short profile of
 * each training provision, so that a suggestion can name the reviewed provisions it learnt from.
 * Plain data: it serialises to a compact buffer that the store saves as a version.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Features } from './features.js';

export type TrainingRow = {
  law: string;
  number: string | null;
  heading: string;
  language: string;
  features: Features;
  articles: string[];
  rejected: string[];
};

export type Model = {
  classes: string[];
  features: Map<string, number>;
  /** Weights, class by class: weights[c * features.size + f]. */
  weights: Float32Array;
  /** Inverse document frequency of each feature over the training provisions (rare wording counts). */
  idf: Float32Array;
  bias: Float32Array;
  /** Training provisions, with the strongest of their features, for evidence. */
  profiles: {
    law: string;
    number: string | null;
    heading: string;
    language: string;
    articles: string[];
    /** Articles reviewers rejected for it (absent in models saved before they were kept). */
    rejected?: string[];
    idx: Int32Array;
    val: Float32Array;
  }[];
  examples: number;
  laws: number;
  languages: string[];
};

/** Passes over the data: twelve for a few hundred provisions, fewer for thousands (each pass teaches more). */
const epochs = (rows: number) => Math.max(4, Math.min(12, Math.round(30_000 / Math.max(rows, 1))));
/** An example the model already gets right (gradient below this) does not move its weights. */
const SKIP = 0.01;
const RATE = 0.1;
const L2 = 1e-4;
/** A feature seen in fewer training provisions than this is not learnt (words and n-grams only). */
const MIN_DF = 2;
const PROFILE_SIZE = 60;

type Sparse = { idx: Int32Array; val: Float32Array };

function sparse(f: Features, index: Map<string, number>): Sparse {
  const idx: number[] = [];
  const val: number[] = [];
  for (const [k, v] of f) {
    const i = index.get(k);
    if (i !== undefined && v) {
      idx.push(i);
      val.push(v);
    }
  }
  return { idx: Int32Array.from(idx), val: Float32Array.from(val) };
}

/** A deterministic shuffle (the same data gives the same model). */
function order(n: number, epoch: number): number[] {
  const out = Array.from({ length: n }, (_, i) => i);
  let seed = 0x9e3779b9 ^ (epoch * 7919);
  for (let i = n - 1; i > 0; i--) {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    const j = seed % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Trains a model; `classes` are the articles it may learn (those with at least two examples are). */
export function train(rows: TrainingRow[], classes: string[]): Model {
  const df = new Map<string, number>();
  for (const r of rows) for (const f of r.features.keys()) df.set(f, (df.get(f) ?? 0) + 1);
  const names = [...df].filter(([f, n]) => n >= MIN_DF || /^[ksr]:/.test(f)).map(([f]) => f);
  const index = new Map(names.map((f, i) => [f, i]));
  const positives = new Map<string, number>();
  for (const r of rows) for (const a of r.articles) positives.set(a, (positives.get(a) ?? 0) + 1);
  const learnt = classes.filter((c) => (positives.get(c) ?? 0) >= 2);
  const D = names.length;
  const C = learnt.length;
  const weights = new Float32Array(C * D);
  const bias = new Float32Array(C);
  const g2 = new Float32Array(C * D).fill(1e-6);
  const b2 = new Float32Array(C).fill(1e-6);
  const data = rows.map((r) => sparse(r.features, index));
  const idf = Float32Array.from(names, (f) => Math.log((rows.length + 1) / (df.get(f)! + 0.5)));
  const targets = rows.map((r) => new Set(r.articles));
  const rejected = rows.map((r) => new Set(r.rejected));
  for (let epoch = 0, n = epochs(rows.length); epoch < n; epoch++) {
    for (const n of order(rows.length, epoch)) {
      const { idx, val } = data[n];
      for (let c = 0; c < C; c++) {
        const base = c * D;
        let z = bias[c];
        for (let k = 0; k < idx.length; k++) z += weights[base + idx[k]] * val[k];
        const y = targets[n].has(learnt[c]) ? 1 : 0;
        const p = 1 / (1 + Math.exp(-z));
        // A rejected suggestion is a counter-example that a reviewer took the trouble to give.
        const g = (p - y) * (!y && rejected[n].has(learnt[c]) ? 3 : 1);
        if (Math.abs(g) < SKIP) continue;
        for (let k = 0; k < idx.length; k++) {
          const at = base + idx[k];
          const grad = g * val[k] + L2 * weights[at];
          g2[at] += grad * grad;
          weights[at] -= (RATE * grad) / Math.sqrt(g2[at]);
        }
        b2[c] += g * g;
        bias[c] -= (RATE * g) / Math.sqrt(b2[c]);
      }
    }
  }
  return {
    classes: learnt,
    features: index,
    weights,
    bias,
    idf,
    profiles: rows.map((r, i) => ({ ...profile(data[i], names, idf), ...meta(r) })),
    examples: rows.length,
    laws: new Set(rows.map((r) => r.law)).size,
    languages: [...new Set(rows.map((r) => r.language))].sort(),
  };
}

const meta = (r: TrainingRow) => ({
  law: r.law,
  number: r.number,
  heading: r.heading,
  language: r.language,
  articles: r.articles,
  rejected: r.rejected,
});

/** Wording features only (words and parts of words of the heading and text). */
const WORDING = /^[hb]:/;

/** The strongest wording features of a provision, at unit length: what "reads alike" compares. */
function profile(s: Sparse, names: string[], idf: Float32Array): Sparse {
  const weight = (k: number) => s.val[k] * idf[s.idx[k]];
  const top = [...s.idx.keys()]
    .filter((k) => WORDING.test(names[s.idx[k]]))
    .sort((a, b) => weight(b) - weight(a))
    .slice(0, PROFILE_SIZE);
  const norm = Math.sqrt(top.reduce((n, k) => n + weight(k) ** 2, 0)) || 1;
  top.sort((a, b) => s.idx[a] - s.idx[b]);
  return {
    idx: Int32Array.from(top.map((k) => s.idx[k])),
    val: Float32Array.from(top.map((k) => weight(k) / norm)),
  };
}

const NAMES = new WeakMap<Model, string[]>();
/** The model's feature names by index (kept once per model). */
function featureNames(model: Model): string[] {
  let names = NAMES.get(model);
  if (!names) NAMES.set(model, (names = [...model.features.keys()]));
  return names;
}

export type Prediction = { article: string; probability: number; cues: string[] };

/** The probability of each article the model knows, with the features that weighed most for it. */
export function predict(model: Model, f: Features): Prediction[] {
  const s = sparse(f, model.features);
  const D = model.features.size;
  const names = featureNames(model);
  return model.classes.map((article, c) => {
    let z = model.bias[c];
    const parts: [number, number][] = [];
    for (let k = 0; k < s.idx.length; k++) {
      const w = model.weights[c * D + s.idx[k]] * s.val[k];
      z += w;
      if (w > 0) parts.push([s.idx[k], w]);
    }
    parts.sort((a, b) => b[1] - a[1]);
    return {
      article,
      probability: 1 / (1 + Math.exp(-z)),
      cues: parts.slice(0, 12).map(([i]) => names[i]),
    };
  });
}

export type Alike = {
  similarity: number;
  examples: { law: string; number: string | null; heading: string }[];
};
export type Likeness = {
  /** For each article, the most alike provisions mapped to it. */
  mapped: Map<string, Alike>;
  /** For each article, the similarity of the most alike provision it was rejected for. */
  rejected: Map<string, number>;
};

/**
 * For each article, the training provisions mapped to it that read most like this one (other laws
 * than `exceptLaw`), with the best similarity of wording (cosine, 0 to 1).
 */
export function alike(model: Model, f: Features, exceptLaw: string | null, n = 2): Likeness {
  const postings = profileIndex(model);
  // The provision's profile against the training provisions' profiles: both unit vectors.
  const mine = profile(sparse(f, model.features), featureNames(model), model.idf);
  const dots = new Float32Array(model.profiles.length);
  mine.idx.forEach((i, k) => {
    for (const [p, v] of postings.get(i) ?? []) dots[p] += mine.val[k] * v;
  });
  // For each article, its n most alike provisions (kept in order as they are found).
  const best = new Map<string, number[]>();
  const rejected = new Map<string, number>();
  dots.forEach((d, i) => {
    const p = model.profiles[i];
    if (d <= 0 || p.law === exceptLaw) return;
    for (const a of p.rejected ?? []) rejected.set(a, Math.max(d, rejected.get(a) ?? 0));
    for (const a of p.articles) {
      const list = best.get(a) ?? [];
      if (list.length === n && dots[list[n - 1]] >= d) continue;
      list.push(i);
      list.sort((x, y) => dots[y] - dots[x]);
      if (list.length > n) list.pop();
      best.set(a, list);
    }
  });
  const mapped = new Map<string, Alike>();
  for (const [a, list] of best)
    mapped.set(a, {
      similarity: dots[list[0]],
      examples: list.map((i) => {
        const p = model.profiles[i];
        return { law: p.law, number: p.number, heading: p.heading };
      }),
    });
  return { mapped, rejected };
}

const POSTINGS = new WeakMap<Model, Map<number, [number, number][]>>();
/** For each wording feature, the training provisions whose profile has it (kept once per model). */
function profileIndex(model: Model): Map<number, [number, number][]> {
  let index = POSTINGS.get(model);
  if (index) return index;
  index = new Map();
  model.profiles.forEach((p, at) => {
    p.idx.forEach((i, k) => {
      const list = index!.get(i) ?? [];
      list.push([at, p.val[k]]);
      index!.set(i, list);
    });
  });
  POSTINGS.set(model, index);
  return index;
}

/** The model as bytes (gzip of JSON with base64 arrays), and back. */
export function serialise(model: Model): Buffer {
  const b64 = (a: Float32Array | Int32Array) =>
    Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
  return gzipSync(
    JSON.stringify({
      ...model,
      features: [...model.features.keys()],
      weights: b64(model.weights),
      bias: b64(model.bias),
      idf: b64(model.idf),
      profiles: model.profiles.map((p) => ({ ...p, idx: b64(p.idx), val: b64(p.val) })),
    }),
  );
}

export function deserialise(bytes: Buffer): Model {
  const raw = JSON.parse(gunzipSync(bytes).toString('utf8'));
  const f32 = (s: string) => {
    const b = Buffer.from(s, 'base64');
    return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
  };
  const i32 = (s: string) => {
    const b = Buffer.from(s, 'base64');
    return new Int32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
  };
  return {
    ...raw,
    features: new Map((raw.features as string[]).map((f, i) => [f, i])),
    weights: f32(raw.weights),
    bias: f32(raw.bias),
    idf: f32(raw.idf),
    profiles: raw.profiles.map((p: { idx: string; val: string }) => ({
      ...p,
      idx: i32(p.idx),
      val: f32(p.val),
    })),
  };
}
