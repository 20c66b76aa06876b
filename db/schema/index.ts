export * from "./enums";
export * from "./catalogue";
export * from "./subscriptions";
export * from "./operations";
export * from "./audit-events";
export * from "./onboarding";
export * from "./staff";
export * from "./outbound";
