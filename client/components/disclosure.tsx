// A button that shows and hides a panel below it (aria-expanded, aria-controls). The panel's content is rendered
// only while it is open, so whatever it loads is fetched on request.
import { useId, useState, type ReactNode } from "react";
import { Button } from "./button.tsx";

export function Disclosure({
  className,
  label,
  buttonLabel,
  children,
}: {
  className?: string;
  /** the button's text */
  label: ReactNode;
  /** the button's accessible name, when its text alone does not say what it opens */
  buttonLabel?: string;
  /** the panel's content, rendered while it is open */
  children: () => ReactNode;
}) {
  const [isOpen, setIsOpen] = useState(false);
  const panelId = useId();
  return (
    <div className={className}>
      <Button
        size="sm"
        variant="ghost"
        aria-expanded={isOpen}
        aria-controls={panelId}
        aria-label={buttonLabel}
        onClick={() => setIsOpen((open) => !open)}
      >
        {label}
      </Button>
      <div id={panelId} hidden={!isOpen}>
        {isOpen ? children() : null}
      </div>
    </div>
  );
}
