// What each law asks a requester for, one component per type. Statement wording follows the statute.
import type { ComponentType } from "react";
import { useWatch } from "react-hook-form";
import type { IntakeFormValues, TakedownIntakeType } from "./intake-forms.ts";
import {
  IntakeChoice,
  IntakeStatement,
  IntakeTextArea,
  IntakeTextField,
  RequesterFields,
  SignatureField,
} from "./intake-controls.tsx";

function TakeItDownFields() {
  return (
    <>
      <RequesterFields />
      <IntakeChoice
        name="authority"
        legend="Who are you?"
        options={[
          { value: "self", label: "I am the person depicted" },
          { value: "agent", label: "I act on behalf of the person depicted" },
        ]}
      />
      <IntakeTextField
        name="depictedPerson"
        label="Name of the person depicted"
        hint="Only when you act on their behalf."
      />
      <IntakeTextArea
        name="description"
        label="Describe the content"
        hint="What it shows and where it appears, so we can find every copy."
      />
      <SignatureField />
      <IntakeStatement name="goodFaith">
        I have a good-faith belief that the intimate visual depiction identified above is not consensual and was
        published without the consent of the person depicted.
      </IntakeStatement>
    </>
  );
}

function DmcaFields() {
  return (
    <>
      <RequesterFields />
      <IntakeTextArea name="requesterAddress" label="Your postal address" />
      <IntakeTextField name="requesterPhone" label="Your telephone number" type="tel" autoComplete="tel" />
      <IntakeChoice
        name="authority"
        legend="Who are you?"
        options={[
          { value: "rightsholder", label: "I own the copyright" },
          { value: "agent", label: "I am authorised to act for the copyright owner" },
        ]}
      />
      <IntakeTextArea
        name="workDescription"
        label="The copyrighted work"
        hint="Identify the work you say is infringed, with a link to it if it is online."
      />
      <SignatureField />
      <IntakeStatement name="goodFaith">
        I have a good-faith belief that use of the material in the manner complained of is not authorised by the
        copyright owner, its agent, or the law.
      </IntakeStatement>
      <IntakeStatement name="perjuryStatement">
        I swear, under penalty of perjury, that the information in this notice is accurate and that I am the copyright
        owner or am authorised to act on behalf of the owner of an exclusive right that is allegedly infringed.
      </IntakeStatement>
    </>
  );
}

function DsaNoticeFields() {
  const isCsamOffence = useWatch<IntakeFormValues>({ name: "isCsamOffence" }) === true;
  return (
    <>
      <IntakeStatement name="isCsamOffence">The content concerns child sexual abuse.</IntakeStatement>
      <RequesterFields isOptional={isCsamOffence} />
      <IntakeTextArea
        name="explanation"
        label="Why the content is illegal"
        hint="Say which law you believe it breaks and why."
      />
      <IntakeStatement name="goodFaith">
        I confirm my bona fide belief that the information and allegations in this notice are accurate and complete.
      </IntakeStatement>
    </>
  );
}

function LikenessFields() {
  return (
    <>
      <RequesterFields />
      <IntakeTextField name="depictedPerson" label="Person depicted" />
      <IntakeChoice
        name="authority"
        legend="Who are you?"
        options={[
          { value: "self", label: "I am the person depicted" },
          { value: "agent", label: "I act on behalf of the person depicted" },
          { value: "estate", label: "I represent the estate of the deceased person" },
        ]}
      />
      <IntakeTextArea name="description" label="How the likeness is used" />
      <SignatureField />
    </>
  );
}

function CourtOrderFields() {
  return (
    <>
      <RequesterFields />
      <IntakeTextField name="issuingAuthority" label="Issuing court or authority" />
      <IntakeTextField name="orderReference" label="Order reference" />
      <IntakeTextField
        name="orderDeadline"
        label="Deadline set in the order"
        type="datetime-local"
        hint="In your local time."
      />
    </>
  );
}

export const TYPE_FIELDS: Record<TakedownIntakeType, ComponentType> = {
  take_it_down: TakeItDownFields,
  dmca: DmcaFields,
  dsa_notice: DsaNoticeFields,
  likeness: LikenessFields,
  court_order: CourtOrderFields,
};
