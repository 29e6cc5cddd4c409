import * as z from "zod";
import { registryMode } from "./artifacts.js";
import { command, described, dnsName, httpPath, lazily, port, variables } from "./common.js";
import { strategy } from "./strategy.js";
import { stackBuild } from "./build.js";

/** A stack's and a service's `kubernetes.readOnlyRootFilesystem`, built where each is. */
const readOnlyRootFilesystem = (): z.ZodOptional<z.ZodBoolean> =>
  z
    .boolean()
    .optional()
    .apply(
      described,
      "Whether the container's root filesystem is mounted read-only (default true; /tmp is always a writable emptyDir). Set false for a runtime that writes beside its code.",
    );

export const localRun = lazily(() =>
  z
    .strictObject({
      command: command.describe(
        "How the local target starts one instance; PORT, SERVICE_NAME, VERSION and ENVIRONMENT are set.",
      ),
      cwd: z
        .string()
        .optional()
        .apply(described, "Working directory, relative to the file that declares it (default: that file's directory)."),
    })
    .apply(described, "How to run the service as a local process."),
);

export const stack = lazily(() =>
  z
    .strictObject({
      displayName: z.string().optional(),
      runtime: z
        .record(z.string(), z.string())
        .default({})
        .apply(described, 'Runtime and tool versions, e.g. {java: "21", maven: "3.9.5"}.'),
      dockerfile: z.string().optional().apply(described, "Dockerfile used to build images of this stack."),
      ciWorkflow: z.string().optional().apply(described, "CI workflow file."),
      cdPipeline: z.string().optional().apply(described, "CD pipeline file."),
      port: port.optional().apply(described, "Default service port."),
      healthPath: httpPath.optional().apply(described, "Default health endpoint."),
      local: localRun.optional().apply(described, "Default local run of the stack's services."),
      sharedPaths: z
        .array(z.string().min(1))
        .default([])
        .apply(
          described,
          'Globs of repository paths shared by the stack\'s services, e.g. "docker/go/**": a change there means every one of them changed.',
        ),
      build: stackBuild.optional().apply(described, "How CI builds, tests and packages the stack's services."),
      kubernetes: lazily(() =>
        z.strictObject({
          readOnlyRootFilesystem: readOnlyRootFilesystem(),
        }),
      )
        .optional()
        .apply(described, "Kubernetes defaults of the stack's services."),
    })
    .apply(described, "A tech stack: defaults shared by its services."),
);

export const serviceKubernetes = lazily(() =>
  z
    .strictObject({
      base: z
        .string()
        .min(1)
        .optional()
        .apply(
          described,
          "The service's own Kustomize base: a directory relative to the file that declares it, or a Kustomize remote URL (https://github.com/ORG/REPO//PATH?ref=REF). quikship then renders no objects of its own for the service; the overlay only sets namespace, image, replicas, resources and labels.",
        ),
      deployment: dnsName
        .optional()
        .apply(described, "Name of the Deployment in that base (default: the service name)."),
      container: dnsName
        .optional()
        .apply(
          described,
          "Name of the container whose image and resources the overlay sets (default: the service name).",
        ),
      allowFrom: z
        .array(dnsName)
        .default([])
        .apply(
          described,
          "Services admitted by its NetworkPolicy besides its dependents (the services whose dependsOn names it), e.g. a gateway in front of it.",
        ),
      readOnlyRootFilesystem: readOnlyRootFilesystem(),
      public: z
        .boolean()
        .default(false)
        .apply(
          described,
          "Accepts traffic from outside the namespace (an ingress controller, a load balancer): its NetworkPolicy admits any source on its port instead of only its dependents.",
        ),
    })
    .apply(described, "How the service's Kubernetes manifests are rendered (quikship render)."),
);

export const service = lazily(() =>
  z
    .strictObject({
      stack: dnsName.describe("Name of a stack under stacks."),
      description: z.string().optional(),
      repository: z.string().optional().apply(described, 'Source repository, e.g. "quikapp/auth-service".'),
      image: z.string().optional().apply(described, "Image repository; defaults to REGISTRY/SERVICE."),
      registry: registryMode
        .optional()
        .apply(described, "none: this service's revisions carry tags only, in every environment."),
      port: port.optional().apply(described, "Defaults to the stack's port."),
      healthPath: httpPath.optional().apply(described, "Defaults to the stack's health path."),
      ciWorkflow: z.string().optional().apply(described, "Overrides the stack's CI workflow."),
      cdPipeline: z.string().optional().apply(described, "Overrides the stack's CD pipeline."),
      dockerfile: z.string().optional().apply(described, "Overrides the stack's Dockerfile."),
      local: localRun.optional().apply(described, "Overrides the stack's local run."),
      paths: z
        .array(z.string().min(1))
        .default([])
        .apply(described, "Globs of repository paths whose change means this service changed."),
      strategy: strategy.optional().apply(described, "Overrides the environment's strategy for this service."),
      dependsOn: z.array(dnsName).default([]).apply(described, "Services released before this one in a release train."),
      variables: variables.optional().apply(described, "Service variables; they win over every variable group."),
      kubernetes: serviceKubernetes.optional(),
    })
    .apply(described, "A deployable service."),
);
