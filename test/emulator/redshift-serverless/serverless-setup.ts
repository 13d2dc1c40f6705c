import {
  loadWorld,
  type RunningEmulator,
  type SetupLayer,
  startEmulator,
  type World,
} from "../../../emulator/index.ts";
import { B, REGION } from "../../support/constants.ts";
import { type Layer, mergeLayers, seedWith } from "../../support/emulator-fixture.ts";

export const WORKGROUP_ARN =
  /^arn:aws:redshift-serverless:ap-northeast-1:222222222222:workgroup\/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export const SERVERLESS_LAYER: Layer = {
  serverlessNamespaces: [
    {
      account: B,
      region: REGION,
      name: "chaincheck-ns",
      dbName: "dev",
      adminUsername: "admin",
      iamRoles: [`arn:aws:iam::${B}:role/chaincheck-copy-role`],
      defaultIamRole: `arn:aws:iam::${B}:role/chaincheck-copy-role`,
      databases: [
        { name: "dev", tables: [{ name: "sales", columns: [{ name: "id", type: "integer" }], rows: [[1]] }] },
      ],
      dbUsers: [{ name: "app_user" }],
      grants: [
        {
          database: "dev",
          to: "PUBLIC",
          privileges: ["SELECT"],
          on: "table public.sales",
        },
      ],
    },
    { account: B, region: REGION, name: "other-ns" },
  ],
  serverlessWorkgroups: [
    {
      account: B,
      region: REGION,
      name: "chaincheck-wg",
      namespace: "chaincheck-ns",
      baseCapacity: 8,
      tags: { RedshiftDataFullAccess: "true" },
    },
    { account: B, region: REGION, name: "untagged-wg", namespace: "other-ns", baseCapacity: 32 },
  ],
};

export function serverlessSetup(...layers: Layer[]): SetupLayer {
  return seedWith(mergeLayers(SERVERLESS_LAYER, ...layers));
}

export function startServerless(clock?: () => Date): Promise<RunningEmulator> {
  return startEmulator({ setup: serverlessSetup(), clock });
}

export function serverlessWorld(): World {
  return loadWorld(serverlessSetup());
}
