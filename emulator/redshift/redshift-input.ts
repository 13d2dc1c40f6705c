/**
 * awsQuery input helpers for Redshift: the wire carries strings only, and Redshift's lists use
 * named members (`AddIamRoles.IamRoleArn.1`, `DbGroups.DbGroup.1`), which the schema-less decoder
 * leaves as `{ IamRoleArn: [...] }`.
 */
export function str(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

export function bool(value: unknown): boolean | undefined {
  if (value === "true") return true;
  if (value === "false") return false;
  return undefined;
}

export function int(value: unknown): number | undefined {
  if (typeof value !== "string" || !/^-?\d+$/.test(value)) return undefined;
  return Number(value);
}

export function memberList(value: unknown, member: string): string[] {
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  if (value && typeof value === "object")
    return memberList((value as Record<string, unknown>)[member], member);
  if (typeof value === "string" && value !== "") return [value];
  return [];
}
