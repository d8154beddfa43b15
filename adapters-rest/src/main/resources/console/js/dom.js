// Builds the page with DOM APIs only. Strings always become text nodes or attribute values, never markup: nothing a
// tenant typed can be read as HTML (the page's Trusted Types policy would refuse it anyway).

const SVG = 'http://www.w3.org/2000/svg';

/** An HTML element with attributes, event handlers (onclick: fn) and children (nodes or strings). */
export function h(tag, props, ...children) {
  return build(document.createElement(tag), props, children);
}

/** An SVG element, the same way. */
export function svg(tag, props, ...children) {
  return build(document.createElementNS(SVG, tag), props, children);
}

function build(element, props, children) {
  let value;
  for (const [key, given] of Object.entries(props || {})) {
    if (given === undefined || given === null || given === false) {
      continue;
    }
    if (key === 'value') {
      value = given;
    } else if (key.startsWith('on') && typeof given === 'function') {
      element.addEventListener(key.slice(2).toLowerCase(), given);
    } else {
      element.setAttribute(key, given === true ? '' : String(given));
    }
  }
  append(element, children);
  if (value !== undefined) {
    element.value = value;
  }
  return element;
}

/** Appends nodes and strings (as text); nested arrays are flattened, null and false skipped. */
export function append(element, children) {
  for (const child of [children].flat(Infinity)) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

/** Replaces an element's children. */
export function replace(element, ...children) {
  element.replaceChildren();
  return append(element, children);
}

let ids = 0;

/** A unique id for label/control pairs. */
export function uid(prefix) {
  ids += 1;
  return `${prefix}-${ids}`;
}

/** A polite status line, for loading and progress messages. */
export function loading(text) {
  return h('p', { class: 'loading', role: 'status' }, text);
}

/** Text only screen readers read. */
export function hidden(text) {
  return h('span', { class: 'visually-hidden' }, text);
}
