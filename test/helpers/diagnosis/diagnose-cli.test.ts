import { spawnSync } from "node:child_process";
import { describe, expect, test } from "vitest";

const BIN = new URL("../../../bin/chaincheck.js", import.meta.url).pathname;

function chaincheck(args: string[], input?: string) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("CHAINCHECK_")));
  const r = spawnSync(process.execPath, [BIN, "diagnose", ...args], {
    input: input ?? "",
    encoding: "utf8",
    env,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("chaincheck diagnose", () => {
  test("prints the docs/contracts.md JSON shape for an argument and exits 0", () => {
    const r = chaincheck([
      "ValidationException: Redshift endpoint doesn't exist in this region.",
      "--format",
      "json",
    ]);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(["link", "causes"]);
    expect(out.link).toBe("execute-statement");
    expect(Object.keys(out.causes[0])).toEqual(["cause", "side", "summary", "tellApart", "fix"]);
    expect(out.causes.map((c: { cause: string }) => c.cause)).toEqual([
      "cluster-not-found",
      "wrong-account-credentials",
    ]);
  });

  test("reads a JDBC COPY error with its DETAIL block from stdin with -", () => {
    const text = [
      "[Amazon](500310) Invalid operation: Not authorized to get credentials of role arn:aws:iam::222222222222:role/chaincheck-copy-role",
      "Details:",
      " -----------------------------------------------",
      "  error:  Not authorized to get credentials of role arn:aws:iam::222222222222:role/chaincheck-copy-role",
      "  code:      30000",
      "  location:  xen_aws_credentials_mgr.cpp:392",
      " -----------------------------------------------",
    ].join("\n");
    const r = chaincheck(["-", "--format", "json"], text);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.link).toBe("copy-from-s3");
    expect(out.causes[0]).toMatchObject({ cause: "copy-role-trust-missing-redshift", side: "B" });
    expect(out.causes[0].fix).toContain("--role-name chaincheck-copy-role");
  });

  test("prints link null and no causes for an unknown text and exits 1", () => {
    const r = chaincheck(["something unrelated happened", "--format", "json"]);
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({ link: null, causes: [] });
  });

  test("exits 2 on an unknown format", () => {
    const r = chaincheck(["AccessDenied: x", "--format", "xml"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("--format");
  });

  test("prints the causes with what tells them apart in console form", () => {
    const r = chaincheck([
      "An error occurred (AccessDenied) when calling the AssumeRole operation: User: arn:aws:sts::111111111111:assumed-role/chaincheck-lambda-role/chaincheck-probe is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::222222222222:role/chaincheck-redshift-role",
    ]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("link: assume-role");
    expect(r.stdout).toContain("most likely: trust-policy-missing-principal");
    expect(r.stdout).toContain("tell apart:");
    expect(r.stdout).toContain("candidate 2: trust-policy-external-id");
  });
});
