import type { ApiContext } from "../context.js";
import { commonErrors } from "../errors.js";
import { SIGNED_IN } from "../permission.js";
import { serverView } from "../server-schemas.js";
import { readServers } from "../servers.js";
import type { ZodApp } from "../zod.js";

/** The servers sharing this database. */
export function registerServerRoutes(app: ZodApp, context: ApiContext): void {
  const { db, clock } = context;
  app.get(
    "/servers",
    {
      config: { permission: SIGNED_IN },
      schema: {
        operationId: "listServers",
        tags: ["health"],
        summary: "The servers sharing this database: identity, heartbeat, the runs each holds",
        response: { 200: serverView.array(), ...commonErrors },
      },
    },
    async () => {
      return readServers(db.kysely, clock.now(), context.serverId);
    },
  );
}
