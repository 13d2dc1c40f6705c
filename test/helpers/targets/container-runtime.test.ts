import { describe, expect, test } from "vitest";
import { NO_DOCKER, probeContainerRuntime } from "../../../helpers/targets/container-runtime.ts";
import { TargetUnavailableError } from "../../../helpers/targets/target-types.ts";

describe("container runtime probe", () => {
  test("gives up on a runtime that never answers, with the one-sentence message", async () => {
    const never = () => new Promise<never>(() => {});
    const error = await probeContainerRuntime(20, never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TargetUnavailableError);
    expect((error as Error).message).toBe(NO_DOCKER);
  });

  test("turns a discovery failure into the same message", async () => {
    await expect(probeContainerRuntime(1000, () => Promise.reject(new Error("no socket")))).rejects.toThrow(
      NO_DOCKER,
    );
  });

  test("passes when the runtime answers", async () => {
    await expect(probeContainerRuntime(1000, async () => ({}))).resolves.toBeUndefined();
  });
});
