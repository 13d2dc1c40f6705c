import { describe, expect, test } from "vitest";
import type { ClusterState } from "../../../emulator/redshift/cluster-store.ts";
import { assumeRoleDenial } from "../../../emulator/redshift/copy-runner/index.ts";

const R1 = "arn:aws:iam::222222222222:role/r1";
const R2 = "arn:aws:iam::111111111111:role/r2";

function cluster(grants: { to: string; on: string; privileges?: string[] }[]): ClusterState {
  return {
    account: "222222222222",
    region: "ap-northeast-1",
    clusterId: "c",
    iamRoles: [R1],
    createdUsers: new Set(),
    createTime: new Date(0),
    spec: {
      masterUsername: "awsuser",
      dbUsers: [
        { name: "loader", groups: ["etl"], superuser: false },
        { name: "root_like", groups: [], superuser: true },
        { name: "other", groups: [], superuser: false },
      ],
      grants: grants.map((g) => ({ privileges: ["ASSUMEROLE"], ...g })),
    },
  } as unknown as ClusterState;
}

const use = (sqlUser: string, chain = R1, viaDefault = false) => ({ sqlUser, chain, viaDefault });

describe("assumeRoleDenial", () => {
  test("lets everyone use any role while no ASSUMEROLE grant exists (Redshift's PUBLIC default)", () => {
    expect(assumeRoleDenial(cluster([]), use("other"))).toBeUndefined();
  });

  test("honours grants to the user, to a group the user is in, and to public", () => {
    expect(
      assumeRoleDenial(cluster([{ to: "loader", on: `iam_role ${R1} for copy` }]), use("loader")),
    ).toBeUndefined();
    expect(
      assumeRoleDenial(cluster([{ to: "group etl", on: `iam_role ${R1} for copy` }]), use("loader")),
    ).toBeUndefined();
    expect(
      assumeRoleDenial(cluster([{ to: "public", on: `iam_role ${R1} for all` }]), use("other")),
    ).toBeUndefined();
  });

  test("refuses other users, other commands and partial chains with Redshift's text", () => {
    const c = cluster([
      { to: "loader", on: `iam_role ${R1},${R2} for copy` },
      { to: "other", on: `iam_role ${R1} for unload` },
    ]);
    expect(assumeRoleDenial(c, use("loader", `${R1},${R2}`))).toBeUndefined();
    expect(assumeRoleDenial(c, use("loader"))).toBe(
      `User loader does not have ASSUMEROLE permission on IAM role "${R1}" for COPY`,
    );
    expect(assumeRoleDenial(c, use("other"))).toBe(
      `User other does not have ASSUMEROLE permission on IAM role "${R1}" for COPY`,
    );
  });

  test("accepts ON ALL, ON default for IAM_ROLE default, and never checks superusers", () => {
    expect(
      assumeRoleDenial(cluster([{ to: "other", on: "iam_role ALL for copy" }]), use("other")),
    ).toBeUndefined();
    const byDefault = cluster([{ to: "other", on: "iam_role default for copy" }]);
    expect(assumeRoleDenial(byDefault, use("other", R1, true))).toBeUndefined();
    expect(assumeRoleDenial(byDefault, use("other", R1, false))).toContain(
      "does not have ASSUMEROLE permission",
    );
    expect(assumeRoleDenial(byDefault, use("root_like"))).toBeUndefined();
    expect(assumeRoleDenial(byDefault, use("awsuser"))).toBeUndefined();
  });
});
