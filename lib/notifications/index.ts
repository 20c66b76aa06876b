import "server-only";

export { startNotificationWorker, processNotifications, type NotificationWorkerOptions } from "./worker";
export { ensureConfiguredChannel } from "./channels";
