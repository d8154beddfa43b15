// Pieces several views share: breadcrumbs, tables that turn into cards on narrow screens, paging, the confirmation
// dialog and labelled form fields.
import { h, replace, uid } from '../dom.js';
import { errorBox } from '../errors.js';

/** A trail of [label, href] links; the last entry is the current page. */
export function breadcrumbs(...trail) {
  return h('nav', { class: 'breadcrumbs', 'aria-label': 'Breadcrumb' },
    h('ol', {}, trail.map(([label, href], index) => h('li', {},
      index === trail.length - 1 || !href ? h('span', { 'aria-current': 'page' }, label) : h('a', { href }, label)))));
}

/** A table whose rows are cards below 700 px; each cell carries its column's name for that layout, and one box for its content. */
export function table(caption, columns, rows) {
  return h('div', { class: 'table-wrap' },
    h('table', { class: 'data' },
      h('caption', { class: 'visually-hidden' }, caption),
      h('thead', {}, h('tr', {}, columns.map((column) => h('th', { scope: 'col', class: column.class },
        column.hidden ? h('span', { class: 'visually-hidden' }, column.label) : column.label)))),
      h('tbody', {}, rows.map((row) => h('tr', { class: row.class },
        columns.map((column, index) => h('td', { 'data-label': column.hidden ? null : column.label, class: column.class },
          h('div', { class: 'cell' }, row.cells[index]))))))));
}

/** Previous / next page links from the list answer's cursors. */
export function paging(label, previousHref, nextHref) {
  const link = (text, href, rel) => (href
    ? h('a', { class: 'button', href, rel }, text)
    : h('button', { type: 'button', class: 'button', disabled: true }, text));
  return h('nav', { class: 'paging', 'aria-label': label },
    link('← Previous', previousHref, 'prev'), link('Next →', nextHref, 'next'));
}

/** A modal question; the action runs on confirmation, and its error is shown in the dialog. */
export function confirmAction({ title, message, confirmLabel, busyLabel, action }) {
  return new Promise((resolve) => {
    const opener = document.activeElement;
    const titleId = uid('dialog-title');
    const problem = h('div', { class: 'dialog-error' });
    const cancel = h('button', { type: 'button', class: 'button' }, 'Cancel');
    const confirm = h('button', { type: 'button', class: 'button danger' }, confirmLabel);
    const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': titleId },
      h('h2', { id: titleId }, title), h('p', {}, message), problem, h('div', { class: 'actions' }, cancel, confirm));
    const close = (done) => {
      dialog.close();
      dialog.remove();
      if (opener?.isConnected) {
        opener.focus();
      }
      resolve(done);
    };
    cancel.addEventListener('click', () => close(false));
    dialog.addEventListener('cancel', (event) => {
      event.preventDefault();
      close(false);
    });
    confirm.addEventListener('click', async () => {
      confirm.disabled = true;
      cancel.disabled = true;
      confirm.textContent = busyLabel;
      try {
        await action();
        close(true);
      } catch (failure) {
        replace(problem, errorBox(failure));
        confirm.disabled = false;
        cancel.disabled = false;
        confirm.textContent = confirmLabel;
      }
    });
    document.body.append(dialog);
    dialog.showModal();
    cancel.focus();
  });
}

/**
 * A labelled control with its hint and error slot. The error slot is tied to the control with aria-describedby,
 * and setError() marks the control invalid.
 */
export function field(label, control, { hint, id = uid('field') } = {}) {
  control.id = control.id || id;
  const hintId = `${control.id}-hint`;
  const errorId = `${control.id}-error`;
  const error = h('div', { class: 'field-error', id: errorId, hidden: true });
  control.setAttribute('aria-describedby', `${hint ? `${hintId} ` : ''}${errorId}`);
  const wrapper = h('div', { class: 'field' },
    h('label', { for: control.id }, label), control, hint ? h('p', { class: 'hint', id: hintId }, hint) : null, error);
  return {
    element: wrapper,
    control,
    setError: (content) => setError(control, error, content),
  };
}

/** A fieldset (radios, checkboxes, rows) with its legend, hint and error slot. */
export function group(legend, content, { hint, className = '' } = {}) {
  const errorId = uid('group-error');
  const hintId = uid('group-hint');
  const error = h('div', { class: 'field-error', id: errorId, hidden: true });
  const fieldset = h('fieldset', { class: `field group ${className}`, 'aria-describedby': `${hint ? `${hintId} ` : ''}${errorId}` },
    h('legend', {}, legend), hint ? h('p', { class: 'hint', id: hintId }, hint) : null, content, error);
  return { element: fieldset, control: fieldset, setError: (message) => setError(fieldset, error, message) };
}

function setError(control, slot, content) {
  slot.hidden = !content;
  replace(slot, content || '');
  if (content) {
    control.setAttribute('aria-invalid', 'true');
  } else {
    control.removeAttribute('aria-invalid');
  }
}

/** A checkbox with its label after it. */
export function checkbox(label, { checked, disabled, hint, name } = {}) {
  const id = uid('check');
  const input = h('input', { type: 'checkbox', id, name, checked, disabled });
  const hintId = `${id}-hint`;
  if (hint) {
    input.setAttribute('aria-describedby', hintId);
  }
  const element = h('div', { class: 'check' }, input, h('label', { for: id }, label),
    hint ? h('p', { class: 'hint', id: hintId }, hint) : null);
  return { element, input };
}

/** A select with [value, label] options. */
export function select(options, selected, props = {}) {
  return h('select', props, options.map(([value, label]) => h('option', { value, selected: value === selected }, label)));
}
