/**
 * Each Playwright worker drives a portal server of its own (playwright.config.ts starts one per
 * worker), so that the simulator's reset and each journey's data never meet another worker's.
 * Worker i's server listens on E2E_PORT + 10·i; the ports just above it are the worker's own for
 * the instances a spec starts itself (e2e/roles.spec.ts), and + 5 is the SMTP server its portal
 * sends notification e-mails to (e2e/notifications.spec.ts starts one there).
 */
export const basePort = Number(process.env.E2E_PORT ?? 3210);

export const serverPort = (parallelIndex: number) => basePort + 10 * parallelIndex;

/** The port of this worker's server (Playwright sets TEST_PARALLEL_INDEX in each worker; 0 elsewhere). */
export const workerServerPort = () => serverPort(Number(process.env.TEST_PARALLEL_INDEX ?? 0));

export const smtpPort = (parallelIndex: number) => serverPort(parallelIndex) + 5;

/** The SMTP port this worker's server sends to. */
export const workerSmtpPort = () => smtpPort(Number(process.env.TEST_PARALLEL_INDEX ?? 0));
