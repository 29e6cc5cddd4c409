import * as z from "zod";
import { described, dnsName, lazily } from "./common.js";

export const userName = dnsName;

export const user = lazily(() =>
  z
    .strictObject({
      name: z.string().optional().apply(described, "Full name."),
      email: z
        .string()
        .regex(/^[^@\s]+@[^@\s]+$/, "must be an e-mail address")
        .optional(),
    })
    .apply(described, "A person who can sign in."),
);

export const group = lazily(() =>
  z
    .strictObject({
      description: z.string().optional(),
      members: z.array(userName).default([]).apply(described, "User names (under users)."),
      emergencyOverride: z
        .boolean()
        .default(false)
        .apply(described, "Members may deploy outside windows and freezes with --emergency."),
      admin: z.boolean().default(false).apply(described, "Members administer quikship: tokens, platform reloads."),
    })
    .apply(described, "A group of users, such as an approver group."),
);
