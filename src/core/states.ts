/**
 * Status machines: which statuses may follow each status, and the one error (409 invalid_transition,
 * naming the allowed moves) for a move that is not one of them. Requests, assessments and the
 * editorial workflow each declare their machine with `statusMachine`.
 */
import { AppError } from './errors.js';

const words = (status: string) => status.replaceAll('_', ' ');
const article = (word: string) => (/^[aeiou]/i.test(word) ? 'An' : 'A');

/** 409 invalid_transition: "A planned assessment cannot become published; allowed: in_progress". */
export function invalidTransition(
  what: string,
  from: string,
  to: string,
  allowed: readonly string[],
): AppError {
  return new AppError(
    409,
    'invalid_transition',
    `${article(from)} ${words(from)} ${what} cannot become ${words(to)}; allowed: ${allowed.join(', ') || 'none'}`,
    { allowed },
  );
}

export type StatusMachine<S extends string> = {
  /** The statuses that may follow `from`. */
  next(from: S): S[];
  /** Throws invalid_transition unless `to` may follow `from`. */
  assertMove(from: S, to: S): void;
};

/** A machine for things called `what` ("request", "assessment"), from its table of next statuses. */
export function statusMachine<S extends string>(
  what: string,
  table: Record<S, readonly S[]>,
): StatusMachine<S> {
  return {
    next: (from) => [...table[from]],
    assertMove(from, to) {
      if (!table[from].includes(to)) throw invalidTransition(what, from, to, table[from]);
    },
  };
}
