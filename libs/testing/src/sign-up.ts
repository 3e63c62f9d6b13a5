import { Shop } from './shop-client';

/** The default ADMIN_EMAILS entry: signing up with it makes an ADMIN. */
export const ADMIN_EMAIL = 'admin@agora.local';

/** Signs a user up through the gateway and returns the Authorization header of its token. */
export async function signUp(
  gatewayUrl: string,
  email: string,
  name: string,
): Promise<{ id: string; role: string; headers: Record<string, string> }> {
  const { id, role, token } = await new Shop(gatewayUrl).signUp(email, name);
  return { id, role, headers: { authorization: `Bearer ${token}` } };
}
