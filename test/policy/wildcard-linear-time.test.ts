import { describe, expect, it } from "vitest";
import { matchesPattern, type PatternMode } from "../../policy/index.ts";

function backtrackingReference(pattern: string, mode: PatternMode): RegExp {
  let src = "";
  let colons = 0;
  for (const c of pattern) {
    const fixed = mode === "arn" && colons < 5;
    if (c === "*") src += fixed ? "[^:]*" : ".*";
    else if (c === "?") src += fixed ? "[^:]" : ".";
    else {
      if (c === ":") colons++;
      src += c.replace(/[.+^${}()|[\]\\/]/g, "\\$&");
    }
  }
  return new RegExp(`^${src}$`, mode === "action" ? "is" : "s");
}

function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
}

function randomText(next: () => number, alphabet: string, max: number): string {
  const length = Math.floor(next() * (max + 1));
  let out = "";
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(next() * alphabet.length)];
  return out;
}

describe("wildcard matching without regular expressions", () => {
  it.each(["action", "arn", "string"] as const)(
    "agrees with the backtracking regex it replaced on 4000 random %s patterns",
    (mode) => {
      const next = seededRandom(mode.length * 7919);
      const disagreements: string[] = [];
      for (let n = 0; n < 4000; n++) {
        const pattern = randomText(next, "aAbß:*?/ı", 9);
        const value = randomText(next, "aAbß:/Iı", 12);
        if (pattern === "*" && mode !== "string") continue;
        const expected = backtrackingReference(pattern, mode).test(value);
        if (matchesPattern(pattern, value, mode) !== expected)
          disagreements.push(`${pattern} ~ ${value}: expected ${expected}`);
      }
      expect(disagreements).toEqual([]);
    },
  );

  it("answers a bucket resource with forty stars against a 20 000-character key", () => {
    const pattern = `arn:aws:s3:::bucket/${"*a".repeat(40)}*c`;
    expect(matchesPattern(pattern, `arn:aws:s3:::bucket/${"a".repeat(20_000)}`, "arn")).toBe(false);
    expect(matchesPattern(pattern, `arn:aws:s3:::bucket/${"a".repeat(20_000)}c`, "arn")).toBe(true);
  });

  it("answers logs/*-*-*-*-*-*-*.gz against a long key of dashes", () => {
    const pattern = "arn:aws:s3:::logs/*-*-*-*-*-*-*.gz";
    expect(matchesPattern(pattern, `arn:aws:s3:::logs/${"-".repeat(5_000)}x.gzz`, "arn")).toBe(false);
    expect(matchesPattern(pattern, `arn:aws:s3:::logs/${"-".repeat(5_000)}x.gz`, "arn")).toBe(true);
  });

  it("answers a case-insensitive action pattern with forty stars", () => {
    expect(matchesPattern(`s3:${"*a".repeat(40)}*c`, `s3:${"A".repeat(5_000)}`, "action")).toBe(false);
    expect(matchesPattern(`s3:${"*a".repeat(40)}*c`, `S3:${"A".repeat(5_000)}C`, "action")).toBe(true);
  });
});
