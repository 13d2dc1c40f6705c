/**
 * Compares what the emulator answered with what AWS answered, the way the recording normalised it:
 * a numbered placeholder such as `<resource:1>` or `<uuid:2>` stands for one value, the same number
 * for the same value and different numbers for different values (so a RevisionId that should change
 * and does not is a difference); an unnumbered one (`<region>`, `<code-size>`) for any text;
 * `<datetime>`, `date` and `datetime` for any time. Members on
 * either side only are differences. Paths the recording marks unverified are left out.
 *
 * Known gaps: headers are not compared (the recordings keep none); a placeholder's value is not
 * checked against its kind (an `<access-key-id>` is any text).
 */

export interface Difference {
  path: string;
  recorded: unknown;
  actual: unknown;
}

export class Bindings {
  private readonly byToken = new Map<string, string>();
  private readonly byValue = new Map<string, string>();

  get(token: string): string | undefined {
    return this.byToken.get(token);
  }

  bind(token: string, value: string): boolean {
    const bound = this.byToken.get(token);
    if (bound !== undefined) return bound === value;
    if (/:\d+>$/.test(token)) {
      const owner = this.byValue.get(value);
      if (owner !== undefined && owner !== token) return false;
      this.byValue.set(value, token);
    }
    this.byToken.set(token, value);
    return true;
  }
}

const TIME_WORDS = new Set(["<datetime>", "datetime", "date", "<date>", "<timestamp>"]);
const PLACEHOLDER = /<[A-Za-z0-9_.:()-]+>/g;

function isTime(value: unknown): boolean {
  if (value instanceof Date) return true;
  return typeof value === "string" && !Number.isNaN(Date.parse(value.replace(/\+0000$/, "Z")));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function matchString(recorded: string, actual: unknown, bindings: Bindings): boolean {
  if (TIME_WORDS.has(recorded)) return isTime(actual);
  if (actual === null || actual === undefined || typeof actual === "object") return false;
  const text = String(actual);
  const tokens = recorded.match(PLACEHOLDER);
  if (!tokens) return recorded === text;
  const open = tokens.filter((token) => bindings.get(token) === undefined);
  const pattern = recorded
    .split(PLACEHOLDER)
    .map(escapeRegExp)
    .reduce((acc, part, i) => {
      const bound = bindings.get(tokens[i - 1]!);
      return `${acc}${bound === undefined ? "(.+?)" : escapeRegExp(bound)}${part}`;
    });
  const found = new RegExp(`^${pattern}$`, "s").exec(text);
  if (!found) return false;
  return open.every((token, i) => !/:\d+>$/.test(token) || bindings.bind(token, found[i + 1] ?? ""));
}

/** Binds the placeholders that stand alone in a recorded string (`"RoleName": "<role-name:1>"`)
 *  first, so that strings joining several (`role<path><role-name:1>`) split where they should. */
export function bindStandalone(recorded: unknown, actual: unknown, bindings: Bindings): void {
  if (typeof recorded === "string") {
    if (/^<[A-Za-z0-9_.:()-]+:\d+>$/.test(recorded)) {
      if (actual !== null && actual !== undefined && typeof actual !== "object")
        bindings.bind(recorded, String(actual));
    }
    return;
  }
  if (recorded === null || typeof recorded !== "object" || actual === null || typeof actual !== "object")
    return;
  for (const [key, value] of Object.entries(recorded)) {
    bindStandalone(value, (actual as Record<string, unknown>)[key], bindings);
  }
}

function unverifiedMatcher(paths: readonly string[]): (path: string) => boolean {
  // LocalStack's paths: "$..Role.Tags", "$.name.Member", "name..Member"; "<all>" (no paths given) skips everything.
  if (paths.includes("<all>")) return () => true;
  const patterns = paths.map((p) => {
    const body = (p.startsWith("$") ? p : `$.${p}`)
      .replace(/^\$/, "")
      .split(/(\.\.|\.|\[\*\]|\[\d+\])/)
      .filter((s) => s !== "")
      .map((s) => {
        if (s === "..") return "(?:\\.[^]*)?\\.";
        if (s === ".") return "\\.";
        if (s === "[*]") return "\\[\\d+\\]";
        if (s === "*") return "[^.\\[]+";
        return escapeRegExp(s);
      })
      .join("");
    return new RegExp(`^${body}(?:$|[.[])`);
  });
  return (path) => patterns.some((re) => re.test(path.replace(/^\$/, "")));
}

function present(value: unknown): boolean {
  return value !== undefined;
}

export function compareRecorded(
  recorded: unknown,
  actual: unknown,
  bindings: Bindings,
  unverifiedPaths: readonly string[] = [],
  root = "$",
): Difference[] {
  const skipped = unverifiedMatcher(unverifiedPaths);
  const differences: Difference[] = [];
  const walk = (rec: unknown, act: unknown, path: string): void => {
    if (skipped(path)) return;
    if (typeof rec === "string") {
      if (!matchString(rec, act, bindings)) differences.push({ path, recorded: rec, actual: act });
      return;
    }
    if (Array.isArray(rec)) {
      if (!Array.isArray(act) || act.length !== rec.length) {
        differences.push({ path, recorded: rec, actual: act });
        return;
      }
      for (const [i, r] of rec.entries()) walk(r, act[i], `${path}[${i}]`);
      return;
    }
    if (rec !== null && typeof rec === "object") {
      if (act === null || typeof act !== "object" || Array.isArray(act)) {
        differences.push({ path, recorded: rec, actual: act });
        return;
      }
      const r = rec as Record<string, unknown>;
      const a = act as Record<string, unknown>;
      for (const key of new Set([...Object.keys(r), ...Object.keys(a).filter((k) => present(a[k]))])) {
        if (!(key in r)) {
          if (!skipped(`${path}.${key}`))
            differences.push({ path: `${path}.${key}`, recorded: undefined, actual: a[key] });
        } else walk(r[key], a[key], `${path}.${key}`);
      }
      return;
    }
    if (rec !== act) differences.push({ path, recorded: rec, actual: act });
  };
  walk(recorded, actual, root);
  return differences;
}
