/**
 * The fast path for setup files written as JSON (generated fleets: hundreds of account pairs, a few
 * MB). The position-keeping YAML parser builds a node with a source range for every value, which
 * took most of the load time of a big generated setup; `JSON.parse` is two orders of magnitude
 * faster. Positions are only needed when there is a problem to place, so setup-positions.ts parses
 * the text with YAML then, and only then.
 *
 * The two must read a file the same way: YAML 1.2 reads JSON as JSON, except that it refuses a
 * mapping with a key written twice where `JSON.parse` keeps the last one. So a text with a repeated
 * key (or anything `JSON.parse` refuses) is left to the YAML path, whose error names the place.
 */

/** The value of `text` when it is a JSON object without repeated keys; otherwise undefined. */
export function parseJsonSetupText(text: string): object | undefined {
  const start = text.search(/\S/);
  if (start < 0 || text[start] !== "{") return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  return hasRepeatedKey(text) ? undefined : value;
}

/** Whether an object in `text` (valid JSON) writes a key twice. */
function hasRepeatedKey(text: string): boolean {
  // One frame per open object or array: the object's keys so far, or undefined for an array.
  const frames: (Set<string> | undefined)[] = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      let end = i + 1;
      let escaped = false;
      while (text.charCodeAt(end) !== 0x22) {
        if (text.charCodeAt(end) === 0x5c /* \ */) {
          escaped = true;
          end++;
        }
        end++;
      }
      const keys = frames[frames.length - 1];
      if (expectKey && keys) {
        const raw = text.slice(i + 1, end);
        const key = escaped ? (JSON.parse(`"${raw}"`) as string) : raw;
        if (keys.has(key)) return true;
        keys.add(key);
        expectKey = false;
      }
      i = end;
    } else if (c === 0x7b /* { */) {
      frames.push(new Set());
      expectKey = true;
    } else if (c === 0x5b /* [ */) {
      frames.push(undefined);
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      frames.pop();
    } else if (c === 0x2c /* , */) {
      expectKey = frames[frames.length - 1] !== undefined;
    }
  }
  return false;
}
