// The bearer token lives in this tab's sessionStorage only: never in a URL, a cookie or a log. It is gone when the
// tab closes or the user signs out.

const TOKEN = 'webhooks-console.token';
const MAX_TIMER = 2 ** 31 - 1;

let claimNames = { userId: 'sub', tenantId: 'tenantId', roles: 'roles' };
let expiryTimer;
let signedOut = () => {};
let reason = '';

export function configure(claims, onSignedOut) {
  claimNames = claims || claimNames;
  signedOut = onSignedOut;
}

export function token() {
  return sessionStorage.getItem(TOKEN);
}

/** Keeps the token and signs out by itself when it expires. */
export function signIn(value) {
  sessionStorage.setItem(TOKEN, value);
  reason = '';
  watchExpiry();
}

/** Forgets the token; the sign-in form then shows why, when there is a reason. */
export function signOut(why = '') {
  sessionStorage.removeItem(TOKEN);
  clearTimeout(expiryTimer);
  reason = why;
  signedOut();
}

/** The reason of the last sign-out, once. */
export function takeReason() {
  const taken = reason;
  reason = '';
  return taken;
}

/** Who the token says the user is, when it is a JWT; nothing is verified here (the API does that). */
export function identity() {
  const payload = claims(token());
  if (!payload) {
    return null;
  }
  const roles = payload[claimNames.roles];
  return {
    user: payload[claimNames.userId],
    tenant: payload[claimNames.tenantId],
    roles: Array.isArray(roles) ? roles.map(String) : [],
    expires: typeof payload.exp === 'number' ? payload.exp * 1000 : null,
  };
}

export function isTenantAdmin() {
  const who = identity();
  return !who || who.roles.includes('TenantAdmin');
}

/** A JWT's payload, or null for anything else. */
export function claims(jwt) {
  const parts = (jwt || '').split('.');
  if (parts.length !== 3) {
    return null;
  }
  try {
    const base64 = parts[1].replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const payload = JSON.parse(new TextDecoder().decode(bytes));
    return payload && typeof payload === 'object' ? payload : null;
  } catch {
    return null;
  }
}

export function watchExpiry() {
  clearTimeout(expiryTimer);
  const expires = identity()?.expires;
  if (!token() || !expires) {
    return;
  }
  const left = expires - Date.now();
  if (left <= 0) {
    signOut('Your token has expired. Sign in again.');
    return;
  }
  expiryTimer = setTimeout(() => signOut('Your token has expired. Sign in again.'), Math.min(left, MAX_TIMER));
}
