/** The tag strategies of seed 001's table, apart from the schema so `ci plan` can name them without loading zod. */
export const TAG_STRATEGIES = ["auto", "semver", "commit", "custom"] as const;
