// /hash-bank — hashes of removed content that new posts are compared with, and taking entries out of matching.
import { useMemo } from "react";
import { PageHeader } from "../../../components/page-header.tsx";
import { useUrlState } from "../../../lib/url-state.ts";
import { useHashBankCounts } from "../api/list-hash-bank-entries.ts";
import { parseHashBankFilters, totalsOf, urlChangesFor, type HashBankFilterChanges } from "../lib/hash-bank-view.ts";
import { BanksPanel } from "./banks-panel.tsx";
import { HashBankFilters } from "./hash-bank-filters.tsx";
import { HashBankTable } from "./hash-bank-table.tsx";
import { HashBankTotals } from "./hash-bank-totals.tsx";

export function HashBankPage() {
  const [params, update] = useUrlState();
  const filters = parseHashBankFilters(params);
  const counts = useHashBankCounts(filters);
  const totals = useMemo(() => (counts ? totalsOf(counts) : null), [counts]);

  const onChange = (changes: HashBankFilterChanges) => update(urlChangesFor(changes), { replace: true });

  return (
    <>
      <PageHeader
        title="Hash bank"
        description="Hashes of removed content: each taken-down post's file hashes and the PDQ hashes of its video's frames (vPDQ). New posts that show most of a removed video are flagged for review; restoring a post takes its hashes out of matching."
      />
      <BanksPanel />
      <HashBankTotals totals={totals} />
      <HashBankFilters filters={filters} onChange={onChange} />
      <HashBankTable
        key={`${filters.kind ?? "all"}|${filters.active}|${filters.postId ?? ""}`}
        filters={filters}
        totals={totals}
      />
    </>
  );
}
