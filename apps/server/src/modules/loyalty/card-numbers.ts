import { cardNumberFor, cardNumberProblem, currentFormatProblem, normaliseCardNumber } from '@jiake/shared';
import type { DbOrTx } from '../../platform/db/client.ts';
import { AppError, invalid, issue } from '../../platform/http/errors.ts';
import { readTogether } from '../../platform/db/read-together.ts';
import { loadSettings } from './program.service.ts';
import * as repo from './cards.repository.ts';

/**
 * Card numbers (LOY-6): generated from the programme's format (prefix + zero-padded per-tenant sequence + check
 * digit), or a pre-printed card of that format given at issue; and the number a counter types, checked before use.
 */

const conflict = (reason: string, message: string, params: Record<string, unknown> = {}) => new AppError('conflict', message, { params: { reason, ...params } });

const problemIssue = (path: string, problem: 'format' | 'check_digit', number: string) =>
  problem === 'check_digit'
    ? issue(path, 'check_digit', `the check digit of ${number} is wrong: a digit was mistyped`)
    : issue(path, 'card_format', `${number} is not a card number of this programme`);

/**
 * The number of a new card: the given pre-printed number (422 `card_format` / `check_digit` at `path`; 409
 * `card_number_taken`), else the next free sequence value (409 `card_numbers_exhausted` when the sequence outgrew the
 * configured digits). Generated numbers skip values a pre-printed card already took.
 */
export async function numberForNewCard(tx: DbOrTx, tenantId: string, given: string | undefined, path: string): Promise<string> {
  const { cards } = await loadSettings(tx, tenantId);
  if (given !== undefined) {
    const number = normaliseCardNumber(given);
    const problem = currentFormatProblem(cards, number);
    if (problem) throw invalid([problemIssue(path, problem, number)]);
    if (await repo.numberTaken(tx, tenantId, number)) throw conflict('card_number_taken', `card ${number} is already issued`, { number });
    return number;
  }
  for (;;) {
    const number = cardNumberFor(cards, await repo.nextCardSequence(tx, tenantId));
    if (number === null) throw conflict('card_numbers_exhausted', `card numbers of ${cards.digits} digits are used up: widen the format`);
    if (!(await repo.numberTaken(tx, tenantId, number))) return number;
  }
}

/**
 * The card a counter typed or scanned, whatever its status: null when no card has that number. A number of the
 * tenant's cards is accepted as stored (cards issued under an older format keep working); an unknown number is
 * checked against the current scheme so a typo answers 422 `check_digit` at `path` instead of "no such card".
 */
export async function presentedCard(db: DbOrTx, tenantId: string, raw: string, path: string): Promise<repo.CardRowWithMember | null> {
  const number = normaliseCardNumber(raw);
  const card = await repo.cardByNumber(db, tenantId, number);
  if (card) return card;
  const { cards } = await loadSettings(db, tenantId);
  const problem = cardNumberProblem(cards.checkDigit, number);
  if (problem) throw invalid([problemIssue(path, problem, number)]);
  return null;
}

/** The settings page's preview: the sequence value the next generated number takes, and that number today. */
export async function nextNumberPreview(db: DbOrTx, tenantId: string) {
  const [{ cards }, nextSequence] = await readTogether(db, [() => loadSettings(db, tenantId), () => repo.peekCardSequence(db, tenantId)]);
  return { nextSequence, nextNumber: cardNumberFor(cards, nextSequence) };
}
