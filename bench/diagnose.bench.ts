/**
 * `chaincheck diagnose -` on long pastes (issue 10): the classifier's time for 100 KB, 300 KB and
 * 1 MB of text in shapes that once made its regular expressions backtrack (a lazy match in front of
 * a tail, whitespace runs before `status code:`, repeated prefixes without their tail). Linear
 * classification keeps 1 MB well under a second; a quadratic one took minutes.
 */
import { diagnoseText } from "../helpers/diagnosis/classify/classify-error.ts";
import { fmt } from "./lib/stats.ts";

export const LONG_PASTE_SHAPES: Record<string, string> = {
  "log lines": "2026-01-01T00:00:00Z INFO request arn:aws:iam::111111111111:role/x (Service\n",
  "whitespace runs": `AccessDenied:${" ".repeat(200)}\n`,
  "java tail without its end": "(Service: a; Status Code: 1; x ",
  "go v2 prefix repeated": `operation error ${"word ".repeat(20)}`,
  "explicit deny repeated": `with an explicit deny in a ${"word ".repeat(30)}`,
  "cli error": "An error occurred (AccessDenied) when calling the AssumeRole operation: x ",
};

export function longPaste(unit: string, bytes: number): string {
  return unit.repeat(Math.ceil(bytes / unit.length));
}

export async function runDiagnoseBench(log = console.log): Promise<Record<string, number>> {
  log("\ndiagnose: classifying long pastes (chaincheck diagnose -)");
  const worst: Record<string, number> = {};
  for (const [name, unit] of Object.entries(LONG_PASTE_SHAPES)) {
    const times = [100, 300, 1024].map((kb) => {
      const text = longPaste(unit, kb * 1024);
      const started = performance.now();
      diagnoseText(text);
      return performance.now() - started;
    });
    worst[name] = Math.max(...times);
    log(`  ${name.padEnd(28)} 100 KB ${fmt(times[0])}  300 KB ${fmt(times[1])}  1 MB ${fmt(times[2])}`);
  }
  return worst;
}

if (process.argv[2]?.endsWith("diagnose.bench.ts")) await runDiagnoseBench();
