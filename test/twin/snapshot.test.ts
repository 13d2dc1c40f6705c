import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect } from "vitest";
import { parseChainConfig } from "../../config/chain-config.ts";
import { loadSetup, type RunningEmulator } from "../../emulator/index.ts";
import { renderTwin, twinSetupOf } from "../../helpers/twin/render-twin.ts";
import { takeSnapshot } from "../../helpers/twin/take-snapshot.ts";
import { A, B, REDSHIFT_ROLE_ARN, REGION } from "../support/constants.ts";
import { test } from "../support/emulator-fixture.ts";

const SECRET_ARN = `arn:aws:secretsmanager:${REGION}:${B}:secret:chaincheck/app_user-AbCdEf`;
const META = { takenAt: "2026-01-01T00:00:00.000Z", target: "endpoint" };

function readers(emu: { endpoint: string; region: string; credentials(p: string): object }, withB = true) {
  const base = { region: emu.region, endpoint: emu.endpoint, forcePathStyle: true };
  return {
    tester: { ...base, credentials: emu.credentials("A:tester") as never },
    ...(withB ? { readerB: { ...base, credentials: emu.credentials("B:admin") as never } } : {}),
  };
}

const snapshotOf = (emu: RunningEmulator, withB = true) =>
  takeSnapshot({ config: parseChainConfig(emu.world.setup.chain, "setup"), ...readers(emu, withB) });

describe("chaincheck snapshot's reads", () => {
  test("without a reader in B names each of B's reads it could not make, and the twin still loads", async ({
    emu,
  }) => {
    const snapshot = await snapshotOf(emu, false);
    const permissions = snapshot.gaps.map((g) => `${g.permission.action} on ${g.permission.resource}`);
    expect(permissions).toContain(
      `iam:GetRole, iam:ListRolePolicies, iam:GetRolePolicy, iam:ListAttachedRolePolicies on ${REDSHIFT_ROLE_ARN}`,
    );
    expect(permissions).toContain(
      `redshift:DescribeClusters on arn:aws:redshift:${REGION}:${B}:cluster:chaincheck-cluster`,
    );
    expect(snapshot.gaps.every((g) => g.assumed.length > 0 && g.why.length > 0)).toBe(true);
    const setup = loadSetup(snapshot.setup as never);
    expect(setup.roles.map((r) => `${r.account}:${r.name}`)).toContain(`${A}:chaincheck-lambda-role`);
    expect(setup.redshiftClusters).toEqual([]);
  });

  test("copies a secret's keys but never its values, and gives the DB user the twin's generated password", async ({
    start,
  }) => {
    const e = await start({
      chain: { dbUser: null, secretArn: SECRET_ARN } as never,
      redshiftClusters: [
        {
          account: B,
          region: REGION,
          id: "chaincheck-cluster",
          dbUsers: [{ name: "app_user", password: "chaincheck-app-user-pw" }],
        },
      ],
    });
    const snapshot = await snapshotOf(e);
    const text = renderTwin(snapshot, META, "yaml");
    expect(text).not.toContain("chaincheck-app-user-pw");
    const setup = loadSetup(twinSetupOf(text) as never);
    const secret = setup.secrets[0];
    expect(Object.keys(secret.secretJson ?? {}).sort()).toEqual([
      "dbClusterIdentifier",
      "password",
      "username",
    ]);
    expect(secret.secretJson?.username).toBe("app_user");
    const user = setup.redshiftClusters[0].dbUsers.find((u) => u.name === "app_user");
    expect(user?.password).toBe(secret.secretJson?.password);
  });

  test("writes the gaps as comments and, in JSON, as fields beside a setup the loader accepts", async ({
    emu,
  }) => {
    const snapshot = await snapshotOf(emu, false);
    const yaml = renderTwin(snapshot, META, "yaml");
    expect(yaml).toMatch(
      /^# chaincheck snapshot, taken 2026-01-01T00:00:00.000Z through the endpoint target\./,
    );
    expect(yaml).toContain(`#   - role ${REDSHIFT_ROLE_ARN} (trust and policies): needs iam:GetRole`);
    expect(yaml).toContain('Version: "2012-10-17"');
    const json = JSON.parse(renderTwin(snapshot, META, "json"));
    expect(Object.keys(json)).toEqual(["schemaVersion", "takenAt", "target", "setup", "gaps", "assumptions"]);
    expect(json.gaps).toEqual(snapshot.gaps);
    const dir = mkdtempSync(join(tmpdir(), "chaincheck-twin-"));
    writeFileSync(join(dir, "twin.yaml"), yaml);
    expect(loadSetup(join(dir, "twin.yaml")).chain).toEqual(loadSetup(json.setup).chain);
  });
});
