export { JWKS_PATH, TOKEN_ALGORITHM, TOKEN_AUDIENCE, TOKEN_ISSUER } from './auth.constants';
export { InvalidTokenError, KeysUnavailableError } from './auth.errors';
export { type AuthenticatedRequest, authenticate } from './auth.middleware';
export { AuthModule, type AuthModuleAsyncOptions } from './auth.module';
export { CurrentViewer } from './current-viewer.decorator';
export { requireAdmin, requireOwnerOrAdmin, requireViewer } from './require';
export { bearerToken, type KeySource, TokenVerifier } from './token-verifier';
export { isAdmin, type Viewer } from './viewer';
export { requireGatewayCredential, SUBGRAPH_CREDENTIAL_HEADER } from './gateway-credential';
