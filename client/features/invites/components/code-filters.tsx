import { Button } from "../../../components/button.tsx";
import { DebouncedSearchField } from "../../../components/debounced-search-field.tsx";
import { SelectField } from "../../../components/field.tsx";
import { formatCount } from "../../../lib/format.ts";
import { batchLabel } from "../lib/batch-label.ts";
import type { InviteBatch } from "../api/get-invite-wave.ts";
import type { CodeFilters as Filters } from "../hooks/use-code-filters.ts";

const STATUS_OPTIONS = [
  { value: "", label: "Any status" },
  { value: "active", label: "Active" },
  { value: "revoked", label: "Revoked" },
] as const;
const USAGE_OPTIONS = [
  { value: "", label: "Used or not" },
  { value: "used", label: "Used" },
  { value: "unused", label: "Unused" },
] as const;

export function CodeFilters({
  filters,
  batches,
  onChange,
  onClear,
  hasFilters,
}: {
  filters: Filters;
  batches: InviteBatch[];
  onChange: (changes: Partial<Filters>) => void;
  onClear: () => void;
  hasFilters: boolean;
}) {
  const batchOptions = [
    { value: "", label: "Every batch" },
    ...batches.map((b) => ({ value: b.id, label: `${batchLabel(b.id)} (${formatCount(b.size)})` })),
  ];
  return (
    <div className="filter-bar" role="search" aria-label="Filter codes">
      <SelectField
        label="Status"
        options={STATUS_OPTIONS}
        value={filters.status}
        onChange={(e) => onChange({ status: e.target.value as Filters["status"] })}
      />
      <SelectField
        label="Usage"
        options={USAGE_OPTIONS}
        value={filters.usage}
        onChange={(e) => onChange({ usage: e.target.value as Filters["usage"] })}
      />
      <SelectField
        label="Batch"
        options={batchOptions}
        value={filters.batch}
        onChange={(e) => onChange({ batch: e.target.value })}
      />
      <DebouncedSearchField
        label="Code starts with"
        placeholder="ABCD-EF"
        value={filters.code}
        onCommit={(code) => onChange({ code })}
      />
      {hasFilters ? (
        <Button size="sm" variant="ghost" onClick={onClear}>
          Clear filters
        </Button>
      ) : null}
    </div>
  );
}
