import { defineConfig } from "vitest/config";

// Two projects: `suites/` is the user-facing chain (what `npm test` runs for users against the
// configured target); `test/` is the project's own tests of the policy engine, emulator and helpers.
export default defineConfig({
  test: {
    passWithNoTests: true,
    // The chain's JSON report (design.md §5) goes to CHAINCHECK_REPORT_FILE when that is set; the
    // reporter reads what the chain suites attach to their tasks (helpers/report/vitest-json-reporter.ts).
    reporters: ["default", "./helpers/report/vitest-json-reporter.ts"],
    projects: [
      {
        test: {
          name: "chain",
          include: ["suites/**/*.test.ts"],
          // One worker, no isolation, files in name order: the suites share one chain run (a
          // worker-scoped fixture) and read it link by link, in chain order.
          isolate: false,
          fileParallelism: false,
          sequence: { shuffle: false },
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: "project",
          include: ["test/**/*.test.ts"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
