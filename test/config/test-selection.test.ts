import { describe, expect, test } from "vitest";
import { selectTestProjects } from "../../config/test-selection.ts";
import { folderWithEnv as folder } from "../support/files.ts";

describe("which projects npm test runs", () => {
  test("no target configured and no .env: the chain suites and the project's own tests, without a note", () => {
    expect(selectTestProjects({}, folder())).toEqual({ projects: ["chain", "project", "parity"] });
  });

  test("the embedded target, from the environment or .env: both projects", () => {
    expect(selectTestProjects({ CHAINCHECK_TARGET: "embedded" }, folder())).toEqual({
      projects: ["chain", "project", "parity"],
    });
    expect(selectTestProjects({}, folder("CHAINCHECK_TARGET=embedded\n"))).toEqual({
      projects: ["chain", "project", "parity"],
    });
  });

  test("CHAINCHECK_TARGET=aws in the environment: the chain suites only, said in one line", () => {
    expect(selectTestProjects({ CHAINCHECK_TARGET: "aws" }, folder())).toEqual({
      projects: ["chain"],
      note: "chaincheck: CHAINCHECK_TARGET=aws (from the environment): npm test runs the chain suites only; npm run test:project runs the project's own tests.",
    });
  });

  test("CHAINCHECK_TARGET=endpoint in .env: the chain suites only, naming .env", () => {
    const selection = selectTestProjects(
      {},
      folder("AWS_REGION=ap-northeast-1\nCHAINCHECK_TARGET=endpoint\n"),
    );
    expect(selection.projects).toEqual(["chain"]);
    expect(selection.note).toBe(
      "chaincheck: CHAINCHECK_TARGET=endpoint (from .env): npm test runs the chain suites only; npm run test:project runs the project's own tests.",
    );
  });

  test("the environment's target wins over .env's, as for the harness", () => {
    expect(selectTestProjects({ CHAINCHECK_TARGET: "embedded" }, folder("CHAINCHECK_TARGET=aws\n"))).toEqual({
      projects: ["chain", "project", "parity"],
    });
    expect(
      selectTestProjects({ CHAINCHECK_TARGET: "localstack" }, folder("CHAINCHECK_TARGET=embedded\n"))
        .projects,
    ).toEqual(["chain"]);
  });

  test("an explicit --project keeps both projects defined for vitest's own filter, with no note", () => {
    expect(
      selectTestProjects({ CHAINCHECK_TARGET: "aws" }, folder(), ["vitest", "run", "--project", "project"]),
    ).toEqual({ projects: ["chain", "project", "parity"] });
    expect(
      selectTestProjects({ CHAINCHECK_TARGET: "aws" }, folder(), ["vitest", "--project=project"]),
    ).toEqual({
      projects: ["chain", "project", "parity"],
    });
  });

  test("an unknown target selects both, so the chain suite reports the configuration error", () => {
    expect(selectTestProjects({ CHAINCHECK_TARGET: "moon" }, folder()).projects).toEqual([
      "chain",
      "project",
      "parity",
    ]);
  });
});
