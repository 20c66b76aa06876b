/** The storefront: the pages that play the Azure portal and AppSource, and the forms behind them. */
export { buyFromForm, customerActionFromForm, type StorefrontResult } from "./forms";
export { loadStorefront, loadSubscriptionsPage, type StorefrontData, type SubscriptionsPageData } from "./views";
export { resetSimulator } from "../seed";
export { clearWebhookDeliveries } from "../notify";
export { WebhookDeliveryTable } from "../notify/webhook-delivery-log";
export { BuyForm } from "./ui/buy-form";
export { SimulatorNav } from "./ui/simulator-nav";
export { ResetButton } from "./ui/reset-button";
export { SubscriptionCard } from "./ui/subscription-card";
