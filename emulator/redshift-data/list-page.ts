/**
 * Paging of the Data API's list operations (ListStatements, ListSessions): MaxResults 0–100 (0 or
 * absent = 100), NextToken the offset of the next page as the emulator issued it.
 *
 * Known gaps: AWS's NextToken is opaque and expires; a token not issued here restarts at the first page.
 */
import { validation } from "./data-api-errors.ts";

const MAX_LIST = 100;

/** MaxResults, checked before anything is listed (ValidationException outside 0–100). */
export function maxResultsOf(input: Record<string, unknown>): number {
  const max = typeof input.MaxResults === "number" ? input.MaxResults : MAX_LIST;
  if (max < 0 || max > MAX_LIST) throw validation(`MaxResults must be between 0 and ${MAX_LIST}.`);
  return max;
}

/** One page of `matches` from `input.NextToken`, with the token of the next page when there is one. */
export function listPage<T>(
  matches: T[],
  input: Record<string, unknown>,
  max: number,
): { page: T[]; nextToken: string | undefined } {
  const token = input.NextToken;
  const offset = typeof token === "string" && /^\d+$/.test(token) ? Number(token) : 0;
  const page = matches.slice(offset, offset + (max || MAX_LIST));
  const next = offset + page.length;
  return { page, nextToken: next < matches.length ? String(next) : undefined };
}
