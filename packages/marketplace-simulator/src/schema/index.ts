export * from "./enums";
export * from "./catalogue";
export * from "./subscriptions";
export * from "./operations";
export * from "./metering";
export * from "./control";
export * from "./identity";
export * from "./notify";
