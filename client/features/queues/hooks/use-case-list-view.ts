// The case list's view state, read from and written to the URL.
import { useMemo } from "react";
import { listParam, useUrlState, type UrlChanges } from "../../../lib/url-state.ts";
import type { CaseListInput } from "../api/list-cases.ts";
import type { QueueKind } from "../api/get-queues.ts";

export const CASE_SORTS = [
  { value: "priority", label: "Priority" },
  { value: "oldest", label: "Oldest" },
  { value: "deadline", label: "Deadline" },
] as const;
export type CaseSort = (typeof CASE_SORTS)[number]["value"];

export const PAGE_SIZE = 50;

export interface CaseListView {
  sort: CaseSort;
  category: string;
  minScore: number | null;
  hasCameo: boolean | null;
  creator: string;
  prompt: string;
  hiddenColumns: string[];
  selectedIds: string[];
}

export type CaseFilterChanges = Partial<Pick<CaseListView, "sort" | "category" | "minScore" | "hasCameo" | "creator" | "prompt">>;

function parseSort(value: string | null): CaseSort {
  return CASE_SORTS.some((s) => s.value === value) ? (value as CaseSort) : "priority";
}

function parseScore(value: string | null): number | null {
  if (value === null || value === "") return null;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 && n <= 1 ? n : null;
}

function parseCameo(value: string | null): boolean | null {
  return value === "yes" ? true : value === "no" ? false : null;
}

const FILTER_PARAMS: Record<keyof CaseFilterChanges, string> = {
  sort: "sort",
  category: "category",
  minScore: "minScore",
  hasCameo: "cameo",
  creator: "creator",
  prompt: "prompt",
};

export function useCaseListView() {
  const [params, update] = useUrlState();
  const search = params.toString();

  const view = useMemo<CaseListView>(() => {
    const p = new URLSearchParams(search);
    return {
      sort: parseSort(p.get("sort")),
      category: p.get("category") ?? "",
      minScore: parseScore(p.get("minScore")),
      hasCameo: parseCameo(p.get("cameo")),
      creator: p.get("creator") ?? "",
      prompt: p.get("prompt") ?? "",
      hiddenColumns: listParam(p, "hide"),
      selectedIds: listParam(p, "sel"),
    };
  }, [search]);

  return useMemo(() => {
    /** Filters and sort restart the list from its first page, so the old selection no longer means anything. */
    const setFilters = (changes: CaseFilterChanges, options: { replace?: boolean } = {}) => {
      const url: UrlChanges = { sel: null };
      for (const [key, value] of Object.entries(changes) as [keyof CaseFilterChanges, CaseFilterChanges[keyof CaseFilterChanges]][]) {
        const param = FILTER_PARAMS[key];
        if (key === "sort") url[param] = value === "priority" ? null : (value as string);
        else if (key === "hasCameo") url[param] = value === true ? "yes" : value === false ? "no" : null;
        else url[param] = value as string | number | null;
      }
      update(url, options);
    };
    return {
      view,
      setFilters,
      clearFilters: () => setFilters({ category: "", minScore: null, hasCameo: null, creator: "", prompt: "" }),
      setHiddenColumns: (ids: string[]) => update({ hide: ids }, { replace: true }),
      setSelectedIds: (ids: string[]) => update({ sel: ids }, { replace: true }),
    };
  }, [view, update]);
}

export function hasActiveFilters(view: CaseListView): boolean {
  return !!(view.category || view.minScore !== null || view.hasCameo !== null || view.creator.trim() || view.prompt.trim());
}

/** The server wants at least two characters of prompt text; shorter text would match nearly everything. */
export const MIN_PROMPT_SEARCH = 2;

export function toCaseListInput(queue: QueueKind | undefined, view: CaseListView): CaseListInput {
  const creator = view.creator.trim();
  const prompt = view.prompt.trim();
  return {
    queue,
    sort: view.sort,
    category: view.category || undefined,
    minScore: view.minScore ?? undefined,
    hasCameo: view.hasCameo ?? undefined,
    creatorHandle: creator || undefined,
    promptContains: prompt.length >= MIN_PROMPT_SEARCH ? prompt : undefined,
    limit: PAGE_SIZE,
  };
}
