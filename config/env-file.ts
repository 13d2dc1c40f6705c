/**
 * Reads a dotenv file the way dotenv does, but refuses what dotenv would silently skip: a file that
 * is not text (NUL bytes, invalid UTF-8), a directory, and lines that are neither `NAME=value`,
 * a comment nor blank (dotenv drops them, so a typo'd line would quietly leave its setting unset).
 * Each problem names the file and line and shows a good line.
 *
 * Known gaps: values are not checked here (the settings that read them are); a quoted value that
 * spans lines is accepted as dotenv accepts it.
 */
import { readFileSync } from "node:fs";
import dotenv from "dotenv";
import { existingStat } from "./existing-stat.ts";

const GOOD_LINE = "e.g. AWS_REGION=ap-northeast-1 (see .env.example)";

// The same grammar as dotenv's own line pattern: NAME, = or ": ", then a quoted or bare value.
const LINE =
  /(?:^|^)\s*(?:export\s+)?([\w.-]+)(?:\s*=\s*?|:\s+?)(\s*'(?:\\'|[^'])*'|\s*"(?:\\"|[^"])*"|\s*`(?:\\`|[^`])*`|[^#\r\n]+)?\s*(?:#.*)?(?:$|$)/gm;

/** Line numbers (1-based) that dotenv would ignore although they are not blank or comments. */
function strayLines(text: string): number[] {
  const covered = new Uint8Array(text.length + 1);
  for (const match of text.matchAll(LINE)) covered.fill(1, match.index, match.index + match[0].length);
  const stray: number[] = [];
  let start = 0;
  text.split("\n").forEach((line, i) => {
    const body = line.trim();
    const offset = start + line.indexOf(body.charAt(0));
    start += line.length + 1;
    if (body === "" || body.startsWith("#")) return;
    if (!covered[offset]) stray.push(i + 1);
  });
  return stray;
}

/** The file's variables, or problems (each `<file>[:line]: …`) and nothing. */
export function readEnvFile(file: string, shown: string, problems: string[]): Record<string, string> {
  const stat = existingStat(file);
  if (!stat) {
    problems.push(
      `--env-file: no such file ${shown}; expected a dotenv file such as .env (see .env.example)`,
    );
    return {};
  }
  if (!stat.isFile()) {
    problems.push(
      `--env-file: ${shown} is a directory; expected a dotenv file such as .env (see .env.example)`,
    );
    return {};
  }
  const bytes = readFileSync(file);
  let text: string;
  try {
    if (bytes.includes(0)) throw new Error("NUL byte");
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    problems.push(`${shown}: not a text file (binary content); expected NAME=value lines, ${GOOD_LINE}`);
    return {};
  }
  const stray = strayLines(text.replace(/\r\n?/g, "\n"));
  for (const line of stray.slice(0, 5))
    problems.push(`${shown}:${line}: not a NAME=value line, a comment or blank; ${GOOD_LINE}`);
  if (stray.length > 5) problems.push(`${shown}: ${stray.length - 5} more lines like that`);
  return stray.length > 0 ? {} : dotenv.parse(text);
}
