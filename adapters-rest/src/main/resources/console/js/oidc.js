// "Sign in with ...": the OpenID Connect authorization code flow with PKCE (S256), state and nonce, run in the
// browser. The code is exchanged at the provider's token endpoint from this page; the token the configuration names
// (id_token or access_token) becomes the bearer token for the API, which verifies it against the provider's keys.

const PENDING = 'webhooks-console.oidc';

/** A failed sign-in, in the shape of the API's error envelope so that it is shown the same way. */
export class SignInError extends Error {
  constructor(title, detail) {
    super(detail);
    this.errors = [{ code: 'SIGN_IN_FAILED', title, detail }];
    this.traceId = null;
  }
}

/** Whether this page load is the provider sending the browser back. */
export function isCallback() {
  const params = new URLSearchParams(location.search);
  return params.has('state') && (params.has('code') || params.has('error'));
}

/** Sends the browser to the provider's authorization endpoint. */
export async function start(oidc) {
  const failed = `Signing in with ${oidc.providerName} failed`;
  if (!crypto.subtle) {
    throw new SignInError(failed, 'the console must be opened over HTTPS (or on localhost) to sign in with a provider');
  }
  const metadata = await discover(oidc, failed);
  const pending = {
    state: random(), nonce: random(), verifier: random(), tokenEndpoint: metadata.token_endpoint,
    redirectUri: redirectUri(oidc), returnTo: location.hash,
  };
  const url = new URL(metadata.authorization_endpoint);
  const params = {
    response_type: 'code', client_id: oidc.clientId, redirect_uri: pending.redirectUri, scope: oidc.scopes,
    state: pending.state, nonce: pending.nonce, code_challenge: await challenge(pending.verifier),
    code_challenge_method: 'S256',
  };
  Object.entries(params).forEach(([name, value]) => url.searchParams.set(name, value));
  sessionStorage.setItem(PENDING, JSON.stringify(pending));
  location.assign(url.toString());
}

/** Finishes a sign-in the provider sent back: checks state and nonce, exchanges the code, returns the token. */
export async function complete(oidc) {
  const params = new URLSearchParams(location.search);
  const pending = readPending();
  // The code and state leave the address bar (and the history) before anything else happens.
  history.replaceState(null, '', `${location.pathname}${pending?.returnTo || ''}`);
  const failed = `Signing in with ${oidc?.providerName || 'the provider'} failed`;
  if (!oidc) {
    throw new SignInError(failed, 'no OpenID Connect provider is configured for this console');
  }
  if (!pending || params.get('state') !== pending.state) {
    throw new SignInError(failed, 'the answer does not belong to a sign-in started in this tab; start again');
  }
  if (params.has('error')) {
    throw new SignInError(failed, `${oidc.providerName} answered: ${params.get('error_description') || params.get('error')}`);
  }
  const tokens = await exchange(oidc, pending, params.get('code'), failed);
  checkIdToken(tokens.id_token, oidc, pending.nonce, failed);
  const chosen = tokens[oidc.token];
  if (typeof chosen !== 'string' || !chosen) {
    throw new SignInError(failed, `${oidc.providerName} returned no ${oidc.token}`);
  }
  return chosen;
}

function readPending() {
  const text = sessionStorage.getItem(PENDING);
  sessionStorage.removeItem(PENDING);
  try {
    return text ? JSON.parse(text) : null;
  } catch {
    return null;
  }
}

async function discover(oidc, failed) {
  const url = `${oidc.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  const metadata = await fetchJson(url, { credentials: 'omit' }, failed, 'its discovery document could not be read');
  if (metadata.issuer !== oidc.issuer) {
    throw new SignInError(failed, `the discovery document names the issuer ${metadata.issuer}, not ${oidc.issuer}`);
  }
  if (!metadata.authorization_endpoint || !metadata.token_endpoint) {
    throw new SignInError(failed, 'the discovery document lacks the authorization or token endpoint');
  }
  const methods = metadata.code_challenge_methods_supported;
  if (Array.isArray(methods) && !methods.includes('S256')) {
    throw new SignInError(failed, 'the provider does not support PKCE with S256');
  }
  return metadata;
}

async function exchange(oidc, pending, code, failed) {
  const body = new URLSearchParams({
    grant_type: 'authorization_code', code, redirect_uri: pending.redirectUri, client_id: oidc.clientId,
    code_verifier: pending.verifier,
  });
  return fetchJson(pending.tokenEndpoint, {
    method: 'POST', body, credentials: 'omit', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  }, failed, 'the token endpoint could not be reached');
}

async function fetchJson(url, options, failed, unreachable) {
  let response;
  try {
    response = await fetch(url, { ...options, cache: 'no-store' });
  } catch {
    throw new SignInError(failed, unreachable);
  }
  let json = null;
  try {
    json = await response.json();
  } catch {
    // handled below
  }
  if (!response.ok || !json || typeof json !== 'object') {
    const said = json && (json.error_description || json.error);
    throw new SignInError(failed, said ? `the provider answered: ${said}` : `the provider answered HTTP ${response.status}`);
  }
  return json;
}

/** The ID token came straight from the token endpoint over TLS: its issuer, audience, nonce and expiry are checked. */
function checkIdToken(idToken, oidc, nonce, failed) {
  const claims = payload(idToken);
  if (!claims) {
    throw new SignInError(failed, 'the provider returned no readable ID token');
  }
  const audience = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (claims.iss !== oidc.issuer || !audience.includes(oidc.clientId)) {
    throw new SignInError(failed, 'the ID token was issued by another issuer or for another client');
  }
  if (claims.nonce !== nonce) {
    throw new SignInError(failed, 'the ID token does not carry the nonce of this sign-in');
  }
  if (typeof claims.exp !== 'number' || claims.exp * 1000 < Date.now()) {
    throw new SignInError(failed, 'the ID token has expired');
  }
}

function payload(jwt) {
  try {
    const part = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(part), (c) => c.charCodeAt(0))));
  } catch {
    return null;
  }
}

function redirectUri(oidc) {
  return new URL(oidc.redirectPath, location.origin).toString();
}

function random() {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

async function challenge(verifier) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

function base64url(bytes) {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
