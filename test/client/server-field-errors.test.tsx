import { describe, expect, it } from "vitest";
import { act, render, renderHook, screen } from "@testing-library/react";
import { TRPCClientError } from "@trpc/client";
import { useForm, type UseFormReturn } from "react-hook-form";
import { applyServerFieldErrors } from "../../client/lib/server-field-errors.ts";

/** A refusal as the console receives it: the server's error shape, with its per-field messages. */
function refusal(fieldErrors?: Record<string, string[]>) {
  return new TRPCClientError("Refused", {
    result: {
      error: {
        message: "Refused",
        code: -32600,
        data: { code: "BAD_REQUEST", httpStatus: 400, path: "x", fieldErrors },
      },
    },
  } as never);
}

interface Values {
  reason: string;
  statement: { territorialScope: string[] };
  contentUrls: string[];
}
const defaultValues: Values = { reason: "", statement: { territorialScope: ["EEA"] }, contentUrls: ["", ""] };
const FIELDS = ["reason", "statement.territorialScope", "contentUrls", "contentUrls.0", "contentUrls.1"];

function formHook() {
  return renderHook(() => useForm<Values>({ defaultValues })).result;
}

function messageAt(form: UseFormReturn<Values>, name: Parameters<UseFormReturn<Values>["getFieldState"]>[0]) {
  return form.getFieldState(name).error?.message;
}

describe("applyServerFieldErrors", () => {
  it("returns true when every refusal is shown on a field: a list item on its own input, or on the list's when it has one", () => {
    const result = formHook();
    let shown = false;
    act(() => {
      shown = applyServerFieldErrors(
        result.current,
        refusal({
          reason: ["reason: say why the content breaks the policy"],
          "statement.territorialScope[0]": ["Unknown territory code"],
          "contentUrls[1]": ["Not a link to a post"],
        }),
        FIELDS,
      );
    });
    expect(shown).toBe(true);
    // The field's own name is dropped from the message beside it, and the message starts as a sentence.
    expect(messageAt(result.current, "reason")).toBe("Say why the content breaks the policy");
    expect(messageAt(result.current, "statement.territorialScope")).toBe("Unknown territory code");
    expect(messageAt(result.current, "contentUrls.1")).toBe("Not a link to a post");
    expect(messageAt(result.current, "contentUrls.0")).toBeUndefined();
  });

  it("returns false when a refusal names a field the form has no input for, and still shows the ones it can", () => {
    const result = formHook();
    let shown = true;
    act(() => {
      shown = applyServerFieldErrors(
        result.current,
        refusal({ reason: ["Too short"], queue: ["Unknown queue"] }),
        FIELDS,
      );
    });
    expect(shown).toBe(false);
    expect(messageAt(result.current, "reason")).toBe("Too short");
  });

  it("returns false when the error names no field at all, so the caller shows its message", () => {
    const result = formHook();
    let results: boolean[] = [];
    act(() => {
      results = [
        applyServerFieldErrors(result.current, refusal(), FIELDS),
        applyServerFieldErrors(result.current, new Error("offline"), FIELDS),
      ];
    });
    expect(results).toEqual([false, false]);
    expect(result.current.formState.errors).toEqual({});
  });

  it("focuses the first field it puts a message on", async () => {
    function Reasons({ onForm }: { onForm: (form: UseFormReturn<{ policy: string; reason: string }>) => void }) {
      const form = useForm({ defaultValues: { policy: "", reason: "" } });
      onForm(form);
      return (
        <form>
          <input aria-label="Policy" {...form.register("policy")} />
          <input aria-label="Reason" {...form.register("reason")} />
        </form>
      );
    }
    let form: UseFormReturn<{ policy: string; reason: string }> | undefined;
    render(<Reasons onForm={(f) => (form = f)} />);
    await act(async () => {
      applyServerFieldErrors(form!, refusal({ reason: ["Write a reason"], policy: ["Choose a policy"] }), [
        "policy",
        "reason",
      ]);
    });
    expect(screen.getByRole("textbox", { name: "Reason" })).toHaveFocus();
  });
});
