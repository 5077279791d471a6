import { useEffect } from "react";
import { Link } from "wouter";
import { Button } from "../../../components/button.tsx";
import { TextField } from "../../../components/field.tsx";
import { Form } from "../../../components/form.tsx";
import { signInSchema, useSignIn } from "../api/sign-in.ts";

export function SignInPage() {
  const signIn = useSignIn();
  useEffect(() => {
    document.title = "Sign in · Vigil";
  }, []);

  return (
    <main className="sign-in" id="main">
      <div className="sign-in-card">
        <p className="brand brand-large">Vigil</p>
        <h1>Sign in</h1>
        <p className="muted">Trust and safety console. Staff accounts only.</p>
        <Form
          schema={signInSchema}
          defaultValues={{ email: "", password: "" }}
          onSubmit={(values) => signIn.mutateAsync(values)}
          aria-label="Sign in"
          className="stack"
        >
          {({ register, formState: { errors, isSubmitting } }) => (
            <>
              <TextField label="Email" type="email" autoComplete="username" autoFocus error={errors.email?.message} {...register("email")} />
              <TextField
                label="Password"
                type="password"
                autoComplete="current-password"
                error={errors.password?.message}
                {...register("password")}
              />
              <Button type="submit" variant="primary" isPending={isSubmitting}>
                Sign in
              </Button>
            </>
          )}
        </Form>
        <p className="sign-in-footer">
          <Link href="/report">Report content (takedown request)</Link>
        </p>
      </div>
    </main>
  );
}
