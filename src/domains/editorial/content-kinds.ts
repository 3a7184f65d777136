/**
 * The kinds of repository content that go through the editorial workflow (works, cases, documents).
 * Each content domain describes its kind here — its table, how to name and link an item, how to put
 * back a version from its history — and the workflow and history use the description, so that they
 * import no content domain. The kinds are registered once, where the application is assembled.
 */
import type { SQL } from 'drizzle-orm';
import type { Viewer } from '../../core/access.js';
import type { Orm } from '../../core/db/connect.js';

export const ITEM_KINDS = ['work', 'case', 'document'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

export type ContentKind = {
  kind: ItemKind;
  /** The table holding the items, with id, tier, editorial_status, country, updated_at, updated_by. */
  table: string;
  /** SQL giving `title` and `href` (its public page) of the item with this id. */
  titleAndHref: (id: string) => SQL;
  /** Puts the item back as the snapshot an audit event kept of it. */
  restore: (db: Orm, by: Viewer, id: string, snapshot: unknown) => Promise<void>;
};

const registry = new Map<ItemKind, ContentKind>();

export function registerContentKinds(kinds: ContentKind[]): void {
  for (const k of kinds) registry.set(k.kind, k);
}

export function contentKind(kind: ItemKind): ContentKind {
  const k = registry.get(kind);
  if (!k) throw new Error(`The content kind "${kind}" is not registered (registerContentKinds at start-up)`);
  return k;
}
