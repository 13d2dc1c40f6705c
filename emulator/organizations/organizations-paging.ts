/**
 * Organizations' paging: MaxResults 1–20 (default 20) and an opaque NextToken that names the
 * listing it belongs to, so a token of one listing is refused by another.
 * https://docs.aws.amazon.com/organizations/latest/APIReference/API_ListAccounts.html
 */
import { invalidInput } from "./organizations-errors.ts";

export const MAX_RESULTS = 20;

export const pageToken = (listing: string, offset: number) =>
  Buffer.from(`chaincheck-${listing}:${offset}`).toString("base64");

export function pageOffset(listing: string, raw: unknown): number {
  if (raw === undefined || raw === null) return 0;
  const decoded = Buffer.from(String(raw), "base64").toString();
  const match = new RegExp(`^chaincheck-${listing}:(\\d{1,6})$`).exec(decoded);
  if (!match) throw invalidInput("INVALID_NEXT_TOKEN", "You specified an invalid value for nextToken.");
  return Number(match[1]);
}

export function pageSize(raw: unknown): number {
  if (raw === undefined || raw === null) return MAX_RESULTS;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > MAX_RESULTS)
    throw invalidInput(
      "INVALID_INPUT",
      `1 validation error detected: Value '${raw}' at 'maxResults' failed to satisfy constraint: Member must have value ${n < 1 ? "greater than or equal to 1" : `less than or equal to ${MAX_RESULTS}`}`,
    );
  return n;
}

/** One page of `items` and the token of the next, as Organizations' List* operations answer. */
export function onePage<T>(
  listing: string,
  items: T[],
  input: { NextToken?: unknown; MaxResults?: unknown },
): { page: T[]; next: { NextToken?: string } } {
  const offset = pageOffset(listing, input.NextToken);
  const size = pageSize(input.MaxResults);
  return {
    page: items.slice(offset, offset + size),
    next: offset + size < items.length ? { NextToken: pageToken(listing, offset + size) } : {},
  };
}
