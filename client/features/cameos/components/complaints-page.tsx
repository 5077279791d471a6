// /cameos/complaints — every likeness complaint, newest first, filtered by where verification stands.
import { SelectField } from "../../../components/field.tsx";
import { PageHeader } from "../../../components/page-header.tsx";
import { useUrlState } from "../../../lib/url-state.ts";
import { useLikenessComplaints, type VerificationFilter } from "../api/list-complaints.ts";
import { CameoAreaTabs } from "./cameo-area-tabs.tsx";
import { ComplaintList } from "./cameo-complaints.tsx";

const FILTERS = [
  { value: "", label: "All" },
  { value: "pending", label: "Not verified yet" },
  { value: "verified", label: "Verified" },
  { value: "rejected", label: "Rejected" },
] as const;

function verificationOf(value: string | null): VerificationFilter | undefined {
  return value === "pending" || value === "verified" || value === "rejected" ? value : undefined;
}

export function ComplaintsPage() {
  const [params, update] = useUrlState();
  const verification = verificationOf(params.get("verification"));
  const list = useLikenessComplaints({ verification });
  return (
    <>
      <PageHeader
        title="Likeness complaints"
        description="People who say a cameo or a post uses their likeness without consent, and staff's check of who they are."
      />
      <CameoAreaTabs current="/cameos/complaints" />
      <form
        role="search"
        aria-label="Filter complaints"
        className="filter-bar"
        onSubmit={(event) => event.preventDefault()}
      >
        <SelectField
          label="Verification"
          options={FILTERS}
          value={verification ?? ""}
          onChange={(event) => update({ verification: event.target.value }, { replace: true })}
        />
      </form>
      <ComplaintList
        list={list}
        empty={verification ? "No complaint in this state" : "No likeness complaint yet"}
        showCameoLink
      />
    </>
  );
}
