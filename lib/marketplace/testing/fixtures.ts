// Wire bodies shaped like Microsoft's documented samples (SaaS Fulfillment v2, Metering v1).

export const SUBSCRIPTION_ID = "37f9dea2-4345-438f-b0bd-03d40d28c7e0";
export const OPERATION_ID = "529f53a7-2a9c-4d8b-a4a9-1f9a5e2c44b1";
export const TENANT_ID = "7d3f3e4a-1f1b-4a4e-9c1f-2a8b8f6e0d11";

export const aadIdentity = {
  emailId: "buyer@contoso.com",
  objectId: "0d2a6f1c-8f5e-4b8e-9f3a-0c1d2e3f4a5b",
  tenantId: TENANT_ID,
  puid: "1003BFFD9C1F2A3B",
};

export const wireSubscription = {
  id: SUBSCRIPTION_ID,
  publisherId: "contoso",
  offerId: "contoso-saas",
  name: "Contoso for Fabrikam",
  saasSubscriptionStatus: "Subscribed",
  beneficiary: aadIdentity,
  purchaser: aadIdentity,
  planId: "gold",
  quantity: 10,
  term: { termUnit: "P1M", startDate: "2025-01-01T00:00:00Z", endDate: "2025-01-31T00:00:00Z" },
  autoRenew: true,
  isTest: false,
  isFreeTrial: false,
  allowedCustomerOperations: ["Read", "Update", "Delete"],
  sandboxType: "None",
  created: "2025-01-01T10:20:30Z",
  sessionMode: "None",
};

export const wireResolved = {
  id: SUBSCRIPTION_ID,
  subscriptionName: "Contoso for Fabrikam",
  offerId: "contoso-saas",
  planId: "gold",
  quantity: 10,
  subscription: wireSubscription,
};

export const wirePlan = {
  planId: "gold",
  displayName: "Gold",
  isPrivate: false,
  description: "Everything in silver, plus more.",
  minQuantity: 1,
  maxQuantity: 100,
  hasFreeTrials: false,
  isPricePerSeat: true,
  isStopSell: false,
  market: "US",
  planComponents: {
    recurrentBillingTerms: [
      {
        currency: "USD",
        price: 9.99,
        termUnit: "P1M",
        termDescription: "1 month",
        meteredQuantityIncluded: [{ dimensionId: "emails", units: "1000" }],
      },
    ],
    meteringDimensions: [{ id: "emails", currency: "USD", pricePerUnit: 0.01, unitOfMeasure: "email", displayName: "Emails sent" }],
  },
  sourceOffers: [{ externalId: "a4c1b0c6-1d2e-4f3a-9b8c-7d6e5f4a3b2c" }],
};

export const wireOperation = {
  id: OPERATION_ID,
  activityId: "5c4f0a5e-6b7d-4c8e-9f0a-1b2c3d4e5f60",
  subscriptionId: SUBSCRIPTION_ID,
  offerId: "contoso-saas",
  publisherId: "contoso",
  planId: "platinum",
  quantity: 20,
  action: "ChangePlan",
  timeStamp: "2025-02-10T18:48:58.44Z",
  status: "InProgress",
};

export const operationLocation = (subscriptionId = SUBSCRIPTION_ID, operationId = OPERATION_ID) =>
  `https://marketplaceapi.microsoft.com/api/saas/subscriptions/${subscriptionId}/operations/${operationId}?api-version=2018-08-31`;

export const wireUsageAccepted = {
  usageEventId: "0f8a5c2e-3b1d-4e6f-8a9b-0c1d2e3f4a5b",
  status: "Accepted",
  messageTime: "2025-03-01T10:05:00.123Z",
  resourceId: SUBSCRIPTION_ID,
  quantity: 5,
  dimension: "emails",
  effectiveStartTime: "2025-03-01T09:00:00Z",
  planId: "gold",
};

export const wireUsageDuplicate = {
  additionalInfo: { acceptedMessage: { ...wireUsageAccepted, status: "Duplicate" } },
  message: "This usage event already exist.",
  code: "Conflict",
};

export const wireBatchResult = {
  count: 2,
  result: [
    wireUsageAccepted,
    {
      status: "Expired",
      messageTime: "0001-01-01T00:00:00Z",
      resourceId: SUBSCRIPTION_ID,
      quantity: 3,
      dimension: "emails",
      effectiveStartTime: "2025-02-20T09:00:00Z",
      planId: "gold",
      error: { additionalInfo: {}, message: "The usage event is older than 24 hours.", code: "Expired" },
    },
  ],
};

export const wireUsageRecords = [
  {
    usageDate: "2025-03-01T00:00:00Z",
    usageResourceId: SUBSCRIPTION_ID,
    dimension: "emails",
    planId: "gold",
    planName: "Gold",
    offerId: "contoso-saas",
    offerName: "Contoso",
    offerType: "SaaS",
    azureSubscriptionId: "3c2b1a09-8f7e-4d6c-b5a4-392817160504",
    reconStatus: "Accepted",
    submittedQuantity: 17,
    processedQuantity: 17,
    submittedCount: 17,
  },
];

export const usageEventInput = {
  resourceId: SUBSCRIPTION_ID,
  quantity: 5,
  dimension: "emails",
  effectiveStartTime: new Date("2025-03-01T09:00:00Z"),
  planId: "gold",
};
