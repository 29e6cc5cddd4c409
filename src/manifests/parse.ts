import { load, loadAll } from "js-yaml";

/** One YAML document of a rendered tree (quikship's own output, or kustomize's), as plain data. */
export function parseYaml(text: string): unknown {
  return load(text);
}

/** Every document of a YAML stream (`kubectl kustomize` output), the empty ones left out. */
export function parseYamlStream(text: string): unknown[] {
  return loadAll(text).filter((d) => d !== null && d !== undefined);
}
