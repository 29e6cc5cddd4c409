import type { StepView } from "../engine/types.js";
import { isKind } from "../kind.js";

interface PinnedImage {
  image: string;
  tag: string;
  digest: string | null;
}

function pinnedOf(value: unknown): PinnedImage | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.image !== "string" || typeof v.tag !== "string") return undefined;
  return { image: v.image, tag: v.tag, digest: typeof v.digest === "string" ? v.digest : null };
}

/** The images a `pin-images` step pinned, one line each: `api  registry/team/api:v1@sha256:…` (tag only where no registry is asked). */
export function pinnedImageLines(step: StepView, indent: string): string[] {
  if (!isKind(step, "pin-images") || typeof step.output !== "object" || step.output === null) return [];
  const images = (step.output as Record<string, unknown>).images;
  if (typeof images !== "object" || images === null) return [];
  return Object.entries(images).flatMap(([service, value]) => {
    const pinned = pinnedOf(value);
    if (!pinned) return [];
    return [`${indent}${service}  ${pinned.image}:${pinned.tag}${pinned.digest ? `@${pinned.digest}` : ""}`];
  });
}
