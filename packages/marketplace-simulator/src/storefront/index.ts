/** The storefront: the pages that play the Azure portal and AppSource, and the forms behind them. */
export { buyFromForm, customerActionFromForm, type StorefrontAction, type StorefrontResult } from "./forms";
export { loadStorefront, loadSubscriptionsPage, type StorefrontData, type SubscriptionsPageData } from "./views";
export { resetSimulator } from "../seed";
export { clearWebhookDeliveries } from "../notify";
export { WebhookDeliveryTable } from "../notify/webhook-delivery-log";
export { StorefrontPage } from "./ui/storefront-page";
export { SubscriptionsPage, type SubscriptionsPageProps } from "./ui/subscriptions-page";
