/** A snapshot the server pushes as Server-Sent Events (the status matrix, the approvals inbox). */
import { useCallback, useEffect, useState } from "react";
import { api, readSse } from "./api.ts";

const RECONNECT_MS = 2_000;

/**
 * The latest snapshot from `stream` (its `event` events), reconnecting when the stream drops.
 * While the stream is down the snapshot is read once from `fallback` per attempt, so a page
 * still shows something; `reload` reads it at once (after the user changed something).
 */
export function useLiveSnapshot<T>(
  stream: string,
  event: string,
  fallback: string,
): { value: T | null; error: string | null; live: boolean; reload: () => void } {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [live, setLive] = useState(false);

  const reload = useCallback(() => {
    api<T>("GET", fallback)
      .then((v) => {
        setValue(v);
        setError(null);
      })
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, [fallback]);

  useEffect(() => {
    const controller = new AbortController();
    const onMessage = (name: string, data: string): void => {
      if (name !== event) return;
      setValue(JSON.parse(data) as T);
      setLive(true);
      setError(null);
    };
    const follow = async (): Promise<void> => {
      while (!controller.signal.aborted) {
        try {
          await readSse(stream, onMessage, controller.signal);
          setLive(false);
        } catch {
          if (controller.signal.aborted) return;
          setLive(false);
          reload();
        }
        await new Promise((r) => setTimeout(r, RECONNECT_MS));
      }
    };
    void follow();
    return () => controller.abort();
  }, [stream, event, reload]);

  return { value, error, live, reload };
}

/** What `load` answers, read at once and again every `everyMs` while the page shows it; the last error until a read succeeds. */
export function usePolled<T>(load: () => Promise<T>, everyMs: number): { value: T | null; error: string | null } {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let gone = false;
    const read = (): void => {
      load()
        .then((v) => {
          if (gone) return;
          setValue(v);
          setError(null);
        })
        .catch((e: unknown) => {
          if (!gone) setError(e instanceof Error ? e.message : String(e));
        });
    };
    read();
    const timer = setInterval(read, everyMs);
    return () => {
      gone = true;
      clearInterval(timer);
    };
    // `load` is read once per mount: pages pass a function of nothing that changes.
  }, [everyMs]);
  return { value, error };
}
