import { useInviteExportUrl } from "../api/invite-export-url.ts";

/** A download link to the server's streamed CSV (the session cookie authorises it; the server audits it). */
export function ExportCodesLink({
  waveId,
  batchId,
  label,
  accessibleName,
  className = "btn btn-secondary",
}: {
  waveId: string;
  batchId?: string;
  label: string;
  /** when the visible label is short ("CSV") */
  accessibleName?: string;
  className?: string;
}) {
  const url = useInviteExportUrl(waveId, batchId);
  if (!url.data) {
    return (
      <span
        className={`${className} is-disabled`}
        aria-disabled="true"
        aria-label={accessibleName}
        title={url.isError ? "The export link could not be loaded" : undefined}
      >
        {label}
      </span>
    );
  }
  return (
    <a className={className} href={url.data.url} download aria-label={accessibleName}>
      {label}
    </a>
  );
}
