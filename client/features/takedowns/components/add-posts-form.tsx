// More posts for the request: links or post ids, one per line or separated by spaces or commas.
import * as z from "zod/mini";
import { Button } from "../../../components/button.tsx";
import { Field } from "../../../components/field.tsx";
import { Form } from "../../../components/form.tsx";
import { useLocatePosts } from "../api/takedown-detail.ts";

const AddPostsSchema = z.object({
  references: z
    .string()
    .check(z.refine((value) => splitReferences(value).length > 0, "Paste at least one link or post id")),
});

function splitReferences(value: string): string[] {
  return value.split(/[\s,]+/).filter(Boolean);
}

export function AddPostsForm({ requestId }: { requestId: string }) {
  const locate = useLocatePosts(requestId);
  return (
    <section aria-labelledby="add-posts-heading">
      <h3 id="add-posts-heading">Add posts</h3>
      <Form
        schema={AddPostsSchema}
        defaultValues={{ references: "" }}
        aria-labelledby="add-posts-heading"
        className="stack"
        onSubmit={async (values, form) => {
          await locate.mutateAsync({ requestId, references: splitReferences(values.references) });
          form.reset({ references: "" });
        }}
      >
        {(form) => (
          <>
            <Field
              label="Links or post ids"
              hint="One per line, or separated by spaces."
              error={form.formState.errors.references?.message}
            >
              {(control) => <textarea className="input" rows={3} {...control} {...form.register("references")} />}
            </Field>
            <Button type="submit" isPending={form.formState.isSubmitting}>
              Add posts
            </Button>
          </>
        )}
      </Form>
      {locate.data ? (
        <p role="status" className="notice">
          Added {locate.data.added} post{locate.data.added === 1 ? "" : "s"}.
          {locate.data.notFound.length ? ` Not found: ${locate.data.notFound.join(", ")}.` : ""}
        </p>
      ) : null}
    </section>
  );
}
