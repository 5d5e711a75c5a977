/** Escapes text for HTML or XML content and attribute values: the JSX runtime's, and markup written as strings (feeds, kept option lists). */
const entities: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

const needsEscape = /[&<>"']/;
const specials = /[&<>"']/g;

/** Most text holds none of the five characters; testing first spares the replacement (the views escape every text). */
export const escapeHtml = (text: string): string => (needsEscape.test(text) ? text.replace(specials, (ch) => entities[ch] ?? ch) : text);
