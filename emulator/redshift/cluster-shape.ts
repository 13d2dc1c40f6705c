/**
 * The `Cluster` structure of DescribeClusters / ModifyClusterIamRoles, in the awsQuery XML shape the
 * SDK reads: lists use the model's member names (`<IamRoles><ClusterIamRole>`, `<Clusters><Cluster>`),
 * otherwise the SDK silently parses them to nothing.
 * https://docs.aws.amazon.com/redshift/latest/APIReference/API_Cluster.html
 *
 * Known gaps: no ClusterNodes, VpcSecurityGroups, PendingModifiedValues or maintenance fields.
 */
import { xmlList } from "../core/index.ts";
import type { ClusterState } from "./cluster-store.ts";

export function endpointAddress(c: ClusterState): string {
  return `${c.clusterId}.c${c.account.slice(0, 10)}.${c.region}.redshift.amazonaws.com`;
}

export function clusterShape(c: ClusterState): Record<string, unknown> {
  const spec = c.spec;
  return {
    ClusterIdentifier: c.clusterId,
    NodeType: spec.nodeType,
    ClusterStatus: spec.status,
    ClusterAvailabilityStatus: spec.status === "available" ? "Available" : "Unavailable",
    MasterUsername: spec.masterUsername,
    DBName: spec.databases.find((d) => !d.$delete)?.name ?? "dev",
    Endpoint: { Address: endpointAddress(c), Port: spec.port },
    ClusterCreateTime: c.createTime,
    NumberOfNodes: spec.numberOfNodes,
    PubliclyAccessible: spec.publiclyAccessible,
    Encrypted: spec.encrypted,
    KmsKeyId: spec.kmsKeyId,
    EnhancedVpcRouting: spec.enhancedVpcRouting,
    Tags: xmlList(
      Object.entries(spec.tags).map(([Key, Value]) => ({ Key, Value })),
      "Tag",
    ),
    IamRoles: xmlList(
      c.iamRoles.map((arn) => ({ IamRoleArn: arn, ApplyStatus: "in-sync" })),
      "ClusterIamRole",
    ),
    DefaultIamRoleArn: c.defaultIamRole,
    ClusterNamespaceArn: `arn:aws:redshift:${c.region}:${c.account}:namespace:${namespaceId(c)}`,
  };
}

/** A stable UUID-shaped namespace id derived from the cluster's key. */
function namespaceId(c: ClusterState): string {
  let h = 0x811c9dc5;
  const hex: string[] = [];
  const text = `${c.account}/${c.region}/${c.clusterId}`;
  for (let round = 0; round < 4; round++) {
    for (const ch of `${round}${text}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
    hex.push(h.toString(16).padStart(8, "0"));
  }
  const s = hex.join("");
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20, 32)}`;
}
