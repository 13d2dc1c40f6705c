/** The Redshift Data API: the service, its quotas and the ports other pieces plug into. */
export { createRedshiftDataService } from "./data-api-service.ts";
export { type DataApiQuotas, setDataApiQuotas } from "./statement-store.ts";
export { setWorkgroupResolver, type WorkgroupAccess, type WorkgroupResolver } from "./workgroup-port.ts";
