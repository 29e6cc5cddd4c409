import type { IConfigMap } from "kubernetes-models/v1/ConfigMap";
import type { IService } from "kubernetes-models/v1/Service";
import type { IServiceAccount } from "kubernetes-models/v1/ServiceAccount";
import type { IDeployment } from "kubernetes-models/apps/v1/Deployment";
import type { IHorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler";
import type { INetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import type { IPodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import type { IExternalSecret as IExternalSecretV1beta1 } from "@kubernetes-models/external-secrets/external-secrets.io/v1beta1/ExternalSecret";

/**
 * external-secrets.io/v1. The installed models stop at v1beta1; v1 is the same schema promoted
 * (the fields rendered here are identical in both), so the v1beta1 type describes it.
 */
export type IExternalSecret = Omit<IExternalSecretV1beta1, "apiVersion"> & { apiVersion: "external-secrets.io/v1" };

/** Every kind quikship renders, as typed values (kubernetes-models' interfaces; no runtime code is loaded). */
export type KubernetesObject =
  | IDeployment
  | IService
  | IServiceAccount
  | IConfigMap
  | IExternalSecret
  | IHorizontalPodAutoscaler
  | IPodDisruptionBudget
  | INetworkPolicy;

/** A kustomization.yaml, the fields quikship writes (kustomize.config.k8s.io/v1beta1). */
export interface Kustomization {
  apiVersion: "kustomize.config.k8s.io/v1beta1";
  kind: "Kustomization";
  namespace?: string;
  resources: string[];
  labels?: { pairs: Record<string, string>; includeSelectors: boolean; includeTemplates: boolean }[];
  images?: { name: string; newTag: string }[];
  replicas?: { name: string; count: number }[];
  patches?: { path: string; target?: { kind?: string; name?: string } }[];
}

/** One file of a rendered tree: a path relative to the tree's root, and its text. */
export interface RenderedFile {
  path: string;
  content: string;
}

export interface RenderOptions {
  /** Services to render (default: every service). */
  services?: string[];
  /** Image tag per service; a service without one gets `defaultTag`. */
  tags?: Record<string, string>;
  /** Tag of services absent from `tags` (default "latest"). */
  defaultTag?: string;
  /**
   * Absolute directory the tree will be written to: a service's own base (a path) is referenced
   * relative to it. Without it, the reference is absolute.
   */
  root?: string;
  /**
   * The values of `tfoutput:ENV/NAME` references, by reference text: a plain variable whose value
   * is a reference gets the output's value in its ConfigMap. The kubernetes target passes the
   * outputs of each environment's last apply (never a sensitive one); without one, the reference
   * is rendered as written and a warning says so (`quikship render` works offline).
   */
  tfOutputs?: Readonly<Record<string, string>>;
}

/** What rendering one environment gives: the files of the tree, and the objects quikship itself built. */
export interface Rendering {
  environment: string;
  /** The services rendered, sorted. */
  services: string[];
  files: RenderedFile[];
  objects: KubernetesObject[];
  /** Things a person should know: secret references that cannot be rendered, a mutable tag in production. */
  warnings: string[];
}
