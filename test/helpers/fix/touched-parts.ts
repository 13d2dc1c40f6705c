/**
 * The parts of a setup a layer changes, as sorted paths: named things by their identity
 * (`roles[chaincheck-redshift-role].trustPolicy`; hand-written layers often leave out the account), chain fields by name; the contents of
 * a policy document, a list of grants or a secret's JSON are one part each.
 */
const IDENTITY = ["id", "name", "key", "accessKeyId"];

function identityOf(value: Record<string, unknown>): string | undefined {
  const field = IDENTITY.find((f) => typeof value[f] === "string");
  return field ? String(value[field]) : undefined;
}

function isNamedList(value: unknown): value is Record<string, unknown>[] {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((v) => v && typeof v === "object" && identityOf(v as Record<string, unknown>) !== undefined)
  );
}

function walk(value: unknown, path: string, out: Set<string>): void {
  if (isNamedList(value)) {
    for (const element of value) {
      const at = `${path}[${identityOf(element)}]`;
      const fields = Object.keys(element).filter(
        (k) => !IDENTITY.includes(k) && k !== "account" && k !== "region",
      );
      if (element.$delete === true || fields.length === 0) out.add(at);
      for (const field of fields) walk(element[field], `${at}.${field}`, out);
    }
    return;
  }
  if (path === "" || path === "chain") {
    for (const [k, v] of Object.entries((value ?? {}) as Record<string, unknown>))
      walk(v, path ? `${path}.${k}` : k, out);
    return;
  }
  out.add(path);
}

export function touchedParts(layer: Record<string, unknown>): string[] {
  const out = new Set<string>();
  walk(layer, "", out);
  return [...out].sort();
}
