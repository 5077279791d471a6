// Media lookup: staff find the posts that show a file they hold, wherever it came from.
import { PageHeader } from "../../../components/page-header.tsx";
import { MediaLookupPanel } from "../../../components/media-lookup/media-lookup-panel.tsx";

export function MediaLookupPage() {
  return (
    <div className="page stack">
      <PageHeader
        title="Media lookup"
        description="Upload a video or image to see every post that shows it — published, held or removed — ranked by how much of each video is found in the other. The upload is kept as evidence and the lookup is audited."
      />
      <div className="panel">
        <MediaLookupPanel />
      </div>
    </div>
  );
}
