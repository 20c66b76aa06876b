import { describe, expect, it } from "vitest";
import { SIMULATOR_TENANT_ID } from "../constants";
import { configureSimulator, defaultSimulatorOptions } from "../options";
import { handleIdentityRequest } from ".";

describe("the Entra look-alike when its host turns it off", () => {
  it("answers 404 on every endpoint without touching a database", async () => {
    configureSimulator({
      ...defaultSimulatorOptions("http://localhost:3000", () => {
        throw new Error("the database must not be opened");
      }),
      identityEnabled: false,
    });
    for (const rest of [
      ["v2.0", ".well-known", "openid-configuration"],
      ["discovery", "v2.0", "keys"],
      ["oauth2", "v2.0", "token"],
    ]) {
      const res = await handleIdentityRequest(
        new Request(`http://localhost:3000/api/simulator/${SIMULATOR_TENANT_ID}/${rest.join("/")}`),
        SIMULATOR_TENANT_ID,
        rest,
      );
      expect(res.status).toBe(404);
    }
  });
});
