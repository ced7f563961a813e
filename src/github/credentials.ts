import { isHttpError } from './retry.js';

/**
 * What went wrong when the app asked GitHub who it is (`GET /app`, signed with its private key), in
 * one line that says what to do; null when the failure says nothing about the credentials (GitHub
 * or the network did not answer: worth asking again, not a setup error).
 */
export function credentialProblem(error: unknown): string | null {
  if (isHttpError(error)) {
    if (error.status === 401 || error.status === 404) {
      return `GitHub refused the app's credentials (${error.status}): APP_ID and the private key do not belong to the same GitHub App, or the key was deleted. Set APP_ID to the App ID on the app's settings page and PRIVATE_KEY_PATH to a private key generated there.`;
    }
    return null;
  }
  const message = (error as Error)?.message ?? String(error);
  if (/pem|private key|asn1|decoder|unsupported key|secretOrPrivateKey|invalid key/i.test(message)) {
    return `The private key cannot be used (${message.slice(0, 200)}): set PRIVATE_KEY_PATH to the .pem file GitHub generated for the app, or PRIVATE_KEY to its whole text, BEGIN and END lines included.`;
  }
  return null;
}
