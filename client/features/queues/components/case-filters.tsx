// Sort and filters for the case list. Selects apply at once; text filters apply after a short pause in typing.
import { Button } from "../../../components/button.tsx";
import { SelectField, TextField } from "../../../components/field.tsx";
import { DebouncedSearchField } from "../../../components/debounced-search-field.tsx";
import { useCategoryOptions } from "../api/get-categories.ts";
import {
  CASE_SORTS,
  CASE_STATUS_FILTERS,
  hasActiveFilters,
  MIN_PROMPT_SEARCH,
  type CaseFilterChanges,
  type CaseListView,
  type CaseSort,
  type CaseStatusFilter,
} from "../hooks/use-case-list-view.ts";

const REPORTER_THRESHOLDS = [1, 2, 5, 10];

const SCORE_THRESHOLDS = [0.5, 0.7, 0.8, 0.9, 0.95];

interface CaseFiltersProps {
  view: CaseListView;
  onChange: (changes: CaseFilterChanges, options?: { replace?: boolean }) => void;
  onClear: () => void;
}

export function CaseFilters({ view, onChange, onClear }: CaseFiltersProps) {
  const categories = useCategoryOptions();
  const categoryOptions = [{ value: "", label: "All categories" }, ...(categories.data ?? [])];
  if (view.category && !categoryOptions.some((o) => o.value === view.category)) {
    categoryOptions.push({ value: view.category, label: view.category });
  }
  const thresholds =
    view.minScore !== null && !SCORE_THRESHOLDS.includes(view.minScore)
      ? [...SCORE_THRESHOLDS, view.minScore].sort()
      : SCORE_THRESHOLDS;

  return (
    <form className="filter-bar" role="search" aria-label="Case filters" onSubmit={(event) => event.preventDefault()}>
      <SelectField
        label="Sort by"
        value={view.sort}
        options={CASE_SORTS}
        onChange={(event) => onChange({ sort: event.target.value as CaseSort })}
      />
      <SelectField
        label="Category"
        value={view.category}
        options={categoryOptions}
        onChange={(event) => onChange({ category: event.target.value })}
      />
      <SelectField
        label="Min score"
        value={view.minScore === null ? "" : String(view.minScore)}
        options={[
          { value: "", label: "Any score" },
          ...thresholds.map((t) => ({ value: String(t), label: `≥ ${t.toFixed(2)}` })),
        ]}
        onChange={(event) => onChange({ minScore: event.target.value === "" ? null : Number(event.target.value) })}
      />
      <SelectField
        label="Cameo"
        value={view.hasCameo === null ? "" : view.hasCameo ? "yes" : "no"}
        options={[
          { value: "", label: "With or without" },
          { value: "yes", label: "Has a cameo" },
          { value: "no", label: "No cameo" },
        ]}
        onChange={(event) => onChange({ hasCameo: event.target.value === "" ? null : event.target.value === "yes" })}
      />
      <SelectField
        label="Status"
        value={view.status}
        options={CASE_STATUS_FILTERS}
        onChange={(event) => onChange({ status: event.target.value as CaseStatusFilter })}
      />
      <SelectField
        label="Reporters"
        value={view.minReporters === null ? "" : String(view.minReporters)}
        options={[
          { value: "", label: "Any number" },
          ...REPORTER_THRESHOLDS.map((n) => ({ value: String(n), label: `≥ ${n}` })),
        ]}
        onChange={(event) => onChange({ minReporters: event.target.value === "" ? null : Number(event.target.value) })}
      />
      <SelectField
        label="Assigned to"
        value={view.assignee}
        options={[
          { value: "", label: "Anyone" },
          { value: "me", label: "Me" },
        ]}
        onChange={(event) => onChange({ assignee: event.target.value === "me" ? "me" : "" })}
      />
      <TextField
        label="Created from"
        type="date"
        value={view.createdFrom}
        max={view.createdTo || undefined}
        onChange={(event) => onChange({ createdFrom: event.target.value })}
      />
      <TextField
        label="Created to"
        type="date"
        value={view.createdTo}
        min={view.createdFrom || undefined}
        onChange={(event) => onChange({ createdTo: event.target.value })}
      />
      <DebouncedSearchField
        label="Creator handle"
        placeholder="@handle"
        value={view.creator}
        onCommit={(creator) => onChange({ creator }, { replace: true })}
      />
      <DebouncedSearchField
        label="Prompt contains"
        placeholder={`at least ${MIN_PROMPT_SEARCH} characters`}
        value={view.prompt}
        onCommit={(prompt) => onChange({ prompt }, { replace: true })}
      />
      {hasActiveFilters(view) ? (
        <Button size="sm" variant="ghost" className="filter-clear" onClick={onClear}>
          Clear filters
        </Button>
      ) : null}
    </form>
  );
}
