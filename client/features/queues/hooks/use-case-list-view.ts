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

export const CASE_STATUS_FILTERS = [
  { value: "", label: "Open and in review" },
  { value: "open", label: "Open, unclaimed" },
  { value: "claimed", label: "In review" },
  { value: "escalated", label: "Escalated" },
  { value: "resolved", label: "Resolved" },
] as const;
export type CaseStatusFilter = (typeof CASE_STATUS_FILTERS)[number]["value"];

export interface CaseListView {
  sort: CaseSort;
  category: string;
  minScore: number | null;
  hasCameo: boolean | null;
  creator: string;
  prompt: string;
  status: CaseStatusFilter;
  minReporters: number | null;
  /** YYYY-MM-DD, inclusive */
  createdFrom: string;
  /** YYYY-MM-DD, inclusive */
  createdTo: string;
  /** "me": cases the signed-in reviewer holds */
  assignee: "" | "me";
  hiddenColumns: string[];
  selectedIds: string[];
}

export type CaseFilterChanges = Partial<
  Pick<
    CaseListView,
    | "sort"
    | "category"
    | "minScore"
    | "hasCameo"
    | "creator"
    | "prompt"
    | "status"
    | "minReporters"
    | "createdFrom"
    | "createdTo"
    | "assignee"
  >
>;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

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
  status: "status",
  minReporters: "reporters",
  createdFrom: "from",
  createdTo: "to",
  assignee: "assignee",
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
      status: CASE_STATUS_FILTERS.some((s) => s.value === p.get("status")) ? (p.get("status") as CaseStatusFilter) : "",
      minReporters: /^\d{1,5}$/.test(p.get("reporters") ?? "") ? Number(p.get("reporters")) : null,
      createdFrom: DAY.test(p.get("from") ?? "") ? p.get("from")! : "",
      createdTo: DAY.test(p.get("to") ?? "") ? p.get("to")! : "",
      assignee: p.get("assignee") === "me" ? "me" : "",
      hiddenColumns: listParam(p, "hide"),
      selectedIds: listParam(p, "sel"),
    };
  }, [search]);

  return useMemo(() => {
    /** Filters and sort restart the list from its first page, so the old selection no longer means anything. */
    const setFilters = (changes: CaseFilterChanges, options: { replace?: boolean } = {}) => {
      const url: UrlChanges = { sel: null };
      for (const [key, value] of Object.entries(changes) as [
        keyof CaseFilterChanges,
        CaseFilterChanges[keyof CaseFilterChanges],
      ][]) {
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
      clearFilters: () =>
        setFilters({
          category: "",
          minScore: null,
          hasCameo: null,
          creator: "",
          prompt: "",
          status: "",
          minReporters: null,
          createdFrom: "",
          createdTo: "",
          assignee: "",
        }),
      setHiddenColumns: (ids: string[]) => update({ hide: ids }, { replace: true }),
      setSelectedIds: (ids: string[]) => update({ sel: ids }, { replace: true }),
    };
  }, [view, update]);
}

export function hasActiveFilters(view: CaseListView): boolean {
  return !!(
    view.category ||
    view.minScore !== null ||
    view.hasCameo !== null ||
    view.creator.trim() ||
    view.prompt.trim() ||
    view.status ||
    view.minReporters !== null ||
    view.createdFrom ||
    view.createdTo ||
    view.assignee
  );
}

/** The server wants at least two characters of prompt text; shorter text would match nearly everything. */
export const MIN_PROMPT_SEARCH = 2;

/** The day after a YYYY-MM-DD date, at midnight UTC: "created to" includes its whole day. */
function dayAfter(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString();
}

export function toCaseListInput(queue: QueueKind | undefined, view: CaseListView, userId?: string): CaseListInput {
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
    status: view.status ? [view.status] : undefined,
    minReporters: view.minReporters ?? undefined,
    createdFrom: view.createdFrom ? `${view.createdFrom}T00:00:00.000Z` : undefined,
    createdTo: view.createdTo ? dayAfter(view.createdTo) : undefined,
    assigneeId: view.assignee === "me" ? userId : undefined,
    limit: PAGE_SIZE,
  };
}
