import type { UseFormReturn } from "react-hook-form";
import type { DecisionOutput, DecisionValues } from "../../lib/decision-values.ts";

/** One form type for the single and the bulk decision: the same fields, checked by the same schema. */
export type DecisionForm = UseFormReturn<DecisionValues, unknown, DecisionOutput>;
