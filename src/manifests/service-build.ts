import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Platform } from "../config/types.js";
import { isKind } from "../kind.js";
import { findService } from "../platform/lookup.js";
import { kustomizeBuild } from "./build.js";
import type { BuiltObject, ServiceBuild } from "./built.js";
import { buildService } from "./built.js";
import { parseYamlStream } from "./parse.js";
import { renderEnvironment } from "./render.js";
import { writeTree } from "./tree.js";
import type { RenderOptions } from "./types.js";

/**
 * One service's objects in an environment, as `quikship render ENV --services SERVICE` builds
 * them: in process for quikship's own base; a service with its own Kustomize base is built by the
 * real kustomize (`kubectl kustomize`, so kubectl must be on the server's PATH for those).
 */
export function buildServiceObjects(
  platform: Platform,
  envName: string,
  serviceName: string,
  tag: string,
  options: Pick<RenderOptions, "tfOutputs"> = {},
): ServiceBuild {
  const service = findService(platform, serviceName);
  if (isKind(service.kubernetes.base, "rendered")) return buildService(platform, envName, serviceName, tag, options);
  const root = mkdtempSync(join(tmpdir(), "quikship-build-"));
  try {
    const rendering = renderEnvironment(platform, envName, {
      ...options,
      services: [service.name],
      tags: { [service.name]: tag },
      root,
    });
    writeTree(root, rendering);
    const objects = parseYamlStream(kustomizeBuild(join(root, "overlays", rendering.environment))) as BuiltObject[];
    return { environment: rendering.environment, service: service.name, tag, files: rendering.files, objects };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
