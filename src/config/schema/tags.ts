import * as z from "zod";
import { described, lazily } from "./common.js";

import { TAG_STRATEGIES } from "./tag-strategies.js";

export { TAG_STRATEGIES };

export const tagRule = lazily(() =>
  z
    .strictObject({
      strategy: z.enum(TAG_STRATEGIES),
      branch: z.string().optional().apply(described, 'Branch glob, e.g. "feature/*".'),
      gitTag: z.string().optional().apply(described, 'Git tag glob, e.g. "v*".'),
      tag: z
        .string()
        .min(1)
        .apply(
          described,
          'Tag template: {match} is the part the glob\'s "*" matched, {sha} the commit, {shortSha} its first 7 characters, {custom} the custom tag.',
        ),
    })
    .apply(described, "One row of the tag strategy table."),
);

export const tags = lazily(() =>
  z
    .strictObject({
      default: z.enum(TAG_STRATEGIES).default("auto"),
      rules: z.array(tagRule).default([]).apply(described, "Rules in order; the first that matches wins."),
    })
    .apply(described, "How CI chooses an image tag."),
);
