/**
 * The identities on Microsoft's side that the simulator plays. They are fixed and public on
 * purpose, the same on every machine, so nothing needs to be configured; they open nothing but
 * the simulator. A portal's configuration may import them from `marketplace-simulator/constants`.
 */

/** The marketplace's own Entra application: the Fulfillment and Metering APIs' audience and the webhook caller. */
export const MARKETPLACE_APP_ID = "20e940b3-4c77-4b0b-9a53-9e16a1b010a7";
/** The publisher's tenant and app registration the simulator issues API tokens to. */
export const SIMULATOR_TENANT_ID = "5e1ec7ed-0000-4000-8000-000000000001";
export const SIMULATOR_CLIENT_ID = "5e1ec7ed-0000-4000-8000-0000000000c1";
export const SIMULATOR_CLIENT_SECRET = "simulator-client-secret";
/** The publisher every simulated offer belongs to. */
export const SIMULATOR_PUBLISHER_ID = "contoso-isv";
/** The app registration for sign-in through the simulator's Entra look-alike. */
export const SIMULATOR_SIGNIN_CLIENT_ID = "5e1ec7ed-0000-4000-8000-0000000051a1";
export const SIMULATOR_SIGNIN_CLIENT_SECRET = "simulator-signin-secret";
/** The publisher's staff accounts in the look-alike's directory live under this domain. */
export const SIMULATOR_STAFF_DOMAIN = "isv.example";
/**
 * Clients reach the simulator's Entra look-alike on this https host, rewritten to the
 * simulator's http origin: MSAL and Auth.js insist on https issuers and authorities.
 */
export const SIMULATOR_LOGIN_HOST = "https://login.simulator.invalid";
