/**
 * Redshift resource ARNs as IAM sees them.
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonredshift.html#amazonredshift-resources-for-iam-policies
 */
export interface ClusterRef {
  account: string;
  region: string;
  clusterId: string;
}

export const clusterArn = (c: ClusterRef) =>
  `arn:aws:redshift:${c.region}:${c.account}:cluster:${c.clusterId}`;

export const dbUserArn = (c: ClusterRef, user: string) =>
  `arn:aws:redshift:${c.region}:${c.account}:dbuser:${c.clusterId}/${user}`;

export const dbNameArn = (c: ClusterRef, db: string) =>
  `arn:aws:redshift:${c.region}:${c.account}:dbname:${c.clusterId}/${db}`;

export const dbGroupArn = (c: ClusterRef, group: string) =>
  `arn:aws:redshift:${c.region}:${c.account}:dbgroup:${c.clusterId}/${group}`;
