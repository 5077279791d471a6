// The legal elements each request type must contain, read from the stored request. The keys are what
// "Request more information" sends as missing elements, so the requester is told exactly what to add.
import type { TakedownDetail } from "../api/takedown-detail.ts";

export interface ValidityElement {
  key: string;
  label: string;
  present: boolean;
}

const filled = (value: string | null | undefined) => typeof value === "string" && value.trim().length > 0;

export const TYPE_LABELS: Record<TakedownDetail["type"], string> = {
  take_it_down: "TAKE IT DOWN",
  dmca: "DMCA",
  dsa_notice: "DSA notice",
  likeness: "Likeness",
  court_order: "Court order",
};

export function validityElements(r: TakedownDetail): ValidityElement[] {
  const contact = [
    { key: "requesterName", label: "Requester's name", present: filled(r.requesterName) },
    { key: "requesterEmail", label: "Contact email", present: filled(r.requesterEmail) },
  ];
  const content = {
    key: "contentUrls",
    label: "Identification of the content (links)",
    present: r.contentUrls.length > 0,
  };
  const signature = { key: "signature", label: "Physical or electronic signature", present: filled(r.signature) };
  switch (r.type) {
    case "take_it_down":
      return [
        ...contact,
        content,
        { key: "description", label: "Description of the intimate depiction", present: filled(r.contentDescription) },
        signature,
        { key: "goodFaith", label: "Good-faith statement of non-consent", present: r.goodFaith },
      ];
    case "dmca":
      return [
        ...contact,
        { key: "requesterAddress", label: "Postal address", present: filled(r.requesterAddress) },
        { key: "requesterPhone", label: "Telephone number", present: filled(r.requesterPhone) },
        { key: "workDescription", label: "Identification of the copyrighted work", present: filled(r.workDescription) },
        content,
        signature,
        { key: "goodFaith", label: "Good-faith statement", present: r.goodFaith },
        { key: "perjuryStatement", label: "Accuracy statement under penalty of perjury", present: r.perjuryStatement },
      ];
    case "dsa_notice":
      // Name and email may be absent only for notices about child sexual abuse (DSA Art. 16(2)(c)).
      return [
        ...contact.map((e) => ({ ...e, present: e.present || r.isCsamOffence })),
        content,
        { key: "explanation", label: "Reasons the content is illegal", present: filled(r.explanation) },
        { key: "goodFaith", label: "Statement of accuracy and good faith", present: r.goodFaith },
      ];
    case "likeness":
      return [
        ...contact,
        content,
        { key: "description", label: "Description of the misuse", present: filled(r.contentDescription) },
        signature,
      ];
    case "court_order":
      return [
        { key: "issuingAuthority", label: "Issuing court or authority", present: filled(r.issuingAuthority) },
        { key: "orderReference", label: "Order reference", present: filled(r.orderReference) },
        content,
      ];
  }
}
