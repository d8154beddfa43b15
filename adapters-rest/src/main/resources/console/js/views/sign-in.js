// The sign-in form: a bearer token pasted into "Access token", or "Sign in with ..." an OpenID Connect provider.
import { h, replace } from '../dom.js';
import * as api from '../api.js';
import * as session from '../session.js';
import * as oidc from '../oidc.js';
import { errorBox, errorLine } from '../errors.js';

export function signInView(main, context, { reason, failure }) {
  const provider = context.config.oidc;
  const input = h('input', {
    id: 'access-token', name: 'access-token', type: 'password', autocomplete: 'off', spellcheck: 'false',
    'aria-describedby': 'access-token-hint access-token-error',
  });
  const fieldError = h('p', { class: 'field-error', id: 'access-token-error', hidden: true });
  const formError = h('div', { class: 'form-error' });
  const submit = h('button', { type: 'submit', class: 'button primary' }, 'Sign in');
  const form = h('form', { class: 'sign-in-form', novalidate: true, 'aria-label': 'Sign in with an access token' },
    h('div', { class: 'field' },
      h('label', { for: 'access-token' }, 'Access token'),
      input,
      h('p', { class: 'hint', id: 'access-token-hint' },
        'A bearer token (JWT) the service accepts, for example from ',
        h('code', {}, 'java -jar webhooks.jar token --tenant acme --user alice --role TenantAdmin config.yml'),
        '. It is kept in this tab only and forgotten when you sign out or close the tab.'),
      fieldError),
    formError,
    submit);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    signInWithToken(input, submit, fieldError, formError, context);
  });
  replace(main, h('section', { class: 'card sign-in' },
    h('h1', { tabindex: '-1' }, 'Sign in to the webhooks console'),
    reason ? h('p', { class: 'warning', role: 'alert' }, reason) : null,
    failure ? errorBox(failure) : null,
    provider ? providerButton(provider) : null,
    provider ? h('p', { class: 'separator' }, h('span', {}, 'or')) : null,
    form));
}

function providerButton(provider) {
  const problem = h('div', { class: 'form-error' });
  const button = h('button', { type: 'button', class: 'button primary wide', id: 'sign-in-oidc' },
    `Sign in with ${provider.providerName}`);
  button.addEventListener('click', async () => {
    button.disabled = true;
    replace(problem);
    try {
      await oidc.start(provider);
    } catch (failure) {
      replace(problem, errorBox(failure));
      button.disabled = false;
    }
  });
  return h('div', { class: 'provider' }, button, problem);
}

async function signInWithToken(input, submit, fieldError, formError, context) {
  const token = input.value.trim().replace(/^Bearer\s+/i, '');
  showFieldError(input, fieldError, null);
  replace(formError);
  if (!token) {
    showFieldError(input, fieldError, 'Paste a token to sign in.');
    input.focus();
    return;
  }
  submit.disabled = true;
  submit.textContent = 'Checking the token…';
  try {
    await api.call('GET', '/api/v1/webhooks/event-types', { token });
    input.value = '';
    session.signIn(token);
    context.rerender();
  } catch (failure) {
    if (failure.status === 401) {
      showFieldError(input, fieldError, ['The service refused this token. ', failure.errors.map(errorLine)]);
      input.focus();
    } else {
      replace(formError, errorBox(failure, 'The token could not be checked.'));
    }
  } finally {
    submit.disabled = false;
    submit.textContent = 'Sign in';
  }
}

function showFieldError(input, slot, message) {
  slot.hidden = !message;
  replace(slot, message || '');
  if (message) {
    input.setAttribute('aria-invalid', 'true');
  } else {
    input.removeAttribute('aria-invalid');
  }
}
