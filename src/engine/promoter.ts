import { SYSTEM_ACTOR } from "../audit/index.js";
import type { Environment, Platform } from "../config/types.js";
import type { Db } from "../store/database.js";
import { fromJson } from "../store/json.js";
import { findRun } from "../store/runs/read.js";
import { activeRevisions } from "../store/revisions/read.js";
import { revisionTests } from "../store/revisions/tests.js";
import type { RevisionRow } from "../store/rows.js";
import type { Clock } from "./clock.js";
import { latestDue, nextScheduledMs } from "./schedule.js";
import type { EngineService } from "./service.js";
import type { RunRequestInput } from "./request.js";

export interface PromoterDeps {
  db: Db;
  platform: () => Platform;
  clock: Clock;
  service: EngineService;
  onError(what: string, error: unknown): void;
}

export { nextScheduledMs };

/**
 * Automatic and scheduled promotion, looked at on the worker's timer. `auto`: a revision that
 * succeeded in `from` (its run succeeded, the source's required tests passed on it) is promoted
 * into the environment. `scheduled`: at each time of the cron, what `from` runs (tested) and the
 * environment does not is promoted. Each promotion is an ordinary run with its gates, started by
 * quikship and audited with the rule; its id is made from the rule's key, so two timers or a
 * restart never start it twice.
 */
export class Promoter {
  readonly #deps: PromoterDeps;
  /** Per scheduled environment, the last slot looked at; the first look starts from now. */
  readonly #since = new Map<string, number>();

  constructor(deps: PromoterDeps) {
    this.#deps = deps;
  }

  async tick(): Promise<void> {
    for (const env of Object.values(this.#deps.platform().environments)) {
      if (!env.from) continue;
      try {
        if (env.deployment === "auto") await this.#auto(env, env.from);
        else if (env.deployment === "scheduled") await this.#scheduled(env, env.from);
      } catch (error) {
        this.#deps.onError(`(${env.deployment} promotion into ${env.name})`, error);
      }
    }
  }

  async #auto(env: Environment, from: string): Promise<void> {
    const candidates = await this.#candidates(env, from);
    const byRun = groupBy(candidates, (r) => `${r.run_id}\n${r.tag}`);
    for (const revisions of byRun.values()) {
      const first = revisions[0]!;
      const run = await findRun(this.#deps.db.kysely, first.run_id);
      if (run?.status !== "succeeded" || run.finished_at === null) continue;
      const rule = `deployment: auto (${first.tag} succeeded in ${from} with its tests passed, run ${run.id})`;
      await this.#promote(env, from, revisions, `auto/${env.name}/${run.id}/${first.tag}`, run.finished_at, rule);
    }
  }

  async #scheduled(env: Environment, from: string): Promise<void> {
    const now = this.#deps.clock.now();
    const due = (after: number) => nextScheduledMs(env, after);
    const { slot, since } = latestDue(due, this.#since.get(env.name) ?? now, now);
    this.#since.set(env.name, since);
    if (slot === null) return;
    const at = new Date(slot).toISOString();
    const byTag = groupBy(await this.#candidates(env, from), (r) => r.tag);
    for (const [tag, revisions] of byTag) {
      const rule = `deployment: scheduled (${env.schedule?.cron} ${env.schedule?.timezone}, the time of ${at})`;
      await this.#promote(env, from, revisions, `scheduled/${env.name}/${at}/${tag}`, slot, rule);
    }
  }

  /** Active revisions of the source whose required tests passed, of a tag the environment does not run. */
  async #candidates(env: Environment, from: string): Promise<RevisionRow[]> {
    const platform = this.#deps.platform();
    const source = platform.environments[from];
    if (!source) return [];
    const target = new Map((await activeRevisions(this.#deps.db.kysely, env.name)).map((r) => [r.service, r.tag]));
    return (await activeRevisions(this.#deps.db.kysely, source.name)).filter((r) => {
      if (target.get(r.service) === r.tag || !platform.services[r.service]) return false;
      const tests = revisionTests(fromJson(r.detail));
      return source.tests.every((t) => !t.required || tests[t.name]?.passed === true);
    });
  }

  async #promote(
    env: Environment,
    from: string,
    revisions: RevisionRow[],
    key: string,
    atMs: number,
    rule: string,
  ): Promise<void> {
    const tag = revisions[0]!.tag;
    const request: RunRequestInput = {
      kind: "promote",
      environment: from,
      services: revisions.map((r) => r.service).sort(),
      params: { to: [env.name], tag },
    };
    // Its run.submit entry, with the rule and the key, is written with the run.
    await this.#deps.service.submitOnce(request, SYSTEM_ACTOR, key, atMs, {
      trigger: rule,
      details: { triggerKey: key },
    });
  }
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}
