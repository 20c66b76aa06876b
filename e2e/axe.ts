import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";

/**
 * axe over the page as it stands. In legacy mode axe runs in the page itself, where the default
 * mode also opens a blank page to merge the results of every frame, injecting axe there a second
 * time: about 40% of each check's time, for frames these pages do not have (the one frame in the
 * portal, the notifications page's e-mail preview, is sandboxed without scripts, so no axe can
 * run in it either way; the specs that open that page leave it out).
 */
export const axe = (page: Page) => new AxeBuilder({ page }).setLegacyMode(true);
