import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/** The chain's suites in file-name order (01-lambda-role … 05-copy-from-s3), so a run reads like
 *  the chain; everything else in vitest's usual order. */
class ChainOrderSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const chain = sorted
      .filter((f) => f.project.name === "chain")
      .sort((a, b) => a.moduleId.localeCompare(b.moduleId));
    return [...chain, ...sorted.filter((f) => f.project.name !== "chain")];
  }
}

// Two projects: `suites/` is the user-facing chain (what `npm test` runs for users against the
// configured target); `test/` is the project's own tests of the policy engine, emulator and helpers.
export default defineConfig({
  test: {
    passWithNoTests: true,
    // The AWS SDK's "Node 22 will be required" notice would repeat in every test worker.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
    sequence: { sequencer: ChainOrderSequencer },
    // The chain's JSON report (docs/contracts.md) goes to CHAINCHECK_REPORT_FILE when that is set; the
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
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: "project",
          include: ["test/**/*.test.ts"],
          exclude: ["test/parity/**"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: "parity",
          // Replays of recorded AWS responses against the embedded emulator (test/parity/recorded/NOTICE.md).
          include: ["test/parity/**/*.test.ts"],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
