import { A } from "../../support/constants.ts";

/** An account outside the organization, with an administrator of its own. */
export const OUTSIDER = "999999999999";

/** Users the Organizations tests call as: A's `reader` (sts:GetCallerIdentity only, so any
 *  Organizations call is refused by IAM) and the outsider's `admin`. */
export const ORG_TEST_USERS = [
  {
    account: A,
    name: "reader",
    inlinePolicies: [
      {
        name: "who-am-i",
        document: {
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Action: "sts:GetCallerIdentity", Resource: "*" }],
        },
      },
    ],
  },
  { account: OUTSIDER, name: "admin", attachedPolicies: ["arn:aws:iam::aws:policy/AdministratorAccess"] },
];
