// The codes table's filters live in the address bar (?status=&usage=&batch=&code=), so a filtered view can be
// shared and survives a reload.
import { useUrlState } from "../../../lib/url-state.ts";
import type { InviteCodeFilter } from "../api/list-invite-codes.ts";

export interface CodeFilters {
  status: "" | "active" | "revoked";
  usage: "" | "used" | "unused";
  batch: string;
  code: string;
}

const oneOf = <T extends string>(value: string | null, allowed: readonly T[]): T | "" =>
  allowed.includes(value as T) ? (value as T) : "";

export function useCodeFilters() {
  const [params, update] = useUrlState();
  const filters: CodeFilters = {
    status: oneOf(params.get("status"), ["active", "revoked"] as const),
    usage: oneOf(params.get("usage"), ["used", "unused"] as const),
    batch: params.get("batch") ?? "",
    code: params.get("code") ?? "",
  };
  const setFilters = (changes: Partial<CodeFilters>) => update(changes, { replace: true });
  const clear = () => update({ status: null, usage: null, batch: null, code: null }, { replace: true });
  return { filters, setFilters, clear, hasFilters: Object.values(filters).some(Boolean) };
}

export function toCodeQuery(waveId: string, f: CodeFilters): InviteCodeFilter {
  return {
    waveId,
    ...(f.status ? { status: f.status } : {}),
    ...(f.usage ? { usage: f.usage } : {}),
    ...(f.batch ? { batchId: f.batch } : {}),
    ...(f.code.trim() ? { codePrefix: f.code.trim() } : {}),
  };
}
