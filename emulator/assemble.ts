/**
 * Where the emulator is put together: every service is built by its factory with the world and the
 * collaborators it needs passed in (the way LocalStack builds providers), so building a service
 * definition changes nothing and no service imports another to reach it at run time. The Data API
 * gets Redshift Serverless's workgroups and the COPY executor here, which is what keeps
 * `redshift-data/` free of imports of `redshift-serverless/` and `redshift/copy-runner/`.
 */
import type { ServiceDefinition } from "./core/types.ts";
import { createIamService } from "./iam/iam-service.ts";
import { createKmsService } from "./kms/kms-service.ts";
import { createLambdaService, FunctionStore, LambdaRuntime } from "./lambda/lambda-service.ts";
import { createOrganizationsService } from "./organizations/organizations-service.ts";
import type { CopyExecutor } from "./redshift/copy-executor.ts";
import { runCopy } from "./redshift/copy-runner/index.ts";
import { createRedshiftService } from "./redshift/redshift-service.ts";
import { createRedshiftDataService } from "./redshift-data/data-api-service.ts";
import { createRedshiftServerlessService } from "./redshift-serverless/redshift-serverless-service.ts";
import { workgroupLookup } from "./redshift-serverless/workgroup-access.ts";
import { createS3Service } from "./s3/s3-service.ts";
import { createSecretsManagerService } from "./secrets-manager/secrets-manager-service.ts";
import { createStsService } from "./sts/sts-service.ts";
import type { World } from "./world/world.ts";

export interface ServiceCollaborators {
  /** Runs Lambda functions (the probe); default a runtime with no endpoint set. */
  lambda?: LambdaRuntime;
  /** Runs the Data API's COPY statements; default `runCopy` (S3, IAM_ROLE, the loader). */
  copy?: CopyExecutor;
}

/** Every service of the emulator, built for `world`. */
export function servicesFor(world: World, collaborators: ServiceCollaborators = {}): ServiceDefinition[] {
  const lambda = collaborators.lambda ?? new LambdaRuntime(world);
  // The setup's functions, their code unpacked now; the runtime removes it when it closes.
  const functions = FunctionStore.seeded(world, lambda.probeHandler);
  lambda.onClose(() => functions.discardAll());
  return [
    createIamService(world),
    createStsService(world),
    createLambdaService(world, { functions, runtime: lambda }),
    createRedshiftService(world),
    createRedshiftDataService(world, {
      workgroups: workgroupLookup(world),
      copy: collaborators.copy ?? runCopy,
    }),
    createSecretsManagerService(world),
    createRedshiftServerlessService(world),
    createS3Service(world),
    createKmsService(world),
    createOrganizationsService(world),
  ];
}
