import * as z from "zod";
import { described, dnsName, duration, lazily, percent } from "./common.js";

export const canaryStep = lazily(() =>
  z
    .strictObject({
      weight: z.number().min(0).max(100).apply(described, "Share of traffic sent to the new revision, in percent."),
      bake: duration
        .optional()
        .apply(described, "How long to hold this weight while analysis watches. Absent on the last step."),
    })
    .apply(described, "One canary step."),
);

export const STRATEGY_TYPES = ["rolling", "canary", "blue-green"] as const;

export const strategy = lazily(() => {
  const rollingStrategy = z.strictObject({
    type: z.literal("rolling"),
    maxSurge: z
      .number()
      .int()
      .min(0)
      .default(1)
      .apply(described, "Extra instances allowed above the desired count during an update."),
    maxUnavailable: z
      .number()
      .int()
      .min(0)
      .default(0)
      .apply(described, "Instances allowed to be missing during an update."),
  });

  const canaryStrategy = z.strictObject({
    type: z.literal("canary"),
    plan: dnsName.optional().apply(described, "Name of a plan under analysis.canaryPlans. Give either plan or steps."),
    steps: z
      .array(canaryStep)
      .min(1)
      .optional()
      .apply(described, "Inline steps. Weights strictly increase and the last is 100."),
  });

  const blueGreenStrategy = z.strictObject({
    type: z.literal("blue-green"),
    previewAnalysis: duration
      .default("5m")
      .apply(described, "How long analysis watches the new revision on its preview route before the switch."),
    postSwitchAnalysis: duration
      .default("5m")
      .apply(described, "How long analysis watches after the switch; a failure switches back."),
    standby: duration
      .default("30m")
      .apply(described, "How long the previous revision stays running as standby after the switch."),
    mirror: percent
      .default(100)
      .apply(
        described,
        "Share of live GET and HEAD requests copied to the preview (answers discarded) so analysis has traffic to judge before the switch.",
      ),
  });

  return z
    .discriminatedUnion("type", [rollingStrategy, canaryStrategy, blueGreenStrategy])
    .apply(described, "How a new revision replaces the running one: rolling, canary or blue-green.");
});
