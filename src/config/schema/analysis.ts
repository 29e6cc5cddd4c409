import * as z from "zod";
import { dnsName, duration, percent } from "./common.js";
import { canaryStep } from "./strategy.js";

const durationThreshold = z.strictObject({ warning: duration, critical: duration });
const percentThreshold = z.strictObject({ warning: percent, critical: percent });

export const thresholds = z
  .strictObject({
    latencyP99: durationThreshold.optional().describe("99th percentile latency."),
    errorRate: percentThreshold.optional().describe("Share of requests answered with 5xx."),
    cpu: percentThreshold.optional().describe("CPU usage of the instances."),
    memory: percentThreshold.optional().describe("Memory usage of the instances."),
    podRestarts: z
      .strictObject({
        warning: z.number().int().min(0),
        critical: z.number().int().min(0),
        per: duration.default("1h"),
      })
      .optional()
      .describe("Restarts of the instances per period."),
  })
  .describe("Warning and critical thresholds. A critical breach aborts; a warning breach pauses for a person.");

export const judgement = z
  .strictObject({
    minSampleRequests: z.number().int().min(1).default(100).describe("Requests the canary must serve before it can pass a step."),
    confidence: z.number().gt(0.5).lt(1).default(0.99).describe("How sure the statistical test must be before it aborts."),
    inconclusive: z.enum(["pause", "abort", "promote"]).default("pause").describe("What happens when a bake ends without enough evidence."),
  })
  .describe("How analysis decides.");

export const canaryPlan = z
  .strictObject({
    description: z.string().optional(),
    steps: z.array(canaryStep).min(1).describe("Weights strictly increase and the last is 100."),
  })
  .describe("A named canary plan.");

export const analysis = z
  .strictObject({
    thresholds: thresholds.default({}),
    judgement: judgement.default({ minSampleRequests: 100, confidence: 0.99, inconclusive: "pause" }),
    canaryPlans: z.record(dnsName, canaryPlan).default({}),
  })
  .describe("Analysis of canaries and blue-green previews.");
