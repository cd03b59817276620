/**
 * antd's Select, TreeSelect and AutoComplete render their `role="listbox"` popups (`<id>_list`)
 * without an accessible name — a known screen-reader gap (axe: aria-input-field-name). This
 * names each such listbox after the visible label of its field (`<label for="<id>">`), or after
 * the field's own aria-label, whenever antd adds one to the page.
 */
function nameListbox(listbox: Element): void {
  if (listbox.hasAttribute('aria-label') || listbox.hasAttribute('aria-labelledby')) return;
  const id = listbox.id.replace(/_list$/, '');
  if (!id) return;
  const label = document.querySelector(`label[for="${CSS.escape(id)}"]`);
  if (label) {
    if (!label.id) label.id = `${id}-label`;
    listbox.setAttribute('aria-labelledby', label.id);
    return;
  }
  const field = document.getElementById(id);
  const name = field?.getAttribute('aria-label') ?? field?.closest('[aria-label]')?.getAttribute('aria-label');
  if (name) listbox.setAttribute('aria-label', name);
}

function scan(root: ParentNode): void {
  if (root instanceof Element && root.matches('[role="listbox"][id$="_list"]')) nameListbox(root);
  root.querySelectorAll('[role="listbox"][id$="_list"]').forEach(nameListbox);
}

export function installListboxNames(): () => void {
  scan(document);
  const observer = new MutationObserver((mutations) => {
    for (const m of mutations) {
      for (const node of m.addedNodes) if (node instanceof Element) scan(node);
    }
  });
  observer.observe(document.body, { childList: true, subtree: true });
  return () => observer.disconnect();
}
