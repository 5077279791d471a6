import { useState } from "react";
import { Button } from "../../../components/button.tsx";

/** Shown once, right after they are made: the server keeps only their hashes. */
export function RecoveryCodes({ codes, onSaved }: { codes: string[]; onSaved: () => Promise<unknown> }) {
  const [isLeaving, setIsLeaving] = useState(false);
  return (
    <div className="stack" role="region" aria-labelledby="recovery-codes-heading">
      <h3 id="recovery-codes-heading">Your recovery codes</h3>
      <p className="notice notice-warning">
        Save these now, somewhere other than your phone: they are shown only this once. Each one signs you in once in
        place of a code from your app, if you lose it.
      </p>
      <ol className="recovery-codes" aria-label="Recovery codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <Button
        variant="primary"
        isPending={isLeaving}
        onClick={() => {
          setIsLeaving(true);
          void onSaved().finally(() => setIsLeaving(false));
        }}
      >
        I have saved my recovery codes
      </Button>
    </div>
  );
}
