/**
 * `chaincheck diagnose [TEXT | -] [--format json]`: classify a pasted AWS or Redshift error → the
 * link, the likely causes (most likely first) with what tells them apart, and the fix template.
 * The text comes from the argument, or stdin with `-` or when no argument is given and stdin is not
 * a TTY. Fixes are filled in from the ARNs in the text, then from any CHAINCHECK_* variables set.
 *
 * Exit codes (docs/contracts.md): 0 recognised · 1 not recognised (`link: null`, no causes) · 2 usage.
 */
import { chainFromEnv } from "../../config/chain-config.ts";
import { valuesFromConfig } from "../diagnosis/catalog/fix-values.ts";
import { diagnoseText } from "../diagnosis/classify/classify-error.ts";
import { parseFlags } from "./parse-flags.ts";
import { UsageError } from "./usage-error.ts";

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export async function runDiagnoseCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseFlags(args, { format: { type: "string", default: "console" } });
  const format = values.format as string;
  if (format !== "console" && format !== "json")
    throw new UsageError(`--format: expected console or json, got "${format}"`);
  if (positionals.length > 1) throw new UsageError("diagnose takes one error text (quote it) or - for stdin");
  const [arg] = positionals;
  let text: string;
  if (arg === "-" || (arg === undefined && !process.stdin.isTTY)) text = await readStdin();
  else if (arg !== undefined) text = arg;
  else
    throw new UsageError("diagnose needs an error text: chaincheck diagnose 'AccessDenied: …' or pipe it in");
  if (!text.trim()) throw new UsageError("diagnose got an empty error text");

  const result = diagnoseText(text, valuesFromConfig(chainFromEnv(process.env)));
  if (format === "json") console.log(JSON.stringify(result, null, 2));
  else console.log(formatDiagnosis(result));
  return result.link ? 0 : 1;
}

function formatDiagnosis(result: ReturnType<typeof diagnoseText>): string {
  if (!result.link)
    return "chaincheck diagnose: this text is not one chaincheck recognises (see docs/failures.md for the ones it does).";
  const lines = [`link: ${result.link}`];
  result.causes.forEach((c, i) => {
    lines.push("");
    lines.push(
      `${i === 0 ? "most likely" : `candidate ${i + 1}`}: ${c.cause} — side ${c.side ?? "A or B"} must change`,
    );
    lines.push(`  ${c.summary}`);
    lines.push(`  tell apart: ${c.tellApart}`);
    lines.push("  fix:");
    lines.push(c.fix.replace(/^/gm, "    "));
  });
  return lines.join("\n");
}
