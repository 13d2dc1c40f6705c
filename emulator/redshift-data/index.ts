/** The Redshift Data API: the service, its quotas and the ports other pieces plug into. */
export type { DataApiCollaborators } from "./data-api-collaborators.ts";
export { createRedshiftDataService } from "./data-api-service.ts";
export { type DataApiQuotas, setDataApiQuotas } from "./statement-store.ts";
export type { WorkgroupAccess, WorkgroupLookup } from "./workgroup-port.ts";
