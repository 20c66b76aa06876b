import "server-only";
export {
  API_KEY_ERRORS,
  API_KEY_SCOPES,
  createApiKey,
  listApiKeys,
  revokeApiKey,
  type ApiKeyScope,
  type ApiKeySummary,
  type CreateApiKeyInput,
} from "./service";
export { authenticateApiKey, hasScope, type KeyAuthentication } from "./authenticate";
