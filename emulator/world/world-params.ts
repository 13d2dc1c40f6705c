/** What the world's IAM entity and service-session methods take (world.ts). */

export interface RoleParams {
  account: string;
  name: string;
  path?: string;
  description?: string;
  trustPolicy: Record<string, unknown>;
  maxSessionDuration?: number;
  permissionsBoundaryArn?: string;
  tags?: Record<string, string>;
  roleId?: string;
  createDate?: Date;
}

export interface UserParams {
  account: string;
  name: string;
  path?: string;
  permissionsBoundaryArn?: string;
  tags?: Record<string, string>;
  userId?: string;
  createDate?: Date;
}

export interface PolicyParams {
  account: string;
  name: string;
  path?: string;
  description?: string;
  document: string;
  tags?: Record<string, string>;
  policyId?: string;
}

export interface ServiceSessionRequest {
  roleArn: string;
  /** The service principal, e.g. lambda.amazonaws.com or redshift.amazonaws.com. */
  service: string;
  sessionName: string;
  durationSeconds?: number;
  /** Extra context keys (aws:SourceAccount, aws:SourceArn …) the service sends with AssumeRole. */
  context?: Record<string, string>;
}
