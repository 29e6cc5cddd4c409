/** The arguments of the `quikship` server command `npm start` runs, with `extra` after them. */
export function startArgs(extra?: string[]): string[];
