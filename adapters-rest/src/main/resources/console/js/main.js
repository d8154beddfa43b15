// The console's entry point: reads its configuration, finishes a provider sign-in, and shows the view of the
// location hash, or the sign-in form while no token is held.
import { h, replace } from './dom.js';
import * as api from './api.js';
import * as session from './session.js';
import * as oidc from './oidc.js';
import { route, webhooksHref } from './router.js';
import { errorBox } from './errors.js';
import { signInView } from './views/sign-in.js';
import { webhooksView } from './views/webhooks.js';
import { webhookFormView } from './views/webhook-form.js';
import { deliveriesView } from './views/deliveries.js';
import { deliveryView } from './views/delivery.js';

const VIEWS = {
  webhooks: webhooksView,
  'new-webhook': webhookFormView,
  webhook: webhookFormView,
  deliveries: deliveriesView,
  delivery: deliveryView,
};

const main = document.getElementById('main');
let config = { claims: null, oidc: null };
let generation = 0;
let flash = null;
let signInFailure = null;

async function start() {
  config = await readConfig();
  session.configure(config.claims, () => {
    api.forgetCatalog();
    render();
  });
  document.getElementById('sign-out').addEventListener('click', () => session.signOut());
  window.addEventListener('hashchange', render);
  if (oidc.isCallback()) {
    await finishProviderSignIn();
  }
  session.watchExpiry();
  render();
}

async function readConfig() {
  try {
    const response = await fetch('config.json', { cache: 'no-store', credentials: 'omit' });
    const read = await response.json();
    if (read.oidc) {
      read.oidc.redirectPath = read.redirectPath;
    }
    return read;
  } catch {
    return config;
  }
}

async function finishProviderSignIn() {
  try {
    const token = await oidc.complete(config.oidc);
    await api.call('GET', '/api/v1/webhooks/event-types', { token });
    session.signIn(token);
  } catch (failure) {
    signInFailure = failure;
  }
}

function render() {
  generation += 1;
  const current = generation;
  const context = {
    config,
    isCurrent: () => current === generation,
    flash: (message) => {
      flash = message;
    },
    takeFlash: () => {
      const message = flash;
      flash = null;
      return message ? h('p', { class: 'notice', role: 'status' }, message) : null;
    },
    rerender: render,
  };
  showIdentity();
  if (!session.token()) {
    const failure = signInFailure;
    signInFailure = null;
    signInView(main, context, { reason: session.takeReason(), failure });
  } else {
    const where = route(location.hash);
    const view = VIEWS[where.view] || notFound;
    Promise.resolve(view(main, where, context)).catch((failure) => {
      if (context.isCurrent()) {
        replace(main, h('h1', { tabindex: '-1' }, 'Something went wrong'), errorBox(failure));
      }
    });
  }
  window.scrollTo(0, 0);
  main.querySelector('h1')?.focus();
}

function notFound(container) {
  replace(container, h('h1', { tabindex: '-1' }, 'Page not found'),
    h('p', {}, 'There is nothing at this address. ', h('a', { href: webhooksHref() }, 'Go to the webhooks.')));
}

function showIdentity() {
  const who = session.token() ? session.identity() : null;
  document.getElementById('session').hidden = !session.token();
  const label = document.getElementById('who');
  if (!who) {
    replace(label);
    return;
  }
  replace(label, who.user ? h('span', { class: 'user' }, String(who.user)) : null,
    who.tenant ? h('span', { class: 'tenant' }, String(who.tenant)) : null,
    who.roles.length ? h('span', { class: 'roles' }, who.roles.join(', ')) : null);
}

start();
