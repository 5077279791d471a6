import { PageHeader } from "../../../components/page-header.tsx";
import { MediaPreferences } from "./media-preferences.tsx";

/** Every reviewer's own settings; the wellness defaults matter most to those who look at evidence all day. */
export function PreferencesPage() {
  return (
    <>
      <PageHeader
        title="Preferences"
        description="How evidence is shown to you. Changes save at once and follow you to any device."
      />
      <MediaPreferences />
    </>
  );
}
