/**
 * `--shard K/N`: one of N parts of a run's environments, so N CI jobs (GitHub Actions'
 * `strategy.matrix`, examples/github-actions-fleet.yml) each check a part and `chaincheck merge`
 * puts the parts back together.
 *
 * Which environment goes where depends on the environment names only: the names are sorted (by
 * code unit, not locale) and dealt out in turn, the i-th name (from 0) to shard (i mod N) + 1. So
 * the parts never overlap, together they are the whole matrix, their sizes differ by at most one,
 * and neither the order of the matrix file nor `--concurrency` moves an environment to another
 * shard. Adding or removing an environment may move others (names after it in sorted order).
 *
 * Known gaps: a shard that would be empty (N larger than the number of environments) is an error
 * rather than an empty report.
 */

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

export const MAX_SHARDS = 256;

const GOOD = `expected K/N with whole numbers 1 ≤ K ≤ N ≤ ${MAX_SHARDS}, such as 2/7`;

/** The flag's value, or undefined (a problem pushed) when it is not K/N. */
export function parseShard(raw: string | undefined, problems: string[]): Shard | undefined {
  if (raw === undefined) return undefined;
  const match = /^(\d{1,3})\/(\d{1,3})$/.exec(raw.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || index < 1 || count < 1 || index > count || count > MAX_SHARDS) {
    problems.push(`--shard: ${GOOD}, got "${raw}"`);
    return undefined;
  }
  return { index, count };
}

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The shard's part of `items`, in their given order. */
export function shardOf<T extends { name: string }>(
  items: readonly T[],
  shard: Shard,
  problems: string[],
): T[] {
  if (items.length > 0 && shard.count > items.length) {
    problems.push(
      `--shard: ${shard.index}/${shard.count} asks for ${shard.count} shards of ${items.length} environments; use at most ${items.length} shards so none is empty`,
    );
    return [];
  }
  const sorted = items.map((item) => item.name).sort(byCodeUnit);
  const mine = new Set(sorted.filter((_, i) => i % shard.count === shard.index - 1));
  return items.filter((item) => mine.has(item.name));
}

export const formatShard = (shard: Shard) => `${shard.index}/${shard.count}`;
