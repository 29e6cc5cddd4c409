import * as z from "zod";
import { dnsName } from "./common.js";

export const userName = dnsName;

export const user = z
  .strictObject({
    name: z.string().optional().describe("Full name."),
    email: z.string().regex(/^[^@\s]+@[^@\s]+$/, "must be an e-mail address").optional(),
  })
  .describe("A person who can sign in.");

export const group = z
  .strictObject({
    description: z.string().optional(),
    members: z.array(userName).default([]).describe("User names (under users)."),
    emergencyOverride: z.boolean().default(false).describe("Members may deploy outside windows and freezes with --emergency."),
    admin: z.boolean().default(false).describe("Members administer quikship: tokens, platform reloads."),
  })
  .describe("A group of users, such as an approver group.");
