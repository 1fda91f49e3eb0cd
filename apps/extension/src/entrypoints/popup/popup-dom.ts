type Attributes = Record<string, string | ((event: Event) => void)>;

/** A tiny element builder: text goes in as text nodes, never as HTML. */
export function el(tag: string, attributes: Attributes, ...children: (Node | string)[]): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (typeof value === 'function') element.addEventListener(name.replace(/^on/, ''), value);
    else if (name === 'className') element.className = value;
    else element.setAttribute(name, value);
  }
  element.append(...children);
  return element;
}
