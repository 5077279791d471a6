import { useEffect, useState } from "react";
import { Link } from "wouter";
import { Button } from "../../../components/button.tsx";
import { TextField } from "../../../components/field.tsx";
import { Form } from "../../../components/form.tsx";
import { signInSchema, useSignIn, type SignInValues } from "../api/sign-in.ts";
import { SecondFactorStep } from "./second-factor-step.tsx";

export function SignInPage() {
  const signIn = useSignIn();
  // Set when the password was right and the account asks for a code: the second step sends both again.
  const [credentials, setCredentials] = useState<SignInValues | null>(null);
  useEffect(() => {
    document.title = "Sign in · Vigil";
  }, []);

  return (
    <main className="sign-in" id="main">
      <div className="sign-in-card">
        <p className="brand brand-large">Vigil</p>
        <h1>Sign in</h1>
        {credentials ? (
          <SecondFactorStep
            onSubmit={(code) => signIn.mutateAsync({ ...credentials, code })}
            onBack={() => setCredentials(null)}
          />
        ) : (
          <>
            <p className="muted">Trust and safety console. Staff accounts only.</p>
            <Form
              schema={signInSchema}
              defaultValues={{ email: "", password: "" }}
              onSubmit={async (values) => {
                const result = await signIn.mutateAsync(values);
                if (result.secondFactorRequired) setCredentials(values);
              }}
              aria-label="Sign in"
              className="stack"
            >
              {({ register, formState: { errors, isSubmitting } }) => (
                <>
                  <TextField
                    label="Email"
                    type="email"
                    autoComplete="username"
                    autoFocus
                    error={errors.email?.message}
                    {...register("email")}
                  />
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
          </>
        )}
        <p className="sign-in-footer">
          <Link href="/report">Report content (takedown request)</Link>
        </p>
      </div>
    </main>
  );
}
