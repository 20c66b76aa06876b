// Plain constants, safe to ship to the browser: the catalogue's client forms render them.

export const ACTIVATION_MODE_LABELS = {
  instant: "Instant: activate when the buyer confirms",
  staff_approved: "Staff approval before activation (billing starts on approval)",
} as const;

/** How a customer-started plan or quantity change is answered within Microsoft's 10-second window. */
export const CHANGE_POLICY_LABELS = {
  accept_all: "Accept every change",
  reject_downgrades: "Reject downgrades to a cheaper plan",
  reject_outside_quantity_range: "Reject quantities outside the plan's range",
} as const;

export const FIELD_TYPE_LABELS = {
  text: "Text",
  number: "Number",
  date: "Date",
  email: "E-mail address",
  url: "Web address",
  choice: "Choice from a list",
} as const;

export type ActivationModeValue = keyof typeof ACTIVATION_MODE_LABELS;
export type ChangePolicyValue = keyof typeof CHANGE_POLICY_LABELS;
export type FieldTypeValue = keyof typeof FIELD_TYPE_LABELS;
