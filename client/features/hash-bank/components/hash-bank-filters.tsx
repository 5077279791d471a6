// Kind and state apply at once and live in the URL; a post filter arrives by link and is removed with its chip.
import { Button } from "../../../components/button.tsx";
import { SelectField } from "../../../components/field.tsx";
import type { HashBankFilters as Filters } from "../api/list-hash-bank-entries.ts";
import { HASH_KIND_OPTIONS, HASH_STATE_OPTIONS, type HashBankFilterChanges } from "../lib/hash-bank-view.ts";

export function HashBankFilters({
  filters,
  onChange,
}: {
  filters: Filters;
  onChange: (changes: HashBankFilterChanges) => void;
}) {
  return (
    <form
      className="filter-bar"
      role="search"
      aria-label="Hash bank filters"
      onSubmit={(event) => event.preventDefault()}
    >
      <SelectField
        label="Kind"
        value={filters.kind ?? ""}
        options={HASH_KIND_OPTIONS}
        onChange={(event) => {
          const value = event.target.value;
          onChange({ kind: value === "exact" || value === "perceptual" ? value : null });
        }}
      />
      <SelectField
        label="State"
        value={filters.active ? "" : "out"}
        options={HASH_STATE_OPTIONS}
        onChange={(event) => onChange({ active: event.target.value !== "out" })}
      />
      {filters.postId ? (
        <p className="filter-chip">
          <span>
            Post <code>{filters.postId}</code>
          </span>
          <Button
            size="sm"
            variant="ghost"
            aria-label={`Remove the filter for post ${filters.postId}`}
            onClick={() => onChange({ postId: null })}
          >
            ×
          </Button>
        </p>
      ) : null}
    </form>
  );
}
