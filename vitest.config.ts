import { availableParallelism } from "node:os";
import { defineConfig, type TestProjectInlineConfiguration } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";
import { selectTestProjects, type TestProject } from "./config/test-selection.ts";

/** The project's files that take longest (measured: the scenario sweep, the fault-injection and
 *  lax-target runs, the CLI run as a child process), started first so the two workers finish
 *  together instead of one waiting on a late long file. */
const LONGEST_FIRST = [
  /\/test\/scenarios\/scenario-sweep-shard-/,
  /\/test\/helpers\/chain\/(fault-injection|lax-target)\.test\.ts$/,
  /\/test\/helpers\/(cli|probe)\//,
  /-cli\.test\.ts$/,
];

const weight = (file: TestSpecification) => {
  const index = LONGEST_FIRST.findIndex((pattern) => pattern.test(file.moduleId));
  return index === -1 ? LONGEST_FIRST.length : index;
};

/** The chain's suites in file-name order (01-lambda-role … 05-copy-from-s3), so a run reads like
 *  the chain; then the project's longest files; everything else in vitest's usual order. */
class ChainOrderSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const chain = sorted
      .filter((f) => f.project.name === "chain")
      .sort((a, b) => a.moduleId.localeCompare(b.moduleId));
    const project = sorted.filter((f) => f.project.name !== "chain");
    return [...chain, ...project.sort((a, b) => weight(a) - weight(b))];
  }
}

// `npm test` against a configured non-embedded target runs the chain suites only (config/test-selection.ts).
const selection = selectTestProjects(process.env, process.cwd(), process.argv);
if (selection.note) console.log(selection.note);

// Projects: `suites/` is the user-facing chain (what `npm test` runs for users against the configured
// target); `test/` is the project's own tests of the policy engine, emulator and helpers, with
// `test/parity/` (replays of recorded AWS responses) as a project of its own.
const projects: Record<TestProject, TestProjectInlineConfiguration> = {
  chain: {
    test: {
      name: "chain",
      include: ["suites/**/*.test.ts"],
      // One worker, no isolation, files in name order: the suites share one chain run (a
      // worker-scoped fixture) and read it link by link, in chain order. Its own group, first.
      isolate: false,
      fileParallelism: false,
      sequence: { groupOrder: 0 },
      testTimeout: 120_000,
      hookTimeout: 120_000,
    },
  },
  project: {
    test: {
      name: "project",
      include: ["test/**/*.test.ts"],
      exclude: ["test/parity/**"],
      // Every core (vitest keeps one for itself by default: half the speed on 2 cores), and the
      // workers reused across files: importing the SDK and the emulator once per worker instead of
      // once per file is most of what a file costs. No test changes process-wide state beyond its
      // file (the one environment variable a file sets, it deletes after its tests).
      maxWorkers: Math.max(2, availableParallelism() - 1),
      isolate: false,
      sequence: { groupOrder: 1 },
      // Two files at once on a shared 2-core machine: the SQL engine's lifecycle tests and the CLI
      // run in child processes then take over a minute; the limit only catches a hang.
      testTimeout: 120_000,
      hookTimeout: 120_000,
      // GitHub's workflow parser imports its schema JSON without an import attribute, which Node
      // refuses; transformed by vitest it loads (test/examples/github-actions-fleet.test.ts).
      server: { deps: { inline: ["@actions/workflow-parser"] } },
    },
  },
  parity: {
    test: {
      name: "parity",
      // Replays of recorded AWS responses against the embedded emulator (test/parity/recorded/NOTICE.md).
      include: ["test/parity/**/*.test.ts"],
      // In the project's group, on its workers (isolated: its files are not checked for shared state).
      maxWorkers: Math.max(2, availableParallelism() - 1),
      sequence: { groupOrder: 1 },
      testTimeout: 60_000,
      hookTimeout: 60_000,
    },
  },
};

export default defineConfig({
  test: {
    passWithNoTests: true,
    // Transformed TypeScript is kept under node_modules/.experimental-vitest-cache between runs, keyed
    // by each file's content (npm ci starts it afresh): a second `npm test` does not transform the
    // project's ~400 modules again (measured on a third of the suite: 11.4 → 9.0 s, CPU −15 %).
    experimental: { fsModuleCache: true },
    // The AWS SDK's "Node 22 will be required" notice would repeat in every test worker.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" },
    sequence: { sequencer: ChainOrderSequencer },
    // The chain's JSON report (docs/contracts.md) goes to CHAINCHECK_REPORT_FILE when that is set; the
    // reporter reads what the chain suites attach to their tasks (helpers/report/vitest-json-reporter.ts).
    reporters: ["default", "./helpers/report/vitest-json-reporter.ts"],
    projects: selection.projects.map((name) => projects[name]),
  },
});
