/** What the suggester reads and writes: a provision as a unit to suggest for, and its suggestions with their evidence. */

/** A heading of a part, chapter or section around a provision, and what kind of provisions it announces. */
export type Context = { heading: string; category?: string };

/** A provision to suggest for: its words, the headings around it and the language they are in. */
export type Unit = {
  eid: string;
  number: string | null;
  heading: string;
  /** The text of the provision and of its subdivisions. */
  text: string;
  /** Enclosing parts, chapters and sections, outermost first. */
  context: Context[];
  language: string;
};

/** A provision of the training data: a unit with the articles reviewers mapped it to (none: no counterpart). */
export type Example = Unit & {
  /** The law it belongs to: a model is never scored on a law it learned from. */
  law: string;
  articles: string[];
  /** Articles a reviewer rejected for it. */
  rejected: string[];
};

export type Evidence =
  | {
      type: 'concept';
      concept: string;
      label: string;
      term: string;
      where: 'heading' | 'text' | 'context';
      count: number;
    }
  | { type: 'chapter'; heading: string; category: string }
  | { type: 'definitions'; terms: number }
  | { type: 'title'; similarity: number }
  | { type: 'words'; words: string[] }
  | {
      type: 'learned';
      model: number;
      /** The features that weighed most for the article: words, parts of words, concepts. */
      cues: string[];
      /** Provisions of other laws that reviewers mapped to the article and that read most alike. */
      examples: { law: string; number: string | null; heading: string }[];
    };

export type Suggestion = {
  article: string;
  title: string;
  category: string;
  score: number;
  strong: boolean;
  evidence: Evidence[];
};
