// A text filter that applies after a short pause in typing, and follows the URL when it changes from outside.
import { useEffect, useEffectEvent, useRef, useState } from "react";
import { useDebouncedValue } from "../lib/use-debounced-value.ts";
import { Field } from "./field.tsx";

const TYPING_PAUSE_MS = 350;

export function DebouncedSearchField({
  label,
  placeholder,
  value,
  onCommit,
}: {
  label: string;
  placeholder?: string;
  value: string;
  onCommit: (value: string) => void;
}) {
  const [text, setText] = useState(value);
  const debounced = useDebouncedValue(text, TYPING_PAUSE_MS);
  const committed = useRef(value);
  const commit = useEffectEvent((next: string) => onCommit(next));

  useEffect(() => {
    if (debounced === committed.current) return;
    committed.current = debounced;
    commit(debounced);
  }, [debounced]);

  // A change from outside (Clear filters, the back button) replaces what is in the box; our own commits do not.
  useEffect(() => {
    if (value !== committed.current) {
      committed.current = value;
      setText(value);
    }
  }, [value]);

  return (
    <Field label={label}>
      {(control) => (
        <input
          {...control}
          className="input"
          type="search"
          placeholder={placeholder}
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
      )}
    </Field>
  );
}
