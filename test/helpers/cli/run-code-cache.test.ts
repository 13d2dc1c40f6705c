// `chaincheck run` loads the CommonJS form of the CLI build through V8's code cache
// (bin/cli-bundle.js, loadRunBundle); builds are made one at a time per checkout. Checked on a small CommonJS file in a folder of its own, so
// the CLI runs of other test files, which write the real build's cache, cannot race this one.

import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, describe, expect, onTestFinished, test } from "vitest";
// @ts-expect-error plain JavaScript without type declarations (bin/ runs before any loader)
import { buildCliBundle, loadRunBundle, RUN_BUNDLE_FORMAT, runBundleOf } from "../../../bin/cli-bundle.js";

const CLI_BUNDLE = fileURLToPath(new URL("../../../bin/cli-bundle.js", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "chaincheck-code-cache-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SOURCE = `const { basename } = require("node:path");
exports.main = async (args) => \`\${basename(__filename)} \${args.join(" ")} \${[1, 2, 3].map((n) => n * 2).join(",")}\`;
exports.later = () => import("node:os").then((os) => typeof os.cpus);
`;

describe("the run bundle's code cache", () => {
  test("a load without a cache compiles and writes one; the next load takes it and leaves it alone", async () => {
    const file = join(dir, "run.cjs");
    writeFileSync(file, SOURCE);
    const first = loadRunBundle(file);
    expect(first.cached).toBe(false);
    expect(await first.exports.main(["run", "--format", "json"])).toBe("run.cjs run --format json 2,4,6");
    first.saveCache();
    const written = statSync(`${file}.cache`);
    expect(written.size).toBeGreaterThan(0);

    const second = loadRunBundle(file);
    expect(second.cached).toBe(true);
    expect(await second.exports.main(["x"])).toBe("run.cjs x 2,4,6");
    // A dynamic import from inside the bundle (the packages it leaves external) still works.
    expect(await second.exports.later()).toBe("function");
    second.saveCache();
    expect(statSync(`${file}.cache`).mtimeMs).toBe(written.mtimeMs);
  });

  test("a cache V8 refuses (another source, another Node) is compiled past and rewritten", async () => {
    const file = join(dir, "refused.cjs");
    writeFileSync(file, SOURCE);
    writeFileSync(`${file}.cache`, Buffer.from("not a V8 code cache"));
    const loaded = loadRunBundle(file);
    expect(loaded.cached).toBe(false);
    expect(await loaded.exports.main(["ok"])).toBe("refused.cjs ok 2,4,6");
    loaded.saveCache();
    expect(readFileSync(`${file}.cache`).toString()).not.toBe("not a V8 code cache");
    expect(loadRunBundle(file).cached).toBe(true);
  });

  test("the bundle's first import() warns nothing on stderr (Node 20's experimental-loader line is dropped, others kept)", () => {
    const file = join(dir, "quiet.cjs");
    writeFileSync(file, SOURCE);
    const script = `
      const { loadRunBundle } = await import(${JSON.stringify(pathToFileURL(CLI_BUNDLE).href)});
      const { exports } = loadRunBundle(${JSON.stringify(file)});
      console.log(await exports.later());
      process.emitWarning("kept", "ExperimentalWarning");`;
    const child = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
    expect(child.stdout).toBe("function\n");
    expect(child.stderr).not.toContain("USE_MAIN_CONTEXT_DEFAULT_LOADER");
    expect(child.stderr).toContain("ExperimentalWarning: kept");
  });

  test("a lazy import of a package left out of the bundle still loads in the next process, whose function comes from the code cache", async () => {
    const { build } = await import("esbuild");
    // Inside the checkout, so `require("esbuild")` from the bundle finds the project's node_modules.
    const here = mkdtempSync(join(__dirname, "../../../.build/test-lazy-import-"));
    onTestFinished(() => rmSync(here, { recursive: true, force: true }));
    const entry = join(here, "lazy-entry.mjs");
    writeFileSync(
      entry,
      'export const pkg = async () => typeof (await import("esbuild")).build;\nexport const builtin = async () => typeof (await import("node:os")).cpus;\n',
    );
    const bundle = async (file: string, format: Record<string, unknown>) => {
      await build({
        entryPoints: [entry],
        outfile: file,
        bundle: true,
        platform: "node",
        external: ["esbuild"],
        logLevel: "silent",
        ...format,
      });
      return file;
    };
    // Each process loads the bundle, calls both functions (so the first one's cache holds them
    // compiled) and saves the cache; what the second process's calls give is what the test reads.
    const twoProcesses = (file: string) =>
      [1, 2].map(() => {
        const script = `
          const { loadRunBundle } = await import(${JSON.stringify(pathToFileURL(CLI_BUNDLE).href)});
          const { exports, saveCache, cached } = loadRunBundle(${JSON.stringify(file)});
          const calls = await Promise.all([exports.pkg(), exports.builtin()]).then((r) => r.join(","), (e) => e.message);
          saveCache();
          console.log(JSON.stringify({ cached, calls }));`;
        const child = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
          encoding: "utf8",
        });
        return JSON.parse(child.stdout || "{}");
      });
    const file = await bundle(join(here, "lazy.cjs"), RUN_BUNDLE_FORMAT);
    expect(twoProcesses(file)).toEqual([
      { cached: false, calls: "function,function" },
      { cached: true, calls: "function,function" },
    ]);
    // Why the build turns import() into require(): on Node 20 a function restored from the code
    // cache in a new process has lost the script's dynamic-import callback.
    if (process.versions.node.startsWith("20.")) {
      const kept = await bundle(join(here, "lazy-import.cjs"), { ...RUN_BUNDLE_FORMAT, supported: {} });
      expect(twoProcesses(kept)[1]).toEqual({
        cached: true,
        calls: "A dynamic import callback was not specified.",
      });
    }
  });

  test("the CLI build has the run bundle beside its ES-module entry", () => {
    const current = JSON.parse(readFileSync(join(__dirname, "../../../.build/cli-current.json"), "utf8"));
    const entry = join(__dirname, "../../../.build", current.dir, "main.js");
    expect(runBundleOf(entry)).toBe(join(__dirname, "../../../.build", current.dir, "run.cjs"));
  });
});

describe("the CLI build's lock", () => {
  test("two builds asked for at once make one: the second waits and takes the first's", async () => {
    const root = join(__dirname, "../../../.build");
    const before = new Set(readdirSync(root).filter((n) => n.startsWith("cli-")));
    const [a, b] = await Promise.all([buildCliBundle(), buildCliBundle()]);
    expect(b).toBe(a);
    const made = readdirSync(root).filter((n) => n.startsWith("cli-") && !before.has(n));
    expect(made).toHaveLength(1);
    expect(existsSync(join(root, "build.lock"))).toBe(false);
  }, 120_000);
});
