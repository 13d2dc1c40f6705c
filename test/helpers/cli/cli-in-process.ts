import { vi } from "vitest";
import { main } from "../../../helpers/cli/main.ts";

export interface InProcessResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** `chaincheck ARGS` through the CLI's main function in this process, its console output captured. */
export async function runMain(args: string[]): Promise<InProcessResult> {
  let stdout = "";
  let stderr = "";
  const log = vi.spyOn(console, "log").mockImplementation((...a: unknown[]) => {
    stdout += `${a.join(" ")}\n`;
  });
  const error = vi.spyOn(console, "error").mockImplementation((...a: unknown[]) => {
    stderr += `${a.join(" ")}\n`;
  });
  try {
    const code = await main(args);
    return { code, stdout, stderr };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
}
