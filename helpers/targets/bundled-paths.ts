/**
 * Where the bundled seed setup and the probe handler live, apart from the targets that use them so
 * that naming a path never loads the emulator (helpers/targets/open-target.ts imports each target
 * only when it is opened).
 */

export function defaultSetupPath(): string {
  return new URL("../../fixtures/setups/seed.yaml", import.meta.url).pathname;
}

export function probeHandlerPath(): string {
  return new URL("../probe/handler.ts", import.meta.url).pathname;
}
