import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";

/**
 * axe over the page as it stands. In legacy mode axe runs in the page itself, where the default
 * mode also opens a blank page to merge the results of every frame, injecting axe there a second
 * time: about 40% of each check's time, for frames these pages do not have. A frame sandboxed
 * without scripts (the notifications page's e-mail preview) is left out: axe cannot run inside it,
 * and waits for an answer from it until the test times out. The e-mail is checked as an e-mail.
 */
export const axe = (page: Page) => new AxeBuilder({ page }).setLegacyMode(true).exclude("iframe[sandbox]");
