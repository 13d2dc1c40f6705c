/**
 * DATEFORMAT / TIMEFORMAT for COPY, normalised to ISO text Postgres accepts.
 * https://docs.aws.amazon.com/redshift/latest/dg/r_DATEFORMAT_and_TIMEFORMAT_strings.html
 * https://docs.aws.amazon.com/redshift/latest/dg/automatic-recognition.html
 *
 * Known gaps: 'auto' recognises the common shapes below, not every one Redshift does; format
 * strings support YYYY YY MM MON MONTH DD HH HH24 HH12 MI SS (with .S… fractions) AM PM and
 * literal characters; dates are not range-checked beyond month/day validity.
 */

export interface DateTimeParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  fraction: string;
  /** Offset like "+05:30" or "Z", when the text carried one. */
  offset?: string;
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const MONTH_NAMES = "january|february|march|april|may|june|july|august|september|october|november|december";

type Field = keyof DateTimeParts | "ampm" | "yy" | "mon";

function compile(format: string): { regex: RegExp; fields: Field[] } {
  const tokens: [string, string, Field | null][] = [
    ["YYYY", "(\\d{4})", "year"],
    ["HH24", "(\\d{1,2})", "hour"],
    ["HH12", "(\\d{1,2})", "hour"],
    ["MONTH", `(${MONTH_NAMES})`, "mon"],
    ["MON", "([A-Za-z]{3})", "mon"],
    ["YY", "(\\d{2})", "yy"],
    ["MM", "(\\d{1,2})", "month"],
    ["DD", "(\\d{1,2})", "day"],
    ["HH", "(\\d{1,2})", "hour"],
    ["MI", "(\\d{1,2})", "minute"],
    ["SS", "(\\d{1,2})(?:\\.(\\d{1,6}))?", "second"],
    ["AM", "([AaPp][Mm])", "ampm"],
    ["PM", "([AaPp][Mm])", "ampm"],
  ];
  let pattern = "";
  const fields: Field[] = [];
  let i = 0;
  const upper = format.toUpperCase();
  outer: while (i < format.length) {
    for (const [token, re, field] of tokens) {
      if (upper.startsWith(token, i)) {
        pattern += re;
        if (field) fields.push(field);
        i += token.length;
        // ".SSSSSS" after SS is folded into the optional fraction group above.
        if (token === "SS") while (upper[i] === "." && upper[i + 1] === "S") i = skipFraction(upper, i);
        continue outer;
      }
    }
    pattern += format[i].replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    i++;
  }
  return { regex: new RegExp(`^${pattern}$`, "i"), fields };
}

function skipFraction(upper: string, i: number): number {
  let j = i + 1;
  while (upper[j] === "S") j++;
  return j;
}

function fromMatch(match: RegExpExecArray, fields: Field[]): DateTimeParts | undefined {
  const parts: DateTimeParts = { year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0, fraction: "" };
  let group = 1;
  let pm: boolean | undefined;
  for (const field of fields) {
    const value = match[group++];
    if (field === "second") {
      parts.second = Number(value);
      parts.fraction = match[group++] ?? "";
    } else if (field === "yy") parts.year = 2000 + Number(value);
    else if (field === "mon") {
      const index = MONTHS.indexOf(value.slice(0, 3).toLowerCase());
      if (index < 0) return undefined;
      parts.month = index + 1;
    } else if (field === "ampm") pm = value.toLowerCase() === "pm";
    else if (field !== "offset" && field !== "fraction") parts[field] = Number(value);
  }
  if (pm !== undefined) {
    if (parts.hour < 1 || parts.hour > 12) return undefined;
    parts.hour = (parts.hour % 12) + (pm ? 12 : 0);
  }
  return valid(parts) ? parts : undefined;
}

function valid(p: DateTimeParts): boolean {
  if (p.month < 1 || p.month > 12 || p.day < 1 || p.hour > 23 || p.minute > 59 || p.second > 59) return false;
  return p.day <= new Date(Date.UTC(p.year, p.month, 0)).getUTCDate();
}

const AUTO_SHAPES: [RegExp, (m: RegExpExecArray) => DateTimeParts][] = [
  [
    /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i,
    (m) => parts(m[1], m[2], m[3], m[4], m[5], m[6], m[7], m[8]),
  ],
  [/^(\d{4})(\d{2})(\d{2})$/, (m) => parts(m[1], m[2], m[3])],
  [
    /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?$/,
    (m) => parts(m[3], m[1], m[2], m[4], m[5], m[6], m[7]),
  ],
  [
    /^([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/,
    (m) => parts(m[3], monthNumber(m[1]), m[2], m[4], m[5], m[6]),
  ],
  [
    /^(\d{1,2})[ -]([A-Za-z]{3,9})[ -](\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/,
    (m) => parts(m[3], monthNumber(m[2]), m[1], m[4], m[5], m[6]),
  ],
];

function monthNumber(name: string): string {
  return String(MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1);
}

function parts(...v: (string | undefined)[]): DateTimeParts {
  const n = (s: string | undefined) => (s === undefined ? 0 : Number(s));
  return {
    year: n(v[0]),
    month: n(v[1]),
    day: n(v[2]),
    hour: n(v[3]),
    minute: n(v[4]),
    second: n(v[5]),
    fraction: v[6] ?? "",
    ...(v[7] ? { offset: v[7] } : {}),
  };
}

/** Parses `text` with a DATEFORMAT/TIMEFORMAT string or 'auto'; undefined when it does not match. */
export function parseDateTime(text: string, format: string): DateTimeParts | undefined {
  const lower = format.toLowerCase();
  if (lower === "epochsecs" || lower === "epochmillisecs") {
    if (!/^-?\d+(\.\d+)?$/.test(text)) return undefined;
    const ms = lower === "epochsecs" ? Number(text) * 1000 : Number(text);
    const d = new Date(ms);
    if (Number.isNaN(d.getTime())) return undefined;
    const iso = d.toISOString();
    return parts(
      iso.slice(0, 4),
      iso.slice(5, 7),
      iso.slice(8, 10),
      iso.slice(11, 13),
      iso.slice(14, 16),
      iso.slice(17, 19),
      iso.slice(20, 23).replace(/0+$/, ""),
    );
  }
  if (lower === "auto") {
    for (const [regex, build] of AUTO_SHAPES) {
      const m = regex.exec(text);
      if (m) {
        const p = build(m);
        return valid(p) ? p : undefined;
      }
    }
    return undefined;
  }
  const { regex, fields } = compile(format);
  const m = regex.exec(text);
  return m ? fromMatch(m, fields) : undefined;
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

export function formatDate(p: DateTimeParts): string {
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

export function formatTimestamp(p: DateTimeParts, withOffset: boolean): string {
  const fraction = p.fraction ? `.${p.fraction}` : "";
  const base = `${formatDate(p)} ${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${fraction}`;
  if (!withOffset) return base;
  const offset = !p.offset || p.offset.toUpperCase() === "Z" ? "+00" : p.offset;
  return base + offset;
}
