/**
 * Test double of the Kubernetes API — a simulated kubelet: pod status, restarts and logs.
 *
 * Follows "Pod Lifecycle": a scheduled pod's phase goes Pending → Running; its conditions
 * PodScheduled, Initialized, ContainersReady and Ready carry lastTransitionTime; a container that
 * keeps exiting is restarted with an exponential back-off (10 s doubling, capped at 5 min) while
 * its state is `waiting` with reason `CrashLoopBackOff`, `restartCount` grows, `lastState` holds
 * the terminated run, and a Warning `BackOff` event is recorded. No image runs: an image whose tag
 * ends in `-crash` crashes; every other image is ready `startMs` after the pod was created (no
 * probes are run). Deleted pods go at once (no graceful termination).
 */
import type { Cluster, Controller, Obj } from "./cluster.js";
import { R, spec, status } from "./cluster.js";
import { meta } from "./store.js";

const BACKOFF_START_MS = 10_000;
const BACKOFF_MAX_MS = 300_000;

export function crashes(image: string): boolean {
  const at = image.lastIndexOf(":");
  return at > image.lastIndexOf("/") && image.slice(at + 1).endsWith("-crash");
}

/** How many times a crashing container has been restarted `elapsedMs` after its first start. */
export function restartsAfter(elapsedMs: number): number {
  let count = 0;
  let at = 0;
  let backoff = BACKOFF_START_MS;
  while (at + backoff <= elapsedMs) {
    at += backoff;
    count++;
    backoff = Math.min(backoff * 2, BACKOFF_MAX_MS);
  }
  return count;
}

export class Kubelet implements Controller {
  readonly name = "kubelet";
  readonly #logs = new Map<string, string[]>();

  constructor(readonly startMs: number) {}

  /** The log lines of a container, as the log endpoint serves them. */
  logs(ns: string, pod: string, container: string | undefined): string[] {
    const keys = [...this.#logs.keys()].filter(
      (k) => k.startsWith(`${ns}/${pod}/`) && (!container || k.endsWith(`/${container}`)),
    );
    return keys.flatMap((k) => this.#logs.get(k) ?? []);
  }

  appendLog(ns: string, pod: string, container: string, line: string): void {
    const key = `${ns}/${pod}/${container}`;
    this.#logs.set(key, [...(this.#logs.get(key) ?? []), line]);
  }

  reconcile(cluster: Cluster): void {
    for (const pod of cluster.list(R.pods)) {
      const next = this.#status(cluster, pod);
      if (JSON.stringify(next) !== JSON.stringify(pod.status)) {
        this.#report(cluster, pod, next);
        cluster.writeStatus(R.pods, { ...pod, status: next }, "kubelet");
      }
    }
  }

  #status(cluster: Cluster, pod: Obj): Obj {
    const created = Date.parse(String(meta(pod).creationTimestamp));
    const now = cluster.nowMs();
    const containers = (spec(pod).containers ?? []) as Obj[];
    if (now < created + this.startMs) {
      return { phase: "Pending", conditions: [condition("PodScheduled", true, created)], qosClass: "BestEffort" };
    }
    const started = created + this.startMs;
    const statuses = containers.map((c) => containerStatus(c, started, now));
    const ready = statuses.every((s) => s.ready === true);
    const readyAt = ready ? started : now;
    const previous = (status(pod).conditions ?? []) as Obj[];
    const since = (type: string, value: boolean): number => {
      const old = previous.find((c) => c.type === type);
      return old && old.status === (value ? "True" : "False") ? Date.parse(String(old.lastTransitionTime)) : readyAt;
    };
    return {
      phase: "Running",
      conditions: [
        condition("Initialized", true, started),
        condition("Ready", ready, since("Ready", ready)),
        condition("ContainersReady", ready, since("ContainersReady", ready)),
        condition("PodScheduled", true, created),
      ],
      hostIP: "10.0.0.1",
      podIP: podIp(String(meta(pod).uid)),
      startTime: new Date(started).toISOString().replace(/\.\d{3}Z$/, "Z"),
      containerStatuses: statuses,
      qosClass: "BestEffort",
    };
  }

  #report(cluster: Cluster, pod: Obj, next: Obj): void {
    const m = meta(pod);
    const ns = String(m.namespace);
    const before = ((status(pod).containerStatuses ?? []) as Obj[]).map((s) => Number(s.restartCount ?? 0));
    for (const [i, s] of ((next.containerStatuses ?? []) as Obj[]).entries()) {
      const name = String(s.name);
      const restarts = Number(s.restartCount);
      if (!pod.status || !(status(pod).containerStatuses as Obj[] | undefined)) {
        this.appendLog(ns, String(m.name), name, `starting ${String(s.image)}`);
        this.appendLog(
          ns,
          String(m.name),
          name,
          crashes(String(s.image)) ? "fatal: the test double crashes images tagged -crash" : "ready",
        );
      }
      if (restarts > (before[i] ?? 0) || (restarts === 0 && crashes(String(s.image)) && before[i] === undefined)) {
        const message = `Back-off restarting failed container ${name} in pod ${String(m.name)}_${ns}(${String(m.uid)})`;
        cluster.event(pod, "Warning", "BackOff", message, "kubelet");
      }
    }
  }
}

function stamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

function condition(type: string, value: boolean, at: number): Obj {
  return { type, status: value ? "True" : "False", lastTransitionTime: stamp(at) };
}

function podIp(uid: string): string {
  const n = parseInt(uid.replace(/-/g, "").slice(0, 4), 16);
  return `10.244.${(n >> 8) % 256}.${n % 256}`;
}

function containerStatus(c: Obj, started: number, now: number): Obj {
  const image = String(c.image);
  const base = {
    name: c.name,
    image,
    imageID: `docker-pullable://${image}`,
    containerID: `containerd://${String(c.name)}`,
  };
  if (!crashes(image)) {
    return { ...base, ready: true, started: true, restartCount: 0, state: { running: { startedAt: stamp(started) } } };
  }
  const restarts = restartsAfter(now - started);
  const backoff = Math.min(BACKOFF_START_MS * 2 ** restarts, BACKOFF_MAX_MS) / 1000;
  return {
    ...base,
    ready: false,
    started: false,
    restartCount: restarts,
    state: {
      waiting: {
        reason: "CrashLoopBackOff",
        message: `back-off ${backoff}s restarting failed container=${String(c.name)}`,
      },
    },
    lastState: { terminated: { exitCode: 1, reason: "Error", startedAt: stamp(started), finishedAt: stamp(started) } },
  };
}
