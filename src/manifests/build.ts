import { spawnSync } from "node:child_process";
import { InputError, UnavailableError } from "../errors.js";

/**
 * `kubectl kustomize DIR`: the real kustomize built into kubectl. A missing kubectl is said
 * plainly; a failed build carries kustomize's own message.
 */
export function kustomizeBuild(dir: string, kubectl = process.env.QUIKSHIP_KUBECTL ?? "kubectl"): string {
  const result = spawnSync(kubectl, ["kustomize", dir], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  if (result.error) {
    const missing = (result.error as NodeJS.ErrnoException).code === "ENOENT";
    throw new UnavailableError(
      missing
        ? `"${kubectl}" was not found on PATH: building a Kustomize tree needs kubectl (its built-in kustomize); install it, or use --out DIR and build the tree elsewhere`
        : `running ${kubectl} kustomize failed: ${result.error.message}`,
      { cause: result.error },
    );
  }
  if (result.status !== 0)
    throw new InputError(`kubectl kustomize ${dir} failed: ${result.stderr.trim()}`, { details: { dir } });
  return result.stdout;
}
