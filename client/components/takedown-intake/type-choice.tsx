// Step 1: which law the request is made under; it decides what the form asks for.
import { TAKEDOWN_TYPE_HINTS, TAKEDOWN_TYPE_LABELS, TAKEDOWN_TYPES, type TakedownIntakeType } from "./intake-forms.ts";

export function TypeChoice({
  value,
  onChange,
}: {
  value: TakedownIntakeType | null;
  onChange: (type: TakedownIntakeType) => void;
}) {
  return (
    <fieldset className="report-types">
      <legend>What are you reporting?</legend>
      {TAKEDOWN_TYPES.map((type) => (
        <label key={type} className="report-type">
          <input
            type="radio"
            name="takedown-type"
            value={type}
            checked={value === type}
            aria-describedby={`report-type-${type}-hint`}
            onChange={() => onChange(type)}
          />
          <span>
            <span className="report-type-label">{TAKEDOWN_TYPE_LABELS[type]}</span>
            <span id={`report-type-${type}-hint`} className="field-hint">
              {TAKEDOWN_TYPE_HINTS[type]}
            </span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}
