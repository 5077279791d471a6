// Page state that belongs in the address bar (filters, sort, visible columns, selection), so a view can be
// shared as a link and survives a reload.
import { useCallback } from "react";
import { useSearchParams } from "wouter";

export type UrlChanges = Record<string, string | number | boolean | null | undefined | readonly string[]>;

export function applyUrlChanges(current: URLSearchParams, changes: UrlChanges): URLSearchParams {
  const next = new URLSearchParams(current);
  for (const [key, value] of Object.entries(changes)) {
    const text = Array.isArray(value)
      ? value.join(",")
      : value === null || value === undefined || value === false
        ? ""
        : String(value);
    if (text === "") next.delete(key);
    else next.set(key, text);
  }
  return next;
}

export function useUrlState() {
  const [params, setParams] = useSearchParams();
  const update = useCallback(
    (changes: UrlChanges, options: { replace?: boolean } = {}) => {
      setParams((prev) => applyUrlChanges(prev, changes), { replace: options.replace ?? false });
    },
    [setParams],
  );
  return [params, update] as const;
}

export function listParam(params: URLSearchParams, key: string): string[] {
  const raw = params.get(key);
  return raw ? raw.split(",").filter(Boolean) : [];
}
