import { createContext, useEffect, useState } from "react";

/** The current time, refreshed on an interval, so countdowns and ages move without a refetch. */
export function useNow(intervalMs = 30_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const id = window.setInterval(() => setNow(new Date()), intervalMs);
    return () => window.clearInterval(id);
  }, [intervalMs]);
  return now;
}

/** One clock per table, provided by the table, so each of its cells does not run a timer of its own. */
export const NowContext = createContext<Date>(new Date());
