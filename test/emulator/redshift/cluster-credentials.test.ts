import { GetClusterCredentialsCommand, GetClusterCredentialsWithIAMCommand } from "@aws-sdk/client-redshift";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type RunningEmulator, startEmulator } from "../../../emulator/index.ts";
import { chainRoleCredentials, failure, lambdaCredentials, redshiftClient } from "../../support/clients.ts";
import { A, B, CLUSTER, LAMBDA_SESSION_ARN, REGION, SEED } from "../../support/constants.ts";
import { seedWith } from "../../support/emulator-fixture.ts";
import { allow, inlinePolicyLayer } from "../../support/policy-layers.ts";

const SESSION = `arn:aws:sts::${B}:assumed-role/chaincheck-redshift-role/chaincheck`;
const dbuser = (account: string, user: string) =>
  `arn:aws:redshift:${REGION}:${account}:dbuser:${CLUSTER}/${user}`;
const denied = (caller: string, action: string, resource: string) =>
  `User: ${caller} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`;

const credentialsPolicy = (resources: string[], extra: object = {}) =>
  inlinePolicyLayer(
    B,
    "chaincheck-redshift-role",
    "get-cluster-credentials",
    allow("redshift:GetClusterCredentials", resources, extra),
  );

let emu: RunningEmulator;
let articleEmu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ setup: SEED });
  articleEmu = await startEmulator({
    setup: seedWith(
      credentialsPolicy([
        `arn:aws:redshift:${REGION}:${B}:dbuser:app_user/dev`,
        `arn:aws:redshift:${REGION}:${B}:dbname:${CLUSTER}/dev`,
      ]),
    ),
  });
});
afterAll(async () => {
  await emu.stop();
  await articleEmu.stop();
});

const seedRequest = { ClusterIdentifier: CLUSTER, DbUser: "app_user", DbName: "dev" };
const chainRole = async (on: RunningEmulator, extra: object = {}) =>
  redshiftClient(on, await chainRoleCredentials(on)).send(
    new GetClusterCredentialsCommand({ ...seedRequest, ...extra }),
  );

describe("GetClusterCredentials", () => {
  test("gives the chain's role IAM:app_user with a password that expires after the default 900 seconds", async () => {
    const before = Date.now();
    const out = await redshiftClient(emu, await chainRoleCredentials(emu)).send(
      new GetClusterCredentialsCommand(seedRequest),
    );
    expect(out.DbUser).toBe("IAM:app_user");
    expect(out.DbPassword).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const expiresIn = out.Expiration!.getTime() - before;
    expect(expiresIn).toBeGreaterThan(899_000);
    expect(expiresIn).toBeLessThanOrEqual(901_000);
  });

  test("prefixes IAMA: when AutoCreate is allowed", async () => {
    const out = await redshiftClient(emu, emu.credentials("B:admin")).send(
      new GetClusterCredentialsCommand({ ...seedRequest, AutoCreate: true, DurationSeconds: 3600 }),
    );
    expect(out.DbUser).toBe("IAMA:app_user");
  });

  test.for<[string, () => Promise<unknown>, string, string]>([
    [
      "denies AutoCreate without redshift:CreateClusterUser on the dbuser ARN",
      async () => chainRole(emu, { AutoCreate: true }),
      "AccessDenied",
      denied(SESSION, "redshift:CreateClusterUser", dbuser(B, "app_user")),
    ],
    [
      "denies DbGroups without redshift:JoinGroup on the dbgroup ARN",
      async () => chainRole(emu, { DbGroups: ["analysts"] }),
      "AccessDenied",
      denied(SESSION, "redshift:JoinGroup", `arn:aws:redshift:${REGION}:${B}:dbgroup:${CLUSTER}/analysts`),
    ],
    [
      "denies the article's dbuser:<user>/<db> resource, which names no cluster",
      async () => chainRole(articleEmu),
      "AccessDenied",
      denied(SESSION, "redshift:GetClusterCredentials", dbuser(B, "app_user")),
    ],
    [
      "builds the dbuser ARN in the caller's account when called with account A's Lambda credentials",
      async () =>
        redshiftClient(emu, lambdaCredentials(emu)).send(new GetClusterCredentialsCommand(seedRequest)),
      "AccessDenied",
      denied(LAMBDA_SESSION_ARN, "redshift:GetClusterCredentials", dbuser(A, "app_user")),
    ],
    [
      "answers ClusterNotFoundFault 404 for a mistyped cluster id",
      async () =>
        redshiftClient(emu, emu.credentials("B:admin")).send(
          new GetClusterCredentialsCommand({ ...seedRequest, ClusterIdentifier: "chaincheck-clustr" }),
        ),
      "ClusterNotFoundFault",
      "Cluster chaincheck-clustr not found.",
    ],
    [
      "answers ClusterNotFoundFault 404 when the client's region is not the cluster's",
      async () =>
        redshiftClient(emu, emu.credentials("B:admin"), "us-east-1").send(
          new GetClusterCredentialsCommand(seedRequest),
        ),
      "ClusterNotFoundFault",
      `Cluster ${CLUSTER} not found.`,
    ],
  ])("%s", async ([, call, name, message]) => {
    expect(await failure(call())).toEqual({ name, message, status: name === "AccessDenied" ? 403 : 404 });
  });

  test("lets AmazonRedshiftDataFullAccess's dbname:*/* grant cover any database, so the dbuser ARN decides", async () => {
    const out = await redshiftClient(emu, await chainRoleCredentials(emu)).send(
      new GetClusterCredentialsCommand({ ...seedRequest, DbName: "analytics" }),
    );
    expect(out.DbUser).toBe("IAM:app_user");
  });

  test.each([899, 3601])("rejects DurationSeconds %i outside 900-3600", async (seconds) => {
    expect(
      await failure(
        redshiftClient(emu, emu.credentials("B:admin")).send(
          new GetClusterCredentialsCommand({ ...seedRequest, DurationSeconds: seconds }),
        ),
      ),
    ).toEqual({
      name: "InvalidParameterValue",
      message: "The value of DurationSeconds must be between 900 and 3600 seconds.",
      status: 400,
    });
  });

  test("evaluates the redshift:DurationSeconds condition key", async () => {
    const limited = await startEmulator({
      setup: seedWith(
        credentialsPolicy([dbuser(B, "app_user"), `arn:aws:redshift:${REGION}:${B}:dbname:${CLUSTER}/dev`], {
          Condition: { NumericLessThanEquals: { "redshift:DurationSeconds": "1800" } },
        }),
      ),
    });
    try {
      const client = redshiftClient(limited, await chainRoleCredentials(limited));
      const ok = await client.send(
        new GetClusterCredentialsCommand({ ...seedRequest, DurationSeconds: 1800 }),
      );
      expect(ok.DbUser).toBe("IAM:app_user");
      expect(
        await failure(
          client.send(new GetClusterCredentialsCommand({ ...seedRequest, DurationSeconds: 1801 })),
        ),
      ).toEqual({
        name: "AccessDenied",
        message: denied(SESSION, "redshift:GetClusterCredentials", dbuser(B, "app_user")),
        status: 403,
      });
    } finally {
      await limited.stop();
    }
  });
});

describe("GetClusterCredentialsWithIAM", () => {
  test("maps the chain's role session to IAMR:<role name>", async () => {
    const out = await redshiftClient(emu, await chainRoleCredentials(emu)).send(
      new GetClusterCredentialsWithIAMCommand({ ClusterIdentifier: CLUSTER, DbName: "dev" }),
    );
    expect(out.DbUser).toBe("IAMR:chaincheck-redshift-role");
    expect(out.DbPassword).toBeTruthy();
    expect(out.Expiration).toBeInstanceOf(Date);
  });

  test("maps an IAM user to IAM:<user name>", async () => {
    const out = await redshiftClient(emu, emu.credentials("B:admin")).send(
      new GetClusterCredentialsWithIAMCommand({ ClusterIdentifier: CLUSTER, DbName: "dev" }),
    );
    expect(out.DbUser).toBe("IAM:admin");
  });

  test("denies a caller without redshift:GetClusterCredentialsWithIAM on the dbname ARN", async () => {
    expect(
      await failure(
        redshiftClient(emu, lambdaCredentials(emu)).send(
          new GetClusterCredentialsWithIAMCommand({ ClusterIdentifier: CLUSTER, DbName: "dev" }),
        ),
      ),
    ).toEqual({
      name: "AccessDenied",
      message: denied(
        `arn:aws:sts::${A}:assumed-role/chaincheck-lambda-role/chaincheck-probe`,
        "redshift:GetClusterCredentialsWithIAM",
        `arn:aws:redshift:${REGION}:${A}:dbname:${CLUSTER}/dev`,
      ),
      status: 403,
    });
  });
});
