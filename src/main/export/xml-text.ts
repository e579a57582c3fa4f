/** Characters XML 1.0 cannot carry at all: C0 controls other than tab, LF and CR. */
const CONTROLS = '\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\uFFFE\\uFFFF';
const FORBIDDEN = new RegExp(`[${CONTROLS}]`, 'g');
const SPECIAL = new RegExp(`[&<>"${CONTROLS}]`);
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Text made safe for an XML element or attribute; forbidden control characters are dropped. */
export function xmlText(text: string): string {
  if (!SPECIAL.test(text)) return text;
  return text.replace(FORBIDDEN, '').replace(/[&<>"]/g, (char) => ENTITIES[char] ?? char);
}
