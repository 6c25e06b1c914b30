import { ConfidentialClientApplication } from '@azure/msal-node';
import { CallerIdConstants, ConfigurationServiceClientCredentialFactory } from 'botbuilder';
import { AppCredentials, AuthenticationConstants, MsalServiceClientCredentialsFactory, type ServiceClientCredentialsFactory } from 'botframework-connector';

/** The Bot Framework endpoints botbuilder reads from its configuration; unset ones are Microsoft's public cloud. */
export interface BotFrameworkEndpoints {
  /** ToBotFromChannelOpenIdMetadataUrl: where the keys that sign channel tokens are published. */
  openIdMetadataUrl?: string | undefined;
  /** ToBotFromChannelTokenIssuer: the `iss` of channel tokens. */
  tokenIssuer?: string | undefined;
  /** ToChannelFromBotLoginUrl: the authority the bot gets its own tokens from (with the tenant). */
  loginUrl?: string | undefined;
  /** ToChannelFromBotOAuthScope: the audience of the bot's own tokens. */
  oauthScope?: string | undefined;
}

export interface BotCredentials {
  appId: string;
  appPassword: string;
  appType: 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';
  tenantId: string;
}

const isMicrosoftLogin = (url: string) => url.toLowerCase().startsWith(AuthenticationConstants.ToChannelFromBotLoginUrlPrefix);

/**
 * The configuration object for botbuilder's ConfigurationBotFrameworkAuthentication. Every
 * endpoint is passed, defaults included: botbuilder takes "any endpoint set" to mean "all
 * endpoints given" (BotFrameworkAuthenticationFactory.create), so a half-set configuration
 * would leave the others empty instead of Microsoft's.
 */
export function botFrameworkConfiguration(c: BotCredentials, e: BotFrameworkEndpoints = {}): Record<string, string | boolean> {
  return {
    MicrosoftAppId: c.appId,
    MicrosoftAppPassword: c.appPassword,
    MicrosoftAppType: c.appType,
    MicrosoftAppTenantId: c.tenantId,
    ToBotFromChannelOpenIdMetadataUrl: e.openIdMetadataUrl ?? AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
    ToBotFromChannelTokenIssuer: e.tokenIssuer ?? AuthenticationConstants.ToBotFromChannelTokenIssuer,
    ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    // For Microsoft's login the tenant comes from MicrosoftAppTenantId (SingleTenant) or is botframework.com.
    ToChannelFromBotLoginUrl: e.loginUrl ?? AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: e.oauthScope ?? AuthenticationConstants.ToChannelFromBotOAuthScope,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
    ValidateAuthority: true,
  };
}

/**
 * The bot's own credentials for a login authority that is not Microsoft's (a sovereign or
 * private cloud, or a local stand-in in tests). botbuilder's default factory hands such an
 * authority to MSAL without listing it as known, so MSAL asks login.microsoftonline.com
 * whether to trust it; the operator configured it, so it is trusted as configured. For
 * Microsoft's own login (and managed identities) botbuilder's factory is used unchanged.
 */
export function credentialsFactoryFor(c: BotCredentials, e: BotFrameworkEndpoints): ServiceClientCredentialsFactory | undefined {
  if (!c.appId || c.appType === 'UserAssignedMSI' || !e.loginUrl || isMicrosoftLogin(e.loginUrl)) return undefined;
  const client = new ConfidentialClientApplication({ auth: { clientId: c.appId, clientSecret: c.appPassword, authority: e.loginUrl, knownAuthorities: [new URL(e.loginUrl).host] } });
  // botframework-connector types it with msal-node's CommonJS declarations, this import has the ESM ones: the same class.
  return new MsalServiceClientCredentialsFactory(c.appId, client as unknown as ConstructorParameters<typeof MsalServiceClientCredentialsFactory>[1]);
}

/**
 * The credentials factory botbuilder uses for the bot's own tokens: ours for a login authority
 * that is not Microsoft's, else the one ConfigurationBotFrameworkAuthentication would make.
 * Made here so the file downloader gets its tokens from the same factory as the connector calls.
 */
export function botCredentialsFactory(c: BotCredentials, e: BotFrameworkEndpoints): ServiceClientCredentialsFactory {
  return credentialsFactoryFor(c, e) ?? new ConfigurationServiceClientCredentialFactory({ MicrosoftAppId: c.appId, MicrosoftAppPassword: c.appPassword, MicrosoftAppType: c.appType, MicrosoftAppTenantId: c.tenantId });
}

/**
 * The bearer token the bot calls the Bot Connector with (same app id, scope and login as
 * botbuilder's ConnectorFactory; AppCredentials caches it until it nears expiry). Undefined
 * with authentication off: no app id, no token.
 */
export function botTokenSource(c: BotCredentials, e: BotFrameworkEndpoints, factory: ServiceClientCredentialsFactory): (() => Promise<string>) | undefined {
  if (!c.appId) return undefined;
  const config = botFrameworkConfiguration(c, e);
  let credentials: Promise<AppCredentials> | null = null;
  const load = async () => {
    const made = await factory.createCredentials(c.appId, String(config.ToChannelFromBotOAuthScope), String(config.ToChannelFromBotLoginUrl), true);
    if (!(made instanceof AppCredentials)) throw new Error('the Bot Framework credentials give no bearer token');
    return made;
  };
  return async () => {
    credentials ??= load().catch((err: unknown) => {
      credentials = null;
      throw err;
    });
    return (await credentials).getToken();
  };
}
