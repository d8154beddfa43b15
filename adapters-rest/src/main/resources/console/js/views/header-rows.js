// An editor for a map of HTTP headers: one row per header, added and removed with buttons. For encrypted headers
// the values are write-only: stored ones are listed by name with an empty value to fill in.
import { h, replace, uid } from '../dom.js';
import { group } from './parts.js';

export function headerRows(legend, rows, { writeOnly = false, hint } = {}) {
  const list = h('div', { class: 'header-rows' });
  const empty = h('p', { class: 'muted empty-rows' }, writeOnly ? 'No encrypted headers.' : 'No headers.');
  const add = h('button', { type: 'button', class: 'button small' }, writeOnly ? 'Add encrypted header' : 'Add header');
  let touched = false;
  const columns = h('div', { class: 'header-columns', 'aria-hidden': 'true' }, h('span', {}, 'Name'),
    h('span', {}, writeOnly ? 'Value (write-only)' : 'Value'));
  const refresh = () => {
    empty.hidden = list.children.length > 0;
    columns.hidden = list.children.length === 0;
    list.querySelectorAll('.header-row').forEach((line, index) => {
      line.querySelector('.name-label').textContent = `Name of ${writeOnly ? 'encrypted ' : ''}header ${index + 1}`;
      line.querySelector('.value-label').textContent = `Value of ${writeOnly ? 'encrypted ' : ''}header ${index + 1}`;
      line.querySelector('.remove').setAttribute('aria-label', `Remove ${writeOnly ? 'encrypted ' : ''}header ${index + 1}`);
    });
  };
  const touch = () => {
    touched = true;
  };
  const addRow = ({ name = '', value = '', stored = false } = {}, focus = false) => {
    const nameId = uid('header-name');
    const valueId = uid('header-value');
    const nameInput = h('input', {
      id: nameId, class: 'mono header-name', value: name, autocomplete: 'off', spellcheck: 'false', oninput: touch,
      placeholder: 'Name',
    });
    const valueInput = h('input', {
      id: valueId, class: 'mono header-value', type: writeOnly ? 'password' : 'text', value: writeOnly ? '' : value,
      autocomplete: writeOnly ? 'new-password' : 'off', spellcheck: 'false', oninput: touch,
      placeholder: stored ? 'stored: type a value to replace it' : 'Value',
    });
    const remove = h('button', { type: 'button', class: 'button small quiet remove' }, 'Remove');
    const line = h('div', { class: 'header-row' },
      h('label', { for: nameId, class: 'visually-hidden name-label' }), nameInput,
      h('label', { for: valueId, class: 'visually-hidden value-label' }), valueInput, remove);
    line.dataset.stored = String(stored);
    remove.addEventListener('click', () => {
      line.remove();
      touch();
      refresh();
      add.focus();
    });
    list.append(line);
    refresh();
    if (focus) {
      nameInput.focus();
    }
  };
  rows.forEach((row) => addRow(row));
  add.addEventListener('click', () => {
    touch();
    addRow({}, true);
  });
  const fieldset = group(legend, [columns, list, empty, add], { hint, className: 'headers' });
  refresh();
  return {
    ...fieldset,
    touched: () => touched,
    /** The rows with a name or a value; blank rows are left out. */
    read: () => [...list.querySelectorAll('.header-row')].map((line) => ({
      name: line.querySelector('.header-name').value.trim(),
      value: line.querySelector('.header-value').value,
      stored: line.dataset.stored === 'true',
    })).filter((row) => row.name || row.value),
    focus: () => (list.querySelector('input') || add).focus(),
    clear: () => replace(list),
  };
}

/** The rows as a header map; a repeated name (headers are case-insensitive) is an error, as in the API. */
export function headerMap(rows, field) {
  const map = {};
  const seen = new Set();
  for (const { name, value } of rows) {
    const key = name.toLowerCase();
    if (seen.has(key)) {
      throw new Error(`'${field}' has the header '${name}' more than once (names are case-insensitive)`);
    }
    seen.add(key);
    map[name] = value;
  }
  return map;
}
