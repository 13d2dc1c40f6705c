/**
 * Checks an organization's structure (after account references are resolved): each OU's parent
 * exists and the nesting has no cycle, an account sits in at most one OU and is a member of the
 * organization, OU ids are unique, and every SCP target is "root", one of the organization's
 * OUs, or a member account. Every problem comes back at once with the path of the bad field.
 */
import type { Setup } from "./setup-schema.ts";
import type { SetupIssue } from "./validate-setup.ts";

type Org = Setup["organizations"][number];

export function validateOrganization(org: Org, o: number, issues: SetupIssue[]): void {
  const units = org.organizationalUnits;
  const ids = new Set<string>();
  const members = new Set([...org.accounts, org.managementAccount]);
  const placed = new Map<string, string>();
  units.forEach((ou, u) => {
    const at = ["organizations", o, "organizationalUnits", u];
    if (ids.has(ou.id)) issues.push({ path: [...at, "id"], message: `duplicate OU id ${ou.id}` });
    ids.add(ou.id);
    ou.accounts.forEach((account, i) => {
      if (!members.has(account))
        issues.push({
          path: [...at, "accounts", i],
          message: `account ${account} is not a member of ${org.id}; list it in organizations[${o}].accounts too`,
        });
      const other = placed.get(account);
      if (other)
        issues.push({
          path: [...at, "accounts", i],
          message: `account ${account} is already in OU ${other}; an account sits in one OU`,
        });
      placed.set(account, ou.id);
    });
  });
  units.forEach((ou, u) => {
    if (ou.parent === undefined) return;
    const at = ["organizations", o, "organizationalUnits", u, "parent"];
    if (!ids.has(ou.parent)) {
      issues.push({
        path: at,
        message: `unknown OU "${ou.parent}"; expected one of: ${[...ids].join(", ")} (or no parent for the root)`,
      });
      return;
    }
    const seen = new Set([ou.id]);
    let parent: string | undefined = ou.parent;
    while (parent !== undefined) {
      if (seen.has(parent)) {
        issues.push({ path: at, message: `OU ${ou.id} is its own ancestor (a cycle through ${parent})` });
        return;
      }
      seen.add(parent);
      const next: string | undefined = parent;
      parent = units.find((x) => x.id === next)?.parent;
    }
  });
  org.scps.forEach((scp, s) => {
    scp.targets.forEach((target, i) => {
      if (target.startsWith("ou-") && !ids.has(target))
        issues.push({
          path: ["organizations", o, "scps", s, "targets", i],
          message: `unknown OU "${target}"; expected "root", one of this organization's OU ids (${[...ids].join(", ") || "none declared"}) or a member account`,
        });
    });
  });
}
