import { describe, expect, it } from "vitest";
import type { Subscription } from "@/db/schema";
import type { PortalUser } from "@/lib/auth";
import { buyerCanSee, buyerScope, MSA_TENANT_ID } from "./access";

const CONTOSO = "c0a70500-0000-4000-8000-000000000001";
const FABRIKAM = "fab51ca0-0000-4000-8000-000000000002";
const ALEX = "c0a70500-a1e0-4000-8000-000000000011";
const KIM = "fab51ca0-c1a0-4000-8000-000000000021";
const PERSONAL = "00000000-0000-0000-1234-567890abcdef";

const sub = (over: Partial<Subscription> = {}) =>
  ({
    purchaserEmail: "alex@contoso.example",
    purchaserTenantId: CONTOSO,
    purchaserObjectId: ALEX,
    beneficiaryEmail: "alex@contoso.example",
    beneficiaryTenantId: CONTOSO,
    beneficiaryObjectId: ALEX,
    confirmedByObjectId: null,
    ...over,
  }) as Subscription;
const user = (id: string, tenantId: string | null, email: string | null = null): PortalUser => ({ id, tenantId, email, name: null });

describe("buyer access by tenant and object ID", () => {
  it("lets anyone of the purchaser's or beneficiary's organisation in", () => {
    expect(buyerCanSee(sub(), user(ALEX, CONTOSO))).toBe(true);
    expect(buyerCanSee(sub(), user(randomOid(), CONTOSO))).toBe(true);
    expect(buyerCanSee(sub({ beneficiaryTenantId: FABRIKAM, beneficiaryObjectId: null }), user(KIM, FABRIKAM))).toBe(true);
  });

  it("lets the purchaser or beneficiary in by object ID from another tenant", () => {
    expect(buyerCanSee(sub({ purchaserTenantId: FABRIKAM }), user(ALEX, "00000000-0000-4000-8000-0000000000aa"))).toBe(true);
    expect(buyerCanSee(sub({ beneficiaryObjectId: KIM, beneficiaryTenantId: null }), user(KIM, FABRIKAM))).toBe(true);
  });

  it("refuses another organisation", () => {
    expect(buyerCanSee(sub(), user(KIM, FABRIKAM, "kim@fabrikam.example"))).toBe(false);
  });

  it("never grants access by e-mail", () => {
    // Same address as the purchaser (any case), different tid and oid: a mutable claim proves nothing.
    expect(buyerCanSee(sub(), user(KIM, FABRIKAM, "alex@contoso.example"))).toBe(false);
    expect(buyerCanSee(sub(), user(KIM, FABRIKAM, "ALEX@Contoso.Example"))).toBe(false);
    expect(buyerCanSee(sub(), user(PERSONAL, MSA_TENANT_ID, "alex@contoso.example"))).toBe(false);
  });

  it("matches personal Microsoft accounts by object ID only, never by their shared tenant", () => {
    const bought = sub({
      purchaserTenantId: MSA_TENANT_ID,
      purchaserObjectId: PERSONAL,
      beneficiaryTenantId: MSA_TENANT_ID,
      beneficiaryObjectId: PERSONAL,
    });
    expect(buyerCanSee(bought, user(PERSONAL, MSA_TENANT_ID))).toBe(true);
    expect(buyerCanSee(bought, user(randomOid(), MSA_TENANT_ID))).toBe(false);
    expect(buyerScope(user(PERSONAL, MSA_TENANT_ID))).toEqual({ tenantId: null, objectId: PERSONAL });
  });

  it("keeps access for the user who confirmed the purchase", () => {
    expect(buyerCanSee(sub({ confirmedByObjectId: KIM }), user(KIM, FABRIKAM))).toBe(true);
  });

  it("compares GUIDs whatever their case", () => {
    expect(buyerCanSee(sub(), user(ALEX.toUpperCase(), FABRIKAM))).toBe(true);
    expect(buyerCanSee(sub({ confirmedByObjectId: KIM.toUpperCase() }), user(KIM, FABRIKAM))).toBe(true);
    expect(buyerScope(user(ALEX.toUpperCase(), CONTOSO.toUpperCase()))).toEqual({ tenantId: CONTOSO, objectId: ALEX });
  });

  it("ignores an identity without GUIDs", () => {
    expect(buyerScope(user("not-an-oid", null))).toEqual({ tenantId: null, objectId: null });
    expect(
      buyerCanSee(sub({ purchaserObjectId: null, beneficiaryObjectId: null, confirmedByObjectId: "not-an-oid" }), user("not-an-oid", null)),
    ).toBe(false);
  });
});

function randomOid() {
  return crypto.randomUUID();
}
