/** Setup sections for accounts, organizations (SCPs) and IAM entities. IAM is global: no region here. */
import * as z from "zod";
import {
  accountId,
  accountRef,
  deletable,
  iamName,
  iamPath,
  iamPolicyArn,
  inlinePolicy,
  isoDate,
  policyDocument,
  policyName,
  tags,
  uniqueId,
} from "./setup-schema-common.ts";

export const accountSchema = z.strictObject({
  id: accountId,
  alias: z
    .string()
    .regex(
      /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/,
      'expected an alias of 3-63 lower-case letters, digits and "-"',
    )
    .optional(),
  name: z.string().optional(),
  ...deletable,
});

export const scpSchema = z.strictObject({
  id: z.string().regex(/^p-[0-9a-z_]{8,128}$/, 'expected a policy id such as "p-examplescp1"'),
  name: z.string().min(1),
  description: z.string().optional(),
  document: policyDocument,
  /** "root", OU ids, or account ids/aliases the SCP is attached to. */
  targets: z.array(z.string()).default([]),
  ...deletable,
});

export const organizationalUnitSchema = z.strictObject({
  id: z.string().regex(/^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/, 'expected an OU id such as "ou-exam-11111111"'),
  name: z.string().min(1),
  /** The parent OU's id; absent means directly under the root. */
  parent: z.string().optional(),
  /** Member accounts (ids or aliases) placed in this OU; each must be in the organization's accounts. */
  accounts: z.array(accountRef).default([]),
  ...deletable,
});

export const organizationSchema = z.strictObject({
  id: z.string().regex(/^o-[a-z0-9]{10,32}$/, 'expected an organization id such as "o-exampleorg1"'),
  /** The root's id (in aws:PrincipalOrgPaths); default `r-` and the organization id's first four characters after `o-`. */
  rootId: z
    .string()
    .regex(/^r-[0-9a-z]{4,32}$/, 'expected a root id such as "r-exam"')
    .optional(),
  managementAccount: accountId,
  /** Member accounts (ids or aliases). SCPs never apply to the management account. */
  accounts: z.array(accountRef).default([]),
  /** Organizational units, nested by `parent`; an account in none sits directly under the root. */
  organizationalUnits: z.array(organizationalUnitSchema).default([]),
  /** AWS attaches FullAWSAccess to the root and every account by default. */
  fullAWSAccess: z.boolean().default(true),
  scps: z.array(scpSchema).default([]),
  ...deletable,
});

export const accessKeySchema = z.strictObject({
  accessKeyId: z
    .string()
    .regex(/^AKIA[A-Z0-9]{16}$/, "expected 20 characters starting with AKIA (e.g. AKIAEXAMPLEEXAMPLE01)")
    .optional(),
  secretAccessKey: z.string().min(16, "expected a secret of at least 16 characters").optional(),
  status: z.enum(["Active", "Inactive"]).default("Active"),
  ...deletable,
});

export const userSchema = z.strictObject({
  account: accountRef,
  name: iamName,
  path: iamPath.default("/"),
  uniqueId: uniqueId("AIDA").optional(),
  createDate: isoDate.optional(),
  inlinePolicies: z.array(inlinePolicy.extend(deletable)).default([]),
  attachedPolicies: z.array(iamPolicyArn).default([]),
  permissionsBoundary: iamPolicyArn.optional(),
  tags: tags.default({}),
  accessKeys: z.array(accessKeySchema).default([]),
  ...deletable,
});

export const roleSchema = z.strictObject({
  account: accountRef,
  name: iamName,
  path: iamPath.default("/"),
  description: z.string().max(1000).optional(),
  uniqueId: uniqueId("AROA").optional(),
  createDate: isoDate.optional(),
  trustPolicy: policyDocument,
  inlinePolicies: z.array(inlinePolicy.extend(deletable)).default([]),
  attachedPolicies: z.array(iamPolicyArn).default([]),
  // https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html: 3600..43200 seconds.
  maxSessionDuration: z
    .number()
    .int()
    .min(3600, "expected 3600..43200 seconds (1-12 hours)")
    .max(43200, "expected 3600..43200 seconds (1-12 hours)")
    .default(3600),
  permissionsBoundary: iamPolicyArn.optional(),
  tags: tags.default({}),
  ...deletable,
});

export const managedPolicySchema = z.strictObject({
  account: accountRef,
  name: policyName,
  path: iamPath.default("/"),
  description: z.string().max(1000).optional(),
  uniqueId: uniqueId("ANPA").optional(),
  document: policyDocument,
  tags: tags.default({}),
  ...deletable,
});
