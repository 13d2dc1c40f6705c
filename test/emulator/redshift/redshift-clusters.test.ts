import { DescribeClustersCommand, ModifyClusterIamRolesCommand } from "@aws-sdk/client-redshift";
import { describe, expect, test } from "vitest";
import { clusterIamRoles } from "../../../emulator/redshift/index.ts";
import { failure, redshiftClient } from "../../support/clients.ts";
import { B, CLUSTER, COPY_ROLE_ARN, REGION, SEED } from "../../support/constants.ts";
import { fileEmulator } from "../../support/emulator-fixture.ts";

const emu = fileEmulator(SEED);

const admin = () => redshiftClient(emu, emu.credentials("B:admin"));
const EXTRA_ROLE = `arn:aws:iam::${B}:role/chaincheck-redshift-role`;

describe("DescribeClusters", () => {
  test("lists the seeded cluster with its endpoint, associated roles and default role", async () => {
    const out = await admin().send(new DescribeClustersCommand({ ClusterIdentifier: CLUSTER }));
    expect(out.Clusters).toHaveLength(1);
    const cluster = out.Clusters![0]!;
    expect(cluster.ClusterIdentifier).toBe(CLUSTER);
    expect(cluster.ClusterStatus).toBe("available");
    expect(cluster.MasterUsername).toBe("awsuser");
    expect(cluster.DBName).toBe("dev");
    expect(cluster.Endpoint?.Port).toBe(5439);
    expect(cluster.Endpoint?.Address).toMatch(
      new RegExp(`^${CLUSTER}\\..+\\.${REGION}\\.redshift\\.amazonaws\\.com$`),
    );
    expect(cluster.IamRoles).toEqual([{ IamRoleArn: COPY_ROLE_ARN, ApplyStatus: "in-sync" }]);
    expect(cluster.DefaultIamRoleArn).toBe(COPY_ROLE_ARN);
    expect(cluster.ClusterCreateTime).toBeInstanceOf(Date);
  });

  test("lists every cluster of the caller's account and region when no identifier is given", async () => {
    const out = await admin().send(new DescribeClustersCommand({}));
    expect(out.Clusters?.map((c) => c.ClusterIdentifier)).toEqual([CLUSTER]);
  });

  test("finds no cluster from another region", async () => {
    const out = await redshiftClient(emu, emu.credentials("B:admin"), "us-east-1").send(
      new DescribeClustersCommand({}),
    );
    expect(out.Clusters ?? []).toEqual([]);
  });

  test.for([
    ["answers ClusterNotFoundFault 404 for an unknown identifier", "B:admin", "chaincheck-clustr"],
    ["finds no cluster of account B when called with account A's credentials", "A:tester", CLUSTER],
  ])("%s", async ([, principal, id]) => {
    expect(
      await failure(
        redshiftClient(emu, emu.credentials(principal)).send(
          new DescribeClustersCommand({ ClusterIdentifier: id }),
        ),
      ),
    ).toEqual({ name: "ClusterNotFoundFault", message: `Cluster ${id} not found.`, status: 404 });
  });
});

describe("ModifyClusterIamRoles", () => {
  test("adds a role, makes it the default, and the cluster's role accessor sees the change", async () => {
    const out = await admin().send(
      new ModifyClusterIamRolesCommand({
        ClusterIdentifier: CLUSTER,
        AddIamRoles: [EXTRA_ROLE],
        DefaultIamRoleArn: EXTRA_ROLE,
      }),
    );
    expect(out.Cluster?.IamRoles?.map((r) => r.IamRoleArn)).toEqual([COPY_ROLE_ARN, EXTRA_ROLE]);
    expect(out.Cluster?.DefaultIamRoleArn).toBe(EXTRA_ROLE);
    expect(clusterIamRoles(emu.world, { account: B, region: REGION, clusterId: CLUSTER })).toEqual({
      roles: [COPY_ROLE_ARN, EXTRA_ROLE],
      defaultRole: EXTRA_ROLE,
    });
  });

  test("removing the default role leaves the cluster without a default", async () => {
    const out = await admin().send(
      new ModifyClusterIamRolesCommand({ ClusterIdentifier: CLUSTER, RemoveIamRoles: [EXTRA_ROLE] }),
    );
    expect(out.Cluster?.IamRoles?.map((r) => r.IamRoleArn)).toEqual([COPY_ROLE_ARN]);
    expect(out.Cluster?.DefaultIamRoleArn).toBeUndefined();
    expect(clusterIamRoles(emu.world, { account: B, region: REGION, clusterId: CLUSTER })?.roles).toEqual([
      COPY_ROLE_ARN,
    ]);
  });

  test("is denied to the chain's role, which has no redshift:ModifyClusterIamRoles", async () => {
    const role = emu.credentials(`arn:aws:iam::${B}:role/chaincheck-redshift-role`);
    expect(
      await failure(
        redshiftClient(emu, role).send(
          new ModifyClusterIamRolesCommand({ ClusterIdentifier: CLUSTER, AddIamRoles: [EXTRA_ROLE] }),
        ),
      ),
    ).toEqual({
      name: "AccessDenied",
      message:
        `User: arn:aws:sts::${B}:assumed-role/chaincheck-redshift-role/chaincheck is not authorized to perform: ` +
        `redshift:ModifyClusterIamRoles on resource: arn:aws:redshift:${REGION}:${B}:cluster:${CLUSTER} ` +
        "because no identity-based policy allows the redshift:ModifyClusterIamRoles action",
      status: 403,
    });
  });
});
