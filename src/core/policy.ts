/**
 * Who may do what with repository items (works, cases, documents) — the one place for it.
 * Contributors draft for their own countries; editors and admins edit anything and publish;
 * programme officers read everything (including restricted items) and edit like editors.
 */
import { canSee, isStaffEditor, tiersFor, type EditorialStatus, type Tier, type Viewer } from './access.js';
import { AppError, notFound } from './errors.js';
import { invalidTransition } from './states.js';

export type Item = { tier: string; editorial_status: string; country: string | null };

const forbidden = (message: string) => new AppError(403, 'forbidden', message);

function assertWriter(by: Viewer) {
  if (by.via === 'system') return;
  if (!by.canWrite) throw forbidden('This token may only read; use a token with the write scope');
  if (by.role === 'anonymous')
    throw new AppError(401, 'unauthorized', 'Sign in or send an API token to make changes');
  if (by.role === 'reader' || by.role === 'practitioner')
    throw forbidden('Readers and practitioners cannot change the repository');
}

/** Creating an item for a country at a tier. */
export function assertCanCreate(by: Viewer, country: string | null, tier: Tier) {
  assertWriter(by);
  if (!tiersFor(by).includes(tier)) throw forbidden(`You cannot create ${tier} items`);
  if (by.role === 'contributor' && (!country || !by.countries.includes(country)))
    throw forbidden(`Contributors can only add items for their countries (${by.countries.join(', ')})`);
}

/** Changing or deleting an existing item (which the caller has already found visible or not). */
export function assertCanEdit(by: Viewer, item: Item) {
  if (!canSee(by, item)) throw notFound('Item');
  assertWriter(by);
  if (by.role === 'contributor') {
    if (!item.country || !by.countries.includes(item.country))
      throw forbidden(`Contributors can only change items of their countries (${by.countries.join(', ')})`);
    if (!['draft', 'in_review'].includes(item.editorial_status))
      throw forbidden('Published items can only be changed by an editor');
  }
}

/** Whether the viewer may change the item (for showing edit links). */
export function canEdit(by: Viewer, item: Item): boolean {
  try {
    assertCanEdit(by, item);
    return true;
  } catch {
    return false;
  }
}

/** Moving an item to a new tier. */
export function assertCanSetTier(by: Viewer, tier: Tier) {
  if (by.via !== 'system' && !tiersFor(by).includes(tier)) throw forbidden(`You cannot make items ${tier}`);
}

type Transition = { from: EditorialStatus; to: EditorialStatus; contributor: boolean };

/** The editorial workflow. `contributor` says whether a contributor (own countries) may take the step. */
export const TRANSITIONS: Transition[] = [
  { from: 'draft', to: 'in_review', contributor: true },
  { from: 'in_review', to: 'draft', contributor: true },
  { from: 'in_review', to: 'published', contributor: false },
  { from: 'published', to: 'unpublished', contributor: false },
  { from: 'unpublished', to: 'published', contributor: false },
  { from: 'unpublished', to: 'draft', contributor: false },
];

export function allowedTransitions(by: Viewer, item: Item): EditorialStatus[] {
  return TRANSITIONS.filter(
    (t) =>
      t.from === item.editorial_status &&
      (isStaffEditor(by) || by.via === 'system' || (t.contributor && by.role === 'contributor')),
  ).map((t) => t.to);
}

export function assertCanTransition(by: Viewer, item: Item, to: EditorialStatus) {
  if (!canSee(by, item)) throw notFound('Item');
  assertWriter(by);
  const step = TRANSITIONS.find((t) => t.from === item.editorial_status && t.to === to);
  if (!step) {
    throw invalidTransition('item', item.editorial_status, to, allowedTransitions(by, item));
  }
  if (by.role === 'contributor') {
    if (!step.contributor) throw forbidden(`Only an editor can make an item ${to}`);
    if (!item.country || !by.countries.includes(item.country))
      throw forbidden('Contributors can only move items of their countries');
  }
}
