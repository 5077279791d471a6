import { AppProviders, type AppProvidersProps } from "./providers.tsx";
import { AppRoutes } from "./routes.tsx";

export function App(props: Omit<AppProvidersProps, "children">) {
  return (
    <AppProviders {...props}>
      <AppRoutes />
    </AppProviders>
  );
}
