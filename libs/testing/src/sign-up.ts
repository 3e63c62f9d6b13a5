import { graphql } from './graphql-client';

const SIGN_UP = 'mutation ($input: SignUpInput!) { signUp(input: $input) { token user { id role } } }';

/** The default ADMIN_EMAILS entry: signing up with it makes an ADMIN. */
export const ADMIN_EMAIL = 'admin@agora.local';

/** Signs a user up through the gateway and returns the Authorization header of its token. */
export async function signUp(
  gatewayUrl: string,
  email: string,
  name: string,
): Promise<{ id: string; role: string; headers: Record<string, string> }> {
  const response = await graphql<{ signUp: { token: string; user: { id: string; role: string } } }>(gatewayUrl, SIGN_UP, {
    input: { email, password: 'correct horse battery', name },
  });
  if (!response.data?.signUp) throw new Error(`signUp failed: ${JSON.stringify(response.errors)}`);
  const { token, user } = response.data.signUp;
  return { ...user, headers: { authorization: `Bearer ${token}` } };
}
