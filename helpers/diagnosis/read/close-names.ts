/** "Did you mean": the names closest to a mistyped one (edit distance, then shared substring). */

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

/** Up to `limit` names within a third of the typed length, or containing it (or contained in it). */
export function closeNames(typed: string, names: readonly string[], limit = 5): string[] {
  const t = typed.toLowerCase();
  const budget = Math.max(2, Math.floor(t.length / 3));
  return names
    .map((name) => {
      const n = name.toLowerCase();
      const d = distance(t, n);
      const related = t.length >= 3 && (n.includes(t) || t.includes(n));
      return { name, score: related ? Math.min(d, budget) - 0.5 : d };
    })
    .filter((x) => x.score <= budget)
    .sort((a, b) => a.score - b.score || a.name.localeCompare(b.name))
    .slice(0, limit)
    .map((x) => x.name);
}
