import * as z from "zod";

import { TAG_STRATEGIES } from "./tag-strategies.js";

export { TAG_STRATEGIES };

export const tagRule = z
  .strictObject({
    strategy: z.enum(TAG_STRATEGIES),
    branch: z.string().optional().describe('Branch glob, e.g. "feature/*".'),
    gitTag: z.string().optional().describe('Git tag glob, e.g. "v*".'),
    tag: z
      .string()
      .min(1)
      .describe('Tag template: {match} is the part the glob\'s "*" matched, {sha} the commit, {shortSha} its first 7 characters, {custom} the custom tag.'),
  })
  .describe("One row of the tag strategy table.");

export const tags = z
  .strictObject({
    default: z.enum(TAG_STRATEGIES).default("auto"),
    rules: z.array(tagRule).default([]).describe("Rules in order; the first that matches wins."),
  })
  .describe("How CI chooses an image tag.");
