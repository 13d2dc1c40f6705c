/** Quoting for SQL the engine writes itself (seed, COPY); user SQL is never re-quoted. */

/** `IAM:app_user` → `"IAM:app_user"`; Redshift's IAM user names need quoting. */
export function quoteIdent(name: string): string {
  if (name.length === 0 || name.includes("\0"))
    throw new Error(`invalid SQL identifier ${JSON.stringify(name)}`);
  return `"${name.replaceAll('"', '""')}"`;
}

export function quoteLiteral(value: string): string {
  if (value.includes("\0")) throw new Error("SQL literal contains a NUL byte");
  return `'${value.replaceAll("'", "''")}'`;
}

/**
 * Splits `schema.table` (either part may be double-quoted) into unquoted parts and quotes each,
 * so `public.t`, `"My Schema"."T"` and `t` all become safe qualified names.
 */
export function quoteQualified(name: string): string {
  const parts: string[] = [];
  const re = /\s*(?:"((?:[^"]|"")*)"|([^."\s]+))\s*(\.|$)/y;
  let match: RegExpExecArray | null = re.exec(name);
  while (match) {
    parts.push(match[1] !== undefined ? match[1].replaceAll('""', '"') : match[2].toLowerCase());
    if (match[3] !== ".") break;
    match = re.exec(name);
  }
  if (parts.length === 0 || parts.length > 2 || re.lastIndex !== name.length) {
    throw new Error(`invalid qualified name ${JSON.stringify(name)}`);
  }
  return parts.map(quoteIdent).join(".");
}
