/**
 * Schema-less XML serialisation shared by awsQuery and restXml.
 *
 * Handlers return plain objects; the shape is inferred: objects → nested elements, arrays → a list
 * (wrapped in `<member>` for awsQuery, repeated/flattened for restXml, as S3 does for `Contents`),
 * Date → ISO 8601, Buffer → base64, booleans/numbers → text. Where AWS uses a different list member
 * name (Redshift's `<Clusters><Cluster>`, S3's `<Buckets><Bucket>`) or a map, wrap the value with
 * `xmlList` / `xmlMap`.
 *
 * Known gaps: no XML attributes (S3 `xsi:type` grantees), no per-field timestamp formats.
 */

export interface XmlWriteOptions {
  /** How plain arrays are written: "wrapped" → `<Name><member>…</member></Name>`, "flattened" → `<Name>…</Name>` repeated. */
  lists: "wrapped" | "flattened";
  /** awsQuery services answer `2026-11-27T12:00:00Z`; S3 answers `2026-11-27T12:00:00.000Z`. */
  dateMillis: boolean;
}

/** A list whose member element name is not `member`, or a flattened list inside an awsQuery response. */
export class XmlList {
  constructor(
    readonly items: readonly unknown[],
    readonly memberName: string,
    readonly flattened = false,
  ) {}
}

/** A map, written as `<entry><key/><value/></entry>` (awsQuery's default map shape). */
export class XmlMap {
  constructor(
    readonly entries: Readonly<Record<string, unknown>>,
    readonly keyName = "key",
    readonly valueName = "value",
  ) {}
}

export function xmlList(items: readonly unknown[], memberName: string, flattened = false): XmlList {
  return new XmlList(items, memberName, flattened);
}

export function xmlMap(
  entries: Readonly<Record<string, unknown>>,
  keyName = "key",
  valueName = "value",
): XmlMap {
  return new XmlMap(entries, keyName, valueName);
}

const ESCAPES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
};

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

export function formatXmlDate(date: Date, millis: boolean): string {
  const iso = date.toISOString();
  return millis ? iso : iso.replace(/\.\d{3}Z$/, "Z");
}

/** Text content of a scalar, or undefined when the value is not a scalar. */
function scalarText(value: unknown, options: XmlWriteOptions): string | undefined {
  if (typeof value === "string") return escapeXml(value);
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint")
    return String(value);
  if (value instanceof Date) return formatXmlDate(value, options.dateMillis);
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return Buffer.from(value).toString("base64");
  return undefined;
}

/** Serialise the members of an object (no enclosing element). */
export function writeXmlMembers(value: Record<string, unknown>, options: XmlWriteOptions): string {
  let out = "";
  for (const [name, member] of Object.entries(value)) out += writeXmlElement(name, member, options);
  return out;
}

/** Serialise `<name>value</name>`; undefined/null members are omitted, as AWS omits absent fields. */
export function writeXmlElement(name: string, value: unknown, options: XmlWriteOptions): string {
  if (value === undefined || value === null) return "";
  const text = scalarText(value, options);
  if (text !== undefined) return `<${name}>${text}</${name}>`;
  if (value instanceof XmlList) {
    const items = value.items.map((item) => writeXmlElement(value.memberName, item, options)).join("");
    return value.flattened ? items : `<${name}>${items}</${name}>`;
  }
  if (value instanceof XmlMap) {
    const entries = Object.entries(value.entries)
      .map(
        ([k, v]) =>
          `<entry>${writeXmlElement(value.keyName, k, options)}${writeXmlElement(value.valueName, v, options)}</entry>`,
      )
      .join("");
    return `<${name}>${entries}</${name}>`;
  }
  if (Array.isArray(value)) {
    if (options.lists === "flattened")
      return value.map((item) => writeXmlElement(name, item, options)).join("");
    return `<${name}>${value.map((item) => writeXmlElement("member", item, options)).join("")}</${name}>`;
  }
  if (typeof value === "object") {
    return `<${name}>${writeXmlMembers(value as Record<string, unknown>, options)}</${name}>`;
  }
  return "";
}
