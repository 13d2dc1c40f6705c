/**
 * A diagnosis fix (helpers/diagnosis/catalog/) split into what a person reads and what they paste:
 * prose lines, JSON documents (a policy, a trust policy) and commands (the AWS CLI, SQL, a variable).
 * The catalog writes a JSON document as lines starting at `{` or `[` and code as lines indented by
 * two spaces; everything else is prose. The HTML report gives each pasteable part a copy button.
 *
 * Known gaps: a command written inside a prose sentence ("…: aws redshift describe-clusters …")
 * stays prose; a JSON document that never parses is shown as prose lines.
 */

export type FixPart =
  | { kind: "text"; text: string }
  | { kind: "json"; text: string }
  | { kind: "command"; text: string; language: "aws-cli" | "sql" | "code" };

function languageOf(code: string): "aws-cli" | "sql" | "code" {
  const first = code.trimStart();
  if (/^aws\s/.test(first)) return "aws-cli";
  if (/^(create|grant|alter|revoke|drop|select|copy|set)\s/i.test(first)) return "sql";
  return "code";
}

/** The lines from `start` that form one JSON document, or undefined when none does. */
function jsonAt(lines: string[], start: number): number | undefined {
  let text = "";
  for (let end = start; end < lines.length; end++) {
    text += `${lines[end]}\n`;
    try {
      JSON.parse(text);
      return end;
    } catch {
      // not whole yet
    }
  }
  return undefined;
}

export function fixParts(fix: string): FixPart[] {
  const lines = fix.split(/\r?\n/);
  const parts: FixPart[] = [];
  const push = (part: FixPart) => {
    const last = parts.at(-1);
    if (last && last.kind === part.kind && part.kind !== "json") {
      if (last.kind === "command" && part.kind === "command" && last.language !== part.language)
        return void parts.push(part);
      last.text += `\n${part.text}`;
      return;
    }
    parts.push(part);
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (/^\s*[{[]/.test(line)) {
      const end = jsonAt(lines, i);
      if (end !== undefined) {
        parts.push({ kind: "json", text: lines.slice(i, end + 1).join("\n") });
        i = end;
        continue;
      }
    }
    if (/^ {2}\S/.test(line)) {
      const code = line.slice(2);
      push({ kind: "command", text: code, language: languageOf(code) });
      continue;
    }
    if (line.trim() === "") continue;
    push({ kind: "text", text: line });
  }
  return parts;
}
