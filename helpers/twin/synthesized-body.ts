/**
 * A COPY source body for a twin taken without `--with-data`: header lines as many as the COPY
 * options skip (IGNOREHEADER n), then one row with a value of each column's type, delimited as the
 * options say (CSV, DELIMITER 'x', JSON 'auto'). It loads where the real data loads; it cannot show
 * a data error the real objects have (take the snapshot with --with-data N for that).
 */

function sampleValue(type: string): string {
  const t = type.toLowerCase();
  if (/^(smallint|integer|int|int2|int4|int8|bigint)\b/.test(t)) return "1";
  if (/^(numeric|decimal|real|double|float)/.test(t)) return "1.5";
  if (/^bool/.test(t)) return "true";
  if (/^date/.test(t)) return "2026-01-01";
  if (/^timestamp/.test(t)) return "2026-01-01 00:00:00";
  if (/^time/.test(t)) return "00:00:00";
  return "x";
}

export function synthesizedBody(columns: { name?: string; type: string }[], copyOptions = ""): string {
  const types = columns.length ? columns.map((c) => c.type) : ["varchar"];
  const options = copyOptions.toUpperCase();
  if (/\bJSON\b/.test(options)) {
    const row = Object.fromEntries(
      columns.map((c, i) => [
        c.name ?? `c${i}`,
        /^(\d|true)/.test(sampleValue(c.type)) ? JSON.parse(sampleValue(c.type)) : sampleValue(c.type),
      ]),
    );
    return `${JSON.stringify(row)}\n`;
  }
  const delimiter =
    /\bDELIMITER\s+(?:AS\s+)?'(.)'/i.exec(copyOptions)?.[1] ?? (/\bCSV\b/.test(options) ? "," : "|");
  const header = Number(/\bIGNOREHEADER\s+(?:AS\s+)?(\d+)/.exec(options)?.[1] ?? 0);
  const names = columns.map((c, i) => c.name ?? `c${i}`).join(delimiter);
  const lines = [...Array.from({ length: header }, () => names), types.map(sampleValue).join(delimiter)];
  return `${lines.join("\n")}\n`;
}
