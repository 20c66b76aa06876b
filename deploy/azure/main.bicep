// The portal on Azure Container Apps: a web app (pages, the landing page, Microsoft's webhook) and a
// worker app (background loops), one PostgreSQL Flexible Server, secrets in Key Vault read through a
// user-assigned managed identity, and a manual job that runs the migrations before a new version.
// Deploy: see README.md in this folder. Not deployed or compiled by the project's tests.

@description('Prefix of every resource name, e.g. "contoso-portal" (lowercase letters, digits, hyphens).')
@minLength(3)
@maxLength(20)
param namePrefix string

param location string = resourceGroup().location

@description('The portal image, e.g. contosoportal.azurecr.io/marketplace-portal:1.4.0 (built from the repository\'s Dockerfile).')
param image string

@description('Registry server of the image when it is private, e.g. contosoportal.azurecr.io; the managed identity pulls (grant it AcrPull). Empty for a public image.')
param registryServer string = ''

@description('The public origin buyers and Microsoft use, e.g. https://portal.contoso.com. Empty: the web app\'s own *.azurecontainerapps.io address.')
param publicBaseUrl string = ''

@description('PostgreSQL administrator login.')
param postgresAdminLogin string = 'portaladmin'

@secure()
@description('PostgreSQL administrator password.')
param postgresAdminPassword string

@secure()
@description('AUTH_SECRET: 32+ random characters; signs sessions. Identical for every replica of both apps.')
param authSecret string

@secure()
@description('DATA_ENCRYPTION_KEY: 32+ random characters; encrypts outbound signing secrets at rest. Keep it: changing it makes them unreadable.')
param dataEncryptionKey string

@description('MARKETPLACE_TENANT_ID: tenant of the publisher app named in Partner Center\'s Technical configuration.')
param marketplaceTenantId string

@description('MARKETPLACE_CLIENT_ID: application (client) ID of the publisher app.')
param marketplaceClientId string

@secure()
@description('MARKETPLACE_CLIENT_SECRET: the publisher app\'s client secret.')
param marketplaceClientSecret string

@description('AUTH_ENTRA_CLIENT_ID: application (client) ID of the multi-tenant sign-in app.')
param signInClientId string

@secure()
@description('AUTH_ENTRA_CLIENT_SECRET: the sign-in app\'s client secret.')
param signInClientSecret string

@description('ADMIN_BOOTSTRAP_OWNERS: comma-separated e-mail addresses made owners on first run.')
param bootstrapOwners string

@description('Web replicas: at least 2 keeps the landing page and the webhook up during an upgrade.')
@minValue(1)
param webMinReplicas int = 2
param webMaxReplicas int = 5

var names = {
  identity: '${namePrefix}-id'
  vault: take('${replace(namePrefix, '-', '')}kv${uniqueString(resourceGroup().id)}', 24)
  logs: '${namePrefix}-logs'
  environment: '${namePrefix}-env'
  postgres: '${namePrefix}-pg-${uniqueString(resourceGroup().id)}'
  web: '${namePrefix}-web'
  worker: '${namePrefix}-worker'
  migrate: '${namePrefix}-migrate'
}

// Built-in role "Key Vault Secrets User": read secret values.
// https://learn.microsoft.com/azure/role-based-access-control/built-in-roles/security#key-vault-secrets-user
var keyVaultSecretsUserRole = subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6')

resource portalIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: names.identity
  location: location
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: names.vault
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    enablePurgeProtection: true
  }
}

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, portalIdentity.id, keyVaultSecretsUserRole)
  scope: vault
  properties: {
    roleDefinitionId: keyVaultSecretsUserRole
    principalId: portalIdentity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource postgres 'Microsoft.DBforPostgreSQL/flexibleServers@2024-08-01' = {
  name: names.postgres
  location: location
  sku: { name: 'Standard_B1ms', tier: 'Burstable' }
  properties: {
    version: '16'
    administratorLogin: postgresAdminLogin
    administratorLoginPassword: postgresAdminPassword
    storage: { storageSizeGB: 32 }
    backup: { backupRetentionDays: 14, geoRedundantBackup: 'Disabled' }
    highAvailability: { mode: 'Disabled' }
    network: { publicNetworkAccess: 'Enabled' }
  }
}

resource database 'Microsoft.DBforPostgreSQL/flexibleServers/databases@2024-08-01' = {
  parent: postgres
  name: 'portal'
  properties: { charset: 'UTF8', collation: 'en_US.utf8' }
}

// Connections from Azure services only (0.0.0.0), TLS required by the server's default settings.
// For a private network instead, see README.md ("Hardening").
resource allowAzure 'Microsoft.DBforPostgreSQL/flexibleServers/firewallRules@2024-08-01' = {
  parent: postgres
  name: 'AllowAzureServices'
  properties: { startIpAddress: '0.0.0.0', endIpAddress: '0.0.0.0' }
}

var databaseUrl = 'postgres://${postgresAdminLogin}:${uriComponent(postgresAdminPassword)}@${postgres.properties.fullyQualifiedDomainName}:5432/${database.name}?sslmode=verify-full'

// Every secret the apps read, stored once in Key Vault; the apps reference them by URL. The names are
// fixed at compile time (loops need that), the values are looked up in the loop's body.
var secretNames = ['database-url', 'auth-secret', 'data-encryption-key', 'marketplace-client-secret', 'auth-entra-client-secret']
var secretValueOf = {
  'database-url': databaseUrl
  'auth-secret': authSecret
  'data-encryption-key': dataEncryptionKey
  'marketplace-client-secret': marketplaceClientSecret
  'auth-entra-client-secret': signInClientSecret
}

resource secrets 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = [
  for name in secretNames: {
    parent: vault
    name: name
    properties: { value: secretValueOf[name] }
  }
]

resource logs 'Microsoft.OperationalInsights/workspaces@2022-10-01' = {
  name: names.logs
  location: location
  properties: { sku: { name: 'PerGB2018' }, retentionInDays: 30 }
}

resource appsEnvironment 'Microsoft.App/managedEnvironments@2024-03-01' = {
  name: names.environment
  location: location
  properties: {
    appLogsConfiguration: {
      destination: 'log-analytics'
      logAnalyticsConfiguration: { customerId: logs.properties.customerId, sharedKey: logs.listKeys().primarySharedKey }
    }
  }
}

var origin = empty(publicBaseUrl) ? 'https://${names.web}.${appsEnvironment.properties.defaultDomain}' : publicBaseUrl

var appSecrets = [
  for name in secretNames: { name: name, keyVaultUrl: '${vault.properties.vaultUri}secrets/${name}', identity: portalIdentity.id }
]
var registries = empty(registryServer) ? [] : [{ server: registryServer, identity: portalIdentity.id }]

// The same settings for web, worker and the migration job: what must be identical on every instance.
var sharedEnv = [
  { name: 'NODE_ENV', value: 'production' }
  { name: 'PUBLIC_BASE_URL', value: origin }
  { name: 'DATABASE_URL', secretRef: 'database-url' }
  { name: 'AUTH_SECRET', secretRef: 'auth-secret' }
  { name: 'DATA_ENCRYPTION_KEY', secretRef: 'data-encryption-key' }
  { name: 'MARKETPLACE_TENANT_ID', value: marketplaceTenantId }
  { name: 'MARKETPLACE_CLIENT_ID', value: marketplaceClientId }
  { name: 'MARKETPLACE_CLIENT_SECRET', secretRef: 'marketplace-client-secret' }
  { name: 'AUTH_ENTRA_CLIENT_ID', value: signInClientId }
  { name: 'AUTH_ENTRA_CLIENT_SECRET', secretRef: 'auth-entra-client-secret' }
  { name: 'AUTH_STAFF_TENANT_ID', value: marketplaceTenantId }
  { name: 'ADMIN_BOOTSTRAP_OWNERS', value: bootstrapOwners }
  // Container Apps' ingress (Envoy) is the one proxy in front that appends to X-Forwarded-For.
  { name: 'TRUST_PROXY_HOPS', value: '1' }
]

// https://learn.microsoft.com/azure/container-apps/health-probes
var probes = [
  { type: 'Startup', httpGet: { path: '/api/health/live', port: 3000 }, periodSeconds: 5, failureThreshold: 24 }
  { type: 'Liveness', httpGet: { path: '/api/health/live', port: 3000 }, periodSeconds: 30, failureThreshold: 3 }
  { type: 'Readiness', httpGet: { path: '/api/health/ready', port: 3000 }, periodSeconds: 15, failureThreshold: 2 }
]

resource web 'Microsoft.App/containerApps@2024-03-01' = {
  name: names.web
  location: location
  identity: { type: 'UserAssigned', userAssignedIdentities: { '${portalIdentity.id}': {} } }
  dependsOn: [secretsUser, secrets]
  properties: {
    managedEnvironmentId: appsEnvironment.id
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: { external: true, targetPort: 3000, transport: 'http', allowInsecure: false }
      secrets: appSecrets
      registries: registries
    }
    template: {
      containers: [
        {
          name: 'portal'
          image: image
          resources: { cpu: json('0.5'), memory: '1Gi' }
          env: concat(sharedEnv, [{ name: 'PORTAL_ROLE', value: 'web' }])
          probes: probes
        }
      ]
      scale: { minReplicas: webMinReplicas, maxReplicas: webMaxReplicas }
    }
  }
}

// Background loops (webhook inbox, operation tracker, scheduled sync, outbound delivery, metering
// submission) in one replica, without ingress.
resource worker 'Microsoft.App/containerApps@2024-03-01' = {
  name: names.worker
  location: location
  identity: { type: 'UserAssigned', userAssignedIdentities: { '${portalIdentity.id}': {} } }
  dependsOn: [secretsUser, secrets]
  properties: {
    managedEnvironmentId: appsEnvironment.id
    configuration: {
      activeRevisionsMode: 'Single'
      secrets: appSecrets
      registries: registries
    }
    template: {
      containers: [
        {
          name: 'portal'
          image: image
          resources: { cpu: json('0.5'), memory: '1Gi' }
          env: concat(sharedEnv, [{ name: 'PORTAL_ROLE', value: 'worker' }])
        }
      ]
      scale: { minReplicas: 1, maxReplicas: 1 }
    }
  }
}

// `node db/migrate.mjs` on demand: start it and wait for it before moving the apps to a new image.
resource migrate 'Microsoft.App/jobs@2024-03-01' = {
  name: names.migrate
  location: location
  identity: { type: 'UserAssigned', userAssignedIdentities: { '${portalIdentity.id}': {} } }
  dependsOn: [secretsUser, secrets]
  properties: {
    environmentId: appsEnvironment.id
    configuration: {
      triggerType: 'Manual'
      replicaTimeout: 600
      replicaRetryLimit: 0
      manualTriggerConfig: { parallelism: 1, replicaCompletionCount: 1 }
      secrets: appSecrets
      registries: registries
    }
    template: {
      containers: [
        {
          name: 'migrate'
          image: image
          command: ['node', 'db/migrate.mjs']
          resources: { cpu: json('0.5'), memory: '1Gi' }
          env: sharedEnv
        }
      ]
    }
  }
}

output publicBaseUrl string = origin
output landingPageUrl string = '${origin}/landing'
output webhookUrl string = '${origin}/api/webhook'
output signInRedirectUri string = '${origin}/api/auth/callback/microsoft-entra-id'
output identityPrincipalId string = portalIdentity.properties.principalId
output keyVaultName string = vault.name
output migrateJobName string = migrate.name
